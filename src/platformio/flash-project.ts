import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';

import { buildResultOf, throwBuildFailure, type BuildResult } from './build-project.js';
import { uploadFailedError } from './pio-errors.js';
import {
  classifyUploadFailure,
  extractCompilerErrors,
  extractToolErrors,
  parseChip,
  parseUploadPort,
  type UploadFailure,
} from './pio-output.js';
import { runPio, type PioRunOptions } from './run-pio.js';

export interface FlashResult extends BuildResult {
  /** The port the firmware went to, as esptool/PlatformIO reported it (or as asked for). */
  port: string | null;
  /** The chip esptool found ("ESP32-D0WDQ6 (revision 1)"), for uploads through esptool. */
  chip: string | null;
}

/**
 * esptool 4.5 (the one PlatformIO's espressif32 platform ships) says "the port
 * doesn't exist" whether the port is missing, held by another program or not
 * ours to open. On Linux and macOS the device file tells them apart: it is
 * missing, or we lack read/write access, or else something else holds it.
 */
export async function refinePortFailure(failure: UploadFailure, platform: NodeJS.Platform = process.platform): Promise<UploadFailure> {
  if (failure.kind !== 'port-unavailable' || !failure.port || platform === 'win32' || !failure.port.startsWith('/')) {
    return failure;
  }
  const port = failure.port;
  const exists = await stat(port).then(() => true, () => false);
  if (!exists) return { kind: 'no-port', port, reason: 'missing' };
  const allowed = await access(port, constants.R_OK | constants.W_OK).then(() => true, () => false);
  return allowed ? { kind: 'port-busy', port } : { kind: 'permission-denied', port };
}

/** Fills in the port when the error text did not name it. */
function withPort(failure: UploadFailure, port: string | null): UploadFailure {
  if (failure.kind === 'unknown' || failure.kind === 'wrong-chip' || failure.port !== null) return failure;
  if (failure.kind === 'no-port' && failure.reason === 'no-port-given') return failure;
  return { ...failure, port };
}

/** `pio run -d <dir> -t upload [--upload-port P]`: builds if needed, then flashes the board. */
export async function flashProject(opts: PioRunOptions): Promise<FlashResult> {
  const args = ['run', '-d', path.resolve(opts.projectDir), '-t', 'upload'];
  if (opts.port) args.push('--upload-port', opts.port);
  const run = await runPio(args, 'flash', opts);

  if (run.exitCode !== 0) {
    // The upload target builds first, so a compile error can end it too.
    if (extractCompilerErrors(run.lines).total > 0) throwBuildFailure(run, 'Building the firmware');
    let failure = withPort(classifyUploadFailure(run.lines.join('\n')), opts.port ?? parseUploadPort(run.lines));
    failure = await refinePortFailure(failure);
    throw uploadFailedError(failure, run.exitCode, extractToolErrors(run.lines), { retry: 'flash again', logPath: run.logPath });
  }

  return {
    ...buildResultOf(run),
    port: parseUploadPort(run.lines) ?? opts.port ?? null,
    chip: parseChip(run.lines),
  };
}
