// A DHT11, a DHT22 (below zero now and then) and an AM2302 on an esp32dev,
// built for the host and run against the local Harbor with bad checksums on
// the DHT22: every good frame's values arrive on their slots; every bad one is
// counted, never sent; the ~5 ms frame is the longest a step holds the CPU.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('dht11, dht22 and am2302 end to end', () => {
  const project = useSensorProject('dht', {
    ...THREE_METRIC_ANSWERS,
    sensors: [
      { kind: 'dht11', name: 'attic', pin: 25, interval: 10 },
      { kind: 'dht22', name: 'outdoor', pin: 26, interval: 10 },
      { kind: 'am2302', name: 'cellar', pin: 27, interval: 30 },
    ],
  });

  it('delivers each sensor\'s values on their slots, skipping and counting bad checksums', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 1: { corrupt: 0.1 } });
    const delivered = expectSensorReadings(run, project.model);
    expect(delivered["dht11 'attic'"]).toBe(slotsIn(DURATION_MS, 10_000));
    expect(delivered["am2302 'cellar'"]).toBe(slotsIn(DURATION_MS, 30_000));
    const lost = slotsIn(DURATION_MS, 10_000) - (delivered["dht22 'outdoor'"] ?? 0);
    expect(lost).toBeGreaterThan(0);
    expect(run.summary.readFailures).toBe(lost);
    expect(run.points.some((p) => p.cargo_id === 'outdoor_temperature' && p.value < 0)).toBe(true);
    expect(run.summary.sensorStepUs).toEqual([5000, 5000, 5000]);
  }, 60_000);
});
