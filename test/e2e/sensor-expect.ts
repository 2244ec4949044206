/**
 * What a host run of a project with sensors must show, shared by every sensor
 * family's end-to-end test: each reading the Harbor stored sits on its
 * sensor's grid (boot + k * interval, within 5 ms) and holds the host model's
 * physical value at that moment, within the channel's resolution; the
 * firmware's counters match what was stored; and no step of a driver holds
 * the CPU on its bus longer than its catalogue entry says (blockingMs).
 */
import { expect } from 'vitest';

import { DELIVERY_START_UTC_MS, type DeliveryRun } from '../../src/bench/delivery-run.js';
import type { Wave } from '../../src/components/component.js';
import type { ProjectModel } from '../../src/model/project-model.js';

/** The model's value of a channel at `ms` after boot (host_models.h Wave::at). */
export function waveAt(wave: Wave, ms: number): number {
  if (wave.periodMs <= 0) return wave.base;
  return wave.base + wave.amplitude * Math.sin((2 * Math.PI * ((ms + wave.phaseMs) % wave.periodMs)) / wave.periodMs);
}

export interface SensorCheck {
  /** Readings stamped up to this late after their slot (ms). */
  slotToleranceMs?: number;
}

/** Slots of a sensor in `durationMs` of sampling from boot. */
export function slotsIn(durationMs: number, intervalMs: number): number {
  return Math.ceil(durationMs / intervalMs);
}

/** Checks every stored sensor reading; returns, per sensor label, how many slots it delivered (on 1-Wire: readings of all its devices). */
export function expectSensorReadings(run: DeliveryRun, model: ProjectModel, check: SensorCheck = {}): Record<string, number> {
  const tolerance = check.slotToleranceMs ?? 5;
  const delivered: Record<string, number> = {};
  for (const sensor of model.sensors) {
    let slots = -1;
    // On 1-Wire each channel is a device of its own (several DS18B20 on a pin): one's bad read is not another's.
    const devices = sensor.model.attach.kind === 'onewire';
    for (const channel of sensor.channels) {
      if (channel.cargoIndex < 0) {
        expect(run.points.filter((p) => p.cargo_id === channel.cargo), `${channel.cargo} is switched off`).toEqual([]);
        continue;
      }
      const points = run.points.filter((p) => p.cargo_id === channel.cargo);
      expect(points.length, `${sensor.label} ${channel.id} stored something`).toBeGreaterThan(0);
      for (const point of points) {
        const offset = Date.parse(point.time) - DELIVERY_START_UTC_MS;
        const k = Math.round(offset / sensor.intervalMs);
        const late = offset - k * sensor.intervalMs;
        expect(late, `${channel.cargo} at ${point.time}: ${late} ms after its slot`).toBeGreaterThanOrEqual(0);
        expect(late, `${channel.cargo} at ${point.time}: ${late} ms after its slot`).toBeLessThanOrEqual(tolerance);
        const expected = waveAt(channel.wave, offset);
        expect(Math.abs(point.value - expected), `${channel.cargo} at ${point.time}: ${point.value}, the model said ${expected}`).toBeLessThanOrEqual(channel.resolution * 1.0001 + 1e-9);
      }
      if (devices) {
        slots = Math.max(0, slots) + points.length;
        continue;
      }
      // Every channel of a sensor is read at the same slots.
      if (slots < 0) slots = points.length;
      else expect(points.length, `${channel.cargo} has as many readings as the sensor's other channels`).toBe(slots);
    }
    delivered[sensor.label] = Math.max(0, slots);
  }
  // No reading stored twice.
  expect(new Set(run.points.map((p) => `${p.time}|${p.cargo_id}`)).size).toBe(run.points.length);
  // Bus time of a step, as the host's wire model measures it, within what the catalogue states.
  expect(run.summary.sensorStepUs, 'one bus-time figure per sensor').toHaveLength(model.sensors.length);
  model.sensors.forEach((sensor, i) => {
    const us = run.summary.sensorStepUs[i] ?? -1;
    expect(us, `${sensor.label} made bus transactions`).toBeGreaterThan(0);
    expect(us, `${sensor.label}: a step holds the bus ${us} us, over its stated ${sensor.blockingMs} ms`).toBeLessThanOrEqual(sensor.blockingMs * 1000);
  });
  return delivered;
}
