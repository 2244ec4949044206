// Two CCS811s (0x5A and 0x5B) on one I2C bus of an esp32dev, built for the
// host and run against the local Harbor with the first NACKing now and then
// and unplugged for a minute:
// both started from their boot loader, every good reading arrives once, on its
// slot, with the model's value (the first slot comes before the first result);
// every failed read is counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('ccs811 end to end', () => {
  const project = useSensorProject('ccs811', {
    ...THREE_METRIC_ANSWERS,
    metrics: [{ kind: 'sensor_errors', interval: 60 }],
    sensors: [
      { kind: 'ccs811', name: 'kitchen', interval: 10 },
      { kind: 'ccs811', name: 'bedroom', address: '0x5b', interval: 30 },
    ],
  });

  it('delivers the model\'s values on their slots through NACKs and an unplugged minute, and counts what was lost', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { nack: 0.05, unplug: [{ fromMs: 300_000, toMs: 360_000 }] } });

    const delivered = expectSensorReadings(run, project.model);
    expect(delivered["ccs811 'bedroom'"]).toBe(slotsIn(DURATION_MS, 30_000) - 1);
    const lost = slotsIn(DURATION_MS, 10_000) - 1 - (delivered["ccs811 'kitchen'"] ?? 0);
    expect(lost).toBeGreaterThanOrEqual(6);  // the unplugged minute
    // Set up again after the unplugged minute, its mode is set anew: that slot has no result and counts no failure.
    expect(run.summary.readFailures).toBeGreaterThanOrEqual(lost - 1);
    expect(run.summary.readFailures).toBeLessThanOrEqual(lost);
    expect(run.lines.filter((l) => l.startsWith('[harbor] ccs811 0x5a:'))).toHaveLength(2);
  }, 60_000);
});
