/**
 * The long runs of issue 10: a virtual day through 50 % failures, 20 % cut
 * connections and two outages, and a 7-hour outage on a board whose buffer
 * holds about an hour. Every sampling slot ends up stored, counted as dropped
 * or counted as missed, exactly, and both sides' counts agree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  DELIVERY_ACCOUNT,
  DELIVERY_START_UTC_MS,
  THREE_METRIC_ANSWERS,
  runAgainstReceiver,
  type DeliveryRun,
} from '../../src/bench/delivery-run.js';
import { parseAnswers, type RawAnswers } from '../../src/config/resolve-answers.js';
import { generateFiles } from '../../src/generate/generate-files.js';
import type { ProjectModel } from '../../src/model/project-model.js';
import { buildGeneratedProject, misplacedValues, offsetMs, type BuiltProject } from './e2e-helpers.js';

const HOUR = 3_600_000;

/** Every metric here records at every slot (send_failures too, zero included), so slots are countable. */
function slotsOf(model: ProjectModel, durationMs: number): number {
  return model.metrics.reduce((sum, m) => sum + durationMs / m.intervalMs, 0);
}

/** What both long runs promise. */
function expectEverySlotAccountedFor(run: DeliveryRun, model: ProjectModel, durationMs: number): void {
  const s = run.summary;
  // Drained, nothing refused, and no restart (a restart would end the run with reason 'restart').
  expect(s).toMatchObject({ reason: 'drained', drained: true, buffered: 0, rejected: 0, refused: 0 });
  expect(run.lines.filter((l) => /restart/i.test(l))).toEqual([]);
  // Each slot: sampled or missed; each sample: delivered or dropped.
  expect(s.sampled + s.missed).toBe(slotsOf(model, durationMs));
  expect(s.delivered + s.dropped).toBe(s.sampled);
  // The firmware's counts are the Harbor's: delivered is what it stored, and what it lacks is dropped + missed.
  expect(run.points).toHaveLength(s.delivered);
  expect(run.stats.recordsStored).toBe(s.delivered);
  expect(slotsOf(model, durationMs) - run.points.length).toBe(s.dropped + s.missed);
  expect(run.stats.requests).toBe(s.requests);
  // No reading stored twice: one point per metric and slot, each under its own time and value.
  for (const metric of model.metrics) {
    const slots = run.points.filter((p) => p.cargo_id === metric.cargo).map((p) => offsetMs(p) / metric.intervalMs);
    expect(slots.every((slot) => slot >= 0 && slot - Math.floor(slot) < 1000 / metric.intervalMs), metric.cargo).toBe(true);
    expect(new Set(slots.map(Math.floor)).size, metric.cargo).toBe(slots.length);
  }
  expect(misplacedValues(run.points, model.metrics)).toEqual([]);
}

describe('a virtual day of failures on an ESP8266', () => {
  const durationMs = 24 * HOUR;
  let project: BuiltProject;

  beforeAll(async () => {
    project = await buildGeneratedProject('day', {
      ...THREE_METRIC_ANSWERS,
      board: 'd1_mini',
      shipId: 'day-1',
      storage: 'ram',  // the RAM ring, which this outage outlasts
      metrics: [
        { kind: 'simulated', cargo: 'fast', interval: 2, base: 10, amplitude: 3, period: 3600 },
        { kind: 'simulated', cargo: 'slow', interval: 15, base: 50, amplitude: 20, period: 86_400 },
        { kind: 'send_failures', interval: 300 },
      ],
    });
  }, 120_000);
  afterAll(() => project?.remove());

  it('through 50 % failures, 20 % cut connections and outages of 40 and 50 minutes: every slot stored, dropped or missed, exactly', async () => {
    const outages = [{ fromMs: 5 * HOUR, toMs: 5 * HOUR + 40 * 60_000 }, { fromMs: 14 * HOUR, toMs: 14 * HOUR + 50 * 60_000 }];
    const run = await runAgainstReceiver(project.binary, {
      receiver: {
        ...DELIVERY_ACCOUNT,
        retryAfterForm: 'alternate',
        faults: { failRate: 0.5, failWith: [500, 503, 429], dropConnections: 0.2, outages, seed: 24 },
      },
      firmware: { durationMs, speed: 'max', startUtcMs: DELIVERY_START_UTC_MS, seed: 24, timeoutMs: 240_000 },
    });
    // The faults happened as asked.
    const answered = run.events.filter((e) => !e.dropped).length;
    const failed = run.events.filter((e) => e.dropped || (e.status ?? 0) >= 500 || e.status === 429).length;
    expect(failed / run.events.length).toBeGreaterThan(0.55);
    expect(run.stats.dropped / run.events.length).toBeGreaterThan(0.15);
    expect(answered).toBeGreaterThan(0);
    // An outage of 40 minutes outlasts this board's buffer: some readings had to go.
    expect(run.summary.dropped).toBeGreaterThan(0);
    expectEverySlotAccountedFor(run, project.model, durationMs);
    // The last send_failures reading was taken before the drain; failures only grow.
    const failures = run.points.filter((p) => p.cargo_id === 'send_failures').map((p) => p.value);
    expect(failures.at(-1)).toBeLessThanOrEqual(run.summary.sendFailures);
  }, 300_000);
});

describe('a 7-hour outage on a buffer that holds an hour', () => {
  const durationMs = 12 * HOUR;
  const outage = { fromMs: 2 * HOUR, toMs: 9 * HOUR };
  let project: BuiltProject;
  let raw: RawAnswers;

  beforeAll(async () => {
    // As many 1 Hz metrics as make the ESP32's buffer last about an hour.
    const one: RawAnswers = { kind: 'simulated', cargo: 'm0', interval: 1, base: 5, amplitude: 1, period: 600 };
    const probe = generateFiles(parseAnswers({ ...THREE_METRIC_ANSWERS, storage: 'ram', metrics: [one] })).model;
    const count = Math.max(1, Math.round(probe.device.bufferRecords / 3600));
    const metrics = Array.from({ length: count }, (_, i) => ({ ...one, cargo: `m${i}`, base: 5 + i }));
    raw = { ...THREE_METRIC_ANSWERS, shipId: 'long-outage', storage: 'ram', metrics };
    project = await buildGeneratedProject('long-outage', raw);
  }, 120_000);
  afterAll(() => project?.remove());

  it('keeps the newest hour, drops the rest exactly, never restarts, and drains once the Harbor is back', async () => {
    const perSecond = project.model.metrics.length;
    const holdsMs = (project.model.device.bufferRecords / perSecond) * 1000;
    expect(holdsMs).toBeGreaterThanOrEqual(0.5 * HOUR);
    expect(holdsMs).toBeLessThan(1.5 * HOUR);

    const run = await runAgainstReceiver(project.binary, {
      receiver: { ...DELIVERY_ACCOUNT, faults: { outages: [outage] } },
      firmware: { durationMs, speed: 'max', startUtcMs: DELIVERY_START_UTC_MS, seed: 7, timeoutMs: 240_000 },
    });
    expectEverySlotAccountedFor(run, project.model, durationMs);
    expect(run.summary.missed).toBe(0);
    // What was lost is the outage less what the buffer held when the Harbor came back.
    const outageReadings = ((outage.toMs - outage.fromMs) / 1000) * perSecond;
    expect(run.summary.dropped).toBeGreaterThan(outageReadings - project.model.device.bufferRecords - perSecond * 60);
    expect(run.summary.dropped).toBeLessThan(outageReadings);
    // Everything before and well after the outage is there.
    const stored = new Set(run.points.map((p) => `${p.cargo_id}|${offsetMs(p)}`));
    for (const at of [outage.fromMs - 60_000, outage.toMs + 10 * 60_000]) {
      for (const metric of project.model.metrics) expect(stored.has(`${metric.cargo}|${at}`), `${metric.cargo} at ${at}`).toBe(true);
    }
  }, 300_000);
});
