/**
 * Checks catalogue entries against PlatformIO's own board manifests (the JSON
 * files of platform-espressif32, platform-espressif8266 and
 * maxgerhardt/platform-raspberrypi, copied to shared/reference). It reads the
 * raw manifests and states what each must say about a board, written apart
 * from the derivation in src/catalogue/manifest-boards.ts so that one cannot
 * vouch for the other. Pure apart from reading the files, so a wrong entry can
 * be shown to fail.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { Board } from '../../src/catalogue/boards.js';
import type { UnsupportedBoard } from '../../src/catalogue/manifest-boards.js';
import { REFERENCE_DIR } from '../shared-data.js';

/** The fields of a manifest this check reads, as the files spell them. */
export interface RawManifest {
  name: string;
  vendor: string;
  frameworks: string[];
  build: {
    mcu: string;
    variant?: string;
    extra_flags?: string | string[];
    hwids?: [string, string][];
    psram_type?: string;
    arduino?: { memory_type?: string };
  };
  upload: { maximum_size: number; maximum_ram_size: number; flash_size?: string };
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

export function readManifest(root: string, platform: string, boardId: string): RawManifest | undefined {
  const file = path.join(root, platform, `${boardId}.json`);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as RawManifest;
}

/** "platform/id" of every manifest under root. */
export function manifestKeys(root: string): string[] {
  return ['espressif32', 'espressif8266', 'raspberrypi'].flatMap((platform) =>
    readdirSync(path.join(root, platform))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `${platform}/${f.slice(0, -5)}`),
  );
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');
const MIB = 1024 * 1024;
const flagsOf = (m: RawManifest): string => [m.build.extra_flags ?? []].flat().join(' ');

/** The flash chip the manifest names ("4MB"), or its maximum_size where it names none. */
function manifestFlash(m: RawManifest): number {
  const size = m.upload.flash_size;
  if (size === undefined) return m.upload.maximum_size;
  if (!size.endsWith('MB')) throw new Error(`unexpected flash_size ${size}`);
  return Number.parseInt(size, 10) * MIB;
}

/** Every way `board` disagrees with its manifest; empty when it agrees. */
export function checkBoardAgainstManifest(board: Board, manifest: RawManifest | undefined): string[] {
  const where = `${board.platform}/${board.platformioBoard}.json`;
  if (!manifest) return [`${board.id}: PlatformIO has no board ${where}`];

  const problems: string[] = [];
  const say = (text: string): void => {
    problems.push(`${board.id}: ${text}`);
  };
  // A board built as another (the C3 Super Mini) has its own name; the chip, frameworks and flash are the manifest's.
  if (board.id === board.platformioBoard) {
    if (board.name !== manifest.name && board.name !== `${manifest.vendor} ${manifest.name}`) {
      say(`name is '${board.name}' but ${where} says '${manifest.name}' by ${manifest.vendor}`);
    }
    if (board.vendor !== manifest.vendor) say(`vendor is '${board.vendor}' but ${where} says '${manifest.vendor}'`);
  }
  for (const framework of board.frameworks) {
    if (!manifest.frameworks.includes(framework)) {
      say(`framework ${framework} is not in ${where} (it lists ${manifest.frameworks.join(', ')})`);
    }
  }
  if (board.flashBytes !== manifestFlash(manifest)) {
    say(`flashBytes is ${board.flashBytes} but ${where} says ${manifest.upload.flash_size ?? `upload.maximum_size ${manifest.upload.maximum_size}`}`);
  }
  if (board.chip !== manifest.build.mcu) say(`chip is ${board.chip} but ${where} says build.mcu ${manifest.build.mcu}`);
  for (const [vid, pid] of manifest.build.hwids ?? []) {
    const v = Number.parseInt(vid, 16);
    const p = Number.parseInt(pid, 16);
    if (!board.usbIds.some((id) => id.vid === v && id.pid === p)) say(`usbIds lack ${hex4(v)}:${hex4(p)} from build.hwids of ${where}`);
  }
  problems.push(...psramProblems(board, manifest, where));
  return problems;
}

function psramProblems(board: Board, manifest: RawManifest, where: string): string[] {
  const problems: string[] = [];
  const flagged = /-DBOARD_HAS_PSRAM\b/.test(flagsOf(manifest));
  const octal = (manifest.build.arduino?.memory_type ?? '').endsWith('_opi') || manifest.build.psram_type === 'opi';
  const wrover = board.chip === 'esp32' && /wrover/i.test(manifest.name);
  if ((flagged || octal || wrover) && !board.psram) {
    problems.push(`${board.id}: psram is missing but ${where} ${flagged ? 'sets -DBOARD_HAS_PSRAM' : octal ? 'has octal PSRAM' : 'names a WROVER module'}`);
  }
  if (board.psram && !flagged && !octal && !wrover) problems.push(`${board.id}: psram is set but nothing in ${where} says the board has PSRAM`);
  if (board.psram && (board.psram.bus === 'octal') !== octal) {
    problems.push(`${board.id}: psram bus is ${board.psram.bus} but ${where} ${octal ? 'says octal' : 'says nothing of octal PSRAM'}`);
  }
  const bytes = board.psram?.bytes;
  if (bytes !== undefined && bytes !== null) {
    const mb = bytes / MIB;
    const stated = new RegExp(`(${mb}\\s*MB?\\s*PSRAM|N\\d+R${mb}\\b|R${mb}N\\d+)`, 'i').test(manifest.name);
    if (!stated && manifest.upload.maximum_ram_size - 327_680 !== bytes) {
      problems.push(`${board.id}: psram is ${mb} MB but neither the name nor maximum_ram_size of ${where} says so`);
    }
  }
  return problems;
}

/** Why the catalogue may leave a manifest out, stated against the manifest itself. */
export function checkUnsupported(entry: UnsupportedBoard, manifest: RawManifest | undefined): string[] {
  const where = `${entry.platform}/${entry.id}.json`;
  if (!manifest) return [`${entry.id}: PlatformIO has no board ${where}`];
  const holds: Record<UnsupportedBoard['reason'], boolean> = {
    chip: !['esp32', 'esp32s2', 'esp32s3', 'esp32c3', 'esp32c6', 'esp8266', 'rp2040'].includes(manifest.build.mcu),
    // arduino-pico's variants with the CYW43 include cyw43_wrappers.h; among the RP2040 ones that is rpipicow alone.
    'no-wifi': manifest.build.mcu === 'rp2040' && manifest.build.variant !== 'rpipicow',
    flash: manifest.build.mcu === 'esp8266' && manifest.upload.maximum_size < MIB,
    framework: !manifest.frameworks.some((f) => f === 'arduino' || f === 'espidf'),
  };
  return holds[entry.reason] ? [] : [`${entry.id}: left out as '${entry.reason}', which ${where} does not bear out`];
}
