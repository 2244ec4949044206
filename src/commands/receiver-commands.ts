/**
 * `harbor-connect receiver` (a local Harbor to point firmware at) and
 * `harbor-connect ping` (one test point to a real or local Harbor). Flags are
 * turned into options by pure functions that throw usage errors; the actions
 * only print and wait.
 */
import { displayPath, isLoopbackHost } from './cli-helpers.js';
import { existsSync, statSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { ANSWERS_FILE, readAnswersFile } from '../config/answers-file.js';
import { ApiKeySchema, EndpointSchema, HarborIdSchema } from '../config/answers-schema.js';
import { resolveBaseUrl } from '../config/endpoint.js';
import { SECRETS_HEADER, readSecretsHeader } from '../config/secrets-header.js';
import { failedError, HarborError, usageError } from '../errors.js';
import { ping, PING_CARGO_ID, PING_SHIP_ID, pingUrl, type PingResult } from '../ping/ping.js';
import {
  formatRequestLine,
  formatSummary,
  parseDuration,
  parseOutage,
  startReceiver,
  type Outage,
  type Receiver,
  type ReceiverOptions,
  type RetryAfterForm,
} from '../receiver/receiver.js';
import type { Ui } from '../ui.js';

import { API_KEY_ENV, DEFAULT_DATA_FILE, DEFAULT_PORT } from './receiver-cli.js';

// ---------------------------------------------------------------------------
// receiver

/** As commander hands them over: every value is the text the user typed. */
export interface ReceiverFlags {
  port?: string;
  host?: string;
  apiKey?: string;
  harborId?: string[];
  data?: string;
  maxBatch?: string;
  rateSingle?: string;
  rateBatch?: string;
  failRate?: string;
  failWith?: string;
  latency?: string;
  dropConnections?: string;
  outage?: string[];
  retryAfter?: RetryAfterForm;
  clock?: 'wall' | 'sim';
  seed?: string;
}

/** The receiver's options from its flags and the environment; every bad value is named in one usage error. */
export function receiverOptionsFromFlags(flags: ReceiverFlags, env: NodeJS.ProcessEnv): ReceiverOptions {
  const problems: string[] = [];
  const whole = (flag: string, text: string | undefined, min: number, max: number): number | undefined => {
    if (text === undefined) return undefined;
    const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
    if (value >= min && value <= max) return value;
    problems.push(`${flag} must be a whole number from ${min} to ${max}, not "${text}"`);
    return undefined;
  };
  const fraction = (flag: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const value = /^(\d+\.?\d*|\.\d+)$/.test(text.trim()) ? Number(text) : Number.NaN;
    if (value >= 0 && value <= 1) return value;
    problems.push(`${flag} must be a fraction from 0 to 1, such as 0.3, not "${text}"`);
    return undefined;
  };
  const parsed = <T>(flag: string, text: string, parse: (text: string) => T): T | undefined => {
    try {
      return parse(text);
    } catch (error) {
      if (!(error instanceof HarborError)) throw error;
      problems.push(`${flag}: ${lowerFirst(error.message.replace(/\.$/, ''))} (${lowerFirst((error.hint ?? '').replace(/\.$/, ''))})`);
      return undefined;
    }
  };

  const port = whole('--port', flags.port, 0, 65535) ?? DEFAULT_PORT;
  const host = flags.host ?? '127.0.0.1';
  if (host.trim() === '') problems.push('--host must not be empty');
  const fromFlag = flags.apiKey !== undefined;
  const apiKey = flags.apiKey ?? env[API_KEY_ENV];
  if (apiKey !== undefined) schemaProblem(ApiKeySchema, apiKey, fromFlag ? '--api-key' : API_KEY_ENV, problems);
  for (const id of flags.harborId ?? []) schemaProblem(HarborIdSchema, id, `--harbor-id ${id}`, problems);
  if (flags.data !== undefined && flags.data.trim() === '') problems.push('--data must name a file');
  const maxBatch = whole('--max-batch', flags.maxBatch, 1, 1_000_000);
  const single = whole('--rate-single', flags.rateSingle, 0, 1_000_000);
  const batch = whole('--rate-batch', flags.rateBatch, 0, 1_000_000);
  const failRate = fraction('--fail-rate', flags.failRate);
  const failWith = flags.failWith?.split(',').map((part) => whole('--fail-with', part.trim(), 400, 599));
  const latencyMs = flags.latency === undefined ? undefined : parsed('--latency', flags.latency, parseDuration);
  if (latencyMs !== undefined && latencyMs > 600_000) problems.push(`--latency must be at most 10m, not "${flags.latency}"`);
  const dropConnections = fraction('--drop-connections', flags.dropConnections);
  const outages = (flags.outage ?? []).map((text) => parsed('--outage', text, parseOutage));
  const seed = whole('--seed', flags.seed, 0, 0xffffffff);

  if (problems.length > 0) {
    throw usageError(`${capitalise(problems.join('; '))}.`, 'Run harbor-connect receiver --help for the flags and their values.');
  }
  const faults = {
    failRate,
    failWith: failWith as number[] | undefined,
    latencyMs,
    dropConnections,
    outages: outages.length > 0 ? (outages as Outage[]) : undefined,
    seed,
  };
  return {
    port,
    host,
    apiKey,
    harborIds: flags.harborId,
    dataFile: resolve(flags.data ?? DEFAULT_DATA_FILE),
    maxBatch,
    rateLimit:
      single === undefined && batch === undefined
        ? undefined
        : { singlePerSecond: single ?? Number.MAX_SAFE_INTEGER, batchPerSecond: batch ?? Number.MAX_SAFE_INTEGER },
    faults: dropUndefined(faults),
    retryAfterForm: flags.retryAfter,
    clock: flags.clock,
  };
}

export interface CommandRun {
  ui: Ui;
  env: NodeJS.ProcessEnv;
}

/** Starts the receiver, prints every request, and on SIGINT/SIGTERM closes it and prints the summary. */
export async function runReceiver(flags: ReceiverFlags, { ui, env }: CommandRun): Promise<void> {
  const options = receiverOptionsFromFlags(flags, env);
  // Listen for the signal before announcing the URL, so a stop right after it is never lost.
  const stop = nextStopSignal();
  let receiver: Receiver;
  try {
    receiver = await startReceiver({ ...options, onRequest: (event) => ui.info(formatRequestLine(event)) });
  } catch (error) {
    stop.dispose();
    throw explainStartFailure(error, options);
  }
  for (const line of receiverBanner(receiver, options, flags.apiKey !== undefined ? 'flag' : 'env')) ui.info(line);
  const signal = await stop.stopped;
  ui.info(`\n${signal}: stopping the receiver.`);
  await receiver.close();
  ui.info(formatSummary(receiver.stats()));
  const kept = receiver.points().length;
  ui.info(`Data file: ${displayPath(options.dataFile as string)} (${kept} ${kept === 1 ? 'point' : 'points'})`);
}

function nextStopSignal(): { stopped: Promise<NodeJS.Signals>; dispose: () => void } {
  let dispose = () => {};
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      dispose();
      resolve(signal);
    };
    // Once: a second Ctrl+C while closing falls through to Node's default and ends the process at once.
    dispose = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  return { stopped, dispose };
}

function explainStartFailure(error: unknown, options: ReceiverOptions): unknown {
  const code = ((error as { cause?: NodeJS.ErrnoException }).cause ?? {}).code;
  if (code === 'EADDRINUSE') {
    return failedError(`Port ${options.port} on ${options.host} is already in use.`, 'Stop the program using it, or pick another port with --port (--port 0 picks a free one).', error);
  }
  if (code === 'EACCES') {
    return failedError(`Not allowed to listen on port ${options.port}.`, 'Pick a port above 1023 with --port (--port 0 picks a free one).', error);
  }
  if (error instanceof HarborError) return error;
  return failedError(`The receiver could not start: ${(error as Error).message}.`, 'Check the --data file path and its permissions.', error);
}

function receiverBanner(receiver: Receiver, options: ReceiverOptions, keySource: 'flag' | 'env'): string[] {
  const base = receiver.url;
  const origin = new URL(base).origin;
  const ids = options.harborIds ?? [];
  const lines = [`Harbor receiver listening on ${origin}`, `  self-hosted:  ${base}   (batches: ${base}/batch)`];
  for (const id of ids) lines.push(`  cloud-style:  ${base}/${id}   (batches: ${base}/${id}/batch)`);
  if (ids.length === 0) lines.push('  cloud-style:  none; add --harbor-id <id> to serve /api/v2/ingest/<id> as Harbor cloud does');
  lines.push(
    options.apiKey === undefined
      ? `API key: not checked, any X-API-Key is accepted (give --api-key or ${API_KEY_ENV} to check it)`
      : `API key: checked (from ${keySource === 'flag' ? '--api-key' : API_KEY_ENV}); a missing key gets 403, a wrong one 401`,
  );
  const loaded = receiver.stats().recordsLoaded;
  lines.push(`Data file: ${displayPath(options.dataFile as string)} (${loaded} ${loaded === 1 ? 'point' : 'points'} loaded)`);
  const settings = settingsLine(options);
  if (settings) lines.push(settings);

  const target = ids.length > 0 ? `${base}/${ids[0]}` : base;
  const key = options.apiKey === undefined ? "'X-API-Key: any'" : keySource === 'env' ? `"X-API-Key: $${API_KEY_ENV}"` : "'X-API-Key: <your API key>'";
  lines.push(
    'Try it:',
    `  curl -X POST '${target}' -H ${key} -H 'Content-Type: application/json' -d '{"ship_id":"test-ship","cargo_id":"temperature","value":23.5}'`,
  );

  // A device cannot reach this computer's 127.0.0.1: show the addresses it can use.
  const wildcard = options.host === '0.0.0.0' || options.host === '::';
  const port = new URL(base).port;
  const reachable = wildcard ? lanAddresses().map((address) => `http://${address}:${port}/api/v2/ingest`) : [];
  const harborFlag = ids.length > 0 ? ` --harbor-id ${ids[0]}` : '';
  if (reachable.length > 0) {
    lines.push(`Point a project at it: harbor-connect init --endpoint ${reachable[0]}${harborFlag}`);
    if (reachable.length > 1) lines.push(`  (other addresses of this computer: ${reachable.slice(1).join(', ')})`);
  } else if (isLoopbackHost(options.host as string)) {
    lines.push('Only this computer can reach it; use --host 0.0.0.0 so devices on your network can.');
  } else {
    lines.push(`Point a project at it: harbor-connect init --endpoint ${base}${harborFlag}`);
  }
  lines.push('Press Ctrl+C to stop.');
  return lines;
}

function settingsLine(options: ReceiverOptions): string | undefined {
  const parts: string[] = [];
  const f = options.faults ?? {};
  const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;
  if (f.failRate) parts.push(`fail ${percent(f.failRate)} with ${(f.failWith ?? [500, 503]).join('/')}`);
  if (f.dropConnections) parts.push(`drop ${percent(f.dropConnections)} of the connections`);
  if (f.latencyMs) parts.push(`${f.latencyMs} ms latency`);
  for (const o of f.outages ?? []) parts.push(`outage ${o.fromMs / 1000}s to ${o.toMs / 1000}s`);
  if (parts.length > 0) parts.push(`seed ${f.seed ?? 1}`);
  if (options.rateLimit) {
    const limit = (n: number) => (n === Number.MAX_SAFE_INTEGER ? 'unlimited' : `${n}/s`);
    parts.push(`rate limit: single ${limit(options.rateLimit.singlePerSecond)}, batch ${limit(options.rateLimit.batchPerSecond)}`);
  }
  if (options.maxBatch !== undefined) parts.push(`batches up to ${options.maxBatch} points`);
  if (options.retryAfterForm) parts.push(`Retry-After as ${options.retryAfterForm}`);
  if (options.clock === 'sim') parts.push('sim clock (X-Harbor-Sim-Time)');
  return parts.length > 0 ? `Simulating: ${parts.join(', ')}` : undefined;
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => (a as { address: string }).address);
}

// ---------------------------------------------------------------------------
// ping

export interface PingFlags {
  endpoint?: string;
  harborId?: string;
  apiKey?: string;
  config?: string;
}

export interface PingTarget {
  endpoint: string;
  baseUrl: string;
  harborId: string | undefined;
  apiKey: string;
  /** Where the key came from, for the user to know which one to fix: a flag, the environment or the header. */
  apiKeySource: string;
}

/**
 * Endpoint, harbor id and key from, weakest first (as init merges them): the
 * project's secrets header, its answers file, HARBOR_API_KEY, the flags. Missing and invalid
 * answers are all named in one usage error.
 */
export function resolvePingTarget(dirArg: string | undefined, flags: PingFlags, env: NodeJS.ProcessEnv, warn: (message: string) => void = () => {}): PingTarget {
  // Run inside a generated project, ping means that project.
  const dir = dirArg ?? (flags.config === undefined && existsSync(ANSWERS_FILE) ? '.' : undefined);
  if (dir !== undefined && !(existsSync(dir) && statSync(dir).isDirectory())) {
    throw usageError(`${dir} is not a folder.`, 'Give the folder of a project harbor-connect generated, or leave it out and pass --endpoint, --harbor-id and --api-key.');
  }
  if (dir !== undefined && flags.config === undefined && !existsSync(join(dir, ANSWERS_FILE))) {
    throw usageError(`${dir} has no ${ANSWERS_FILE}, so it is not a project harbor-connect generated.`, 'Give a generated project folder, or pass --endpoint, --harbor-id and --api-key.');
  }
  const file =
    flags.config !== undefined
      ? readAnswersFile(flags.config, undefined, warn)
      : dir !== undefined
        ? readAnswersFile(join(dir, ANSWERS_FILE), 'Pass the folder of a project made by harbor-connect init, or give --endpoint, --harbor-id and --api-key.', warn)
        : {};
  const projectDir = dir ?? (flags.config !== undefined ? dirname(flags.config) : undefined);
  const header = projectDir !== undefined ? readSecretsHeader(projectDir) : {};

  const sources: [string, unknown][] = [
    ['--api-key', flags.apiKey],
    [API_KEY_ENV, env[API_KEY_ENV]],
    [flags.config ?? ANSWERS_FILE, file.apiKey],
    [projectDir !== undefined ? displayPath(join(projectDir, SECRETS_HEADER)) : '', header.apiKey],
  ];
  const [apiKeySource, apiKey] = sources.find(([, value]) => value !== undefined) ?? ['', undefined];
  const endpoint = flags.endpoint ?? file.endpoint ?? 'cloud';
  const harborId = flags.harborId ?? file.harborId;

  const problems: string[] = [];
  const missing: string[] = [];
  const endpointOk = schemaProblem(EndpointSchema, endpoint, '--endpoint', problems);
  const selfHosted = typeof endpoint === 'string' && endpoint.startsWith('http');
  if (harborId === undefined) {
    if (endpointOk && !selfHosted) missing.push('--harbor-id');
  } else {
    schemaProblem(HarborIdSchema, harborId, '--harbor-id', problems);
  }
  if (apiKey === undefined) missing.push(`--api-key (or ${API_KEY_ENV})`);
  else schemaProblem(ApiKeySchema, apiKey, apiKeySource, problems);

  const sentences = problems.map((p) => `${p}.`);
  if (missing.length > 0) sentences.unshift(`Missing ${missing.length === 1 ? 'an answer' : `${missing.length} answers`}: ${missing.join(', ')}.`);
  if (sentences.length > 0) {
    throw usageError(sentences.join(' '), 'Pass them as flags, or give the folder of a project harbor-connect generated (harbor-connect ping <dir>).');
  }
  return {
    endpoint: endpoint as string,
    baseUrl: resolveBaseUrl(endpoint as string),
    harborId: harborId as string | undefined,
    apiKey: apiKey as string,
    apiKeySource,
  };
}

/** Sends the test point; accepted -> returns, refused or unreachable -> failed error (exit 1). */
export async function runPing(dir: string | undefined, flags: PingFlags, { ui, env }: CommandRun, pingImpl: typeof ping = ping): Promise<PingResult> {
  const target = resolvePingTarget(dir, flags, env, (warning) => ui.warn(warning));
  const url = pingUrl(target.baseUrl, target.harborId).href;
  ui.info(`Sending a test point (ship ${PING_SHIP_ID}, cargo ${PING_CARGO_ID}, value 1) to ${url} (API key from ${target.apiKeySource})…`);
  const result = await pingImpl({ baseUrl: target.baseUrl, harborId: target.harborId, apiKey: target.apiKey });
  if (result.ok) {
    ui.success(result.message);
    return result;
  }
  const keyRefused = result.status === 401 || result.status === 403;
  throw failedError(result.message, keyRefused ? `The key used came from ${target.apiKeySource}.` : undefined);
}

// ---------------------------------------------------------------------------

/** True when the value passes; otherwise the schema's message is added, named by `name`. */
function schemaProblem(schema: z.ZodType, value: unknown, name: string, problems: string[]): boolean {
  const result = schema.safeParse(value);
  if (result.success) return true;
  const message = typeof value === 'string' ? (result.error.issues[0]?.message ?? 'is not valid') : 'must be a string';
  problems.push(`${name} ${message}`);
  return false;
}

function dropUndefined<T extends object>(object: T): T | undefined {
  const entries = Object.entries(object).filter(([, value]) => value !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as T) : undefined;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
