/**
 * Issue 13, done-when 2: a battery ESP8266 that wakes every 5 minutes, takes
 * one reading of each of its 3 metrics, sends every 6th wake and sleeps, for a
 * virtual day against a Harbor that fails 20 % of the requests. Every reading
 * is stored once; the Wi-Fi joins and TLS handshakes of the day are counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DELIVERY_ACCOUNT, DELIVERY_START_UTC_MS, THREE_METRIC_ANSWERS } from '../../src/bench/delivery-run.js';
import type { RawAnswers } from '../../src/config/resolve-answers.js';
import { startReceiver, type StoredPoint } from '../../src/receiver/receiver.js';
import { runWithPowerCuts, type PowerCutRun } from '../../src/simulate/power-cuts.js';
import { buildGeneratedProject, misplacedValues, offsetMs, type BuiltProject } from './e2e-helpers.js';

const DAY_MS = 24 * 3_600_000;
const WAKE_MS = 5 * 60_000;

const ANSWERS: RawAnswers = {
  ...THREE_METRIC_ANSWERS,
  board: 'd1_mini',
  shipId: 'garden-1',
  power: 'deep-sleep:interval=300,send-every=6',
  metrics: ['soil', 'air', 'light'].map((cargo, i) => ({ kind: 'simulated', cargo, interval: 300, base: 10 * (i + 1), amplitude: 4, period: 7200 + 1800 * i })),
};

describe('a day of deep sleep on an ESP8266: wake every 5 minutes, send every 6th wake, 20 % failures', () => {
  let project: BuiltProject;
  let run: PowerCutRun;
  let points: StoredPoint[];
  let duplicates: number;

  beforeAll(async () => {
    project = await buildGeneratedProject('sleep', ANSWERS);
    const receiver = await startReceiver({ ...DELIVERY_ACCOUNT, port: 0, host: '127.0.0.1', faults: { failRate: 0.2, failWith: [500, 503], seed: 5 } });
    try {
      run = await runWithPowerCuts(project.binary, { durationMs: DAY_MS, speed: 'max', endpoint: receiver.url, startUtcMs: DELIVERY_START_UTC_MS, seed: 5, timeoutMs: 180_000 });
      points = receiver.points();
      duplicates = receiver.stats().duplicatesDropped;
    } finally {
      await receiver.close();
    }
  }, 240_000);
  afterAll(() => project?.remove());

  it('wakes every 5 minutes, joins Wi-Fi on the first wake and every 6th only, and drains at the end', () => {
    expect(run.summary.reason).toBe('drained');
    // The wakes of the day; the one at its end sends what is left.
    expect(run.bootAtMs.filter((t) => t < DAY_MS)).toHaveLength(DAY_MS / WAKE_MS);
    expect(run.sleeps).toBe(DAY_MS / WAKE_MS);
    const gaps = run.bootAtMs.slice(1).map((t, i) => t - (run.bootAtMs[i] as number));
    expect(Math.min(...gaps)).toBe(WAKE_MS);
    expect(Math.max(...gaps)).toBeLessThan(WAKE_MS + 1000);
    const joins = run.boots.map((b) => b.wifiJoins);
    const sendWakes = joins.filter((j) => j === 1).length;
    expect(sendWakes).toBe(1 + Math.floor(DAY_MS / WAKE_MS / 6));
    expect(joins.every((j, i) => j === (i === 0 || (i + 1) % 6 === 0 ? 1 : 0) || i === joins.length - 1)).toBe(true);
    // Every join after the first goes straight to the access point RTC memory kept (no scan).
    expect(run.summary.fastJoins).toBe(run.summary.wifiJoins - 1);
    // One TLS handshake per send wake: the connection does not outlive the sleep.
    const handshakes = run.summary.connections;
    expect(handshakes).toBeGreaterThanOrEqual(sendWakes);
    console.log(`deep sleep, a virtual day: ${run.summary.wifiJoins} Wi-Fi joins (${run.summary.fastJoins} without a scan), ${handshakes} TLS handshakes, awake ${(run.awakeMs / 1000).toFixed(1)} s (virtual), ${duplicates} readings sent twice (the Harbor kept one)`);
  });

  it('stores every reading once, each under the time of its wake, through 20 % failures', () => {
    const taken = new Set<string>();
    run.bootAtMs.forEach((at) => {
      for (const m of project.model.metrics) taken.add(`${m.cargo}|${at}`);
    });
    expect(run.summary.sampled).toBe(taken.size);
    const stored = points.map((p) => `${p.cargo_id}|${offsetMs(p)}`);
    expect(new Set(stored).size).toBe(stored.length);
    // Delivered once, not only stored once: a wake after a send does not send those readings again.
    expect(duplicates).toBe(0);
    expect([...taken].filter((k) => !stored.includes(k))).toEqual([]);
    expect(stored.filter((k) => !taken.has(k))).toEqual([]);
    expect(misplacedValues(points, project.model.metrics)).toEqual([]);
    expect(run.summary.sendFailures).toBeGreaterThan(0);
    for (const boot of run.boots) expect(boot.dropped).toBe(0);
  });

  it('keeps the clock through the sleeps when SNTP never answers: the first send sets it from the Date header, RTC memory carries it', async () => {
    const receiver = await startReceiver({ ...DELIVERY_ACCOUNT, port: 0, host: '127.0.0.1' });
    let silent: PowerCutRun;
    let stored: StoredPoint[];
    try {
      silent = await runWithPowerCuts(project.binary, { durationMs: 6 * 3_600_000, speed: 'max', endpoint: receiver.url, startUtcMs: DELIVERY_START_UTC_MS, sntpDelayMs: 'never', seed: 6, timeoutMs: 120_000 });
      stored = receiver.points();
    } finally {
      await receiver.close();
    }
    expect(silent.summary.reason).toBe('drained');
    expect(stored).toHaveLength(silent.summary.sampled);
    // Only the first wake's readings, taken before any answer, go without a time (the Harbor stamps them on
    // arrival, in that same wake); every later one carries the RTC-kept time, within the Date header's second.
    const untimed = stored.filter((p) => p.stamped);
    expect(untimed.length).toBeLessThanOrEqual(project.model.metrics.length);
    for (const point of untimed) expect(Math.abs(offsetMs(point))).toBeLessThanOrEqual(1000);
    for (const point of stored) {
      const nearest = Math.min(...silent.bootAtMs.map((at) => Math.abs(offsetMs(point) - at)));
      expect(nearest, point.time).toBeLessThanOrEqual(1000);
    }
    expect(new Set(stored.map((p) => `${p.cargo_id}|${Math.round(offsetMs(p) / WAKE_MS)}`)).size).toBe(stored.length);
  }, 120_000);
});
