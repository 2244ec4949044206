// Two ADXL345s (0x53 at 2 g, 0x1D at 16 g) on one I2C bus of an esp32dev,
// built for the host and run against the local Harbor with the first
// unplugged for two minutes: every good reading arrives once, on its slot,
// with the model's acceleration; every lost slot is counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('adxl345 end to end', () => {
  const project = useSensorProject('adxl345', {
    ...THREE_METRIC_ANSWERS,
    sensors: [
      { kind: 'adxl345', name: 'lid', interval: 5 },
      { kind: 'adxl345', name: 'frame', address: '0x1d', interval: 10, range: 16 },
    ],
  });

  it('delivers both accelerometers\' readings on their slots through an unplugged sensor', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { unplug: [{ fromMs: 120_000, toMs: 240_000 }] } });
    const delivered = expectSensorReadings(run, project.model);
    expect(delivered["adxl345 'frame'"]).toBe(slotsIn(DURATION_MS, 10_000));
    // Two minutes are 24 slots, and up to a minute until it is looked for again.
    const lost = slotsIn(DURATION_MS, 5_000) - (delivered["adxl345 'lid'"] ?? 0);
    expect(lost).toBeGreaterThanOrEqual(24);
    expect(lost).toBeLessThanOrEqual(36);
    expect(run.summary.readFailures).toBe(lost);
  }, 60_000);
});
