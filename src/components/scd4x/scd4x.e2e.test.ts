// SCD41 and SCD40 on two I2C buses of an esp32dev, built for the host and run
// against the local Harbor with the SCD41's answers corrupted now and then:
// every good reading arrives once, on its slot, with the model's value (the
// first slot after boot has no measurement yet); every bad CRC is counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { offsetMs } from '../../../test/e2e/e2e-helpers.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('scd41 and scd40 end to end', () => {
  const project = useSensorProject('scd4x', {
    ...THREE_METRIC_ANSWERS,
    metrics: [{ kind: 'sensor_errors', interval: 60 }],
    sensors: [
      { kind: 'scd41', name: 'office', interval: 10 },
      { kind: 'scd40', name: 'hall', sda: 25, scl: 26, interval: 30 },
    ],
  });

  it('delivers the model\'s values on their slots through bad CRCs, and counts what was lost', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { corrupt: 0.05 } });

    const delivered = expectSensorReadings(run, project.model);
    // The first slot of each comes before the sensor's first measurement, 5 s after the start.
    expect(delivered["scd40 'hall'"]).toBe(slotsIn(DURATION_MS, 30_000) - 1);
    const lost = slotsIn(DURATION_MS, 10_000) - 1 - (delivered["scd41 'office'"] ?? 0);
    expect(lost).toBeGreaterThan(0);
    expect(run.summary.readFailures).toBe(lost);
    const reports = run.points.filter((p) => p.cargo_id === 'sensor_errors');
    expect(reports.at(-1)!.value).toBeLessThanOrEqual(lost);
    // The last report (once a minute) holds at least every slot of the SCD41 lost before it.
    const reportMs = offsetMs(reports.at(-1)!);
    const co2 = project.model.sensors[0]!.channels[0]!.cargo;
    const deliveredBefore = run.points.filter((p) => p.cargo_id === co2 && offsetMs(p) < reportMs).length;
    const lostBefore = slotsIn(reportMs, 10_000) - 1 - deliveredBefore;
    expect(lostBefore).toBeGreaterThan(0);
    expect(reports.at(-1)!.value).toBeGreaterThanOrEqual(lostBefore);
  }, 60_000);
});
