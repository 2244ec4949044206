// A PMS5003 in active mode and a PMS7003 in passive mode on the two free
// UARTs of an esp32dev, built for the host and run against the local Harbor
// with the PMS5003 unplugged for three minutes and the PMS7003's line
// corrupting a frame now and then: every good reading arrives once, on its
// slot, with the model's value; every lost slot is counted in sensor_errors.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('pms5003 and pms7003 end to end', () => {
  const project = useSensorProject('pms', {
    ...THREE_METRIC_ANSWERS,
    metrics: [{ kind: 'sensor_errors', interval: 60 }],
    sensors: [
      { kind: 'pms5003', name: 'street', interval: 10 },
      { kind: 'pms7003', name: 'room', interval: 30, mode: 'passive', rx: 25, tx: 26 },
    ],
  });

  it('delivers both sensors\' values on their slots through an unplugged sensor and corrupted frames', async () => {
    const run = await runSensorProject(project, DURATION_MS, {
      0: { unplug: [{ fromMs: 120_000, toMs: 300_000 }] },
      1: { corrupt: 0.05 },
    });

    const delivered = expectSensorReadings(run, project.model);
    // Three minutes unplugged are 18 slots, and up to a minute until it is looked for again.
    const streetLost = slotsIn(DURATION_MS, 10_000) - (delivered["pms5003 'street'"] ?? 0);
    expect(streetLost).toBeGreaterThanOrEqual(18);
    expect(streetLost).toBeLessThanOrEqual(25);
    const roomLost = slotsIn(DURATION_MS, 30_000) - (delivered["pms7003 'room'"] ?? 0);
    expect(roomLost).toBeLessThan(10);
    expect(run.summary.readFailures).toBe(streetLost + roomLost);

    const errors = run.points.filter((p) => p.cargo_id === 'sensor_errors').map((p) => p.value);
    expect(errors.length).toBe(slotsIn(DURATION_MS, 60_000));
    expect(errors.at(-1)).toBeGreaterThanOrEqual(18);

    // The unplugged sensor is said missing once and found once, not every slot.
    const said = run.lines.filter((l) => l.startsWith('[harbor] pms uart1:'));
    expect(said).toHaveLength(2);
    expect(said[1]).toContain('answers again');
  }, 60_000);
});
