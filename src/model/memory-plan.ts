/**
 * How many readings the firmware's static ring buffer (harbor::Record[]) holds
 * on a board: what is left of its RAM once the framework, Wi-Fi, one TLS
 * session and the batch body are accounted for, halved so the heap keeps room
 * for fragmentation and sensor libraries.
 *
 * The RAM is the chip's internal RAM (Board.ramBytes, catalogue/chip-rules.ts).
 * PSRAM is not counted: the ring is static data, which the linker keeps in
 * internal RAM, and arduino-esp32 builds mbedTLS with
 * CONFIG_MBEDTLS_INTERNAL_MEM_ALLOC, so the TLS session stays there too.
 */
import type { Board, Framework, PlatformAdapterId } from '../catalogue/board-types.js';
import { usageError } from '../errors.js';

/**
 * sizeof(harbor::Record): u32 seconds since 2024 + u16 ms + u8 cargo + u8 flags
 * + double value (firmware/runtime/src/harbor/record.h, which static_asserts it).
 */
export const RECORD_BYTES = 16;
/** DeviceConfig::batch.maxBytes default: the JSON body buffer is static too. */
export const DEFAULT_BATCH_BYTES = 12_288;
/** Small-RAM boards (ESP8266) get smaller request bodies: BearSSL's buffers and the body share a small heap. */
export const SMALL_RAM_BATCH_BYTES = 4096;

export function defaultBatchBytes(board: Board): number {
  return board.ramBytes < 128 * 1024 ? SMALL_RAM_BATCH_BYTES : DEFAULT_BATCH_BYTES;
}
/** A buffer shorter than this loses data in an ordinary Wi-Fi reconnect plus one retry backoff. */
export const MIN_OUTAGE_SECONDS = 60;
/** One default batch (50 records): a smaller ring could never fill a batch. */
export const MIN_CAPACITY = 50;
/** Share of the remaining RAM given to the ring; the rest stays free heap. */
export const BUFFER_SHARE = 0.5;

const KB = 1024;

export interface Reserve {
  /** Core, RTOS tasks and their stacks, static data of the framework. */
  system: number;
  /** Wi-Fi driver and TCP/IP stack with a connection up. */
  wifi: number;
  /** One TLS client session including its handshake peak. */
  tls: number;
  /**
   * Our own constant data that the platform's linker keeps in RAM: the
   * runtime, the adapter and main.cpp, plus constDataPerDriver for each sensor
   * driver file. Only the ESP8266's does (its linker script puts .rodata in
   * DRAM); the code keeps its tables and messages in flash there (HARBOR_FLASH,
   * HARBOR_TEXT), and test/firmware/const-ram.test.ts measures what is left
   * against these figures.
   */
  constData: number;
  constDataPerDriver: number;
}

/**
 * RAM the platform needs before our buffer, per adapter.
 * - arduino-esp32: core, loopTask (8 KB stack), event loop and timers ~40 KB; Wi-Fi
 *   driver buffers and lwIP ~50 KB; mbedTLS with 16 KB in/out record buffers and
 *   certificate checks ~45 KB at the handshake peak (ESP-IDF maintainers quote ~25 KB
 *   per settled session and ask for 40 KB+ free to connect). Of the 320 KB this leaves
 *   ~185 KB, in line with the ~200 KB Arduino users see once HTTPS is up.
 * - espidf: the same without the Arduino core's loop task and serial buffers.
 * - esp8266: of the 80 KB, the SDK, lwIP and the core leave ~48 KB free with Wi-Fi
 *   up; BearSSL needs a ~6 KB second stack plus ~22 KB of buffers per connection
 *   (esp8266/Arduino BearSSL client docs), and the trust anchors parsed from the
 *   default root set take ~8 KB more on the heap.
 * - picow: arduino-pico core, TinyUSB and both cores' stacks ~24 KB; CYW43 driver and
 *   lwIP (16 KB heap, 24 pool pbufs of ~1.5 KB, TCP segments) ~64 KB; BearSSL as on
 *   the ESP8266 (arduino-pico ships the same WiFiClientSecure) ~28 KB.
 */
export const RESERVES: Readonly<Record<PlatformAdapterId, Reserve>> = {
  'arduino-esp32': { system: 40 * KB, wifi: 50 * KB, tls: 45 * KB, constData: 0, constDataPerDriver: 0 },
  espidf: { system: 32 * KB, wifi: 50 * KB, tls: 45 * KB, constData: 0, constDataPerDriver: 0 },
  esp8266: { system: 12 * KB, wifi: 20 * KB, tls: 36 * KB, constData: 2 * KB, constDataPerDriver: 128 },
  picow: { system: 24 * KB, wifi: 64 * KB, tls: 28 * KB, constData: 0, constDataPerDriver: 0 },
};

export interface BufferPlan {
  /** Records the ring holds (the `ringCapacity` passed to harbor::Device). */
  capacity: number;
  /** capacity × record size. */
  bytes: number;
  /** How long the buffer bridges an outage at the configured rates before the oldest readings are dropped. */
  outageSeconds: number;
  readingsPerMinute: number;
  /** e.g. "the buffer holds 3,600 readings, about 6 hours of outage at your rates" */
  summary: string;
}

export interface PlanOptions {
  /** Default RECORD_BYTES. */
  recordBytes?: number;
  /** Default: the board's first framework. */
  framework?: Framework;
  /** Size of the static batch body buffer; default defaultBatchBytes(board). */
  batchBytes?: number;
  /** Sensor driver source files in the project (their constant data may cost RAM). */
  driverFiles?: number;
}

export function planBuffer(board: Board, metrics: readonly { intervalMs: number }[], options: PlanOptions = {}): BufferPlan {
  const recordBytes = options.recordBytes ?? RECORD_BYTES;
  const batchBytes = options.batchBytes ?? defaultBatchBytes(board);
  const framework = options.framework ?? board.frameworks[0] ?? 'arduino';
  const adapter = board.adapters[framework];
  if (!adapter) {
    throw usageError(`The ${board.name} does not support ${framework}.`, `Use ${board.frameworks.join(' or ')}.`);
  }
  if (!Number.isInteger(recordBytes) || recordBytes <= 0) {
    throw usageError(`A record size of ${recordBytes} bytes is not a positive whole number.`, `Leave it at ${RECORD_BYTES}, the size of harbor::Record.`);
  }
  if (metrics.length === 0) {
    throw usageError('There are no metrics to buffer.', 'Add at least one metric.');
  }
  for (const metric of metrics) {
    if (!Number.isFinite(metric.intervalMs) || metric.intervalMs <= 0) {
      throw usageError(`A metric interval of ${metric.intervalMs} ms is not a positive number.`, 'Give every metric an interval of at least one second.');
    }
  }

  const reserve = RESERVES[adapter];
  const constData = reserve.constData + reserve.constDataPerDriver * (options.driverFiles ?? 0);
  const free = board.ramBytes - reserve.system - reserve.wifi - reserve.tls - constData - batchBytes;
  const capacity = roundDown2(Math.floor(Math.max(0, free) * BUFFER_SHARE / recordBytes));
  if (capacity < MIN_CAPACITY) {
    throw usageError(
      `The ${board.name} has no room for a reading buffer: after ${framework}, Wi-Fi, TLS and a ${formatNumber(batchBytes)}-byte batch, ${formatKb(Math.max(0, free))} of its ${formatKb(board.ramBytes)} RAM is left.`,
      'Use smaller batches or a board with more RAM.',
    );
  }

  const readingsPerMinute = metrics.reduce((sum, m) => sum + 60_000 / m.intervalMs, 0);
  // The epsilon keeps a rate that exactly fills the minimum (e.g. 3,600 a minute for 3,600 records) from rounding to 59.
  const outageSeconds = Math.floor((capacity * 60) / readingsPerMinute + 1e-9);
  if (outageSeconds < MIN_OUTAGE_SECONDS) {
    throw usageError(
      `At ${formatRate(readingsPerMinute)} readings a minute the ${board.name}'s buffer of ${formatNumber(capacity)} readings fills in ${outageSeconds} seconds, too short to ride out a Wi-Fi reconnect.`,
      `Sample less often: at most ${formatNumber(Math.floor(capacity * 60 / MIN_OUTAGE_SECONDS))} readings a minute across all metrics, so the buffer covers a minute of outage.`,
    );
  }

  return {
    capacity,
    bytes: capacity * recordBytes,
    outageSeconds,
    readingsPerMinute,
    summary: `the buffer holds ${formatNumber(capacity)} readings, about ${formatDuration(outageSeconds)} of outage at your rates`,
  };
}

/** Round down to two significant digits: 3,697 → 3,600; 170 → 170. */
function roundDown2(n: number): number {
  if (n < 100) return n;
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.floor(n / step) * step;
}

/** 1,234,567 — with a fixed separator, so output does not depend on the machine's locale. */
export function formatNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatRate(perMinute: number): string {
  return Number.isInteger(perMinute) ? formatNumber(perMinute) : perMinute.toFixed(1);
}

function formatKb(bytes: number): string {
  return bytes < KB ? `${bytes} bytes` : `${Math.floor(bytes / KB)} KB`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "11 minutes", "2 hours 5 minutes", "3 days": precise enough for "about". */
export function formatDuration(seconds: number): string {
  if (seconds < 3600) return plural(Math.floor(seconds / 60), 'minute');
  if (seconds < 48 * 3600) {
    const hours = Math.floor(seconds / 3600);
    const minutes = Math.floor((seconds % 3600) / 60);
    return minutes === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(minutes, 'minute')}`;
  }
  return plural(Math.floor(seconds / 86_400), 'day');
}
