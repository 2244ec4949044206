/**
 * One host run of a built sensor project against the local Harbor, as the
 * sensor families' end-to-end tests do it: at speed 'max' on the simulated
 * clock, with the given sensors' faults, every sampled point delivered.
 */
import { expect } from 'vitest';

import { DELIVERY_API_KEY, DELIVERY_HARBOR_ID, DELIVERY_START_UTC_MS, runAgainstReceiver, type DeliveryRun } from '../../src/bench/delivery-run.js';
import type { SensorFaults } from '../../src/simulate/host-build.js';
import type { BuiltProject } from './e2e-helpers.js';

export async function runSensorProject(
  project: BuiltProject,
  durationMs: number,
  sensorFaults: Readonly<Record<number, SensorFaults>>,
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
