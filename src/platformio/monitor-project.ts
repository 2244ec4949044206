import path from 'node:path';

import { execa } from 'execa';

import { failedError } from '../errors.js';
import { platformIOMissingError } from './find-platformio.js';
import { uploadFailedError } from './pio-errors.js';
import { classifyUploadFailure } from './pio-output.js';
import { withoutSecrets } from '../child-env.js';
import { assertProjectDir, redactor, requirePlatformIO, type PioRunOptions } from './run-pio.js';

export interface MonitorOptions extends PioRunOptions {
  /** Defaults to the project's monitor_speed in platformio.ini. */
  baud?: number;
}

// Enough of stderr to recognise why the monitor could not open the port.
const STDERR_TAIL_CHARS = 16_384;

/**
 * `pio device monitor -d <dir> [--port P] [--baud B]` in the user's terminal.
 * stdin and stdout are the terminal's, so keys reach the board and its output
 * reaches the user as it comes; stderr passes through us so a port that cannot
 * be opened gets the same advice as in flashProject. Resolves when the user
 * quits with Ctrl+C.
 */
export async function monitorProject(opts: MonitorOptions): Promise<void> {
  const env = opts.env ?? process.env;
  const projectDir = await assertProjectDir(opts.projectDir);
  const pio = await requirePlatformIO(env, projectDir);

  const args = ['device', 'monitor', '-d', path.resolve(projectDir)];
  if (opts.port) args.push('--port', opts.port);
  if (opts.baud !== undefined) args.push('--baud', String(opts.baud));

  // Ctrl+C in the terminal reaches the whole process group: PlatformIO quits on
  // it, and we must outlive it to return normally rather than die mid-command.
  const ignoreInterrupt = (): void => undefined;
  process.on('SIGINT', ignoreInterrupt);
  let stderrTail = '';
  try {
    const subprocess = execa(pio, args, {
      cwd: projectDir,
      env: withoutSecrets(env),
      extendEnv: false,
      stdin: 'inherit',
      stdout: 'inherit',
      stderr: 'pipe',
      buffer: false,
      reject: false,
      ...(opts.signal ? { cancelSignal: opts.signal } : {}),
    });
    const redact = redactor(opts.redact);
    subprocess.stderr?.on('data', (chunk: Buffer) => {
      const text = redact(chunk.toString('utf8'));
      process.stderr.write(text);
      stderrTail = (stderrTail + text).slice(-STDERR_TAIL_CHARS);
    });
    const result = await subprocess;

    const startError = (result as { code?: string }).code;
    if (startError === 'ENOENT' || startError === 'EACCES') throw platformIOMissingError(projectDir);
    if (result.isCanceled || result.signal === 'SIGINT' || result.exitCode === 0) return;

    const failure = classifyUploadFailure(stderrTail);
    if (failure.kind === 'unknown' || failure.kind === 'wrong-chip') {
      throw failedError(
        `The serial monitor stopped with an error (PlatformIO exit code ${result.exitCode ?? 'none'}).`,
        'Its message is above; pass --port to choose the port if PlatformIO picked the wrong one.',
      );
    }
    // PlatformIO's message is already on the terminal (stderr passed through); no log to point at.
    throw uploadFailedError(failure, result.exitCode ?? 1, [], { retry: 'start the monitor again', logPath: null });
  } finally {
    process.off('SIGINT', ignoreInterrupt);
  }
}
