// A long outage on a small board: the ring buffer fills, the oldest readings
// give way to the newest, and the count of what was lost reaches the Harbor
// as the `dropped` metric once it is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DELIVERY_API_KEY, DELIVERY_HARBOR_ID, DELIVERY_START_UTC_MS, runAgainstReceiver } from '../../src/bench/delivery-run.js';
import type { RawAnswers } from '../../src/config/resolve-answers.js';
import { buildGeneratedProject, misplacedValues, offsetMs, offsetsByCargo, type BuiltProject } from './e2e-helpers.js';

// The D1 mini's 80 KB of RAM leave the planner room for a couple of hundred
// readings: at two readings a second the buffer covers little more than a minute.
const SMALL_BOARD: RawAnswers = {
  board: 'd1_mini',
  shipId: 'overflow-1',
  metrics: [
    { kind: 'simulated', cargo: 'a', interval: 1, base: 10, amplitude: 1, period: 60 },
    { kind: 'simulated', cargo: 'b', interval: 1, base: 20, amplitude: 2, period: 120 },
    { kind: 'dropped', interval: 10 },
  ],
  endpoint: 'cloud',
  harborId: DELIVERY_HARBOR_ID,
  wifiSsid: 'e2e',
  wifiPassword: 'e2e-wifi-SECRET',
  apiKey: DELIVERY_API_KEY,
  storage: 'ram',  // the RAM ring's overflow (the flash one: power-cuts.test.ts)
};
const DURATION_MS = 10 * 60_000;
const OUTAGE = { fromMs: 0, toMs: 5 * 60_000 };

describe('buffer overflow', () => {
  let project: BuiltProject;

  beforeAll(async () => {
    project = await buildGeneratedProject('overflow', SMALL_BOARD);
  }, 120_000);

  afterAll(async () => {
    await project?.remove();
  });

  it('drops the oldest readings during a long outage, keeps the newest, and reports the count', async () => {
    const capacity = project.model.device.bufferRecords;
    const fast = project.model.metrics.filter((m) => m.kind === 'simulated');
    const perMs = fast.reduce((sum, m) => sum + 1 / m.intervalMs, 0);
    // The outage must outlast the buffer, or this test proves nothing.
    expect(OUTAGE.toMs * perMs).toBeGreaterThan(2 * capacity);

    const run = await runAgainstReceiver(project.binary, {
      receiver: { apiKey: DELIVERY_API_KEY, harborIds: [DELIVERY_HARBOR_ID], clock: 'sim', simStartMs: DELIVERY_START_UTC_MS, faults: { outages: [OUTAGE] } },
      firmware: { durationMs: DURATION_MS, speed: 'max', startUtcMs: DELIVERY_START_UTC_MS, seed: 11, timeoutMs: 30_000 },
    });

    expect(run.summary).toMatchObject({ reason: 'drained', rejected: 0, buffered: 0 });
    expect(run.summary.dropped).toBeGreaterThan(0);
    // Every reading is either stored or counted as dropped.
    expect(run.points).toHaveLength(run.summary.sampled - run.summary.dropped);
    expect(run.summary.delivered).toBe(run.points.length);
    expect(misplacedValues(run.points, project.model.metrics)).toEqual([]);

    const firstSuccess = run.events.find((e) => e.status === 202);
    expect(firstSuccess).toBeDefined();
    const backMs = Date.parse(firstSuccess!.at) - DELIVERY_START_UTC_MS;
    expect(backMs).toBeGreaterThanOrEqual(OUTAGE.toMs);

    const byCargo = offsetsByCargo(run.points);
    let keptFromOutage = 0;
    for (const metric of fast) {
      const stored = byCargo.get(metric.cargo) ?? [];
      const first = stored[0] ?? Infinity;
      // The oldest are gone: storage starts after the first sample...
      expect(first, metric.cargo).toBeGreaterThan(0);
      // ...and from there on nothing is missing, up to the last sample.
      const expected = [];
      for (let t = first; t < DURATION_MS; t += metric.intervalMs) expected.push(t);
      expect(stored, metric.cargo).toEqual(expected);
      keptFromOutage += stored.filter((t) => t < backMs).length;
    }
    // What survived from before the Harbor came back fitted in the buffer.
    expect(keptFromOutage).toBeGreaterThan(0);
    expect(keptFromOutage).toBeLessThanOrEqual(capacity);

    // The `dropped` metric: sent only once there were drops, and its latest value is the final count.
    const dropped = run.points.filter((p) => p.cargo_id === 'dropped').sort((a, b) => offsetMs(a) - offsetMs(b));
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.at(-1)!.value).toBe(run.summary.dropped);
    expect(dropped.map((p) => p.value)).toEqual([...dropped.map((p) => p.value)].sort((a, b) => a - b));
    expect(dropped.every((p) => p.value > 0)).toBe(true);
    // The serial status line shows the same count.
    expect(run.lines.some((l) => l.includes(`| dropped ${run.summary.dropped} |`))).toBe(true);
  }, 60_000);
});
