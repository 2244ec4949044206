// BME280 and BMP280 on one I2C bus of an esp32dev, built for the host and run
// against the local Harbor with the BME280 NACKing now and then and unplugged
// for three minutes: every good reading arrives once, on its slot, with the
// model's value; every lost slot is counted in sensor_errors.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('bme280 and bmp280 end to end', () => {
  const project = useSensorProject('bme280', {
    ...THREE_METRIC_ANSWERS,
    metrics: [{ kind: 'sensor_errors', interval: 60 }],
    sensors: [
      { kind: 'bme280', name: 'outdoor', interval: 10 },
      { kind: 'bmp280', name: 'indoor', address: '0x77', interval: 30, oversampling: 4 },
    ],
  });

  it('delivers the model\'s values on their slots through NACKs and an unplugged sensor, and counts what was lost', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { nack: 0.05, unplug: [{ fromMs: 120_000, toMs: 300_000 }] } });

    const delivered = expectSensorReadings(run, project.model);
    const outdoorSlots = slotsIn(DURATION_MS, 10_000);
    const indoorSlots = slotsIn(DURATION_MS, 30_000);
    expect(delivered["bmp280 'indoor'"]).toBe(indoorSlots);
    // Three minutes unplugged are 18 slots; NACKs cost a few more.
    const lost = outdoorSlots - (delivered["bme280 'outdoor'"] ?? 0);
    expect(lost).toBeGreaterThanOrEqual(18);
    expect(lost).toBeLessThan(35);
    expect(run.summary.readFailures).toBe(lost);

    // sensor_errors reports the count as it grows; the last one sent before the end is at most the final count.
    const errors = run.points.filter((p) => p.cargo_id === 'sensor_errors').map((p) => p.value);
    expect(errors.length).toBe(slotsIn(DURATION_MS, 60_000));
    expect(errors).toEqual([...errors].sort((a, b) => a - b));
    expect(errors.at(-1)).toBeLessThanOrEqual(lost);
    expect(errors.at(-1)).toBeGreaterThanOrEqual(18);

    // Said once when it went missing and once when it answered again, not every slot.
    const said = run.lines.filter((l) => l.startsWith("[harbor] bme280 0x76:"));
    expect(said).toHaveLength(2);
    expect(said[1]).toContain('answers again');
  }, 60_000);
});
