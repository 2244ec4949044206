// Two HX711 scales on an esp32dev, built for the host and run against the
// local Harbor, one unplugged for three minutes: every reading arrives on
// its slot with the model's weight through tare and scale; every slot the
// unplugged one timed out is counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('hx711 end to end', () => {
  const project = useSensorProject('hx711', {
    ...THREE_METRIC_ANSWERS,
    sensors: [
      { kind: 'hx711', name: 'hive', dout: 16, sck: 4, tare: 8400, scale: 420, interval: 10 },
      { kind: 'hx711', name: 'raw', dout: 17, sck: 5, interval: 30 },
    ],
  });

  it('delivers each scale\'s weight on its slots and counts the unplugged one\'s timeouts', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { unplug: [{ fromMs: 120_000, toMs: 300_000 }] } });
    const delivered = expectSensorReadings(run, project.model);
    expect(delivered["hx711 'raw'"]).toBe(slotsIn(DURATION_MS, 30_000));
    const lost = slotsIn(DURATION_MS, 10_000) - (delivered["hx711 'hive'"] ?? 0);
    expect(lost).toBe(18);  // three minutes of 10 s slots
    expect(run.summary.readFailures).toBe(lost);
  }, 60_000);
});
