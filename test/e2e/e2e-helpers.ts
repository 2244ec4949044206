/** Shared by the end-to-end tests: a generated project built for the host, and what a run's stored points say. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect } from 'vitest';

import { DELIVERY_START_UTC_MS, writeGeneratedProject } from '../../src/bench/delivery-run.js';
import type { Board } from '../../src/catalogue/boards.js';
import { suitablePins } from '../../src/catalogue/pins.js';
import type { RawAnswers } from '../../src/config/resolve-answers.js';
import type { GeneratedProject } from '../../src/generate/generate-files.js';
import type { MetricRow, ProjectModel } from '../../src/model/project-model.js';
import type { Receiver, StoredPoint } from '../../src/receiver/receiver.js';
import { buildHostFirmware, runHostFirmware } from '../../src/simulate/host-build.js';
import { applyWrite, planWrite } from '../../src/write/write-project.js';

export interface BuiltProject {
  root: string;
  dir: string;
  model: ProjectModel;
  binary: string;
  remove: () => Promise<void>;
}

/** Generates `raw` into a fresh temporary folder and builds it for the host, once per test file. */
export async function buildGeneratedProject(name: string, raw: RawAnswers): Promise<BuiltProject> {
  const root = await mkdtemp(path.join(tmpdir(), `harbor-e2e-${name}-`));
  const dir = path.join(root, name);
  const remove = () => rm(root, { recursive: true, force: true });
  try {
    const model = writeGeneratedProject(dir, raw);
    const { binary } = await buildHostFirmware(dir, { outDir: path.join(root, 'host-build') });
    return { root, dir, model, binary, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** Milliseconds after boot at which the firmware stamped `point`. */
export function offsetMs(point: StoredPoint): number {
  return Date.parse(point.time) - DELIVERY_START_UTC_MS;
}

/** Each cargo's stored offsets (ms after boot), sorted. */
export function offsetsByCargo(points: readonly StoredPoint[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const point of points) {
    const list = out.get(point.cargo_id) ?? [];
    list.push(offsetMs(point));
    out.set(point.cargo_id, list);
  }
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

/**
 * The value a simulated metric reads at `offset` ms after boot (runtime
 * sampler.cpp: base + amplitude * sin(2π (t mod period) / period)), so a test
 * can tell that a stored value sits under the time it was taken.
 */
export function simulatedValue(metric: MetricRow, offset: number): number {
  return metric.offset + metric.amplitude * Math.sin((2 * Math.PI * (offset % metric.periodMs)) / metric.periodMs);
}

/** Points whose value is not what their metric read at their time (at most a rounding apart). */
export function misplacedValues(points: readonly StoredPoint[], metrics: readonly MetricRow[]): StoredPoint[] {
  return points.filter((point) => {
    const metric = metrics.find((m) => m.cargo === point.cargo_id);
    if (metric?.kind !== 'simulated') return false;
    return Math.abs(point.value - simulatedValue(metric, offsetMs(point))) > 1e-9 * Math.max(1, Math.abs(point.value));
  });
}

/** A metric of each kind the board can take every 10 s, the analog one on the first pin its pin rules allow. */
export function boardMetrics(board: Board): RawAnswers[] {
  const metrics: RawAnswers[] = [{ kind: 'rssi', interval: 10 }, { kind: 'free_heap', interval: 10 }];
  const analogPin = suitablePins(board, 'analog-in', { wifi: true })[0];
  if (analogPin !== undefined) metrics.push({ kind: 'analog', pin: analogPin, interval: 10 });
  if (board.hasTemperatureSensor) metrics.push({ kind: 'chip_temp', interval: 10 });
  return metrics;
}

/**
 * Writes a generated project into `dir`, builds it for the host into `outDir`,
 * runs a minute of firmware time against `receiver` and expects every reading
 * sampled to be stored.
 */
export async function expectHostDelivery(dir: string, generated: GeneratedProject, receiver: Receiver, outDir: string): Promise<void> {
  applyWrite(planWrite(dir, generated.files), generated.files);
  const { binary } = await buildHostFirmware(dir, { outDir });
  const before = receiver.stats().recordsStored;
  const summary = await runHostFirmware(binary, { durationMs: 60_000, speed: 'max', endpoint: receiver.url, timeoutMs: 30_000 });
  expect(summary.drained).toBe(true);
  expect(summary.sampled).toBeGreaterThanOrEqual(generated.model.metrics.length * 6);
  expect(summary.delivered).toBe(summary.sampled);
  expect(receiver.stats().recordsStored - before).toBe(summary.sampled);
}
