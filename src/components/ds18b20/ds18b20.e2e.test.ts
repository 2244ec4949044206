// Two DS18B20 on one pin and a third on another of an esp32dev, built for the
// host and run against the local Harbor with bad CRCs on the shared pin: every
// good reading arrives once, on its slot, under its device's own cargo, with
// the model's value; every bad one is counted, never sent.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('ds18b20 end to end', () => {
  const project = useSensorProject('ds18b20', {
    ...THREE_METRIC_ANSWERS,
    metrics: [{ kind: 'sensor_errors', interval: 60 }],
    sensors: [
      { kind: 'ds18b20', pin: 4, count: 2, interval: 10 },
      { kind: 'ds18b20', name: 'tank', pin: 5, interval: 30 },
    ],
  });

  it('delivers each device under its own cargo on its slots, skipping and counting bad CRCs', async () => {
    expect(project.model.sensors.map((s) => s.channels.map((c) => c.cargo))).toEqual([['temperature_1', 'temperature_2'], ['tank_temperature']]);
    const run = await runSensorProject(project, DURATION_MS, { 0: { corrupt: 0.05 } });

    expectSensorReadings(run, project.model);
    const count = (cargo: string) => run.points.filter((p) => p.cargo_id === cargo).length;
    const slots = slotsIn(DURATION_MS, 10_000);
    expect(count('tank_temperature')).toBe(slotsIn(DURATION_MS, 30_000));
    // Each device's bad reads are its own: the other device's reading of that slot still arrives.
    const lost = 2 * slots - count('temperature_1') - count('temperature_2');
    expect(lost).toBeGreaterThan(0);
    expect(count('temperature_1')).toBeGreaterThan(slots / 2);
    expect(count('temperature_2')).toBeGreaterThan(slots / 2);
    expect(run.summary.readFailures).toBe(lost);
  }, 60_000);
});
