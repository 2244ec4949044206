/** `harbor-connect boards`: the catalogue as a table or JSON (sensors: sensor-listing.ts, which needs zod). */
import { allBoards, type Board } from '../catalogue/boards.js';

import type { Ui } from '../ui.js';

export function listBoards(ui: Ui, options: { json?: boolean }): void {
  ui.info(boardsListing(Boolean(options.json)));
}

/** What `harbor-connect boards` prints, as one text: the table with its summary, or the JSON. */
export function boardsListing(json: boolean): string {
  if (json) return JSON.stringify(jsonRows(), null, 2);
  const boards = allBoards();
  const rows = boards.map((b) => [b.id, b.name, b.chip, b.frameworks.join(', '), ram(b), mib(b.flashBytes), b.verifiedPins ? 'verified' : 'chip defaults']);
  const verified = boards.filter((b) => b.verifiedPins).length;
  return [
    tableText(['board', 'name', 'chip', 'frameworks', 'RAM', 'flash', 'pins'], rows),
    '',
    `${boards.length} boards, ${verified} with verified pins. The others get their chip's pins and default I2C, SPI and serial pins: check the board's pinout.`,
  ].join('\n');
}

function jsonRows() {
  return allBoards().map((b) => ({
    id: b.id,
    name: b.name,
    vendor: b.vendor,
    chip: b.chip,
    frameworks: [...b.frameworks],
    ramBytes: b.ramBytes,
    // { bus, bytes }, bytes null where the manifest does not say; null without PSRAM.
    psram: b.psram ? { ...b.psram } : null,
    flashBytes: b.flashBytes,
    temperatureSensor: b.hasTemperatureSensor,
    verifiedPins: b.verifiedPins,
  }));
}

/** The chip's RAM for the firmware, and the board's PSRAM ("+ PSRAM" where the manifest does not say how much). */
function ram(board: Board): string {
  if (!board.psram) return kib(board.ramBytes);
  return `${kib(board.ramBytes)} + ${board.psram.bytes === null ? '' : `${mib(board.psram.bytes)} `}PSRAM`;
}

export function table(ui: Ui, header: string[], rows: string[][]): void {
  // One write: a line at a time is a system call per board.
  ui.info(tableText(header, rows));
}

function tableText(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [header, ...rows].map(line).join('\n');
}

const kib = (bytes: number): string => `${Math.round(bytes / 1024)} KB`;
const mib = (bytes: number): string => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : kib(bytes));
