// The battery planner's arithmetic, worked by hand from the figures it cites,
// and its honesty: a board or chip whose draw nobody published is "unknown".
import { describe, expect, it } from 'vitest';

import { BOARD_DRAW, CHIP_CURRENTS, planBattery, planSummary, type Battery } from '../../src/power/battery-plan.js';

const CELL: Battery = { kind: 'cell', mAh: 2000, chemistry: 'li-ion' };
const GARDEN = { mode: 'deep-sleep', intervalS: 300, sendEvery: 6 } as const;

describe('battery planner', () => {
  it('an ESP32 waking every 5 min and sending every 6th wake: the chip alone lasts most of a year, the DevKit board two weeks', () => {
    // Per 300 s: 0.3 s at 31 mA (9.3 mA·s) + a sixth of a 3 s send at 100 mA (50 mA·s) + 299.7 s at 5 µA (1.4985 mA·s)
    // = 60.7985 mA·s, 0.20266 mA on average; 80 % of 2,000 mAh is 1,600 mAh: 1600 / 0.20266 / 24 = 329 days.
    // The DevKit's AMS1117 adds 5 mA: 1600 / 5.20266 / 24 = 12.8 days.
    const plan = planBattery('esp32', 'esp32dev', GARDEN, CELL);
    expect(plan.chipMa).toBeCloseTo(0.20266, 4);
    expect(plan.chipDays).toBeCloseTo(329, 0);
    expect(plan.days).toBeCloseTo(12.8, 1);
    expect(planSummary(plan, CELL)).toBe('about 13 days on a 2,000 mAh li-ion cell (5.2 mA on average)');
    expect(plan.lines.join('\n')).toContain('AMS1117');
  });

  it('a board whose parts are not known gets the chip\'s figure and says the rest is unknown', () => {
    const plan = planBattery('esp32', 'lolin_d32', GARDEN, CELL);
    expect(plan.days).toBe('unknown');
    expect(plan.chipDays).toBeCloseTo(329, 0);
    expect(planSummary(plan, CELL)).toBe('about 330 days on a 2,000 mAh li-ion cell for the chip alone (0.2 mA on average); what the board adds is unknown');
  });

  it('an ESP8266 sleeps at 20 µA and draws 56 mA sending (ESP8266EX datasheet tables 3-4 and 5-2)', () => {
    // 0.3 × 15 + 56 × 3 / 6 + 0.02 × 299.7 = 4.5 + 28 + 5.994 = 38.494 mA·s per 300 s = 0.12831 mA.
    const plan = planBattery('esp8266', 'nodemcuv2', GARDEN, CELL);
    expect(plan.chipMa).toBeCloseTo(0.12831, 4);
    expect(plan.lines.some((l) => l.includes('Table 3-4'))).toBe(true);
  });

  it('the Pico W\'s deep sleep is unknown, and the plan says so instead of guessing', () => {
    const plan = planBattery('rp2040', 'rpipicow', GARDEN, CELL);
    expect(plan.chipMa).toBe('unknown');
    expect(plan.days).toBe('unknown');
    expect(planSummary(plan, CELL)).toBe("battery life unknown: the chip's sleep current is not known");
  });

  it('USB power has nothing to plan; always-on draws the connected figure', () => {
    expect(planSummary(planBattery('esp32', 'esp32dev', GARDEN, { kind: 'usb' }), { kind: 'usb' })).toBe('USB powered: no battery to plan');
    // 1600 mAh / 31 mA / 24 = 2.15 days for an ESP32 left connected.
    expect(planBattery('esp32', 'lolin_d32', { mode: 'always-on' }, CELL).chipDays).toBeCloseTo(2.15, 2);
  });

  it('names a source for every figure it uses', () => {
    for (const currents of Object.values(CHIP_CURRENTS)) {
      for (const figure of [currents.cpuMa, currents.radioMa, currents.deepSleepUa]) {
        if (figure !== 'unknown') expect(figure.source.length).toBeGreaterThan(20);
      }
    }
    for (const draw of Object.values(BOARD_DRAW)) expect(draw.source).toMatch(/datasheet/);
  });
});
