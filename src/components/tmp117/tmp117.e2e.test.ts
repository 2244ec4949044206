// Two TMP117s (0x48 and 0x4B) on one I2C bus of an esp32dev, built for the
// host and run against the local Harbor with the first NACKing now and then
// and unplugged for two minutes: every good reading arrives once, on its
// slot, with the model's value; every lost slot is counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('tmp117 end to end', () => {
  const project = useSensorProject('tmp117', {
    ...THREE_METRIC_ANSWERS,
    sensors: [
      { kind: 'tmp117', name: 'tank', interval: 10 },
      { kind: 'tmp117', name: 'room', address: '0x4b', interval: 20 },
    ],
  });

  it('delivers the model\'s values on their slots through NACKs and an unplugged sensor', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { nack: 0.05, unplug: [{ fromMs: 120_000, toMs: 240_000 }] } });

    const delivered = expectSensorReadings(run, project.model);
    expect(delivered["tmp117 'room'"]).toBe(slotsIn(DURATION_MS, 20_000));
    // Two minutes unplugged are 12 slots; NACKs cost a few more.
    const lost = slotsIn(DURATION_MS, 10_000) - (delivered["tmp117 'tank'"] ?? 0);
    expect(lost).toBeGreaterThanOrEqual(12);
    expect(lost).toBeLessThan(30);
    expect(run.summary.readFailures).toBe(lost);
  }, 60_000);
});
