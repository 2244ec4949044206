// Two switches on an esp32dev (one inverted), built for the host and run
// against the local Harbor, the first unplugged for three minutes: every slot
// carries the debounced state, each change arrives once as it happens, and
// an unplugged switch reads as the pull-up holds it. Change readings fall
// between slots, so this family checks its own readings rather than with
// expectSensorReadings' slot grid; it checks the bus time the same way.
import { describe, expect, it } from 'vitest';

import { DELIVERY_START_UTC_MS, THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { slotsIn, waveAt } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';

const DURATION_MS = 10 * 60_000;
const UNPLUGGED = { fromMs: 120_000, toMs: 300_000 };

describe('digital_input end to end', () => {
  const project = useSensorProject('digital_input', {
    ...THREE_METRIC_ANSWERS,
    sensors: [
      { kind: 'digital_input', name: 'door', pin: 14, interval: 30 },
      { kind: 'digital_input', name: 'float', pin: 27, inverted: 'true', debounce: 100, interval: 60 },
    ],
  });

  it('sends the state on every slot and each change once, as it happens', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { unplug: [UNPLUGGED] } });
    expect(run.summary.readFailures).toBe(0);
    expect(new Set(run.points.map((p) => `${p.time}|${p.cargo_id}`)).size).toBe(run.points.length);

    project.model.sensors.forEach((sensor, i) => {
      const channel = sensor.channels[0]!;
      const inverted = i === 1;
      const debounceMs = inverted ? 100 : 50;
      const unplugged = (t: number) => i === 0 && t >= UNPLUGGED.fromMs && t < UNPLUGGED.toMs;
      // What the pin shows: the switch, or the pull-up while unplugged; 1 = high unless inverted.
      const pin = (t: number) => (unplugged(t) ? 1 : waveAt(channel.wave, t) >= 0.5 ? 1 : 0);
      const expected = (t: number) => (inverted ? 1 - pin(t) : pin(t));
      const points = run.points.filter((p) => p.cargo_id === channel.cargo).map((p) => ({ t: Date.parse(p.time) - DELIVERY_START_UTC_MS, v: p.value })).sort((a, b) => a.t - b.t);
      const slots = points.filter((p) => p.t % sensor.intervalMs <= 5);
      const changes = points.filter((p) => p.t % sensor.intervalMs > 5);
      expect(slots.length, `${sensor.label} slots`).toBe(slotsIn(DURATION_MS, sensor.intervalMs));
      // A slot shows the state, unless the pin changed within the debounce before it.
      for (const s of slots) if (pin(s.t) === pin(s.t - debounceMs - 40)) expect(s.v, `${sensor.label} at ${s.t}`).toBe(expected(s.t));
      // Each change of the pin arrives once, debounce to debounce + bounce + a poll after it (at most one a second).
      let crossings = 0;
      for (let t = 1; t < DURATION_MS - 200; t += 1) if (pin(t) !== pin(t - 1)) crossings += 1;
      expect(crossings).toBeGreaterThan(5);
      expect(changes.length, `${sensor.label} changes`).toBe(crossings);
      for (const c of changes) {
        expect(c.v).toBe(expected(c.t));
        expect(pin(c.t - debounceMs)).toBe(pin(c.t));
        // Confirmed just now, or held back to a second after the reading before it.
        const before = points[points.indexOf(c) - 1];
        const held = before !== undefined && c.t - before.t === 1000;
        if (!held) expect(pin(c.t - debounceMs - 40)).not.toBe(pin(c.t));
      }
      expect(run.summary.sensorStepUs[i]).toBeGreaterThan(0);
      expect(run.summary.sensorStepUs[i]).toBeLessThanOrEqual(sensor.blockingMs * 1000);
    });
  }, 60_000);
});
