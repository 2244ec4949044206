// A VL53L0X and a VL53L1X, each on its own I2C bus of an esp32dev (both are
// 0x29), built for the host and run against the local Harbor with the
// VL53L0X NACKing now and then: every good distance arrives once, on its
// slot, with the model's value; every failed read is counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('vl53l0x and vl53l1x end to end', () => {
  const project = useSensorProject('vl53', {
    ...THREE_METRIC_ANSWERS,
    metrics: [{ kind: 'sensor_errors', interval: 60 }],
    sensors: [
      { kind: 'vl53l0x', name: 'tank', interval: 5 },
      { kind: 'vl53l1x', name: 'door', sda: 25, scl: 26, interval: 10 },
    ],
  });

  it('delivers the model\'s distances on their slots through NACKs, and counts what was lost', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { nack: 0.02 } });

    const delivered = expectSensorReadings(run, project.model);
    expect(delivered["vl53l1x 'door'"]).toBe(slotsIn(DURATION_MS, 10_000));
    const lost = slotsIn(DURATION_MS, 5_000) - (delivered["vl53l0x 'tank'"] ?? 0);
    expect(lost).toBeGreaterThan(0);
    expect(run.summary.readFailures).toBe(lost);
  }, 60_000);
});
