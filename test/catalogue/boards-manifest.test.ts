import { beforeAll, describe, expect, it } from 'vitest';

import { BOARDS, findBoard, type Board } from '../../src/catalogue/boards.js';
import { describeWithShared } from '../shared-data.js';
import { checkBoardAgainstManifest, readManifest, requireManifestsRoot } from './manifest-check.js';

let root: string;

function check(board: Board): string[] {
  return checkBoardAgainstManifest(board, readManifest(root, board.platform, board.platformioBoard));
}

function board(id: string): Board {
  const found = findBoard(id);
  if (!found) throw new Error(`no board ${id} in the catalogue`);
  return found;
}

describeWithShared('the catalogue agrees with the PlatformIO manifests', () => {
  beforeAll(() => {
    root = requireManifestsRoot();
  });

  it.each(BOARDS.map((b) => [b.id, b] as const))('%s', (_id, entry) => {
    expect(check(entry)).toEqual([]);
  });
});

describeWithShared('the check itself catches wrong entries', () => {
  beforeAll(() => {
    root = requireManifestsRoot();
  });

  it('reports a board PlatformIO does not have', () => {
    const fake: Board = { ...board('esp32dev'), id: 'esp32-imaginary', platformioBoard: 'esp32-imaginary' };
    expect(check(fake)).toEqual(['esp32-imaginary: PlatformIO has no board espressif32/esp32-imaginary.json']);
  });

  it('reports a framework the manifest does not list', () => {
    const pico = board('rpipicow');
    const wrong: Board = { ...pico, frameworks: ['arduino', 'espidf'] };
    expect(check(wrong)).toEqual(['rpipicow: framework espidf is not in raspberrypi/rpipicow.json (it lists arduino)']);
  });

  it('reports Arduino on the C6, which platformio/espressif32 does not ship', () => {
    const c6: Board = { ...board('esp32-c6-devkitc-1'), frameworks: ['espidf', 'arduino'] };
    expect(check(c6)).toEqual(['esp32-c6-devkitc-1: framework arduino is not in espressif32/esp32-c6-devkitc-1.json (it lists espidf)']);
  });

  it('reports wrong RAM and flash figures', () => {
    const wrong: Board = { ...board('esp32dev'), ramBytes: 520 * 1024, flashBytes: 8 * 1024 * 1024 };
    expect(check(wrong)).toEqual([
      'esp32dev: flashBytes is 8388608 but espressif32/esp32dev.json says upload.maximum_size 4194304',
      'esp32dev: ramBytes is 532480 but espressif32/esp32dev.json says upload.maximum_ram_size 327680',
    ]);
  });

  it('reports a chip that is not the manifest mcu', () => {
    const wrong: Board = { ...board('d1_mini'), chip: 'esp32' };
    expect(check(wrong)).toEqual(['d1_mini: chip is esp32 but espressif8266/d1_mini.json says build.mcu esp8266']);
  });

  it('reports USB ids of the manifest missing from the entry', () => {
    const wrong: Board = { ...board('rpipicow'), usbIds: [{ vid: 0x2e8a, pid: 0x00c0 }] };
    expect(check(wrong)).toEqual(['rpipicow: usbIds lack 2e8a:f00a from build.hwids of raspberrypi/rpipicow.json']);
  });
});

describe('the manifest root', () => {
  it('fails with a clear message when the manifests are not there', () => {
    expect(() => requireManifestsRoot('/nonexistent/platformio-boards')).toThrow(
      /The PlatformIO board manifests are missing: expected them in \/nonexistent\/platformio-boards/,
    );
  });
});
