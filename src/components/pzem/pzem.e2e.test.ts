// A PZEM-004T v3.0 on an esp32dev's free UART, built for the host and run
// against the local Harbor with its answers corrupted now and then and the
// module unplugged for two minutes: every good reading of all six channels
// arrives once, on its slot, with the model's value; every lost slot is counted.
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;

describe('pzem004t end to end', () => {
  const project = useSensorProject('pzem', {
    ...THREE_METRIC_ANSWERS,
    sensors: [{ kind: 'pzem004t', name: 'mains', interval: 5, address: '0x10' }],
  });

  it('delivers voltage, current, power, energy, frequency and power factor on their slots through faults', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { corrupt: 0.05, unplug: [{ fromMs: 200_000, toMs: 320_000 }] } });
    const delivered = expectSensorReadings(run, project.model);
    // Two minutes unplugged are 24 slots, and up to two looks (two minutes) until it answers again.
    const lost = slotsIn(DURATION_MS, 5_000) - (delivered["pzem004t 'mains'"] ?? 0);
    expect(lost).toBeGreaterThanOrEqual(24);
    expect(lost).toBeLessThan(60);
    expect(run.summary.readFailures).toBe(lost);
    expect(run.lines.filter((l) => l.startsWith('[harbor] pzem uart1:'))).toHaveLength(2);
  }, 60_000);
});
