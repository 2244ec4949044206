// What the firmware does when the Harbor refuses: a configuration error (wrong
// key, unknown harbor) must not cost data or hammer the server, and one bad
// record must cost that record only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  DELIVERY_API_KEY,
  DELIVERY_HARBOR_ID,
  DELIVERY_START_UTC_MS,
  THREE_METRIC_ANSWERS,
  runAgainstReceiver,
} from '../../src/bench/delivery-run.js';
import type { ReceiverOptions } from '../../src/receiver/receiver.js';
import { buildGeneratedProject, misplacedValues, offsetsByCargo, type BuiltProject } from './e2e-helpers.js';

const DURATION_MS = 10 * 60_000;
/** The runtime's slowest-first wait after a configuration error (retry_policy.h kConfigRetryFirstMs). */
const CONFIG_RETRY_MS = 15 * 60_000;
const WIFI_PASSWORD = String(THREE_METRIC_ANSWERS.wifiPassword);

const simMs = (at: string) => Date.parse(at) - DELIVERY_START_UTC_MS;

describe('refusals', () => {
  let project: BuiltProject;

  beforeAll(async () => {
    project = await buildGeneratedProject('refusals', THREE_METRIC_ANSWERS);
  }, 120_000);

  afterAll(async () => {
    await project?.remove();
  });

  const configErrors: { name: string; receiver: Omit<ReceiverOptions, 'port'>; status: number; advice: string }[] = [
    { name: 'a wrong API key', receiver: { apiKey: 'hb_e2e_the_harbors_OTHER_key', harborIds: [DELIVERY_HARBOR_ID] }, status: 401, advice: 'HARBOR_API_KEY' },
    { name: 'an unknown harbor id', receiver: { apiKey: DELIVERY_API_KEY, harborIds: ['hb-someone-else'] }, status: 404, advice: 'HARBOR_ID' },
  ];

  for (const { name, receiver, status, advice } of configErrors) {
    it(`keeps the data, retries slowly and says what to fix on ${name} (${status})`, async () => {
      // Ten minutes of sampling, then up to 50 more of trying to deliver: an hour of firmware time.
      const drainMs = 50 * 60_000;
      const run = await runAgainstReceiver(project.binary, {
        receiver: { ...receiver, clock: 'sim' },
        firmware: { durationMs: DURATION_MS, maxDrainMs: drainMs, speed: 'max', startUtcMs: DELIVERY_START_UTC_MS, seed: 3, timeoutMs: 30_000 },
      });

      // It stops at the last try before the drain bound: the next one (an hour on) would come after it.
      expect(run.summary.reason).toBe('config-error');
      expect(run.summary.sampled).toBe(3 * DURATION_MS / 1000);
      expect(run.summary).toMatchObject({ delivered: 0, dropped: 0, rejected: 0, buffered: run.summary.sampled });
      expect(run.points).toEqual([]);

      // Every answer was the configuration error, and no retry came sooner than 15 minutes.
      expect(run.stats.byStatus).toEqual({ [status]: run.stats.requests });
      const times = run.events.map((e) => simMs(e.at));
      const totalMs = run.summary.virtualMs;
      expect(times.at(-1)! + 4 * CONFIG_RETRY_MS).toBeGreaterThan(DURATION_MS + drainMs);
      expect(run.stats.requests).toBeGreaterThanOrEqual(2); // it does keep trying
      expect(run.stats.requests).toBeLessThanOrEqual(1 + Math.floor(totalMs / CONFIG_RETRY_MS));
      // Within the ten minutes of sampling: the first attempt only.
      expect(times.filter((t) => t < DURATION_MS)).toHaveLength(1);
      for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(CONFIG_RETRY_MS);

      const serial = run.lines.join('\n');
      const errors = run.lines.filter((l) => l.includes('ERROR'));
      expect(errors.length).toBe(run.stats.requests);
      expect(errors.every((l) => l.includes(advice))).toBe(true);
      expect(serial).toContain('status LED: configuration error');
      expect(serial).toMatch(/data kept, retry in 15 min/);
      expect(serial).not.toContain(DELIVERY_API_KEY);
      expect(serial).not.toContain(WIFI_PASSWORD);
    }, 60_000);
  }

  it('splits a refused batch until the bad record is alone, and drops only that one', async () => {
    const badCargo = 'humidity';
    const badOffsetMs = 123_000;
    const badTime = new Date(DELIVERY_START_UTC_MS + badOffsetMs).toISOString();
    const run = await runAgainstReceiver(project.binary, {
      receiver: {
        apiKey: DELIVERY_API_KEY,
        harborIds: [DELIVERY_HARBOR_ID],
        clock: 'sim',
        faults: { rejectRecord: (p) => p.cargo_id === badCargo && p.time === badTime },
      },
      firmware: { durationMs: DURATION_MS, speed: 'max', startUtcMs: DELIVERY_START_UTC_MS, seed: 5, timeoutMs: 30_000 },
    });

    expect(run.summary).toMatchObject({ reason: 'drained', rejected: 1, dropped: 0, buffered: 0 });
    expect(run.summary.delivered).toBe(run.summary.sampled - 1);
    expect(run.points).toHaveLength(run.summary.sampled - 1);
    expect(misplacedValues(run.points, project.model.metrics)).toEqual([]);
    const byCargo = offsetsByCargo(run.points);
    for (const metric of project.model.metrics) {
      const all = Array.from({ length: DURATION_MS / metric.intervalMs }, (_, k) => k * metric.intervalMs);
      const expected = metric.cargo === badCargo ? all.filter((t) => t !== badOffsetMs) : all;
      expect(byCargo.get(metric.cargo), metric.cargo).toEqual(expected);
    }

    // Halving a batch of at most 50 isolates one record in at most ceil(log2 50) + 1 refusals.
    const refusals = run.stats.byStatus['400'] ?? 0;
    const batchRecords = project.model.device.batchRecords;
    expect(refusals).toBeGreaterThanOrEqual(2);
    expect(refusals).toBeLessThanOrEqual(Math.ceil(Math.log2(batchRecords)) + 1);
    const refusedSizes = run.events.filter((e) => e.status === 400).map((e) => e.records);
    expect(refusedSizes.at(-1)).toBe(1);
    expect(refusedSizes).toEqual([...refusedSizes].sort((a, b) => b - a));
    expect(run.lines.some((l) => l.includes(`dropped the refused reading ${badCargo} = `))).toBe(true);
  }, 60_000);
});
