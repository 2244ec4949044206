// SGP30 and SGP40 on one I2C bus of an esp32dev and an SGP41 on a second,
// built for the host and run against the local Harbor with the SGP30 NACKing
// now and then: every good reading arrives once, on its slot, with the
// model's value; the SGP30 sends nothing in its 15 s warm-up, the SGP41
// nothing while it conditions; failed reads are counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('sgp30, sgp40 and sgp41 end to end', () => {
  const project = useSensorProject('sgp', {
    ...THREE_METRIC_ANSWERS,
    metrics: [{ kind: 'sensor_errors', interval: 60 }],
    sensors: [
      { kind: 'sgp30', name: 'desk', interval: 10 },
      { kind: 'sgp40', name: 'shelf', interval: 20 },
      { kind: 'sgp41', name: 'door', sda: 25, scl: 26, interval: 30 },
    ],
  });

  it('delivers the model\'s values on their slots through NACKs, and counts what was lost', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { nack: 0.03 } });

    const delivered = expectSensorReadings(run, project.model);
    expect(delivered["sgp40 'shelf'"]).toBe(slotsIn(DURATION_MS, 20_000));
    expect(delivered["sgp41 'door'"]).toBe(slotsIn(DURATION_MS, 30_000) - 1);
    // The SGP30 measures every second: a NACK on any of those 600 is counted, one on a sending slot also costs a reading.
    const lost = slotsIn(DURATION_MS, 10_000) - 2 - (delivered["sgp30 'desk'"] ?? 0);
    expect(lost).toBeGreaterThan(0);
    expect(run.summary.readFailures).toBeGreaterThan(lost + 5);
    expect(run.summary.readFailures).toBeLessThan(60);
  }, 60_000);
});
