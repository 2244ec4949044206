// A VEML7700 on the I2C bus of an esp32dev, built for the host and run against
// the local Harbor, NACKing now and then and unplugged for two minutes: every
// good reading arrives once, on its slot, with the model's light; every lost
// slot is counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('veml7700 end to end', () => {
  const project = useSensorProject('veml7700', {
    ...THREE_METRIC_ANSWERS,
    sensors: [{ kind: 'veml7700', name: 'shelf', interval: 10 }],
  });

  it('delivers the model\'s light on its slots through NACKs and an unplugged sensor', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { nack: 0.05, unplug: [{ fromMs: 120_000, toMs: 240_000 }] } });

    const delivered = expectSensorReadings(run, project.model);
    const lost = slotsIn(DURATION_MS, 10_000) - (delivered["veml7700 'shelf'"] ?? 0);
    expect(lost).toBeGreaterThanOrEqual(12);
    expect(lost).toBeLessThan(25);
    expect(run.summary.readFailures).toBe(lost);
  }, 60_000);
});
