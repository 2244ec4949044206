// The firmware's delivery claims, end to end: a generated project built for
// the host runs ten virtual minutes against the local Harbor, once clean and
// once through injected failures and an outage, and the Harbor's table is
// checked reading by reading.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  DELIVERY_API_KEY,
  DELIVERY_HARBOR_ID,
  DELIVERY_START_UTC_MS,
  FAULTY_RECEIVER,
  THREE_METRIC_ANSWERS,
  runAgainstReceiver,
  type DeliveryRun,
} from '../../src/bench/delivery-run.js';
import type { ReceiverOptions } from '../../src/receiver/receiver.js';
import { buildGeneratedProject, misplacedValues, offsetsByCargo, type BuiltProject } from './e2e-helpers.js';

const DURATION_MS = 10 * 60_000;
const FIRMWARE = { durationMs: DURATION_MS, speed: 'max', startUtcMs: DELIVERY_START_UTC_MS, seed: 7, timeoutMs: 30_000 } as const;
const CLEAN_RECEIVER: Omit<ReceiverOptions, 'port'> = { apiKey: DELIVERY_API_KEY, harborIds: [DELIVERY_HARBOR_ID], clock: 'sim' };

// The same src/main.cpp shape drives both entry points: setup()/loop() and app_main().
describe.each(['arduino', 'espidf'])('delivery through failures (%s)', (framework) => {
  let project: BuiltProject;

  beforeAll(async () => {
    project = await buildGeneratedProject(`three-metrics-${framework}`, { ...THREE_METRIC_ANSWERS, framework });
    expect(project.model.target.entry).toBe(framework);
  }, 120_000);

  afterAll(async () => {
    await project?.remove();
  });

  /** Every reading the firmware took, stored once, under its own sample time (within 1 s) and with its own value. */
  function expectEveryReadingOnce(run: DeliveryRun): void {
    const metrics = project.model.metrics;
    const expected = metrics.reduce((sum, m) => sum + DURATION_MS / m.intervalMs, 0);
    expect(run.summary.sampled).toBe(expected);
    expect(run.points).toHaveLength(expected);
    expect(new Set(run.points.map((p) => `${p.time}|${p.ship_id}|${p.cargo_id}`)).size).toBe(expected);
    expect(new Set(run.points.map((p) => p.ship_id))).toEqual(new Set(['esp32-a1b2c3']));

    const byCargo = offsetsByCargo(run.points);
    expect([...byCargo.keys()].sort()).toEqual(metrics.map((m) => m.cargo).sort());
    for (const metric of metrics) {
      const offsets = byCargo.get(metric.cargo) ?? [];
      // Sampled at boot + k * interval on the firmware's clock: the k-th stored time belongs to the k-th sample.
      expect(offsets, metric.cargo).toHaveLength(DURATION_MS / metric.intervalMs);
      const late = offsets.map((offset, k) => offset - k * metric.intervalMs);
      expect(Math.min(...late), metric.cargo).toBeGreaterThanOrEqual(0);
      expect(Math.max(...late), metric.cargo).toBeLessThan(1000);
    }
    expect(misplacedValues(run.points, metrics)).toEqual([]);
    expect(run.points.every((p) => !p.stamped)).toBe(true);
  }

  it('stores every reading exactly once and on time through 30 % failures and a 2-minute outage, within 2x the requests', async () => {
    const clean = await runAgainstReceiver(project.binary, { receiver: CLEAN_RECEIVER, firmware: FIRMWARE });
    const faulty = await runAgainstReceiver(project.binary, {
      receiver: { ...FAULTY_RECEIVER, apiKey: DELIVERY_API_KEY, harborIds: [DELIVERY_HARBOR_ID] },
      firmware: FIRMWARE,
    });

    // The faults happened: every kind of failure, lost answers, and the outage.
    const statuses = faulty.stats.byStatus;
    for (const status of ['500', '503', '429']) expect(statuses[status] ?? 0, `HTTP ${status}`).toBeGreaterThan(0);
    expect(faulty.stats.dropped).toBeGreaterThan(0);
    const failed = faulty.stats.requests - (statuses['202'] ?? 0);
    expect(failed / faulty.stats.requests).toBeGreaterThan(0.25);
    const outage = FAULTY_RECEIVER.faults?.outages?.[0] ?? { fromMs: 0, toMs: 0 };
    const simMs = (at: string) => Date.parse(at) - DELIVERY_START_UTC_MS;
    const inOutage = faulty.events.filter((e) => simMs(e.at) >= outage.fromMs && simMs(e.at) < outage.toMs);
    expect(inOutage.length).toBeGreaterThan(0);
    expect(inOutage.every((e) => e.status === 503 || e.dropped)).toBe(true);

    expect(faulty.summary).toMatchObject({ reason: 'drained', drained: true, dropped: 0, rejected: 0, buffered: 0 });
    expectEveryReadingOnce(faulty);
    // The firmware counts each reading delivered once, however many times its batch was sent.
    expect(faulty.summary.delivered).toBe(faulty.summary.sampled);
    // Cut connections were reopened, and both sides count them alike.
    expect(faulty.summary.connections).toBe(faulty.stats.connectionsOpened);

    // After a 429 the next attempt waits until its Retry-After, in either form.
    const told = faulty.events.flatMap((event, i) => (event.status === 429 ? [{ event, next: faulty.events[i + 1] }] : []));
    const forms = new Set(told.map(({ event }) => (/^\d+$/.test(event.retryAfter ?? '') ? 'seconds' : 'date')));
    expect(forms).toEqual(new Set(['seconds', 'date']));
    for (const { event, next } of told) {
      const value = event.retryAfter ?? '';
      const until = /^\d+$/.test(value) ? simMs(event.at) + Number(value) * 1000 : Date.parse(value) - DELIVERY_START_UTC_MS;
      expect(Number.isFinite(until)).toBe(true);
      expect(next, 'a retry after the 429').toBeDefined();
      expect(simMs(next?.at ?? ''), `after Retry-After: ${value}`).toBeGreaterThanOrEqual(until);
    }

    // The transport makes exactly the attempts the firmware decided, and counts
    // them: no hidden re-send of a request whose connection died unanswered.
    expectEveryReadingOnce(clean);
    expect(clean.stats.requests).toBe(clean.summary.requests);
    expect(faulty.stats.requests).toBe(faulty.summary.requests);
    expect(faulty.stats.dropped).toBe(faulty.events.filter((e) => e.dropped).length);
    expect(faulty.stats.requests).toBeLessThanOrEqual(2 * clean.stats.requests);
  }, 60_000);

  it('holds one connection for the whole run when nothing fails', async () => {
    const run = await runAgainstReceiver(project.binary, { receiver: CLEAN_RECEIVER, firmware: FIRMWARE });
    expect(run.summary).toMatchObject({ reason: 'drained', sendFailures: 0 });
    expect(run.stats.requests).toBeGreaterThan(1);
    expect(run.stats.connectionsOpened).toBe(1);
    expect(run.summary.connections).toBe(1);
    expectEveryReadingOnce(run);
  }, 60_000);
});
