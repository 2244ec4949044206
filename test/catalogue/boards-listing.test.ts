import { rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { allBoards } from '../../src/catalogue/boards.js';
import { BOARDS_LISTING, precomputedBoardsListing } from '../../src/catalogue/precomputed-listing.js';
import { listBoards } from '../../src/commands/catalogue-listing.js';
import type { Ui } from '../../src/ui.js';
import { copyOfPackage, runCli } from '../cli/helpers.js';
import { useScratch } from '../scratch.js';

const scratch = useScratch('hc-boards-listing');

function capture(json: boolean): string[] {
  const lines: string[] = [];
  const ignore = (): void => {};
  const ui: Ui = { info: (text) => lines.push(...text.split('\n')), success: ignore, warn: ignore, error: ignore, hint: ignore, detail: ignore, verbose: false };
  listBoards(ui, { json });
  return lines;
}

const row = (lines: string[], id: string): string | undefined => lines.find((l) => l.startsWith(`${id} `));

describe('harbor-connect boards', () => {
  it('lists every board with its RAM, PSRAM and whether its pins are verified', () => {
    const lines = capture(false);
    expect(lines[0]).toMatch(/^board +name +chip +frameworks +RAM +flash +pins$/);
    expect(row(lines, 'esp32dev')).toMatch(/esp32 +arduino, espidf +320 KB +4 MB +verified$/);
    expect(row(lines, 'adafruit_feather_esp32s3')).toMatch(/esp32s3 +arduino, espidf +352 KB \+ 2 MB PSRAM +4 MB +chip defaults$/);
    expect(row(lines, 'esp-wrover-kit')).toMatch(/320 KB \+ PSRAM +4 MB +chip defaults$/);
    expect(row(lines, 'esp32-c6-devkitc-1')).toMatch(/espidf +448 KB +8 MB +verified$/);
    expect(lines.at(-1)).toBe(
      `${allBoards().length} boards, 13 with verified pins. The others get their chip's pins and default I2C, SPI and serial pins: check the board's pinout.`,
    );
  });

  it('--json gives the same boards with the figures in bytes', () => {
    const rows = JSON.parse(capture(true).join('\n')) as { id: string; ramBytes: number; psram: unknown; verifiedPins: boolean; vendor: string }[];
    expect(rows.map((r) => r.id)).toEqual(allBoards().map((b) => b.id));
    expect(rows.length).toBeGreaterThan(200);
    expect(rows.find((r) => r.id === 'adafruit_feather_esp32s3')).toMatchObject({
      vendor: 'Adafruit', ramBytes: 352 * 1024, psram: { bus: 'quad', bytes: 2 * 1024 * 1024 }, verifiedPins: false,
    });
    expect(rows.find((r) => r.id === 'lolin_d32')).toMatchObject({ psram: null, verifiedPins: false });
  });

  // The build prints the listing once (src/tools/precompute.ts); `boards` prints that file, so it must be what the catalogue prints.
  it("the build's listing is what the catalogue prints, table and JSON", () => {
    expect(precomputedBoardsListing(false)).toBe(capture(false).join('\n'));
    expect(precomputedBoardsListing(true)).toBe(capture(true).join('\n'));
  });

  it('without the build\'s listing, boards prints the same from the catalogue', { timeout: 30_000 }, async () => {
    const cli = copyOfPackage(scratch());
    const withFile = await runCli(['boards'], { cli });
    rmSync(join(dirname(cli), basename(BOARDS_LISTING)));
    const without = await runCli(['boards'], { cli });
    expect([without.exitCode, without.stderr]).toEqual([0, '']);
    expect(without.stdout).toBe(withFile.stdout);
    expect(withFile.stdout).toBe(capture(false).join('\n'));
  });
});
