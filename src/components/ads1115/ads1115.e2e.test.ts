// Two ADS1115s (0x48 all four inputs at 128 SPS, 0x49 two inputs at 8 SPS)
// on one I2C bus of an esp32dev, built for the host and run against the local
// Harbor, the first NACKing now and then (2 % of ~9 transactions a slot) and unplugged
// for two minutes: every good reading arrives once, on its slot, with the
// model's voltages; the inputs left out send nothing; every lost slot is counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { buildGeneratedProject, type BuiltProject } from '../../../test/e2e/e2e-helpers.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('ads1115 end to end', () => {
  let project: BuiltProject;

  beforeAll(async () => {
    project = await buildGeneratedProject('ads1115', {
      ...THREE_METRIC_ANSWERS,
      sensors: [
        { kind: 'ads1115', name: 'probes', interval: 10 },
        { kind: 'ads1115', name: 'tank', address: '0x49', interval: 5, rate: 8, channels: ['a0', 'a2'] },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await project?.remove();
  });

  it('delivers the model\'s voltages on their slots through NACKs and an unplugged sensor', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { nack: 0.02, unplug: [{ fromMs: 120_000, toMs: 240_000 }] } });

    const delivered = expectSensorReadings(run, project.model);
    expect(delivered["ads1115 'tank'"]).toBe(slotsIn(DURATION_MS, 5_000));
    const lost = slotsIn(DURATION_MS, 10_000) - (delivered["ads1115 'probes'"] ?? 0);
    expect(lost).toBeGreaterThanOrEqual(12);
    // Two minutes unplugged are 12 slots, the look for it again up to 6 more; NACKs cost a few more.
    expect(lost).toBeLessThan(35);
    expect(run.summary.readFailures).toBe(lost);
  }, 60_000);
});
