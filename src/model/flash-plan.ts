/**
 * The flash buffer (--storage flash, firmware/runtime/src/harbor/flash_ring.h):
 * where it lives on each SDK, how many readings it holds, how much a power
 * cut can lose, and how long the flash lasts at the configured rates.
 *
 * Every Arduino core keeps it in a LittleFS file, through the same FS API:
 * littlefs survives a power cut in the middle of any write (copy-on-write
 * metadata) and levels wear over every block of its partition, so we write
 * neither ourselves. On the ESP32 a raw data partition would cost fewer
 * erases (littlefs copies the block a page lands in), but it needs a
 * partition table of our own and wear levelling of our own; LittleFS uses
 * the data partition every default table already has. ESP-IDF needs the
 * esp_littlefs component, which the generated project does not carry yet.
 */
import type { Board, PlatformAdapterId } from '../catalogue/board-types.js';
import { usageError } from '../errors.js';
import { formatDuration, formatNumber as formatCount, RECORD_BYTES } from './memory-plan.js';

/** The bytes at the start of every page (harbor::PageHeader). */
export const PAGE_HEADER_BYTES = 16;
/** The readings a power cut may lose are those of the last this many seconds at the configured rates. */
export const LOSS_WINDOW_SECONDS = 10;
/** A page holds at most this many readings (512 bytes). */
export const MAX_RECORDS_PER_PAGE = 31;
/**
 * Erase cycles each sector is rated for: Winbond W25Q32JV and W25Q16JV
 * datasheets (the flash of ESP-12 / ESP32-WROOM modules and of the Pico W),
 * section "Features": "Min. 100K Program-Erase cycles per sector".
 */
export const RATED_ERASE_CYCLES = 100_000;
/** A configuration that wears its flash out sooner is refused. */
export const MIN_FLASH_YEARS = 5;
/**
 * One page write: littlefs copies the block the page lands in (one erase),
 * and commits the file's new size and block to a metadata pair, about 64
 * bytes of a metadata block that is erased once it is full.
 */
const METADATA_COMMIT_BYTES = 64;

const KB = 1024;

interface Filesystem {
  /** The LittleFS partition's size and erase block. */
  bytes: number;
  blockBytes: number;
  /** platformio.ini lines that give the partition this size. */
  iniOptions: [string, string][];
  source: string;
}

/** The LittleFS partition of a board, or why it has none we can use. */
function filesystemOf(board: Board, adapter: PlatformAdapterId): Filesystem | string {
  switch (adapter) {
    case 'esp8266':
      // ESP8266 core 3.1 boards.txt, the 4M2M / 2M1M / 1M256 flash layouts.
      if (board.flashBytes >= 4 * 1024 * KB) return { bytes: 2024 * KB, blockBytes: 8 * KB, iniOptions: [['board_build.ldscript', 'eagle.flash.4m2m.ld']], source: 'eagle.flash.4m2m.ld' };
      if (board.flashBytes >= 2 * 1024 * KB) return { bytes: 1000 * KB, blockBytes: 8 * KB, iniOptions: [['board_build.ldscript', 'eagle.flash.2m1m.ld']], source: 'eagle.flash.2m1m.ld' };
      return { bytes: 236 * KB, blockBytes: 4 * KB, iniOptions: [['board_build.ldscript', 'eagle.flash.1m256.ld']], source: 'eagle.flash.1m256.ld' };
    case 'picow':
      // arduino-pico gives LittleFS nothing unless asked: 1 MB of the Pico W's 2 MB.
      return { bytes: 1024 * KB, blockBytes: 4 * KB, iniOptions: [['board_build.filesystem_size', '1m']], source: 'board_build.filesystem_size = 1m' };
    case 'arduino-esp32':
      // arduino-esp32's default.csv (every 4 MB+ board's default table): the 0x160000-byte "spiffs" data partition.
      if (board.flashBytes >= 4 * 1024 * KB) return { bytes: 0x160000, blockBytes: 4 * KB, iniOptions: [], source: 'the default partition table (default.csv)' };
      return `the ${board.name}'s ${board.flashBytes / (1024 * KB)} MB of flash leave no data partition`;
    case 'espidf':
      return 'ESP-IDF projects have no LittleFS component yet';
  }
}

export interface FlashPlan {
  recordsPerPage: number;
  pageBytes: number;
  pageCount: number;
  /** The buffer file: half the partition, so littlefs keeps free blocks to copy into. */
  fileBytes: number;
  /** Readings the flash holds. */
  capacity: number;
  outageSeconds: number;
  /** Flash page writes per reading taken (1 / recordsPerPage). */
  writesPerReading: number;
  pageWritesPerDay: number;
  /** Years until the partition's blocks reach RATED_ERASE_CYCLES at the configured rates. */
  lifetimeYears: number;
  iniOptions: [string, string][];
  /** Where the buffer lives, the loss window and the wear, for the user. */
  summary: string;
}

/**
 * The flash buffer for `board` at `rates`, or the reason there is none:
 * a string when the board cannot have one, thrown when asked for one that
 * would wear the flash out within MIN_FLASH_YEARS.
 */
export function planFlash(board: Board, adapter: PlatformAdapterId, rates: readonly { intervalMs: number }[]): FlashPlan | string {
  const fs = filesystemOf(board, adapter);
  if (typeof fs === 'string') return fs;
  const perSecond = rates.reduce((sum, r) => sum + 1000 / r.intervalMs, 0);
  const recordsPerPage = Math.max(1, Math.min(MAX_RECORDS_PER_PAGE, Math.floor(perSecond * LOSS_WINDOW_SECONDS + 1e-9)));
  const pageBytes = PAGE_HEADER_BYTES + recordsPerPage * RECORD_BYTES;
  const fileBytes = Math.floor(fs.bytes / 2 / pageBytes) * pageBytes;
  const pageCount = fileBytes / pageBytes;
  const capacity = pageCount * recordsPerPage;
  const pageWritesPerDay = (perSecond * 86_400) / recordsPerPage;
  const erasesPerDay = pageWritesPerDay * (1 + METADATA_COMMIT_BYTES / fs.blockBytes);
  const blocks = fs.bytes / fs.blockBytes;
  const lifetimeYears = (RATED_ERASE_CYCLES * blocks) / erasesPerDay / 365.25;
  const outageSeconds = Math.floor(capacity / perSecond);
  const lossSeconds = Math.round(recordsPerPage / perSecond);
  const summary =
    `readings are kept in flash (a ${Math.round(fileBytes / KB)} KB LittleFS file, ${fs.source}): ${formatCount(capacity)} readings, ` +
    `about ${formatDuration(outageSeconds)} of outage at your rates. ` +
    (recordsPerPage === 1
      ? 'Each reading is written as it is taken: a power cut loses at most the one whose write it cuts short'
      : `A power cut loses at most the readings since the last page write: fewer than ${recordsPerPage} (about ${lossSeconds} s at your rates), ${recordsPerPage} when it cuts that write short`) +
    `, and until the clock is set after boot, the readings taken since. ` +
    `The flash takes ${formatCount(Math.round(pageWritesPerDay))} page writes a day and lasts about ${formatYears(lifetimeYears)} ` +
    `(${formatCount(RATED_ERASE_CYCLES)} erase cycles per block, spread over ${blocks} blocks)`;
  return { recordsPerPage, pageBytes, pageCount, fileBytes, capacity, outageSeconds, writesPerReading: 1 / recordsPerPage, pageWritesPerDay, lifetimeYears, iniOptions: fs.iniOptions, summary };
}

/** The flash plan when the answers ask for flash (or leave it to us), else null; throws what cannot be. */
export function chooseStorage(board: Board, adapter: PlatformAdapterId, rates: readonly { intervalMs: number }[], asked: 'ram' | 'flash' | undefined): { plan: FlashPlan | null; ramReason?: string; warning?: string } {
  if (asked === 'ram') return { plan: null, ramReason: 'a power cut loses them (--storage ram)' };
  const plan = planFlash(board, adapter, rates);
  if (typeof plan === 'string') {
    if (asked === 'flash') throw usageError(`--storage flash is not available here: ${plan}.`, 'Use --storage ram (readings wait in RAM and a power cut loses them).');
    return { plan: null, ramReason: `a power cut loses them; ${plan}` };
  }
  if (plan.lifetimeYears < MIN_FLASH_YEARS) {
    const problem = `At your rates the flash buffer would wear the ${board.name}'s flash out in about ${formatYears(plan.lifetimeYears)} (${formatCount(Math.round(plan.pageWritesPerDay))} page writes a day).`;
    if (asked === 'flash') throw usageError(problem, `Sample less often, or use --storage ram (a power cut then loses the buffered readings).`);
    return { plan: null, ramReason: 'a power cut loses them; flash would wear out too soon', warning: `${problem} Readings wait in RAM instead, where a power cut loses them; --storage ram says so and silences this.` };
  }
  return { plan };
}

function formatYears(years: number): string {
  if (years >= 100) return 'more than 100 years';
  if (years >= 2) return `${Math.floor(years)} years`;
  return `${Math.max(1, Math.round(years * 12))} months`;
}

