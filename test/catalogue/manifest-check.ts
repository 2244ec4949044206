/**
 * Checks a catalogue entry against PlatformIO's own board manifest (the JSON
 * files of platform-espressif32, platform-espressif8266 and
 * maxgerhardt/platform-raspberrypi, copied to shared/reference). Pure apart
 * from reading the files, so a wrong entry can be shown to fail.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { Board } from '../../src/catalogue/boards.js';
import { REFERENCE_DIR } from '../shared-data.js';

export interface PioManifest {
  name: string;
  frameworks: string[];
  build: { mcu: string; hwids?: [string, string][] };
  upload: { maximum_size: number; maximum_ram_size: number };
}

/** <repo>/../shared/reference/platformio-boards. */
export const MANIFESTS_ROOT = path.join(REFERENCE_DIR, 'platformio-boards');

export function requireManifestsRoot(root: string = MANIFESTS_ROOT): string {
  if (!existsSync(path.join(root, 'espressif32', 'esp32dev.json'))) {
    throw new Error(
      `The PlatformIO board manifests are missing: expected them in ${root} ` +
        '(shared/reference/platformio-boards next to the repository). The catalogue is checked against them; restore shared/ to run these tests.',
    );
  }
  return root;
}

export function readManifest(root: string, platform: string, boardId: string): PioManifest | undefined {
  const file = path.join(root, platform, `${boardId}.json`);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as PioManifest;
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** Every way `board` disagrees with its manifest; empty when it agrees. */
export function checkBoardAgainstManifest(board: Board, manifest: PioManifest | undefined): string[] {
  const where = `${board.platform}/${board.platformioBoard}.json`;
  if (!manifest) return [`${board.id}: PlatformIO has no board ${where}`];

  const problems: string[] = [];
  for (const framework of board.frameworks) {
    if (!manifest.frameworks.includes(framework)) {
      problems.push(`${board.id}: framework ${framework} is not in ${where} (it lists ${manifest.frameworks.join(', ')})`);
    }
  }
  if (board.flashBytes !== manifest.upload.maximum_size) {
    problems.push(`${board.id}: flashBytes is ${board.flashBytes} but ${where} says upload.maximum_size ${manifest.upload.maximum_size}`);
  }
  if (board.ramBytes !== manifest.upload.maximum_ram_size) {
    problems.push(`${board.id}: ramBytes is ${board.ramBytes} but ${where} says upload.maximum_ram_size ${manifest.upload.maximum_ram_size}`);
  }
  if (board.chip !== manifest.build.mcu) {
    problems.push(`${board.id}: chip is ${board.chip} but ${where} says build.mcu ${manifest.build.mcu}`);
  }
  for (const [vid, pid] of manifest.build.hwids ?? []) {
    const v = Number.parseInt(vid, 16);
    const p = Number.parseInt(pid, 16);
    if (!board.usbIds.some((id) => id.vid === v && id.pid === p)) {
      problems.push(`${board.id}: usbIds lack ${hex4(v)}:${hex4(p)} from build.hwids of ${where}`);
    }
  }
  return problems;
}
