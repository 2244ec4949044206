// AHT20 and AHT10 on one I2C bus of an esp32dev, built for the host and run
// against the local Harbor with bits of the AHT20's answers flipped now and
// then (the AHT10 has no CRC, so no faults on it): every good reading arrives
// once, on its slot, with the model's value; every reading the CRC caught is
// skipped and counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('aht20 and aht10 end to end', () => {
  const project = useSensorProject('aht', {
    ...THREE_METRIC_ANSWERS,
    sensors: [
      { kind: 'aht20', name: 'outdoor', interval: 10 },
      { kind: 'aht10', name: 'indoor', address: '0x39', interval: 15 },
    ],
  });

  it('delivers the model\'s values on their slots and skips what the CRC caught', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { corrupt: 0.1 } });

    const delivered = expectSensorReadings(run, project.model);
    expect(delivered["aht10 'indoor'"]).toBe(slotsIn(DURATION_MS, 15_000));
    const lost = slotsIn(DURATION_MS, 10_000) - (delivered["aht20 'outdoor'"] ?? 0);
    expect(lost).toBeGreaterThan(0);
    expect(lost).toBeLessThan(20);
    expect(run.summary.readFailures).toBe(lost);
  }, 60_000);
});
