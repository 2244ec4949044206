/**
 * Issue 13, done-when 1: a virtual day on an ESP8266 with --storage flash,
 * 3 metrics every 10 s, the power cut at a random point of every 7 minutes
 * (half of the cuts tearing a flash page write) and a 2-hour Harbor outage.
 * Every reading taken is stored once, except those a cut took from RAM
 * before they reached flash: counted exactly, and each within the stated
 * loss window before its cut.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DELIVERY_ACCOUNT, DELIVERY_START_UTC_MS, THREE_METRIC_ANSWERS } from '../../src/bench/delivery-run.js';
import { parseAnswers, type RawAnswers } from '../../src/config/resolve-answers.js';
import { generateFiles } from '../../src/generate/generate-files.js';
import { startReceiver } from '../../src/receiver/receiver.js';
import { POWER_OFF_MS, runWithPowerCuts, type PowerCutRun } from '../../src/simulate/power-cuts.js';
import { buildGeneratedProject, misplacedValues, offsetMs, type BuiltProject } from './e2e-helpers.js';

const HOUR = 3_600_000;
const INTERVAL_MS = 10_000;
const DURATION_MS = 24 * HOUR;
const OUTAGE = { fromMs: 10 * HOUR, toMs: 12 * HOUR };

const ANSWERS: RawAnswers = {
  ...THREE_METRIC_ANSWERS,
  board: 'd1_mini',
  shipId: 'cuts-1',
  storage: 'flash',
  metrics: ['t', 'h', 'p'].map((cargo, i) => ({ kind: 'simulated', cargo, interval: INTERVAL_MS / 1000, base: 10 * (i + 1), amplitude: 3, period: 3600 + 600 * i })),
};

describe('a virtual day of power cuts on an ESP8266 with its readings in flash', () => {
  let project: BuiltProject;
  let run: PowerCutRun;
  let points: Awaited<ReturnType<typeof collect>>;

  async function collect(binary: string) {
    const receiver = await startReceiver({ ...DELIVERY_ACCOUNT, port: 0, host: '127.0.0.1', faults: { outages: [OUTAGE] } });
    try {
      run = await runWithPowerCuts(binary, { durationMs: DURATION_MS, everyMs: 7 * 60_000, speed: 'max', endpoint: receiver.url, startUtcMs: DELIVERY_START_UTC_MS, seed: 13, timeoutMs: 120_000 });
      return receiver.points();
    } finally {
      await receiver.close();
    }
  }

  beforeAll(async () => {
    project = await buildGeneratedProject('cuts', ANSWERS);
    points = await collect(project.binary);
  }, 240_000);
  afterAll(() => project?.remove());

  it('cuts the power about every 7 minutes, half of the cuts in a flash write, and drains at the end', () => {
    expect(run.cuts.length).toBeGreaterThan(180);
    expect(run.cuts.filter((c) => c.inWrite).length).toBeGreaterThan(60);
    expect(run.cuts.filter((c) => !c.inWrite).length).toBeGreaterThan(60);
    expect(run.cuts.filter((c) => c.atMs >= OUTAGE.fromMs && c.atMs < OUTAGE.toMs).length).toBeGreaterThan(10);
    expect(run.summary).toMatchObject({ reason: 'drained', drained: true, buffered: 0, dropped: 0, rejected: 0, refused: 0 });
    for (const boot of run.boots) expect(boot.dropped).toBe(0);
  });

  it('stores every reading once but those a cut took from RAM, each within the loss window before its cut', () => {
    const flash = project.model.flash!;
    // The loss window the model states: a page's worth of readings at these rates.
    const windowMs = (flash.recordsPerPage / 3) * INTERVAL_MS;
    expect(windowMs).toBe(10_000);
    // Every boot samples from its start on its own grid, until its cut (or the end of the day).
    const taken = new Map<string, { boot: number; at: number }>();
    let bootAt = 0;
    run.boots.forEach((boot, i) => {
      const cut = run.cuts[i];
      // A cut in a write came while the reading that filled the page was being stored: its slot was taken.
      const end = cut ? (cut.inWrite ? cut.atMs + 1 : cut.atMs) : DURATION_MS;
      for (let t = bootAt; t < end; t += INTERVAL_MS) for (const m of project.model.metrics) taken.set(`${m.cargo}|${t}`, { boot: i, at: t });
      if (cut) bootAt = cut.atMs + POWER_OFF_MS;
      expect(boot.missed).toBe(0);
    });
    expect(run.summary.sampled).toBe(taken.size);

    const stored = points.map((p) => `${p.cargo_id}|${offsetMs(p)}`);
    expect(new Set(stored).size).toBe(stored.length);  // none stored twice
    expect(stored.filter((k) => !taken.has(k))).toEqual([]);
    expect(misplacedValues(points, project.model.metrics)).toEqual([]);

    const storedSet = new Set(stored);
    const missing = [...taken].filter(([k]) => !storedSet.has(k)).map(([, v]) => v);
    // Counted exactly: what is missing is what the cuts found in RAM only.
    expect(missing.length).toBe(run.lostToCuts);
    expect(run.lostToCuts).toBeGreaterThan(0);
    for (const m of missing) {
      const cut = run.cuts[m.boot]!;
      expect(m.at).toBeGreaterThan(cut.atMs - windowMs);
      expect(m.at).toBeLessThanOrEqual(cut.atMs);
    }
    // No cut lost more than a page.
    for (const cut of run.cuts) expect(cut.lost).toBeLessThanOrEqual(flash.recordsPerPage);
  });

  it('holds the 2-hour outage in flash, which RAM alone could not', () => {
    const outageReadings = ((OUTAGE.toMs - OUTAGE.fromMs) / INTERVAL_MS) * 3;
    expect(project.model.flash!.capacity).toBeGreaterThan(10 * outageReadings);
    const inRam = generateFiles(parseAnswers({ ...ANSWERS, storage: 'ram' })).model;
    expect(inRam.device.bufferRecords).toBeLessThan(outageReadings);
    const during = points.filter((p) => offsetMs(p) >= OUTAGE.fromMs && offsetMs(p) < OUTAGE.toMs);
    expect(during.length).toBeGreaterThan(outageReadings - 3 * 12 * 3);
  });
});
