// Two BH1750s (0x23 and 0x5C) on one I2C bus of an esp32dev, built for the host
// and run against the local Harbor, the first NACKing now and then and unplugged
// for two minutes: every good reading arrives once, on its slot, with the
// model's light; every lost slot is counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('bh1750 end to end', () => {
  const project = useSensorProject('bh1750', {
    ...THREE_METRIC_ANSWERS,
    sensors: [
      { kind: 'bh1750', name: 'desk', interval: 10 },
      { kind: 'bh1750', name: 'window', address: '0x5C', interval: 5 },
    ],
  });

  it('delivers the model\'s light on its slots through NACKs and an unplugged sensor', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { nack: 0.05, unplug: [{ fromMs: 120_000, toMs: 240_000 }] } });

    const delivered = expectSensorReadings(run, project.model);
    expect(delivered["bh1750 'window'"]).toBe(slotsIn(DURATION_MS, 5_000));
    // Two minutes unplugged are 12 slots; NACKs cost a few more.
    const lost = slotsIn(DURATION_MS, 10_000) - (delivered["bh1750 'desk'"] ?? 0);
    expect(lost).toBeGreaterThanOrEqual(12);
    expect(lost).toBeLessThan(25);
    expect(run.summary.readFailures).toBe(lost);
  }, 60_000);
});
