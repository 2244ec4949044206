// Two ENS160s (0x53 and 0x52) on one I2C bus of an esp32dev, built for the
// host and run against the local Harbor with the first NACKing now and then
// and unplugged for a minute:
// nothing in their 3 minutes of warm-up, then every good reading arrives
// once, on its slot, with the model's value; every NACK is counted.
import { describe, expect, it } from 'vitest';

import { DELIVERY_START_UTC_MS, THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;
const WARM_UP_MS = 180_000;

describe('ens160 end to end', () => {
  const project = useSensorProject('ens160', {
    ...THREE_METRIC_ANSWERS,
    metrics: [{ kind: 'sensor_errors', interval: 60 }],
    sensors: [
      { kind: 'ens160', name: 'kitchen', interval: 10 },
      { kind: 'ens160', name: 'bedroom', address: '0x52', interval: 30 },
    ],
  });

  it('delivers the model\'s values on their slots after the warm-up through NACKs and an unplugged minute, and counts what was lost', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { nack: 0.05, unplug: [{ fromMs: 300_000, toMs: 360_000 }] } });

    const delivered = expectSensorReadings(run, project.model);
    const first = (name: string) => run.points.filter((p) => p.cargo_id === `${name}_eco2`).map((p) => Date.parse(p.time) - DELIVERY_START_UTC_MS)[0];
    expect(first('bedroom')).toBe(WARM_UP_MS);
    expect(first('kitchen')).toBeGreaterThanOrEqual(WARM_UP_MS);
    expect(delivered["ens160 'bedroom'"]).toBe(slotsIn(DURATION_MS - WARM_UP_MS, 30_000));
    const lost = slotsIn(DURATION_MS - WARM_UP_MS, 10_000) - (delivered["ens160 'kitchen'"] ?? 0);
    expect(lost).toBeGreaterThanOrEqual(6);  // the unplugged minute
    // A NACK in the warm-up costs no reading but is counted all the same; set up again after the
    // unplugged minute, it starts computing anew, and that slot has no result and counts no failure.
    expect(run.summary.readFailures).toBeGreaterThanOrEqual(lost - 1);
    expect(run.summary.readFailures).toBeLessThan(lost + 10);
    expect(run.lines.filter((l) => l.startsWith('[harbor] ens160 0x53:'))).toHaveLength(2);
  }, 60_000);
});
