/**
 * Issue 13, done-when 2, the planner's half: `simulate` of a deep-sleep D1 mini
 * (wake every 5 minutes, send every 6th wake, a virtual day, 20 % of requests
 * failing) prints the time awake it measured and, next to it, the planner's
 * estimate for a 2,000 mAh Li-ion cell worked from those measured times. The
 * estimate is checked by hand against the ESP8266EX datasheet's figures, not
 * against the planner's own output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { DELIVERY_API_KEY, DELIVERY_HARBOR_ID, THREE_METRIC_ANSWERS, writeGeneratedProject } from '../../src/bench/delivery-run.js';
import { runSimulate } from '../../src/commands/simulate.js';
import type { RawAnswers } from '../../src/config/resolve-answers.js';
import { startReceiver } from '../../src/receiver/receiver.js';
import type { Ui } from '../../src/ui.js';

const ANSWERS: RawAnswers = {
  ...THREE_METRIC_ANSWERS,
  board: 'd1_mini',
  shipId: 'garden-2',
  power: 'deep-sleep:interval=300,send-every=6',
  metrics: ['soil', 'air', 'light'].map((cargo, i) => ({ kind: 'simulated', cargo, interval: 300, base: 10 * (i + 1), amplitude: 4, period: 7200 + 1800 * i })),
};

const num = (text: string): number => Number(text.replace(/,/g, ''));

describe('simulate of a sleeping D1 mini prints the time awake and the battery life it means', () => {
  let root: string;
  const lines: string[] = [];

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'harbor-e2e-battery-'));
    const dir = path.join(root, 'garden');
    writeGeneratedProject(dir, ANSWERS);
    const receiver = await startReceiver({ port: 0, host: '127.0.0.1', apiKey: DELIVERY_API_KEY, harborIds: [DELIVERY_HARBOR_ID], clock: 'sim', faults: { failRate: 0.2, failWith: [500, 503], seed: 7 } });
    const ui: Ui = { info: (l) => lines.push(l), success: (l) => lines.push(l), warn: () => {}, error: () => {}, hint: () => {}, detail: () => {}, verbose: false };
    try {
      await runSimulate(dir, { duration: '24h', speed: 'max', endpoint: receiver.url, seed: '7' }, ui);
    } finally {
      await receiver.close();
    }
  }, 300_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('measures the awake time per wake and per send, and the planner works from it on the ESP8266EX datasheet figures', () => {
    const text = lines.join('\n');
    const awake = /awake ([\d.,]+) s per day of firmware time: ([\d.]+) s per wake \((\d+) wakes\), ([\d.]+) s more per send \((\d+) sends\)/.exec(text);
    expect(awake, text).not.toBeNull();
    const [perDayS, wakeS, wakes, sendS, sends] = (awake as RegExpExecArray).slice(1).map(num) as [number, number, number, number, number];
    // A day of 5-minute wakes; the first sends (it sets the clock), then every 6th: wakes 6, 12, ... 288.
    expect(wakes).toBe(288);
    expect(sends).toBe(1 + 288 / 6);
    // The day's total is the wakes' and the sends' (each printed to 3 digits, so within 1 %).
    expect(Math.abs(perDayS - (wakes * wakeS + sends * sendS)) / perDayS).toBeLessThan(0.01);
    // Measured, not the defaults (0.3 s and 3 s): a send here took a measurable time of its own.
    expect(sendS).toBeGreaterThan(0);
    expect(sendS).not.toBe(3);

    const estimate = /battery \(a 2,000 mAh li-ion cell, as the project names no battery\), with the awake times measured here: about ([\d,.]+) days on a 2,000 mAh li-ion cell for the chip alone \(([\d.]+) mA on average\); what the board adds is unknown/.exec(text);
    expect(estimate, text).not.toBeNull();
    const [days, averageMa] = (estimate as RegExpExecArray).slice(1).map(num) as [number, number];
    // By hand, per 300 s wake: wakeS at 15 mA (modem-sleep, ESP8266EX datasheet Table 3-4), a sixth of sendS at
    // 56 mA (Rx 802.11n, Table 5-2), the rest asleep at 20 µA (Table 3-4); 80 % of 2,000 mAh is usable.
    const ma = (15 * wakeS + (56 * sendS) / 6 + 0.02 * (300 - wakeS)) / 300;
    expect(Math.abs(averageMa - ma) / ma).toBeLessThan(0.06);
    expect(Math.abs(days - 1600 / ma / 24) / (1600 / ma / 24)).toBeLessThan(0.06);
    // The defaults' estimate is printed beside it: (15 × 0.3 + 56 × 3 / 6 + 0.02 × 299.7) / 300 = 0.12831 mA, 520 days.
    expect(text).toContain("with the planner's defaults (0.3 s per wake, 3 s per send): about 520 days on a 2,000 mAh li-ion cell for the chip alone (0.13 mA on average)");
    // Honest about the board: the D1 mini's regulator and USB-serial chip are not in the model.
    expect(text).toContain("the board: unknown: what d1_mini's regulator and USB-serial chip draw is not known here");
  });
});
