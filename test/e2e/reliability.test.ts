/**
 * The firmware's promises the independent probe broke (issue 10, items 1–6),
 * each run end to end: a generated project built for the host against the
 * local Harbor, both sides' counts compared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  DELIVERY_ACCOUNT,
  DELIVERY_START_UTC_MS,
  THREE_METRIC_ANSWERS,
  runAgainstReceiver,
} from '../../src/bench/delivery-run.js';
import type { RawAnswers } from '../../src/config/resolve-answers.js';
import type { ReceiverOptions } from '../../src/receiver/receiver.js';
import { buildGeneratedProject, misplacedValues, offsetMs, offsetsByCargo, simulatedValue, type BuiltProject } from './e2e-helpers.js';

const FIRMWARE = { speed: 'max', startUtcMs: DELIVERY_START_UTC_MS, seed: 5, timeoutMs: 60_000 } as const;

function answers(board: string, shipId: string, metrics: RawAnswers[]): RawAnswers {
  return { ...THREE_METRIC_ANSWERS, board, shipId, metrics };
}

describe('ids the Harbor counts in characters', () => {
  const ships = '🚢'.repeat(100); // 100 characters, 400 bytes
  const cargos = ['é'.repeat(61), 'é'.repeat(100)]; // 122 and 200 bytes
  let project: BuiltProject;

  beforeAll(async () => {
    project = await buildGeneratedProject('ids', answers('esp32dev', ships, [
      { kind: 'simulated', cargo: cargos[0], interval: 1 },
      { kind: 'simulated', cargo: cargos[1], interval: 1 },
    ]));
  }, 120_000);
  afterAll(() => project?.remove());

  it('delivers a 100-character ship id of 4-byte characters and cargo ids of 2-byte ones whole', async () => {
    const run = await runAgainstReceiver(project.binary, { receiver: DELIVERY_ACCOUNT, firmware: { ...FIRMWARE, durationMs: 60_000 } });
    expect(run.summary).toMatchObject({ reason: 'drained', sampled: 120, delivered: 120, rejected: 0, refused: 0 });
    expect(run.points).toHaveLength(120);
    expect(new Set(run.points.map((p) => p.ship_id))).toEqual(new Set([ships]));
    expect(new Set(run.points.map((p) => p.cargo_id))).toEqual(new Set(cargos));
  }, 60_000);
});

describe('with SNTP silent', () => {
  let project: BuiltProject;

  beforeAll(async () => {
    project = await buildGeneratedProject('no-sntp', THREE_METRIC_ANSWERS);
  }, 120_000);
  afterAll(() => project?.remove());

  it('stamps readings from the Harbor\'s Date header: one reading per cargo goes untimed, and is stored twice only if that answer was lost', async () => {
    const durationMs = 10 * 60_000;
    const run = await runAgainstReceiver(project.binary, {
      receiver: { ...DELIVERY_ACCOUNT, faults: { dropConnections: 0.3, seed: 3 } },
      firmware: { ...FIRMWARE, durationMs, sntpDelayMs: 'never' },
    });
    const metrics = project.model.metrics;
    expect(run.summary).toMatchObject({ reason: 'drained', dropped: 0, rejected: 0 });
    expect(run.summary.delivered).toBe(run.summary.sampled);
    expect(run.summary.sampled).toBe(3 * 600);
    expect(run.stats.dropped).toBeGreaterThan(5); // the cuts happened

    // The readings that went without a time: at most one per cargo (told apart by their value).
    const untimed = run.points.filter((p) => p.stamped);
    const untimedReadings = new Set(untimed.map((p) => `${p.cargo_id}|${p.value}`));
    expect(untimedReadings.size).toBeGreaterThan(0);
    expect(untimedReadings.size).toBeLessThanOrEqual(metrics.length);
    // Stored more than once only by a retry after a lost answer, before the first answer came.
    const firstAnswer = run.events.findIndex((e) => !e.dropped);
    const lostBefore = run.events.slice(0, firstAnswer).length;
    expect(untimed.length).toBeLessThanOrEqual(untimedReadings.size * (1 + lostBefore));

    // Every other reading carries a time within a second of when it was taken, stored once.
    const timed = run.points.filter((p) => !p.stamped);
    expect(timed.length + untimedReadings.size).toBe(run.summary.sampled);
    expect(new Set(timed.map((p) => `${p.time}|${p.cargo_id}`)).size).toBe(timed.length);
    const byCargo = offsetsByCargo(timed);
    for (const metric of metrics) {
      const offsets = byCargo.get(metric.cargo) ?? [];
      const skipped = 600 - offsets.length; // the oldest readings, sent untimed
      const error = offsets.map((offset, k) => offset - (k + skipped) * metric.intervalMs);
      expect(Math.max(...error.map(Math.abs)), metric.cargo).toBeLessThanOrEqual(1000);
      for (const p of timed.filter((q) => q.cargo_id === metric.cargo)) {
        const taken = Math.round(offsetMs(p) / 1000) * 1000;
        const nearest = [taken - 1000, taken, taken + 1000].some((t) => Math.abs(simulatedValue(metric, t) - p.value) < 1e-9 * Math.abs(p.value));
        expect(nearest, `${metric.cargo} at ${p.time}`).toBe(true);
      }
    }
  }, 90_000);
});

describe('a Harbor that never answers', () => {
  // One reading a second; the Harbor reads every request and answers none for
  // two minutes, which every board's buffer outlasts (nothing need be dropped).
  const METRIC: RawAnswers = { kind: 'simulated', cargo: 'beat', interval: 1, base: 1, amplitude: 1, period: 60 };
  const SILENT: Omit<ReceiverOptions, 'port'> = { ...DELIVERY_ACCOUNT, faults: { silences: [{ fromMs: 60_000, toMs: 3 * 60_000 }] } };
  const durationMs = 10 * 60_000;
  const slots = durationMs / 1000;
  const projects = new Map<string, BuiltProject>();

  beforeAll(async () => {
    for (const board of ['esp32dev', 'nodemcuv2', 'rpipicow']) {
      projects.set(board, await buildGeneratedProject(`silent-${board}`, answers(board, `silent-${board}`, [METRIC])));
    }
  }, 240_000);
  afterAll(async () => {
    for (const project of projects.values()) await project.remove();
  });

  async function silentRun(board: string) {
    const project = projects.get(board);
    if (!project) throw new Error(`no project for ${board}`);
    expect(project.model.device.bufferRecords).toBeGreaterThan(120);
    // --io-scale 20: each 10 s timeout of the boards takes half a real second.
    const run = await runAgainstReceiver(project.binary, { receiver: SILENT, firmware: { ...FIRMWARE, durationMs, ioScale: 20 } });
    const silent = run.events.filter((e) => e.dropped && e.status === undefined);
    expect(silent.length, 'requests left unanswered').toBeGreaterThan(3);
    expect(run.summary).toMatchObject({ reason: 'drained', dropped: 0, rejected: 0 });
    expect(run.summary.delivered).toBe(run.summary.sampled);
    expect(run.points).toHaveLength(run.summary.sampled);
    expect(misplacedValues(run.points, project.model.metrics)).toEqual([]);
    return run;
  }

  it.each(['esp32dev', 'rpipicow'])('%s samples every slot on time while its sender waits (a task, or the second core)', async (board) => {
    const run = await silentRun(board);
    expect(run.summary).toMatchObject({ sampled: slots, missed: 0 });
    const offsets = offsetsByCargo(run.points).get('beat') ?? [];
    const late = offsets.map((offset, k) => offset - k * 1000);
    expect(Math.min(...late)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...late)).toBeLessThan(1000);
  }, 120_000);

  it('nodemcuv2 sends from its loop: the slots it misses while blocked are counted, sampled + missed = every slot', async () => {
    const run = await silentRun('nodemcuv2');
    expect(run.summary.missed).toBeGreaterThan(0);
    expect(run.summary.sampled + run.summary.missed).toBe(slots);
    // The readings it did take are on their slots: no two in one slot.
    const offsets = offsetsByCargo(run.points).get('beat') ?? [];
    expect(new Set(offsets.map((o) => Math.floor(o / 1000))).size).toBe(offsets.length);
  }, 120_000);
});
