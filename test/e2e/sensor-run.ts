/**
 * The sensor families' end-to-end tests: one project built for the host per
 * test file (useSensorProject), run against the local Harbor (runSensorProject).
 */
import { afterAll, beforeAll, expect } from 'vitest';

import { DELIVERY_API_KEY, DELIVERY_HARBOR_ID, DELIVERY_START_UTC_MS, runAgainstReceiver, type DeliveryRun } from '../../src/bench/delivery-run.js';
import type { SensorFaults } from '../../src/simulate/host-build.js';
import type { RawAnswers } from '../../src/config/resolve-answers.js';
import { buildGeneratedProject, type BuiltProject } from './e2e-helpers.js';

/**
 * Generates and builds `raw` once before the file's tests and removes it after.
 * The object is filled in by beforeAll, so read it only inside a test.
 */
export function useSensorProject(name: string, raw: RawAnswers): BuiltProject {
  const project = {} as BuiltProject;
  beforeAll(async () => {
    Object.assign(project, await buildGeneratedProject(name, raw));
  }, 120_000);
  afterAll(async () => {
    await project.remove?.();
  });
  return project;
}

/**
 * One host run of a built sensor project against the local Harbor: at speed
 * 'max' on the simulated clock, with the given sensors' faults, every sampled
 * point delivered.
 */
export async function runSensorProject(
  project: BuiltProject,
  durationMs: number,
  sensorFaults: Readonly<Record<number, SensorFaults>> = {},
): Promise<DeliveryRun> {
  const run = await runAgainstReceiver(project.binary, {
    receiver: { apiKey: DELIVERY_API_KEY, harborIds: [DELIVERY_HARBOR_ID], clock: 'sim' },
    firmware: { durationMs, speed: 'max', startUtcMs: DELIVERY_START_UTC_MS, timeoutMs: 30_000, sensorFaults },
  });
  expect(run.summary).toMatchObject({ reason: 'drained', dropped: 0, rejected: 0, buffered: 0 });
  expect(run.summary.delivered).toBe(run.summary.sampled);
  expect(run.points).toHaveLength(run.summary.delivered);
  return run;
}
