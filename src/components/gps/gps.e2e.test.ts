// A GPS receiver on an esp32dev's free UART, built for the host and run
// against the local Harbor with its sentences corrupted now and then:
// every good reading of position, altitude and satellites arrives once, on
// its slot, with the model's value; every corrupted slot is counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('gps end to end', () => {
  const project = useSensorProject('gps', {
    ...THREE_METRIC_ANSWERS,
    sensors: [{ kind: 'gps', name: 'boat', interval: 10 }],
  });

  it('delivers the model\'s position on its slots through corrupted sentences', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { corrupt: 0.02 } });
    const delivered = expectSensorReadings(run, project.model);
    const lost = slotsIn(DURATION_MS, 10_000) - (delivered["gps 'boat'"] ?? 0);
    expect(lost).toBeGreaterThan(0);
    expect(lost).toBeLessThan(20);
    expect(run.summary.readFailures).toBe(lost);
    expect(run.points.some((p) => p.cargo_id === 'boat_latitude')).toBe(true);
  }, 60_000);
});
