// An MH-Z19B and an MH-Z19C on the two free UARTs of an esp32dev, built for
// the host and run against the local Harbor with one's commands refused now
// and then and the other's answers corrupted: every good reading arrives once,
// on its slot, with the model's CO2; every lost slot is counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('mhz19b and mhz19c end to end', () => {
  const project = useSensorProject('mhz19', {
    ...THREE_METRIC_ANSWERS,
    sensors: [
      { kind: 'mhz19b', name: 'office', interval: 10 },
      { kind: 'mhz19c', name: 'bedroom', interval: 15, self_calibration: 'off', rx: 25, tx: 26 },
    ],
  });

  it('delivers the model\'s CO2 on its slots through refused commands and corrupted answers', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { nack: 0.01 }, 1: { corrupt: 0.05 } });
    const delivered = expectSensorReadings(run, project.model);
    const officeLost = slotsIn(DURATION_MS, 10_000) - (delivered["mhz19b 'office'"] ?? 0);
    const bedroomLost = slotsIn(DURATION_MS, 15_000) - (delivered["mhz19c 'bedroom'"] ?? 0);
    // Each byte of the 9-byte command is one write, refused 1 % of the time: about 9 % of slots.
    expect(officeLost).toBeGreaterThan(0);
    expect(officeLost).toBeLessThan(15);
    expect(bedroomLost).toBeLessThan(10);
    expect(run.summary.readFailures).toBe(officeLost + bedroomLost);
  }, 60_000);
});
