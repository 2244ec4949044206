// Two pulse counters on an esp32dev (PCNT units 0 and 1), built for the host
// and run against the local Harbor: the rate and total of each meter model
// arrive on their slots in the meter's unit (factor 1 and 0.5 a pulse). A
// counter has no failed read to inject; the cut cable is in the C++ test.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('pulse_counter end to end', () => {
  const project = useSensorProject('pulse_counter', {
    ...THREE_METRIC_ANSWERS,
    sensors: [
      { kind: 'pulse_counter', pin: 25, interval: 10 },
      { kind: 'pulse_counter', name: 'water', pin: 26, factor: 0.5, interval: 30 },
    ],
  });

  it('delivers each meter\'s rate and total on its slots, from the second slot on', async () => {
    const run = await runSensorProject(project, DURATION_MS);
    expect(run.summary.readFailures).toBe(0);
    const delivered = expectSensorReadings(run, project.model);
    // The boot's slot starts the first interval.
    expect(delivered['pulse_counter 1']).toBe(slotsIn(DURATION_MS, 10_000) - 1);
    expect(delivered["pulse_counter 'water'"]).toBe(slotsIn(DURATION_MS, 30_000) - 1);
    const rates = run.points.filter((p) => p.cargo_id === 'water_rate').map((p) => p.value);
    expect(Math.min(...rates)).toBeGreaterThan(25);
  }, 60_000);
});
