// HTU21D and Si7021, both at 0x40, on the two I2C buses of an esp32dev, built
// for the host and run against the local Harbor with bits of the HTU21D's
// answers flipped now and then: every good reading arrives once, on its slot,
// with the model's value; every reading the CRC caught is skipped and counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('htu21d and si7021 end to end', () => {
  const project = useSensorProject('htu21d', {
    ...THREE_METRIC_ANSWERS,
    sensors: [
      { kind: 'htu21d', name: 'outdoor', interval: 10 },
      { kind: 'si7021', name: 'indoor', sda: 25, scl: 26, interval: 15 },
    ],
  });

  it('delivers the model\'s values on their slots and skips what the CRC caught', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { corrupt: 0.1 } });

    const delivered = expectSensorReadings(run, project.model);
    expect(delivered["si7021 'indoor'"]).toBe(slotsIn(DURATION_MS, 15_000));
    const lost = slotsIn(DURATION_MS, 10_000) - (delivered["htu21d 'outdoor'"] ?? 0);
    expect(lost).toBeGreaterThan(0);
    expect(lost).toBeLessThan(25);
    expect(run.summary.readFailures).toBe(lost);
  }, 60_000);
});
