import { withoutSecrets } from '../child-env.js';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';

import { execa } from 'execa';

import { quoteArg } from '../commands/cli-helpers.js';
import { failedError, usageError } from '../errors.js';
import { findPlatformIO, platformIOMissingError } from './find-platformio.js';
import { splitLines, StageTracker, stripAnsi } from './pio-output.js';

export interface PioRunOptions {
  projectDir: string;
  /** Pass every output line to onLine (the CLI prints them); the log file gets them either way. */
  verbose?: boolean;
  /** Serial port for upload or monitor; PlatformIO auto-detects one when absent. */
  port?: string;
  onStage?: (stage: string) => void;
  onLine?: (line: string) => void;
  /** Environment PlatformIO runs with and is looked up in (PATH, HOME); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /**
   * Values that must never reach the log or onLine (API key, Wi-Fi password).
   * PlatformIO does not print them, as they live in include/harbor_secrets.h,
   * but a verbose compiler line could; this is the backstop.
   */
  redact?: readonly string[];
}

/** The folder, inside the generated project, that holds our logs; the project's .gitignore lists it. */
export const HARBOR_DIR = '.harbor';

export function pioLogPath(projectDir: string, command: string): string {
  return path.join(path.resolve(projectDir), HARBOR_DIR, `pio-${command}.log`);
}

/**
 * Asks PlatformIO for plain output: no colour codes, and no progress bars that
 * redraw one line with carriage returns while a platform downloads.
 */
export function pioEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...withoutSecrets(env), PLATFORMIO_NO_ANSI: 'true', PLATFORMIO_DISABLE_PROGRESSBAR: 'true' };
}

export async function assertProjectDir(projectDir: string): Promise<string> {
  const dir = path.resolve(projectDir);
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDir) {
    throw usageError(`The project folder ${dir} does not exist.`, 'Pass the folder of a project made by "harbor-connect init".');
  }
  const hasIni = await stat(path.join(dir, 'platformio.ini')).then((s) => s.isFile(), () => false);
  if (!hasIni) {
    throw usageError(
      `${dir} is not a PlatformIO project: it has no platformio.ini.`,
      'Pass the folder of a project made by "harbor-connect init", or generate one there first.',
    );
  }
  return dir;
}

export async function requirePlatformIO(env: NodeJS.ProcessEnv, projectDir?: string): Promise<string> {
  const pio = await findPlatformIO(env);
  if (pio === null) throw platformIOMissingError(projectDir);
  return pio;
}

// Short values would shred the log (a one-letter "secret" matches everywhere);
// real keys and passwords are longer than this.
const MIN_REDACTED_LENGTH = 4;

export function redactor(values: readonly string[] | undefined): (line: string) => string {
  const secrets = (values ?? []).filter((v) => v.length >= MIN_REDACTED_LENGTH);
  if (secrets.length === 0) return (line) => line;
  return (line) => secrets.reduce((out, secret) => out.split(secret).join('***'), line);
}

function logWriteError(logPath: string, cause: unknown): Error {
  return failedError(
    `Could not write PlatformIO's log to ${logPath}.`,
    'Check that the project folder is writable and the disk is not full, then run the command again.',
    cause,
  );
}

export interface PioRun {
  exitCode: number;
  /** Every output line (stdout and stderr, interleaved as they came), colour codes removed, secrets redacted. */
  lines: string[];
  logPath: string;
  durationMs: number;
  stages: string[];
}

/**
 * Runs `pio <args>` in the project, streaming its output into stages, the log
 * file and (when verbose) onLine. Resolves with the exit code, whatever it is:
 * only the caller knows which failure it is looking at.
 */
export async function runPio(args: readonly string[], command: string, opts: PioRunOptions): Promise<PioRun> {
  const env = opts.env ?? process.env;
  const projectDir = await assertProjectDir(opts.projectDir);
  const pio = await requirePlatformIO(env, projectDir);
  const logPath = pioLogPath(projectDir, command);
  // Opened before PlatformIO starts, so an unwritable project fails at once, not after the build.
  let log: WriteStream;
  try {
    await mkdir(path.dirname(logPath), { recursive: true });
    log = createWriteStream(logPath, { flags: 'w' });
    await once(log, 'open');
  } catch (e) {
    throw logWriteError(logPath, e);
  }
  let logFailure: unknown = null;
  log.on('error', (e) => {
    logFailure ??= e;
  });
  // Only the command line and folder: environment values may hold secrets.
  log.write(`# ${[pio, ...args].map(quoteArg).join(' ')}\n# in ${projectDir}\n# started ${new Date().toISOString()}\n`);

  const redact = redactor(opts.redact);
  const stages = new StageTracker(opts.onStage);
  const lines: string[] = [];
  const started = Date.now();

  const subprocess = execa(pio, [...args], {
    cwd: projectDir,
    env: pioEnvironment(env),
    extendEnv: false,
    stdin: 'ignore',
    all: true,
    buffer: false,
    reject: false,
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
  });

  const handle = (raw: string): void => {
    for (const part of splitLines(raw)) {
      const line = redact(stripAnsi(part));
      lines.push(line);
      log.write(`${line}\n`);
      stages.feed(line.trim());
      if (opts.verbose) opts.onLine?.(line);
    }
  };

  // A throwing onStage/onLine callback stops PlatformIO and is rethrown below.
  let callbackError: { error: unknown } | null = null;
  try {
    for await (const chunk of subprocess.iterable({ from: 'all' })) {
      try {
        handle(String(chunk));
      } catch (error) {
        callbackError = { error };
        subprocess.kill();
        break;
      }
    }
  } catch {
    // The iterator fails when the process could not start or was cancelled;
    // the awaited result below says which, with reject: false.
  }
  const result = await subprocess;
  const durationMs = Date.now() - started;
  const exitCode = result.exitCode ?? 1;
  log.write(`# exit code ${result.exitCode ?? `none (${result.signal ?? 'not started'})`} after ${durationMs} ms\n`);
  log.end();
  await finished(log).catch((e: unknown) => {
    logFailure ??= e;
  });
  if (logFailure !== null) throw logWriteError(logPath, logFailure);
  if (callbackError !== null) throw callbackError.error;

  const startError = (result as { code?: string }).code;
  if (startError === 'ENOENT' || startError === 'EACCES') throw platformIOMissingError(projectDir);
  if (result.isCanceled) {
    throw failedError('PlatformIO was stopped before it finished.', `What it printed until then is in ${logPath}.`);
  }
  return { exitCode, lines, logPath, durationMs, stages: stages.seen };
}
