// An INA219 (0x40), an INA226 (0x41) and an INA3221 (0x42) on one I2C bus of
// an esp32dev, built for the host and run against the local Harbor, the INA219
// NACKing now and then and unplugged for two minutes: every good reading
// arrives once, on its slot, with the model's voltage, current and power;
// every lost slot is counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('ina219, ina226 and ina3221 end to end', () => {
  const project = useSensorProject('ina2xx', {
    ...THREE_METRIC_ANSWERS,
    sensors: [
      { kind: 'ina219', name: 'solar', interval: 10 },
      { kind: 'ina226', name: 'battery', address: '0x41', interval: 5 },
      { kind: 'ina3221', name: 'rails', address: '0x42', interval: 15 },
    ],
  });

  it('delivers the model\'s voltages, currents and power on their slots through NACKs and an unplugged sensor', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { nack: 0.05, unplug: [{ fromMs: 120_000, toMs: 240_000 }] } });

    const delivered = expectSensorReadings(run, project.model);
    expect(delivered["ina226 'battery'"]).toBe(slotsIn(DURATION_MS, 5_000));
    expect(delivered["ina3221 'rails'"]).toBe(slotsIn(DURATION_MS, 15_000));
    const lost = slotsIn(DURATION_MS, 10_000) - (delivered["ina219 'solar'"] ?? 0);
    expect(lost).toBeGreaterThanOrEqual(12);
    expect(lost).toBeLessThan(25);
    expect(run.summary.readFailures).toBe(lost);
  }, 60_000);
});
