/**
 * Answers arrive from an answers file, the environment, flags and, on
 * regeneration, the project's own secrets header. They are merged into one raw
 * object and validated by the one schema, whatever their source.
 */
import type { z } from 'zod';
import { SECRET_ENV_NAMES } from '../child-env.js';
import { usageError } from '../errors.js';
import { AnswersSchema, cargoOf, type Answers, type MetricAnswer } from './answers-schema.js';
import { PARSE_ONCE } from './parse-once.js';

export type RawAnswers = Record<string, unknown>;

/** Where each answer comes from on the command line; the environment holds the secrets too. */
export const FLAG_NAMES: Record<string, string> = {
  format: '--format',
  board: '--board',
  framework: '--framework',
  shipId: '--ship-id',
  metrics: '--metric',
  sensors: '--sensor',
  endpoint: '--endpoint',
  harborId: '--harbor-id',
  apiKey: '--api-key',
  wifiSsid: '--wifi-ssid',
  wifiPassword: '--wifi-password',
  batchRecords: '--batch-records',
  batchBytes: '--batch-bytes',
  batchSeconds: '--batch-seconds',
  tls: '--tls',
  storage: '--storage',
  power: '--power',
  battery: '--battery',
  caFile: '--ca-file',
};

export const ENV_NAMES = SECRET_ENV_NAMES;

/** Built-in metrics that work on every board, used when none are given. */
export const DEFAULT_METRICS: MetricAnswer[] = [{ kind: 'rssi' }, { kind: 'free_heap' }, { kind: 'uptime' }, { kind: 'dropped' }];

export interface AnswerSources {
  file?: RawAnswers;
  env?: NodeJS.ProcessEnv;
  flags?: RawAnswers;
  /** Secrets read back from an existing project's header: the weakest source. */
  existingSecrets?: RawAnswers;
}

export function mergeAnswerSources(sources: AnswerSources): RawAnswers {
  const fromEnv: RawAnswers = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = sources.env?.[name];
    if (value !== undefined) fromEnv[key] = value;
  }
  const merged = new Map<string, unknown>();
  for (const layer of [sources.existingSecrets, sources.file, fromEnv, sources.flags]) {
    for (const [key, value] of Object.entries(layer ?? {})) if (value !== undefined) merged.set(key, value);
  }
  // fromEntries defines keys; assigning `merged.__proto__ = …` would set the prototype
  // instead, hiding the key from the schema's unknown-key check while it supplied answers.
  return Object.fromEntries(merged);
}

/** The answers still missing for a non-interactive run, as the flags that would supply them. */
export function missingAnswers(raw: RawAnswers): string[] {
  const required = ['board', 'apiKey', 'wifiSsid', 'wifiPassword'];
  const endpoint = typeof raw.endpoint === 'string' ? raw.endpoint : 'cloud';
  if (!endpoint.startsWith('http')) required.splice(1, 0, 'harborId');
  return required.filter((key) => raw[key] === undefined).map(describeSource);
}

function describeSource(key: string): string {
  const flag = FLAG_NAMES[key] ?? key;
  const env = ENV_NAMES[key];
  return env ? `${flag} (or ${env})` : flag;
}

/** The answers with the default metrics where none were given, and what the one schema says of them. */
function checkAnswers(raw: RawAnswers) {
  const input = raw.metrics === undefined ? { ...raw, metrics: DEFAULT_METRICS } : raw;
  return { input, result: AnswersSchema.safeParse(input, PARSE_ONCE) };
}

/**
 * What is wrong with the answers that were given, each named by its flag (a missing answer is not one of
 * them): reported with the missing ones, so a mistyped board id is not found only after the rest is supplied.
 */
export function givenAnswerProblems(raw: RawAnswers): string[] {
  const { input, result } = checkAnswers(raw);
  if (result.success) return [];
  return result.error.issues.filter((issue) => issue.path.length > 0 && input[String(issue.path[0])] !== undefined).map((issue) => describeIssue(issue, input));
}

/** Validates merged answers; every problem is reported at once, named by its flag. */
export function parseAnswers(raw: RawAnswers): Answers {
  const { input, result } = checkAnswers(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => describeIssue(issue, input));
  throw usageError(lines.length === 1 ? (lines[0] as string) : `The answers have ${lines.length} problems:\n  ${lines.join('\n  ')}`, 'Fix them and run the command again.');
}

function describeIssue(issue: z.core.$ZodIssue, input: RawAnswers): string {
  const [key, index, field] = issue.path;
  if (issue.code === 'unrecognized_keys') {
    return `${issue.keys.map((k) => `'${k}'`).join(', ')} ${issue.keys.length === 1 ? 'is not an option' : 'are not options'}${key === undefined ? '' : ` of ${String(key)}`}: see harbor-connect init --help.`;
  }
  if (key === 'sensors' && typeof index === 'number') {
    const sensor = (input.sensors as RawAnswers[] | undefined)?.[index];
    const kind = sensor && typeof sensor.kind === 'string' ? sensor.kind : '';
    const name = sensor && typeof sensor.name === 'string' ? ` '${sensor.name}'` : '';
    const where = `--sensor ${index + 1}${kind ? ` (${kind}${name})` : ''}${field !== undefined && field !== 'kind' ? ` ${String(field)}` : ''}`;
    return `${where}: ${issue.message}.`.replace(/([.?])\.$/, '$1');
  }
  if (key === 'metrics' && typeof index === 'number') {
    const metric = (input.metrics as MetricAnswer[])[index];
    // The cargo id only where it is not the kind's own: "--metric 2 (analog 'soil')", "--metric 1 (rssii)".
    const cargo = metric && typeof metric === 'object' && metric.kind ? safeCargo(metric) : undefined;
    const label = metric && typeof metric === 'object' ? `${metric.kind ?? '?'}${cargo !== undefined && cargo !== metric.kind ? ` '${cargo}'` : ''}` : '';
    const where = `--metric ${index + 1}${label ? ` (${label})` : ''}${field !== undefined && field !== 'kind' ? ` ${String(field)}` : ''}`;
    return `${where}: ${issue.message}.`.replace(/([.?])\.$/, '$1');
  }
  const name = key === undefined ? 'the answers' : (FLAG_NAMES[String(key)] ?? String(key));
  const given = key === undefined || issue.path.length > 1 || input[String(key)] !== undefined;
  const message = issue.code === 'invalid_type' && !given ? 'is missing' : issue.message;
  return `${name} ${message}.`.replace(/([.?])\.$/, '$1');
}

function safeCargo(metric: MetricAnswer): string {
  try {
    return cargoOf(metric);
  } catch {
    return '?';
  }
}

const FLAG_EXAMPLES = {
  '--metric': 'analog:pin=34,cargo=soil,interval=10',
  '--sensor': 'bme280:sda=21,scl=22,address=0x76,interval=30',
} as const;

/** Parses every --metric, reporting all malformed ones at once. */
export function parseMetricFlags(texts: string[]): RawAnswers[] {
  return parseKindFlags('--metric', texts);
}

/** Parses every --sensor, reporting all malformed ones at once. */
export function parseSensorFlags(texts: string[]): RawAnswers[] {
  return parseKindFlags('--sensor', texts);
}

function parseKindFlags(flag: keyof typeof FLAG_EXAMPLES, texts: string[]): RawAnswers[] {
  const problems: string[] = [];
  const parsed = texts.map((text) => {
    try {
      return parseKindFlag(flag, text);
    } catch (error) {
      problems.push((error as Error).message);
      return {};
    }
  });
  if (problems.length === 1) throw usageError(problems[0] as string, `Write it like ${FLAG_EXAMPLES[flag]}.`);
  if (problems.length > 1) throw usageError(`${problems.length} ${flag} options are malformed:\n  ${problems.join('\n  ')}`, `Write them like ${FLAG_EXAMPLES[flag]}.`);
  return parsed;
}

/** Parses `kind[:key=value,...]` as given to --metric. */
export function parseMetricFlag(text: string): RawAnswers {
  return parseKindFlag('--metric', text);
}

/** `kind[:key=value,...]`, as given to --metric and --sensor. */
function parseKindFlag(flag: keyof typeof FLAG_EXAMPLES, text: string): RawAnswers {
  const colon = text.indexOf(':');
  const kind = colon < 0 ? text : text.slice(0, colon);
  const parsed: RawAnswers = { kind };
  if (colon < 0) return parsed;
  for (const pair of text.slice(colon + 1).split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usageError(`${flag} ${text}: '${pair}' is not key=value.`, `Write it like ${FLAG_EXAMPLES[flag]}.`);
    const key = pair.slice(0, eq).trim();
    if (key in parsed) throw usageError(`${flag} ${text}: '${key}' is given twice.`, 'Give each option once.');
    parsed[key] = pair.slice(eq + 1);
  }
  return parsed;
}
