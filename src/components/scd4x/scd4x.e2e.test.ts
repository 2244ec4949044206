// SCD41 and SCD40 on two I2C buses of an esp32dev, built for the host and run
// against the local Harbor with the SCD41's answers corrupted now and then:
// every good reading arrives once, on its slot, with the model's value (the
// first slot after boot has no measurement yet); every bad CRC is counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { buildGeneratedProject, type BuiltProject } from '../../../test/e2e/e2e-helpers.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('scd41 and scd40 end to end', () => {
  let project: BuiltProject;

  beforeAll(async () => {
    project = await buildGeneratedProject('scd4x', {
      ...THREE_METRIC_ANSWERS,
      metrics: [{ kind: 'sensor_errors', interval: 60 }],
      sensors: [
        { kind: 'scd41', name: 'office', interval: 10 },
        { kind: 'scd40', name: 'hall', sda: 25, scl: 26, interval: 30 },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await project?.remove();
  });

  it('delivers the model\'s values on their slots through bad CRCs, and counts what was lost', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { corrupt: 0.05 } });

    const delivered = expectSensorReadings(run, project.model);
    // The first slot of each comes before the sensor's first measurement, 5 s after the start.
    expect(delivered["scd40 'hall'"]).toBe(slotsIn(DURATION_MS, 30_000) - 1);
    const lost = slotsIn(DURATION_MS, 10_000) - 1 - (delivered["scd41 'office'"] ?? 0);
    expect(lost).toBeGreaterThan(0);
    expect(run.summary.readFailures).toBe(lost);
    const errors = run.points.filter((p) => p.cargo_id === 'sensor_errors').map((p) => p.value);
    expect(errors.at(-1)).toBeLessThanOrEqual(lost);
  }, 60_000);
});
