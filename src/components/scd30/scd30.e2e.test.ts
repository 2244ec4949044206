// An SCD30 on an esp32dev (its bus at 100 kHz), built for the host and run
// against the local Harbor with its answers corrupted now and then and a NACK burst:
// every good reading arrives once, on its slot, with the model's value (the
// first slot after boot has no measurement yet); every bad CRC is counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('scd30 end to end', () => {
  const project = useSensorProject('scd30', {
    ...THREE_METRIC_ANSWERS,
    metrics: [{ kind: 'sensor_errors', interval: 60 }],
    sensors: [
      { kind: 'scd30', interval: 4 },
    ],
  });

  it('delivers the model\'s values on their slots through bad CRCs and a NACK burst, and counts what was lost', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { corrupt: 0.05, burst: [{ fromMs: 200_000, toMs: 260_000 }] } });

    const delivered = expectSensorReadings(run, project.model);
    // The first slot comes before the sensor's first measurement, 2 s after the start; a minute of NACKs is 15 slots.
    const lost = slotsIn(DURATION_MS, 4_000) - 1 - (delivered['scd30 1'] ?? 0);
    expect(lost).toBeGreaterThan(15);
    // Set up again after the burst, it starts measuring anew: that slot has no measurement, lost and counted.
    expect(run.summary.readFailures).toBe(lost);
    const errors = run.points.filter((p) => p.cargo_id === 'sensor_errors').map((p) => p.value);
    expect(errors.at(-1)).toBeLessThanOrEqual(lost);
    // The burst ended before the last report (once a minute): its 15 slots are in it.
    expect(errors.at(-1)).toBeGreaterThanOrEqual(15);
  }, 60_000);
});
