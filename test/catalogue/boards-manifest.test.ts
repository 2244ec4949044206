import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { allBoards, findBoard, type Board } from '../../src/catalogue/boards.js';
import { deriveCatalogue, GENERATED_PATH, readManifestFiles, serializeCatalogue, type ManifestCatalogue } from '../../src/catalogue/manifest-boards.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { useScratch } from '../scratch.js';
import { describeWithShared } from '../shared-data.js';
import { checkBoardAgainstManifest, checkUnsupported, manifestKeys, readManifest, requireManifestsRoot } from './manifest-check.js';

const scratch = useScratch('hc-manifests');
const committedText = (): string => readFileSync(path.join(PACKAGE_ROOT, GENERATED_PATH), 'utf8');
const committed = (): ManifestCatalogue => JSON.parse(committedText()) as ManifestCatalogue;

let root: string;

function check(board: Board): string[] {
  return checkBoardAgainstManifest(board, readManifest(root, board.platform, board.platformioBoard));
}

function board(id: string): Board {
  const found = findBoard(id);
  if (!found) throw new Error(`no board ${id} in the catalogue`);
  return found;
}

function rederive(from: string): string {
  const { files, sources } = readManifestFiles(from);
  return serializeCatalogue(deriveCatalogue(files, sources));
}

describeWithShared('the catalogue agrees with the PlatformIO manifests', () => {
  beforeAll(() => {
    root = requireManifestsRoot();
  });

  it('every board matches its manifest file', () => {
    expect(allBoards().flatMap(check)).toEqual([]);
  });

  it('every manifest is either a board or left out for a reason the manifest bears out', () => {
    const data = committed();
    const accounted = [...data.boards, ...data.unsupported].map((b) => `${b.platform}/${b.id}`).sort();
    expect(accounted).toEqual(manifestKeys(root).sort());
    expect(data.unsupported.flatMap((u) => checkUnsupported(u, readManifest(root, u.platform, u.id)))).toEqual([]);
    // Each derived board reaches the catalogue under its own id.
    for (const b of data.boards) expect(findBoard(b.id)?.platformioBoard, b.id).toBe(b.id);
  });

  it('the committed catalogue is what npm run derive-boards writes from the manifests, byte for byte', () => {
    expect(committedText()).toBe(rederive(root));
  });
});

describeWithShared('the checks themselves catch wrong entries', () => {
  beforeAll(() => {
    root = requireManifestsRoot();
  });

  it('reports a board PlatformIO does not have', () => {
    const fake: Board = { ...board('esp32dev'), id: 'esp32-imaginary', platformioBoard: 'esp32-imaginary' };
    expect(check(fake)).toEqual(['esp32-imaginary: PlatformIO has no board espressif32/esp32-imaginary.json']);
  });

  it('reports a framework the manifest does not list', () => {
    const wrong: Board = { ...board('rpipicow'), frameworks: ['arduino', 'espidf'] };
    expect(check(wrong)).toEqual(['rpipicow: framework espidf is not in raspberrypi/rpipicow.json (it lists arduino)']);
  });

  it('reports Arduino on the C6, which platformio/espressif32 does not ship', () => {
    const c6: Board = { ...board('esp32-c6-devkitc-1'), frameworks: ['espidf', 'arduino'] };
    expect(check(c6)).toEqual(['esp32-c6-devkitc-1: framework arduino is not in espressif32/esp32-c6-devkitc-1.json (it lists espidf)']);
  });

  it('reports a wrong name, vendor, flash size and chip', () => {
    const wrong: Board = { ...board('d1_mini'), name: 'D1', vendor: 'Lolin', flashBytes: 8 * 1024 * 1024, chip: 'esp32' };
    expect(check(wrong)).toEqual([
      "d1_mini: name is 'D1' but espressif8266/d1_mini.json says 'WeMos D1 R2 and mini' by WEMOS",
      "d1_mini: vendor is 'Lolin' but espressif8266/d1_mini.json says 'WEMOS'",
      'd1_mini: flashBytes is 8388608 but espressif8266/d1_mini.json says upload.maximum_size 4194304',
      'd1_mini: chip is esp32 but espressif8266/d1_mini.json says build.mcu esp8266',
    ]);
  });

  it('reports USB ids of the manifest missing from the entry', () => {
    const wrong: Board = { ...board('rpipicow'), usbIds: [{ vid: 0x2e8a, pid: 0x00c0 }] };
    expect(check(wrong)).toEqual(['rpipicow: usbIds lack 2e8a:f00a from build.hwids of raspberrypi/rpipicow.json']);
  });

  it('reports PSRAM the manifest declares but the entry lacks, and the reverse', () => {
    expect(check({ ...board('lolin_d32_pro'), psram: null })).toEqual([
      'lolin_d32_pro: psram is missing but espressif32/lolin_d32_pro.json sets -DBOARD_HAS_PSRAM',
    ]);
    expect(check({ ...board('esp-wrover-kit'), psram: null })).toEqual([
      'esp-wrover-kit: psram is missing but espressif32/esp-wrover-kit.json names a WROVER module',
    ]);
    expect(check({ ...board('lolin_d32'), psram: { bus: 'quad', bytes: null } })).toEqual([
      'lolin_d32: psram is set but nothing in espressif32/lolin_d32.json says the board has PSRAM',
    ]);
    expect(check({ ...board('seeed_xiao_esp32s3'), psram: { bus: 'quad', bytes: 8 * 1024 * 1024 } })).toEqual([
      'seeed_xiao_esp32s3: psram bus is quad but espressif32/seeed_xiao_esp32s3.json says octal',
      'seeed_xiao_esp32s3: psram is 8 MB but neither the name nor maximum_ram_size of espressif32/seeed_xiao_esp32s3.json says so',
    ]);
  });

  it('reports a board left out for a reason its manifest does not bear out', () => {
    expect(checkUnsupported({ id: 'pico', platform: 'raspberrypi', name: 'Raspberry Pi Pico', mcu: 'rp2040', reason: 'no-wifi' }, readManifest(root, 'raspberrypi', 'pico'))).toEqual([]);
    expect(checkUnsupported({ id: 'rpipicow', platform: 'raspberrypi', name: 'Pico W', mcu: 'rp2040', reason: 'no-wifi' }, readManifest(root, 'raspberrypi', 'rpipicow'))).toEqual([
      "rpipicow: left out as 'no-wifi', which raspberrypi/rpipicow.json does not bear out",
    ]);
  });

  it('notices a manifest that changed since the catalogue was derived', () => {
    const copy = path.join(scratch(), 'platformio-boards');
    cpSync(root, copy, { recursive: true });
    const file = path.join(copy, 'espressif32', 'lolin_d32.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { upload: { flash_size: string } };
    manifest.upload.flash_size = '16MB';
    writeFileSync(file, JSON.stringify(manifest));
    const changed = rederive(copy);
    expect(changed).not.toBe(committedText());
    expect(changed.split('\n').filter((line) => !committedText().includes(line))).toEqual([
      expect.stringContaining('"id":"lolin_d32"') as unknown as string,
    ]);
  });
});

describe('the manifest root', () => {
  it('fails with a clear message when the manifests are not there', () => {
    expect(() => requireManifestsRoot('/nonexistent/platformio-boards')).toThrow(
      /The PlatformIO board manifests are missing: expected them in \/nonexistent\/platformio-boards/,
    );
  });
});
