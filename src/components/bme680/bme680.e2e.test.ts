// A BME680 (0x76) and a BME688 (0x77) on one I2C bus of an esp32dev, built for the
// host and run against the local Harbor with the BME680 NACKing now and then
// and unplugged for two minutes: every good reading arrives once, on its
// slot, with the model's value; every lost slot is counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('bme680 and bme688 end to end', () => {
  const project = useSensorProject('bme680', {
    ...THREE_METRIC_ANSWERS,
    sensors: [
      { kind: 'bme680', name: 'tank', interval: 10 },
      { kind: 'bme688', name: 'room', address: '0x77', interval: 20, heater: 300, heater_ms: 100 },
    ],
  });

  it('delivers the model\'s values on their slots through NACKs and an unplugged sensor', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { nack: 0.05, unplug: [{ fromMs: 120_000, toMs: 240_000 }] } });

    const delivered = expectSensorReadings(run, project.model);
    expect(delivered["bme688 'room'"]).toBe(slotsIn(DURATION_MS, 20_000));
    // Two minutes unplugged are 12 slots; NACKs cost a few more.
    const lost = slotsIn(DURATION_MS, 10_000) - (delivered["bme680 'tank'"] ?? 0);
    expect(lost).toBeGreaterThanOrEqual(12);
    expect(lost).toBeLessThan(30);
    expect(run.summary.readFailures).toBe(lost);
  }, 60_000);
});
