/**
 * `harbor-connect simulate [dir]`: the generated firmware, built for this
 * computer and run against a Harbor: the project's own, another one given by
 * --endpoint, or a local one started here with --local. Same src/main.cpp and
 * runtime as on the board; only the platform adapter differs.
 */
import { isLoopbackHost } from './cli-helpers.js';
import { resolve } from 'node:path';
import { ANSWERS_FILE, readAnswersFile } from '../config/answers-file.js';
import { resolveBaseUrl } from '../config/endpoint.js';
import { EndpointSchema, parseBattery, parsePower } from '../config/answers-schema.js';
import { findBoard } from '../catalogue/boards.js';
import { describeMeasuredBattery, measureAwake } from '../power/battery-text.js';
import { readSecretsHeader } from '../config/secrets-header.js';
import { failedError, usageError } from '../errors.js';
import { parseDuration, startReceiver, type Receiver } from '../receiver/receiver.js';
import { buildHostFirmware, runHostFirmware } from '../simulate/host-build.js';
import { runWithPowerCuts, type PowerCutRun } from '../simulate/power-cuts.js';
import { deliveryShortfall, type SimulateSummary } from '../simulate/simulate-summary.js';
import type { Ui } from '../ui.js';
import { isHarborProject } from '../write/write-project.js';

export interface SimulateFlags {
  duration: string;
  speed: string;
  endpoint?: string;
  local?: boolean;
  seed?: string;
  drain?: string;
  powerCutEvery?: string;
}

/** Without --drain: as long as the run sampled, at least a minute, at most ten. */
export function defaultDrainMs(durationMs: number): number {
  return Math.min(Math.max(durationMs, 60_000), 10 * 60_000);
}

export async function runSimulate(dir: string, flags: SimulateFlags, ui: Ui): Promise<SimulateSummary> {
  const projectDir = resolve(dir);
  if (!isHarborProject(projectDir)) {
    throw usageError(`${projectDir} is not a project made by harbor-connect.`, 'cd into the generated project, or pass its folder: harbor-connect simulate <dir>.');
  }
  const durationMs = parseDuration(flags.duration);
  const drainMs = flags.drain === undefined ? defaultDrainMs(durationMs) : parseDuration(flags.drain);
  const speed = parseSpeed(flags.speed);
  const seed = flags.seed === undefined ? undefined : parseSeed(flags.seed);
  const powerCutEveryMs = flags.powerCutEvery === undefined ? undefined : parseDuration(flags.powerCutEvery);
  if (powerCutEveryMs !== undefined && powerCutEveryMs < 1000) throw usageError(`--power-cut-every must be at least a second, not '${flags.powerCutEvery}'.`, 'For example --power-cut-every 7m.');
  if (flags.local && flags.endpoint) throw usageError('--local and --endpoint both say where to send: choose one.');
  if (flags.endpoint !== undefined) {
    const check = EndpointSchema.safeParse(flags.endpoint);
    if (!check.success || !flags.endpoint.startsWith('http')) {
      throw usageError(`--endpoint ${check.success ? 'must be a URL' : (check.error.issues[0]?.message ?? 'is not valid')}.`, 'For example --endpoint http://127.0.0.1:8787/api/v2/ingest');
    }
  }
  const answers = readAnswersFile(resolve(projectDir, ANSWERS_FILE), 'Regenerate the project with harbor-connect init, which writes it.');
  const target = flags.endpoint ?? resolveBaseUrl(String(answers.endpoint ?? 'cloud'));
  if (!flags.local && speed !== 1 && !isLoopbackHost(new URL(target).hostname)) {
    throw usageError(
      `At --speed ${flags.speed} the firmware would send readings stamped in the future to ${new URL(target).host}.`,
      'Use --local, point --endpoint at a local receiver (harbor-connect receiver --clock sim), or keep --speed 1.',
    );
  }

  ui.info('Building the firmware for this computer...');
  const { binary, cached } = await buildHostFirmware(projectDir, { log: (line) => ui.detail(line), verbose: ui.verbose });
  ui.detail(cached ? 'Nothing changed since the last build.' : `Built ${binary}`);

  let receiver: Receiver | undefined;
  if (flags.local) {
    const secrets = readSecretsHeader(projectDir);
    const harborId = typeof answers.harborId === 'string' ? answers.harborId : undefined;
    receiver = await startReceiver({ port: 0, apiKey: secrets.apiKey, harborIds: harborId ? [harborId] : [], clock: 'sim' });
    ui.info(`A local Harbor listens at ${receiver.url}`);
  }
  // Ctrl+C in a terminal reaches the firmware too (same process group), but a SIGINT sent to our
  // pid alone does not: pass it on. The firmware stops, prints its summary and exits; we wait for that.
  // (Getting it twice is harmless: the firmware only notes that a signal came.)
  const interrupt = new AbortController();
  const forwardInterrupt = (): void => interrupt.abort();
  process.on('SIGINT', forwardInterrupt);
  try {
    const realBudgetMs = speed === 'max' ? 10 * 60_000 : (durationMs + drainMs) / speed + 60_000;
    const runOptions = {
      durationMs,
      speed,
      endpoint: receiver?.url ?? flags.endpoint,
      seed,
      maxDrainMs: drainMs,
      onLine: (line: string) => ui.info(line),
      timeoutMs: realBudgetMs,
      interrupt: interrupt.signal,
    };
    let cuts: PowerCutRun | undefined;
    let summary: SimulateSummary;
    // A sleeping project runs boot after boot, as do power cuts.
    const sleeps = typeof answers.power === 'string' && answers.power.startsWith('deep-sleep');
    if (powerCutEveryMs === undefined && !sleeps) {
      summary = await runHostFirmware(binary, runOptions);
    } else {
      cuts = await runWithPowerCuts(binary, { ...runOptions, everyMs: powerCutEveryMs });
      summary = cuts.summary;
    }
    ui.info('');
    ui.info(describeSummary(summary));
    if (cuts && powerCutEveryMs !== undefined) ui.info(describePowerCuts(cuts));
    if (cuts && sleeps) {
      ui.info(describeSleep(cuts));
      for (const line of describeSleepBattery(cuts, answers)) ui.info(line);
    }
    if (receiver) ui.info(`The local Harbor stored ${receiver.stats().recordsStored} points (${receiver.stats().duplicatesDropped} duplicates dropped).`);
    const shortfall = deliveryShortfall(summary);
    if (cuts && cuts.lostToCuts > 0) shortfall.push(`${cuts.lostToCuts} readings were in RAM only when the power went`);
    if (shortfall.length > 0) throw failedError(`Not every reading was delivered: ${shortfall.join('; ')}.`, shortfallHint(summary));
    return summary;
  } finally {
    process.off('SIGINT', forwardInterrupt);
    await receiver?.close();
  }
}

function parseSeed(text: string): number {
  const seed = Number(text);
  if (!Number.isSafeInteger(seed) || seed < 0) throw usageError(`--seed must be a whole number, not '${text}'.`, 'For example --seed 7 replays the same backoff jitter.');
  return seed;
}

function parseSpeed(text: string): number | 'max' {
  if (text === 'max') return 'max';
  const speed = Number(text);
  if (!Number.isFinite(speed) || speed <= 0) throw usageError(`--speed must be a positive number or max, not '${text}'.`, 'For example --speed 60 runs an hour in a minute.');
  return speed;
}

function shortfallHint(s: SimulateSummary): string {
  if (s.reason === 'config-error') return 'Check the API key and the harbor id: harbor-connect ping says what the Harbor answers.';
  if (s.reason === 'drain-timeout') return 'Check that the Harbor is reachable (harbor-connect ping), or allow longer with --drain.';
  if (s.reason === 'interrupted') return 'Run it again and let it finish.';
  return 'The counts above say where the readings went.';
}

export function describeSummary(s: SimulateSummary): string {
  const minutes = (s.virtualMs / 60_000).toFixed(1);
  const ending = deliveryShortfall(s).length === 0 ? 'every reading was delivered' : s.drained ? 'the buffer drained, but not every reading was delivered' : `stopped before the buffer drained (${s.reason}), ${s.buffered} readings still buffered`;
  return [
    `Simulated ${minutes} min of firmware time in ${(s.realMs / 1000).toFixed(1)} s: ${ending}.`,
    `  readings sampled ${s.sampled}, delivered ${s.delivered}, dropped ${s.dropped} (buffer full), rejected ${s.rejected}, missed slots ${s.missed}, refused ${s.refused}, sensor read failures ${s.readFailures}`,
    `  requests ${s.requests} (${s.sendFailures} failed), connections opened ${s.connections}`,
  ].join('\n');
}

/** What the power cuts did: how many, how many tore a flash write, and what they cost. */
export function describePowerCuts(run: PowerCutRun): string {
  const inWrite = run.cuts.filter((c) => c.inWrite).length;
  return `  power cuts ${run.cuts.length} (${inWrite} during a flash page write): ${run.lostToCuts} readings lost from RAM, ${run.summary.flashWrites} flash page writes in ${run.boots.length} boots`;
}

/** Deep sleep: the wakes, the Wi-Fi joins and TLS handshakes they cost, and the time awake. */
export function describeSleep(run: PowerCutRun): string {
  return `  wakes ${run.boots.length}, Wi-Fi joins ${run.summary.wifiJoins}, TLS handshakes ${run.summary.connections}, awake ${(run.awakeMs / 1000).toFixed(1)} s of firmware time`;
}

/** The time awake this run measured, and the battery life it means next to the planner's defaults (issue 13, done-when 2). */
function describeSleepBattery(run: PowerCutRun, answers: Record<string, unknown>): string[] {
  const board = findBoard(String(answers.board));
  const sleep = parsePower(String(answers.power));
  if (!board || !sleep) return [];
  const measured = measureAwake(run.boots, run.bootAtMs, sleep.intervalMs);
  if (!measured) return ['  battery: the run was too short to measure a wake and a send; simulate a longer --duration'];
  const battery = typeof answers.battery === 'string' ? parseBattery(answers.battery) : undefined;
  return describeMeasuredBattery(measured, board, sleep, battery);
}
