// Two MPU-6050s (0x68 at 2 g / 250 °/s, 0x69 at 16 g / 2000 °/s) on one I2C
// bus of an esp32dev, built for the host and run against the local Harbor
// with the first NACKing now and then: every good reading of all seven
// channels arrives once, on its slot, with the model's value; every lost
// slot is counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('mpu6050 end to end', () => {
  const project = useSensorProject('mpu6050', {
    ...THREE_METRIC_ANSWERS,
    sensors: [
      { kind: 'mpu6050', name: 'arm', interval: 5 },
      { kind: 'mpu6050', name: 'base', address: '0x69', interval: 10, accel_range: 16, gyro_range: 2000 },
    ],
  });

  it('delivers both sensors\' motion and temperature on their slots through NACKs', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { nack: 0.05 } });
    const delivered = expectSensorReadings(run, project.model);
    expect(delivered["mpu6050 'base'"]).toBe(slotsIn(DURATION_MS, 10_000));
    const lost = slotsIn(DURATION_MS, 5_000) - (delivered["mpu6050 'arm'"] ?? 0);
    expect(lost).toBeGreaterThan(0);
    expect(lost).toBeLessThan(30);
    expect(run.summary.readFailures).toBe(lost);
  }, 60_000);
});
