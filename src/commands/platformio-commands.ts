/**
 * `harbor-connect build`, `flash` and `monitor`, and the PlatformIO step of
 * `init --build/--flash`: find the project, pick a serial port, show PlatformIO's
 * progress as one line, then the summary. The PlatformIO runs themselves (and
 * their errors) live in src/platformio/.
 */
import { displayPath } from './cli-helpers.js';
import { cliCommand } from '../invocation.js';
import { readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

import yoctoSpinner, { type Spinner } from 'yocto-spinner';

import { findBoard, type Board } from '../catalogue/boards.js';
import { ANSWERS_FILE } from '../config/answers-file.js';
import { readSecretsHeader } from '../config/secrets-header.js';
import { HarborError, usageError } from '../errors.js';
import type { CommandContext } from '../main.js';
import {
  buildProject,
  findPlatformIO,
  flashProject,
  listSerialPorts,
  monitorProject,
  platformIOMissingError,
  suggestSerialPort,
  type BuildResult,
  type MemoryUsage,
  type SerialPort,
} from '../platformio/index.js';
import type { Ui } from '../ui.js';
import type { InitFlags } from './init.js';

/** A generated project as these commands need it. */
interface PioProject {
  dir: string;
  /** The folder as the user would type it: relative to the working folder when inside it. */
  shown: string;
  /** The catalogue board named in harbor-connect.json; unknown for a hand-made PlatformIO project. */
  board: Board | undefined;
  /** Secrets PlatformIO's output must never carry into the terminal or the log. */
  redact: string[];
}

/** `harbor-connect build [dir]` */
export async function runBuild(dir: string, context: CommandContext): Promise<void> {
  await buildFirmware(openProject(dir, context.env, 'build'), context);
}

/** `harbor-connect flash [dir] [--port P]` */
export async function runFlash(dir: string, context: CommandContext, port?: string): Promise<void> {
  await flashFirmware(openProject(dir, context.env, 'flash'), context, port);
}

/** `harbor-connect monitor [dir] [--port P] [--baud N]` */
export async function runMonitor(dir: string, context: CommandContext, options: { port?: string; baud?: string } = {}): Promise<void> {
  const baud = options.baud === undefined ? undefined : parseBaud(options.baud);
  await monitorBoard(openProject(dir, context.env, 'monitor'), context, options.port, baud);
}

/** The `afterWrite` step of init: --build builds, --flash builds and flashes (one PlatformIO run). */
export function platformIOAfterInit(context: CommandContext): (projectDir: string, flags: InitFlags) => Promise<void> {
  return async (projectDir, flags) => {
    if (!flags.build && !flags.flash) return;
    const project = openProject(projectDir, context.env, flags.flash ? 'flash' : 'build');
    if (flags.flash) await flashFirmware(project, context, flags.port);
    else await buildFirmware(project, context);
  };
}

// ---------------------------------------------------------------------------
// The commands

async function buildFirmware(project: PioProject, context: CommandContext): Promise<void> {
  await requirePlatformIO(project, context.env);
  const ui = context.ui();
  const header = `Building ${project.shown} with PlatformIO${firstBuildNote(project)}.`;
  const result = await withProgress(ui, header, (hooks) =>
    buildProject({ projectDir: project.dir, env: context.env, redact: project.redact, verbose: ui.verbose, ...hooks }),
  );
  ui.success(`Built the firmware in ${formatDuration(result.durationMs)}.`);
  printMemory(ui, result);
}

async function flashFirmware(project: PioProject, context: CommandContext, port: string | undefined): Promise<void> {
  await requirePlatformIO(project, context.env);
  const ui = context.ui();
  const chosen = port ?? (await choosePort(project, context));
  const header = `Building ${project.shown} and flashing it${chosen ? ` to ${chosen}` : ''} with PlatformIO${firstBuildNote(project)}.`;
  const result = await withProgress(ui, header, (hooks) =>
    flashProject({ projectDir: project.dir, env: context.env, redact: project.redact, verbose: ui.verbose, port: chosen, ...hooks }),
  );
  const chip = result.chip ? ` (${result.chip})` : '';
  ui.success(`Flashed the board${result.port ? ` on ${result.port}` : ''}${chip} in ${formatDuration(result.durationMs)}.`);
  printMemory(ui, result);
  const monitorPort = result.port ?? chosen;
  ui.info(`Next: ${cliCommand(['monitor', project.shown, ...(monitorPort ? ['--port', monitorPort] : [])])}   (to watch it connect)`);
}

async function monitorBoard(project: PioProject, context: CommandContext, port: string | undefined, baud: number | undefined): Promise<void> {
  await requirePlatformIO(project, context.env);
  const on = port ? ` on ${port}` : '';
  const speed = baud === undefined ? '' : ` at ${baud} baud`;
  context.ui().info(`Serial monitor for ${project.shown}${on}${speed}: press Ctrl+C to quit.`);
  await monitorProject({ projectDir: project.dir, env: context.env, redact: project.redact, port, baud });
}

// ---------------------------------------------------------------------------
// The project

function openProject(dirArg: string, env: NodeJS.ProcessEnv, command: string): PioProject {
  const dir = path.resolve(dirArg);
  const shown = displayPath(dir);
  const hint = `cd into the folder "harbor-connect init" generated, or pass that folder: harbor-connect ${command} <folder>.`;
  const isDir = statOrNull(dir)?.isDirectory() ?? false;
  if (!isDir) throw usageError(`The project folder ${shown} does not exist.`, hint);
  if (!(statOrNull(path.join(dir, 'platformio.ini'))?.isFile() ?? false)) {
    throw usageError(`${shown === '.' ? 'This folder' : shown} is not a harbor-connect project: it has no platformio.ini.`, hint);
  }

  const secrets = readSecretsHeader(dir);
  // The environment's copies too: they are what init was given, should the header be edited since.
  const redact = [secrets.apiKey, secrets.wifiPassword, env.HARBOR_API_KEY, env.WIFI_PASSWORD].filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  return { dir, shown, board: projectBoard(dir), redact: [...new Set(redact)] };
}

/** The board from harbor-connect.json; a missing or broken file only costs the port suggestion. */
function projectBoard(dir: string): Board | undefined {
  try {
    const answers = JSON.parse(readFileSync(path.join(dir, ANSWERS_FILE), 'utf8')) as unknown;
    const board = typeof answers === 'object' && answers !== null ? (answers as { board?: unknown }).board : undefined;
    return typeof board === 'string' ? findBoard(board) : undefined;
  } catch {
    return undefined;
  }
}

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

/** Checked before anything is printed, so a missing PlatformIO is the only thing the user reads. */
async function requirePlatformIO(project: PioProject, env: NodeJS.ProcessEnv): Promise<void> {
  if ((await findPlatformIO(env)) === null) throw platformIOMissingError(project.dir);
}

function firstBuildNote(project: PioProject): string {
  const built = statOrNull(path.join(project.dir, '.pio', 'build'))?.isDirectory() ?? false;
  return built ? '' : ' (the first build downloads the toolchain and compiles everything: it can take several minutes)';
}

function parseBaud(text: string): number {
  const baud = /^\d{1,8}$/.test(text) ? Number(text) : 0;
  if (baud <= 0) {
    throw usageError(`--baud must be a speed in bits per second, such as 115200; "${text}" is not one.`, 'Leave --baud out to use the monitor_speed of platformio.ini.');
  }
  return baud;
}

// ---------------------------------------------------------------------------
// The serial port

/**
 * The port to flash when the ports leave no doubt (the board's USB id, or the
 * only USB port); otherwise undefined and PlatformIO looks for the board
 * itself. Says which and why either way, since flashing the wrong board is the
 * mistake the user must be able to spot.
 */
async function choosePort(project: PioProject, context: CommandContext): Promise<string | undefined> {
  const ui = context.ui();
  let ports: SerialPort[];
  try {
    ports = await listSerialPorts({ knownUsbIds: project.board?.usbIds ?? [], env: context.env });
  } catch (error) {
    if (!(error instanceof HarborError)) throw error;
    ui.warn(`${error.message} PlatformIO will look for the board itself.`);
    return undefined;
  }

  const suggestion = suggestSerialPort(ports);
  if (suggestion) {
    const { port } = suggestion;
    const why =
      suggestion.reason === 'board-usb-id'
        ? `its USB id ${port.vid}:${port.pid} is one the ${project.board?.name ?? 'board'} uses`
        : 'it is the only USB serial port';
    ui.info(`Using ${describePort(port)}: ${why}. Pass --port to use another.`);
    return port.port;
  }

  const usb = ports.filter((p) => p.vid !== null);
  if (usb.length === 0) {
    ui.warn('No USB serial port was found; PlatformIO will look for the board itself. Is it plugged in with a data cable?');
    return undefined;
  }
  const matching = usb.filter((p) => p.matchesBoard);
  ui.info(
    matching.length > 1
      ? `${matching.length} ports look like the ${project.board?.name ?? 'board'}, so PlatformIO will pick one of them:`
      : 'None of the USB serial ports is clearly the board, so PlatformIO will pick one:',
  );
  for (const p of usb) ui.info(`  ${describePort(p)}${p.matchesBoard ? '  (board\'s USB id)' : ''}`);
  ui.info('Pass --port to choose the board yourself.');
  return undefined;
}

function describePort(port: SerialPort): string {
  // pyserial repeats the product name on Linux: "CP2102 … Controller - CP2102 … Controller".
  const halves = port.description.split(' - ');
  const description = halves.length === 2 && halves[0] === halves[1] ? halves[0] : port.description;
  return description && description !== 'n/a' ? `${port.port} (${description})` : port.port;
}

// ---------------------------------------------------------------------------
// Progress and summary

interface ProgressHooks {
  onStage: (stage: string) => void;
  onLine: (line: string) => void;
  signal: AbortSignal;
}

/**
 * Shows PlatformIO's current stage: on a terminal as one spinner line (with the
 * elapsed time, since a first build can sit in one stage for minutes),
 * elsewhere as one plain line per stage so logs and CI keep them. Full output
 * lines go through ui.detail, so only --verbose shows them.
 *
 * Ctrl+C stops PlatformIO through the abort signal instead of killing us
 * outright, so the spinner gives the cursor back and the user is told the run
 * was stopped.
 */
async function withProgress<T>(ui: Ui, header: string, run: (hooks: ProgressHooks) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const interrupt = (): void => controller.abort();
  // Before anything is printed: a Ctrl+C the moment the user sees the first line must not kill us.
  process.on('SIGINT', interrupt);

  const started = Date.now();
  let stage = 'Starting PlatformIO';
  let spinner: Spinner | null = null;
  let ticker: NodeJS.Timeout | undefined;
  const spinnerText = (): string => `${stage} (${formatDuration(Date.now() - started, true)})`;
  const hooks: ProgressHooks = {
    onStage: (next) => {
      stage = next;
      if (spinner) spinner.text = spinnerText();
      else ui.info(`${next}...`);
    },
    onLine: (line) => ui.detail(line),
    signal: controller.signal,
  };

  try {
    ui.info(header);
    if (isInteractive(process.stdout)) {
      spinner = yoctoSpinner({ text: spinnerText(), stream: process.stdout, handleSignals: false }).start();
      ticker = setInterval(() => {
        if (spinner) spinner.text = spinnerText();
      }, 1000);
    }
    const result = await run(hooks);
    spinner?.stop();
    return result;
  } catch (error) {
    spinner?.error(`${stage} failed`);
    throw error;
  } finally {
    clearInterval(ticker);
    process.off('SIGINT', interrupt);
  }
}

/** The same test yocto-spinner makes, so we never print plain stage lines under a live spinner. */
function isInteractive(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && process.env.TERM !== 'dumb' && !('CI' in process.env);
}

function printMemory(ui: Ui, result: BuildResult): void {
  const line = (label: string, usage: MemoryUsage | null): void => {
    if (usage === null) return;
    ui.info(`  ${label} ${usage.percent}% used (${bytes(usage.usedBytes)} of ${bytes(usage.totalBytes)} bytes)`);
  };
  line('RAM:  ', result.ram);
  line('Flash:', result.flash);
}

const bytes = (n: number): string => n.toLocaleString('en-US');

function formatDuration(ms: number, whole = false): string {
  const seconds = ms / 1000;
  if (seconds < 60) return whole ? `${Math.floor(seconds)} s` : `${seconds.toFixed(1)} s`;
  const total = Math.round(seconds);
  return `${Math.floor(total / 60)} min ${total % 60} s`;
}
