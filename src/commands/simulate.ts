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
import { EndpointSchema } from '../config/answers-schema.js';
import { readSecretsHeader } from '../config/secrets-header.js';
import { usageError } from '../errors.js';
import { parseDuration, startReceiver, type Receiver } from '../receiver/receiver.js';
import { buildHostFirmware, runHostFirmware } from '../simulate/host-build.js';
import type { SimulateSummary } from '../simulate/simulate-summary.js';
import type { Ui } from '../ui.js';
import { isHarborProject } from '../write/write-project.js';

export interface SimulateFlags {
  duration: string;
  speed: string;
  endpoint?: string;
  local?: boolean;
  seed?: string;
}

export async function runSimulate(dir: string, flags: SimulateFlags, ui: Ui): Promise<SimulateSummary> {
  const projectDir = resolve(dir);
  if (!isHarborProject(projectDir)) {
    throw usageError(`${projectDir} is not a project made by harbor-connect.`, 'cd into the generated project, or pass its folder: harbor-connect simulate <dir>.');
  }
  const durationMs = parseDuration(flags.duration);
  const speed = parseSpeed(flags.speed);
  const seed = flags.seed === undefined ? undefined : parseSeed(flags.seed);
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
    const realBudgetMs = speed === 'max' ? 10 * 60_000 : durationMs / speed + 10 * 60_000;
    const summary = await runHostFirmware(binary, {
      durationMs,
      speed,
      endpoint: receiver?.url ?? flags.endpoint,
      seed,
      onLine: (line) => ui.info(line),
      timeoutMs: realBudgetMs,
      interrupt: interrupt.signal,
    });
    ui.info('');
    ui.info(describeSummary(summary));
    if (receiver) ui.info(`The local Harbor stored ${receiver.stats().recordsStored} points (${receiver.stats().duplicatesDropped} duplicates dropped).`);
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

export function describeSummary(s: SimulateSummary): string {
  const minutes = (s.virtualMs / 60_000).toFixed(1);
  const ending = s.drained ? 'every reading was delivered or accounted for' : `stopped before the buffer drained (${s.reason}), ${s.buffered} readings still buffered`;
  return [
    `Simulated ${minutes} min of firmware time in ${(s.realMs / 1000).toFixed(1)} s: ${ending}.`,
    `  readings sampled ${s.sampled}, delivered ${s.delivered}, dropped ${s.dropped} (buffer full), rejected ${s.rejected}, sensor read failures ${s.readFailures}`,
    `  requests ${s.requests} (${s.sendFailures} failed), connections opened ${s.connections}`,
  ].join('\n');
}
