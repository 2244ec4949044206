import path from 'node:path';

import { compileFailedError, pioFailedError } from './pio-errors.js';
import {
  extractCompilerErrors,
  extractToolErrors,
  parseEnvironment,
  parseMemoryUsage,
  type MemoryReport,
} from './pio-output.js';
import { runPio, type PioRun, type PioRunOptions } from './run-pio.js';

export interface BuildResult extends MemoryReport {
  /** The environment PlatformIO processed ("esp32dev"), when it said. */
  environment: string | null;
  /** Wall-clock time of the whole pio run, including any platform download. */
  durationMs: number;
  logPath: string;
}

export function buildResultOf(run: PioRun): BuildResult {
  return {
    environment: parseEnvironment(run.lines),
    ...parseMemoryUsage(run.lines),
    durationMs: run.durationMs,
    logPath: run.logPath,
  };
}

/** Throws the HarborError for a failed build: compiler lines when there are any. */
export function throwBuildFailure(run: PioRun, what: string): never {
  const errors = extractCompilerErrors(run.lines);
  if (errors.total > 0) throw compileFailedError(errors, run.logPath);
  throw pioFailedError(what, run.exitCode, extractToolErrors(run.lines), run.logPath);
}

/** `pio run -d <dir>`: compiles the firmware; the first run also downloads the platform. */
export async function buildProject(opts: PioRunOptions): Promise<BuildResult> {
  const run = await runPio(['run', '-d', path.resolve(opts.projectDir)], 'build', opts);
  if (run.exitCode !== 0) throwBuildFailure(run, 'Building the firmware');
  return buildResultOf(run);
}
