// SHT3x and SHT4x on one I2C bus of an esp32dev, built for the host and run
// against the local Harbor with bits of the SHT3x's answers flipped now and
// then: every good reading arrives once, on its slot, with the model's value;
// every reading the CRC caught is skipped and counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('sht3x and sht4x end to end', () => {
  const project = useSensorProject('sht', {
    ...THREE_METRIC_ANSWERS,
    sensors: [
      { kind: 'sht3x', name: 'outdoor', address: '0x45', interval: 10 },
      { kind: 'sht4x', name: 'indoor', interval: 15 },
    ],
  });

  it('delivers the model\'s values on their slots and skips what the CRC caught', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { corrupt: 0.1 } });

    const delivered = expectSensorReadings(run, project.model);
    expect(delivered["sht4x 'indoor'"]).toBe(slotsIn(DURATION_MS, 15_000));
    const lost = slotsIn(DURATION_MS, 10_000) - (delivered["sht3x 'outdoor'"] ?? 0);
    expect(lost).toBeGreaterThan(0);
    expect(lost).toBeLessThan(20);
    expect(run.summary.readFailures).toBe(lost);
  }, 60_000);
});
