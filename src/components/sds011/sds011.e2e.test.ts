// An SDS011 on an esp32dev's free UART, built for the host and run against
// the local Harbor with a frame corrupted now and then and the sensor
// unplugged for two minutes: every good reading arrives once, on its slot,
// with the model's value to 0.1 ug/m3; every lost slot is counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('sds011 end to end', () => {
  const project = useSensorProject('sds011', {
    ...THREE_METRIC_ANSWERS,
    metrics: [{ kind: 'sensor_errors', interval: 60 }],
    sensors: [{ kind: 'sds011', interval: 10, rx: 16, tx: 17 }],
  });

  it('delivers the model\'s values on their slots through corrupted frames and an unplugged sensor', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { corrupt: 0.05, unplug: [{ fromMs: 240_000, toMs: 360_000 }] } });
    const delivered = expectSensorReadings(run, project.model);
    // Two minutes unplugged are 12 slots, and up to a minute until it is looked for again; corruption costs a few.
    const lost = slotsIn(DURATION_MS, 10_000) - (delivered['sds011 1'] ?? 0);
    expect(lost).toBeGreaterThanOrEqual(12);
    expect(lost).toBeLessThan(30);
    expect(run.summary.readFailures).toBe(lost);
    const said = run.lines.filter((l) => l.startsWith('[harbor] sds011 uart1:'));
    expect(said).toHaveLength(2);
    expect(said[1]).toContain('answers again');
  }, 60_000);
});
