// A soil moisture probe, a battery divider and an NTC thermistor on the ADC1
// pins of an esp32dev, built for the host and run against the local Harbor
// with the soil probe's reads refused now and then: every good reading
// arrives on its slot with the model's value; every refused one is counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('soil_moisture, battery and ntc end to end', () => {
  const project = useSensorProject('analog_probes', {
    ...THREE_METRIC_ANSWERS,
    sensors: [
      { kind: 'soil_moisture', pin: 34, dry: 2600, wet: 1100, interval: 10 },
      { kind: 'battery', pin: 35, ratio: 2, interval: 30 },
      { kind: 'ntc', name: 'water', pin: 32, series: 4700, interval: 10, steinhart_hart: '1.009249522e-3/2.378405444e-4/2.019202697e-7' },
    ],
  });

  it('delivers each probe\'s values on their slots and counts the refused reads', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { nack: 0.1 } });
    const delivered = expectSensorReadings(run, project.model);
    expect(delivered['battery 2']).toBe(slotsIn(DURATION_MS, 30_000));
    expect(delivered["ntc 'water'"]).toBe(slotsIn(DURATION_MS, 10_000));
    const lost = slotsIn(DURATION_MS, 10_000) - (delivered['soil_moisture 1'] ?? 0);
    expect(lost).toBeGreaterThan(0);
    expect(run.summary.readFailures).toBe(lost);
  }, 60_000);
});
