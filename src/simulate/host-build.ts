/**
 * Builds a generated firmware project for this computer and runs it: the
 * project's own src/ and lib/harbor_runtime, linked with the host platform
 * adapter (firmware/platforms/host: virtual clock, libcurl, stdout serial).
 * The same runtime code that runs on the board, so a simulation exercises it.
 */
import { compileFailedError } from '../platformio/pio-errors.js';
import { withoutSecrets } from '../child-env.js';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { execa } from 'execa';

import { findBoard } from '../catalogue/boards.js';
import { PLATFORM_TARGETS } from '../catalogue/platforms.js';
import { ANSWERS_FILE } from '../config/answers-file.js';
import { failedError, usageError } from '../errors.js';
import { COMPONENTS_DIR, PACKAGE_ROOT } from '../package-root.js';
import { extractCompilerErrors, splitLines } from '../platformio/pio-output.js';
import { parseSimulateSummary, type SimulateSummary } from './simulate-summary.js';

export type { SimulateSummary } from './simulate-summary.js';

/** The host adapter's sources, shipped in the package next to dist/. */
export const HOST_PLATFORM_DIR = path.join(PACKAGE_ROOT, 'firmware', 'platforms', 'host');

// The boards' toolchains are GCC 8 (ESP32 Arduino 2.x) and GCC 10 (ESP8266):
// C++11 keeps the host build honest about what the runtime may use.
export const CXX_FLAGS = ['-std=c++11', '-O1', '-Wall', '-Wextra', '-Werror', '-DHARBOR_HOST_BUILD=1'];
export const LIBS = ['-lcurl', '-lpthread'];
const BINARY_PREFIX = 'firmware-';
/** The secrets header's 0600, plus the execute bit a binary needs. */
const OWNER_ONLY_EXECUTABLE = 0o700;

export interface HostBuildOptions {
  /** Where the binary and build.log go; default <project>/.pio/host. */
  outDir?: string;
  /** Log the compiler command and its full output. */
  verbose?: boolean;
  log?: (line: string) => void;
  /** The C++ compiler; default g++. */
  cxx?: string;
}

export interface HostBuildResult {
  binary: string;
  /** True when the sources were unchanged and the previous binary was reused. */
  cached: boolean;
}

async function listFiles(dir: string, extensions: readonly string[]): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => extensions.some((ext) => e.endsWith(ext)))
    .map((e) => path.join(dir, e))
    .sort();
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** The compiler's own description (version and target), which goes into the cache key. */
async function compilerIdentity(cxx: string): Promise<string> {
  const result = await execa(cxx, ['--version'], { reject: false, env: withoutSecrets(process.env), extendEnv: false });
  if (result.exitCode !== 0) {
    throw failedError(
      `The host build needs a C++ compiler, and "${cxx}" could not be run.`,
      'Install the g++ package (apt-get install g++).',
    );
  }
  return result.stdout;
}

function compileFailure(output: string, logPath: string, exitCode: number | undefined): Error {
  if (/curl\/curl\.h: No such file|cannot find -lcurl/.test(output)) {
    return failedError(
      'The host build needs the libcurl development files, which are not installed.',
      'Install libcurl4-openssl-dev (apt-get install libcurl4-openssl-dev).',
    );
  }
  const errors = extractCompilerErrors(splitLines(output));
  if (errors.total > 0) return compileFailedError(errors, logPath, true);
  return failedError(
    `The host compiler failed (exit code ${exitCode ?? 'none'}).`,
    `Its full output is in ${logPath}.`,
  );
}

/**
 * What the host build takes from the project's board: boards that send from
 * loop() (the ESP8266, and the Pico W, whose readings run on core 1) are run
 * without a sender thread, as they run. Read from the answers file; a
 * project without one runs with a sender task.
 */
async function boardFlags(project: string): Promise<string[]> {
  let answers: { board?: unknown; framework?: unknown };
  try {
    answers = JSON.parse(await readFile(path.join(project, ANSWERS_FILE), 'utf8')) as typeof answers;
  } catch {
    return [];
  }
  const board = typeof answers.board === 'string' ? findBoard(answers.board) : undefined;
  const framework = answers.framework === 'espidf' ? 'espidf' : 'arduino';
  const adapter = board?.adapters[framework];
  if (!adapter) return [];
  return [`-DHARBOR_HOST_SENDER_TASK=${PLATFORM_TARGETS[adapter].sendsFromLoop ? 0 : 1}`];
}

/**
 * The device models of the project's sensors: .harbor/host_models.cpp (written
 * by the generator) attaches them, and each model it includes comes from its
 * component folder in this installation (src/components/<name>/*_model.*).
 */
async function sensorModels(project: string): Promise<{ sources: string[]; headers: string[]; includeDirs: string[] }> {
  const wiring = path.join(project, '.harbor', 'host_models.cpp');
  let text: string;
  try {
    text = await readFile(wiring, 'utf8');
  } catch {
    return { sources: [], headers: [], includeDirs: [] };
  }
  const wanted = new Set([...text.matchAll(/^#include "([A-Za-z0-9_]+_model\.h)"$/gm)].map((m) => m[1] as string));
  const dirs = (await readdir(COMPONENTS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => path.join(COMPONENTS_DIR, e.name)).sort();
  const sources = [wiring];
  const headers: string[] = [];
  const includeDirs: string[] = [];
  for (const dir of dirs) {
    const files = await readdir(dir);
    if (!files.some((f) => wanted.has(f))) continue;
    includeDirs.push(dir);
    for (const f of files.sort()) {
      if (f.endsWith('_model.cpp')) sources.push(path.join(dir, f));
      if (f.endsWith('_model.h')) headers.push(path.join(dir, f));
    }
  }
  return { sources, headers, includeDirs };
}

/**
 * Compiles <project>/src/**.cpp, <project>/lib/harbor_runtime/src/**.cpp and
 * the host adapter into one executable. The binary is named after a hash of
 * every input (sources, headers, flags, compiler version), so a second call
 * with nothing changed returns at once.
 */
export async function buildHostFirmware(projectDir: string, options: HostBuildOptions = {}): Promise<HostBuildResult> {
  const log = options.log ?? (() => {});
  const project = path.resolve(projectDir);
  const cxx = options.cxx ?? 'g++';
  const runtimeDir = path.join(project, 'lib', 'harbor_runtime', 'src');
  const includeDir = path.join(project, 'include');

  // A sketch folder (init --format sketch) has its runtime under src/ and no platformio.ini: say what it is.
  const sketch = (await readdir(project).catch(() => [] as string[])).find((f) => f.endsWith('.ino'));
  if (sketch !== undefined) {
    throw usageError(
      `${project} is an Arduino IDE sketch (${sketch}): simulate runs harbor-connect's PlatformIO projects.`,
      `Generate a project from its answers (init --config ${path.join(project, 'harbor-connect.json')} --format project --out <folder>) and simulate that.`,
    );
  }
  const projectSources = await listFiles(path.join(project, 'src'), ['.cpp']);
  if (projectSources.length === 0) {
    throw usageError(
      `${project} is not a firmware project: it has no src/*.cpp.`,
      'Point at a project that harbor-connect generated.',
    );
  }
  const runtimeSources = await listFiles(runtimeDir, ['.cpp']);
  if (runtimeSources.length === 0) {
    throw usageError(
      `${project} has no Harbor runtime in lib/harbor_runtime/src.`,
      'Generate the project again with harbor-connect.',
    );
  }
  const hostSources = await listFiles(HOST_PLATFORM_DIR, ['.cpp']);
  if (hostSources.length === 0) {
    throw failedError(
      `The host platform adapter is missing from this installation (${HOST_PLATFORM_DIR}).`,
      'Reinstall harbor-connect.',
    );
  }
  const models = await sensorModels(project);
  const sources = [...projectSources, ...runtimeSources, ...hostSources, ...models.sources];
  const headers = [
    ...models.headers,
    ...(await listFiles(path.join(project, 'src'), ['.h', '.hpp'])),
    ...(await listFiles(includeDir, ['.h', '.hpp'])),
    ...(await listFiles(runtimeDir, ['.h', '.hpp'])),
    ...(await listFiles(HOST_PLATFORM_DIR, ['.h', '.hpp'])),
  ];

  const flags = [...CXX_FLAGS, ...(await boardFlags(project))];
  const hash = createHash('sha256');
  hash.update(await compilerIdentity(cxx));
  hash.update(JSON.stringify([flags, LIBS]));
  for (const file of [...sources, ...headers]) {
    // Paths relative to their root, so moving the project keeps the cache valid.
    const label = file.startsWith(HOST_PLATFORM_DIR)
      ? `host:${path.relative(HOST_PLATFORM_DIR, file)}`
      : file.startsWith(COMPONENTS_DIR)
        ? `component:${path.relative(COMPONENTS_DIR, file)}`
        : `project:${path.relative(project, file)}`;
    hash.update(`\0${label}\0`);
    hash.update(await readFile(file));
  }
  const outDir = path.resolve(options.outDir ?? path.join(project, '.pio', 'host'));
  const binary = path.join(outDir, `${BINARY_PREFIX}${hash.digest('hex').slice(0, 16)}`);
  if (await isFile(binary)) {
    // A binary built before binaries were made owner-only is fixed on its next use.
    await chmod(binary, OWNER_ONLY_EXECUTABLE);
    log(`Host firmware is up to date: ${binary}`);
    return { binary, cached: true };
  }

  // Owner-only, so nothing in it is readable by others either, not even a .partial
  // binary a killed build left behind (mode for a new folder, chmod for an old one).
  await mkdir(outDir, { recursive: true, mode: 0o700 });
  await chmod(outDir, 0o700);
  const partial = `${binary}.partial-${process.pid}`;
  const args = [
    ...flags,
    '-I', includeDir,
    '-I', runtimeDir,
    '-I', HOST_PLATFORM_DIR,
    ...models.includeDirs.flatMap((dir) => ['-I', dir]),
    // Relative paths where we can: the compiler's error lines then read src/main.cpp:12.
    ...sources.map((f) => (f.startsWith(project + path.sep) ? path.relative(project, f) : f)),
    '-o', partial,
    ...LIBS,
  ];
  log(`Compiling ${sources.length} sources for the host with ${cxx}`);
  if (options.verbose) log(`${cxx} ${args.join(' ')}`);
  const result = await execa(cxx, args, { cwd: project, reject: false, all: true, env: withoutSecrets(process.env), extendEnv: false });
  const output = result.all ?? '';
  const logPath = path.join(outDir, 'build.log');
  // A compile error in the secrets header would quote its lines. (mode applies to a new file, chmod to an old one.)
  await writeFile(logPath, output, { mode: 0o600 });
  await chmod(logPath, 0o600);
  if (options.verbose) for (const line of splitLines(output)) if (line !== '') log(line);
  if (result.exitCode !== 0) {
    await rm(partial, { force: true });
    throw compileFailure(output, logPath, result.exitCode);
  }
  // Owner-only before it gets its name: it holds the API key and Wi-Fi password, as the header does.
  await chmod(partial, OWNER_ONLY_EXECUTABLE);
  // Renamed into place only when complete, so a cached name never holds half a binary.
  await rename(partial, binary);
  for (const old of await readdir(outDir)) {
    const file = path.join(outDir, old);
    if (old.startsWith(BINARY_PREFIX) && file !== binary && !old.includes('.partial-')) {
      await rm(file, { force: true });
    }
  }
  return { binary, cached: false };
}

export interface HostRunOptions {
  /** Virtual milliseconds of sampling; then the firmware drains its buffer and exits. */
  durationMs: number;
  /** Virtual ms per real ms while the firmware idles; 'max' never sleeps. */
  speed: number | 'max';
  /** Base URL replacing HARBOR_BASE_URL, e.g. http://127.0.0.1:8000/api/v2/ingest. */
  endpoint?: string;
  /** Virtual UTC at boot (epoch ms); default the real time. */
  startUtcMs?: number;
  /** The firmware's clock stays unsynced for this many virtual ms; 'never': SNTP never answers. */
  sntpDelayMs?: number | 'never';
  /** A sender task (the ESP32's, the Pico W's second core), or sending from loop() (the ESP8266); default as the project's board. */
  sender?: 'task' | 'loop';
  /** Virtual time windows without Wi-Fi. */
  wifiDown?: readonly TimeWindow[];
  /** Faults of the project's sensors, by their position in it. */
  sensorFaults?: Readonly<Record<number, SensorFaults>>;
  /**
   * Real ms in HTTP I/O count this many times on the virtual clock, and the
   * boards' 10 s timeouts shrink as much in real time (default 1), so a test
   * can face a Harbor that never answers without waiting 10 s per try.
   */
  ioScale?: number;
  /** Seed of the firmware's random numbers (backoff jitter). */
  seed?: number;
  /** The simulated board's MAC, e.g. 02:00:00:a1:b2:c3 (the ship id derives from it). */
  mac?: string;
  /** Virtual ms allowed for draining after durationMs; default 24 h. */
  maxDrainMs?: number;
  /** The flash buffer's file, kept from one run to the next; default a fresh one per run. */
  flashFile?: string;
  /** RTC memory, kept across deep sleep. */
  rtcFile?: string;
  /** This run is a reboot: its virtual clock starts here (ms). */
  bootAtMs?: number;
  /** The power goes at this virtual ms; inWrite: during the first flash page write from then on. */
  powerCutAt?: { atMs: number; inWrite: boolean };
  /** Each serial line of the firmware, as it is printed (the summary line excluded). */
  onLine?: (line: string) => void;
  /** Real ms before the firmware is killed. */
  timeoutMs: number;
  /** Aborting it sends the firmware SIGINT, as Ctrl+C does: it stops, prints its summary and exits. */
  interrupt?: AbortSignal;
}

export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

/** What the host's device models do wrong (firmware/platforms/host/host_models.h Faults). */
export interface SensorFaults {
  /** Share of bus transactions refused (I2C NACK, no 1-Wire presence, no reply). */
  nack?: number;
  /** Share of answers with one bit flipped (what a CRC or checksum catches). */
  corrupt?: number;
  /** The sensor is gone in these windows. */
  unplug?: readonly TimeWindow[];
  /** Every transaction is refused in these windows. */
  burst?: readonly TimeWindow[];
}

function windows(name: string, list: readonly TimeWindow[]): string {
  return list.map((w) => `${nonNegativeInteger(name, w.fromMs)}-${nonNegativeInteger(name, w.toMs)}`).join(',');
}

/** "0:nack=0.05,unplug=600000-1200000;2:corrupt=0.02", the --sensor-faults of the host firmware. */
export function sensorFaultsArg(faults: Readonly<Record<number, SensorFaults>>): string {
  return Object.entries(faults)
    .map(([index, f]) => {
      const parts: string[] = [];
      if (f.nack !== undefined) parts.push(`nack=${f.nack}`);
      if (f.corrupt !== undefined) parts.push(`corrupt=${f.corrupt}`);
      for (const w of f.unplug ?? []) parts.push(`unplug=${windows('An unplug window', [w])}`);
      for (const w of f.burst ?? []) parts.push(`burst=${windows('A NACK burst', [w])}`);
      return `${index}:${parts.join(',')}`;
    })
    .join(';');
}

function nonNegativeInteger(name: string, value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw usageError(`${name} must be a whole number of milliseconds, not ${value}.`);
  }
  return String(value);
}

/** The host firmware's command line for `options`. */
export function hostFirmwareArgs(options: Omit<HostRunOptions, 'onLine' | 'timeoutMs' | 'interrupt'>): string[] {
  if (options.speed !== 'max' && !(options.speed > 0 && Number.isFinite(options.speed))) {
    throw usageError(`The simulation speed must be a positive number or "max", not ${options.speed}.`);
  }
  const args = ['--duration', nonNegativeInteger('The duration', options.durationMs), '--speed', String(options.speed)];
  if (options.endpoint !== undefined) args.push('--endpoint', options.endpoint);
  if (options.startUtcMs !== undefined) args.push('--start-utc', nonNegativeInteger('The start time', options.startUtcMs));
  if (options.sntpDelayMs !== undefined) {
    args.push('--sntp-delay', options.sntpDelayMs === 'never' ? 'never' : nonNegativeInteger('The SNTP delay', options.sntpDelayMs));
  }
  if (options.sender !== undefined) args.push('--sender', options.sender);
  if (options.ioScale !== undefined) {
    if (!Number.isSafeInteger(options.ioScale) || options.ioScale < 1 || options.ioScale > 1000) throw usageError(`The I/O scale must be a whole number from 1 to 1000, not ${options.ioScale}.`);
    args.push('--io-scale', String(options.ioScale));
  }
  if (options.wifiDown !== undefined && options.wifiDown.length > 0) args.push('--wifi-down', windows('A Wi-Fi window', options.wifiDown));
  if (options.sensorFaults !== undefined && Object.keys(options.sensorFaults).length > 0) args.push('--sensor-faults', sensorFaultsArg(options.sensorFaults));
  if (options.seed !== undefined) args.push('--seed', nonNegativeInteger('The seed', options.seed));
  if (options.mac !== undefined) args.push('--mac', options.mac);
  if (options.maxDrainMs !== undefined) args.push('--max-drain-ms', nonNegativeInteger('The drain limit', options.maxDrainMs));
  if (options.flashFile !== undefined) args.push('--flash-file', options.flashFile);
  if (options.rtcFile !== undefined) args.push('--rtc-file', options.rtcFile);
  if (options.bootAtMs !== undefined) args.push('--boot-at', nonNegativeInteger('The boot time', options.bootAtMs));
  if (options.powerCutAt !== undefined) args.push('--power-cut-at', `${nonNegativeInteger('The power cut time', options.powerCutAt.atMs)}${options.powerCutAt.inWrite ? ':write' : ''}`);
  return args;
}

/**
 * Runs a binary from buildHostFirmware until it has sampled for durationMs
 * of virtual time and drained its buffer, streaming its serial lines, and
 * returns the summary it prints last.
 */
export async function runHostFirmware(binary: string, options: HostRunOptions): Promise<SimulateSummary> {
  const args = hostFirmwareArgs(options);
  const subprocess = execa(binary, args, {
    env: withoutSecrets(process.env),
    extendEnv: false,
    reject: false,
    timeout: options.timeoutMs,
    forceKillAfterDelay: 2000,
    stdin: 'ignore',
    buffer: { stdout: false, stderr: true },
  });
  options.interrupt?.addEventListener('abort', () => subprocess.kill('SIGINT'), { once: true });

  let summary: SimulateSummary | null = null;
  let malformed: unknown = null;
  const onLine = (line: string): void => {
    try {
      const parsed = parseSimulateSummary(line);
      if (parsed !== null) {
        summary = parsed;
        return;
      }
    } catch (error) {
      malformed = error;
      return;
    }
    options.onLine?.(line);
  };
  let pending = '';
  subprocess.stdout.setEncoding('utf8');
  subprocess.stdout.on('data', (chunk: string) => {
    pending += chunk;
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0) {
      onLine(pending.slice(0, end));
      pending = pending.slice(end + 1);
    }
  });
  const result = await subprocess;
  if (pending !== '') onLine(pending);

  if (result.timedOut) {
    throw failedError(
      `The simulated firmware did not finish within ${Math.round(options.timeoutMs / 1000)} s.`,
      'Simulate a shorter duration, raise the speed, or allow more time.',
    );
  }
  if (malformed !== null) {
    throw failedError('The simulated firmware printed a summary this version cannot read.', undefined, malformed);
  }
  if (summary === null) {
    const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.exitCode ?? 'none'}`;
    const stderr = typeof result.stderr === 'string' ? result.stderr.trim() : '';
    throw failedError(
      `The simulated firmware ${how} before it finished.`,
      stderr !== '' ? stderr : 'Its serial output above says what happened last.',
    );
  }
  return summary;
}
