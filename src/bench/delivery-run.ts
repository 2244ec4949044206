/**
 * The pieces a delivery measurement needs, shared by the benchmark and the
 * end-to-end tests: a generated project on disk, and one run of its host
 * firmware against a local Harbor with the receiver's own account of what
 * arrived. Measuring only; what counts as correct is for the caller to say.
 */
import { performance } from 'node:perf_hooks';

import type { RawAnswers } from '../config/resolve-answers.js';
import { parseAnswers } from '../config/resolve-answers.js';
import { generateFiles } from '../generate/generate-files.js';
import type { ProjectModel } from '../model/project-model.js';
import { startReceiver, type ReceiverOptions, type ReceiverStats, type RequestEvent, type StoredPoint } from '../receiver/receiver.js';
import { runHostFirmware, type HostRunOptions, type SimulateSummary } from '../simulate/host-build.js';
import { applyWrite, planWrite } from '../write/write-project.js';

/** 2026-11-26T10:00:00Z: a fixed virtual boot time, so every sample time is known in advance. */
export const DELIVERY_START_UTC_MS = Date.UTC(2026, 10, 26, 10, 0, 0);
export const DELIVERY_HARBOR_ID = 'hb-e2e';
/** Made up for the runs; a test checks it never reaches the serial output. */
export const DELIVERY_API_KEY = 'hb_e2e_SECRET_key_7c1d';

/** Three sine metrics sampled every second: 180 readings a minute, 1,800 in ten minutes. */
export const THREE_METRIC_ANSWERS: RawAnswers = {
  board: 'esp32dev',
  shipId: 'auto',
  metrics: [
    { kind: 'simulated', cargo: 'temperature', interval: 1, base: 21, amplitude: 4, period: 600 },
    { kind: 'simulated', cargo: 'humidity', interval: 1, base: 55, amplitude: 10, period: 900 },
    { kind: 'simulated', cargo: 'pressure', interval: 1, base: 1013, amplitude: 6, period: 1200 },
  ],
  endpoint: 'cloud',
  harborId: DELIVERY_HARBOR_ID,
  wifiSsid: 'e2e',
  wifiPassword: 'e2e-wifi-SECRET',
  apiKey: DELIVERY_API_KEY,
};

/**
 * 30 % of the requests fail: 25 % answered 500, 503 or (half of those) 429
 * with Retry-After in seconds and HTTP-date forms, alternating; independently,
 * 7 % of the connections are cut after the points were stored, so the answer
 * is lost (1 - 0.75 * 0.93 ≈ 0.30). Plus a 2-minute outage from minute 3 on
 * the firmware's clock.
 */
export const FAULTY_RECEIVER: Omit<ReceiverOptions, 'port'> = {
  clock: 'sim',
  simStartMs: DELIVERY_START_UTC_MS,
  retryAfterForm: 'alternate',
  faults: {
    failRate: 0.25,
    // 429 twice: enough of them that both Retry-After forms come up several times.
    failWith: [500, 503, 429, 429],
    dropConnections: 0.07,
    outages: [{ fromMs: 3 * 60_000, toMs: 5 * 60_000 }],
    seed: 20261126,
  },
};

/** A local Harbor that takes the runs' key and harbor id, on the firmware's clock from boot. */
export const DELIVERY_ACCOUNT: Omit<ReceiverOptions, 'port'> = {
  apiKey: DELIVERY_API_KEY,
  harborIds: [DELIVERY_HARBOR_ID],
  clock: 'sim',
  simStartMs: DELIVERY_START_UTC_MS,
};

/** Generates the project for `raw` answers into `dir` (new or generated before) and returns its model. */
export function writeGeneratedProject(dir: string, raw: RawAnswers): ProjectModel {
  const { model, files } = generateFiles(parseAnswers(raw));
  applyWrite(planWrite(dir, files), files);
  return model;
}

export interface DeliveryRun {
  summary: SimulateSummary;
  /** The receiver's counters once the firmware has exited. */
  stats: ReceiverStats;
  points: StoredPoint[];
  /** Every request as the receiver saw it, in arrival order (time on the firmware's clock with clock 'sim'). */
  events: RequestEvent[];
  /** The firmware's serial output. */
  lines: string[];
  /** Real milliseconds from starting the receiver to the firmware's exit. */
  realMs: number;
}

export interface DeliveryRunOptions {
  /** The local Harbor; clock 'sim' lets outages and Retry-After dates follow the firmware's clock. */
  receiver: Omit<ReceiverOptions, 'port'>;
  firmware: Omit<HostRunOptions, 'endpoint' | 'onLine'>;
}

/** Runs a host firmware binary against a fresh local Harbor on 127.0.0.1 and collects both sides' accounts. */
export async function runAgainstReceiver(binary: string, options: DeliveryRunOptions): Promise<DeliveryRun> {
  const started = performance.now();
  const events: RequestEvent[] = [];
  const receiver = await startReceiver({
    ...options.receiver,
    port: 0,
    host: '127.0.0.1',
    onRequest: (event) => {
      events.push(event);
      options.receiver.onRequest?.(event);
    },
  });
  const lines: string[] = [];
  try {
    const summary = await runHostFirmware(binary, { ...options.firmware, endpoint: receiver.url, onLine: (line) => lines.push(line) });
    const realMs = Math.round(performance.now() - started);
    return { summary, stats: receiver.stats(), points: receiver.points(), events, lines, realMs };
  } finally {
    await receiver.close();
  }
}
