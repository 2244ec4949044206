// Two TSL2561s (0x39 and 0x29, 1x and 16x) on one I2C bus of an esp32dev,
// built for the host and run against the local Harbor, the first NACKing now
// and then and unplugged for two minutes: every good reading arrives once, on
// its slot, with the model's light; every lost slot is counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('tsl2561 end to end', () => {
  const project = useSensorProject('tsl2561', {
    ...THREE_METRIC_ANSWERS,
    sensors: [
      { kind: 'tsl2561', name: 'hall', interval: 10 },
      { kind: 'tsl2561', name: 'cellar', address: '0x29', interval: 5, gain: 16, integration: 101 },
    ],
  });

  it('delivers the model\'s light on its slots through NACKs and an unplugged sensor', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { nack: 0.05, unplug: [{ fromMs: 120_000, toMs: 240_000 }] } });

    const delivered = expectSensorReadings(run, project.model);
    expect(delivered["tsl2561 'cellar'"]).toBe(slotsIn(DURATION_MS, 5_000));
    const lost = slotsIn(DURATION_MS, 10_000) - (delivered["tsl2561 'hall'"] ?? 0);
    expect(lost).toBeGreaterThanOrEqual(12);
    expect(lost).toBeLessThan(25);
    expect(run.summary.readFailures).toBe(lost);
  }, 60_000);
});
