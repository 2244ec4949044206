// A soil moisture probe, a battery divider and an NTC thermistor on the ADC1
// pins of an esp32dev, built for the host and run against the local Harbor
// with the soil probe's reads refused now and then: every good reading
// arrives on its slot with the model's value; every refused one is counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DELIVERY_API_KEY, DELIVERY_HARBOR_ID, DELIVERY_START_UTC_MS, THREE_METRIC_ANSWERS, runAgainstReceiver } from '../../bench/delivery-run.js';
import { buildGeneratedProject, type BuiltProject } from '../../../test/e2e/e2e-helpers.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';

const DURATION_MS = 10 * 60_000;

describe('soil_moisture, battery and ntc end to end', () => {
  let project: BuiltProject;

  beforeAll(async () => {
    project = await buildGeneratedProject('analog_probes', {
      ...THREE_METRIC_ANSWERS,
      sensors: [
        { kind: 'soil_moisture', pin: 34, dry: 2600, wet: 1100, interval: 10 },
        { kind: 'battery', pin: 35, ratio: 2, interval: 30 },
        { kind: 'ntc', name: 'water', pin: 32, series: 4700, interval: 10, steinhart_hart: '1.009249522e-3/2.378405444e-4/2.019202697e-7' },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await project?.remove();
  });

  it('delivers each probe\'s values on their slots and counts the refused reads', async () => {
    const run = await runAgainstReceiver(project.binary, {
      receiver: { apiKey: DELIVERY_API_KEY, harborIds: [DELIVERY_HARBOR_ID], clock: 'sim' },
      firmware: { durationMs: DURATION_MS, speed: 'max', startUtcMs: DELIVERY_START_UTC_MS, timeoutMs: 30_000, sensorFaults: { 0: { nack: 0.1 } } },
    });
    expect(run.summary).toMatchObject({ reason: 'drained', dropped: 0, rejected: 0, buffered: 0 });
    expect(run.summary.delivered).toBe(run.summary.sampled);
    const delivered = expectSensorReadings(run, project.model);
    expect(delivered['battery 2']).toBe(slotsIn(DURATION_MS, 30_000));
    expect(delivered["ntc 'water'"]).toBe(slotsIn(DURATION_MS, 10_000));
    const lost = slotsIn(DURATION_MS, 10_000) - (delivered['soil_moisture 1'] ?? 0);
    expect(lost).toBeGreaterThan(0);
    expect(run.summary.readFailures).toBe(lost);
  }, 60_000);
});
