/**
 * The wizard as a list of small steps (after create-astro). Each step reads
 * and fills only its slice of the raw answers and skips itself when a flag or
 * the answers file already gave the answer. Nothing here validates on its own:
 * typed answers go through the answers schema, pins through validatePins and
 * the metrics' rates through the memory plan, exactly as flags would.
 */
import { resolve } from 'node:path';
import type { Board } from '../catalogue/board-types.js';
import { readCaFile } from '../catalogue/ca-roots.js';
import { findBoard } from '../catalogue/boards.js';
import { findMetric, METRICS, type MetricInfo, type MetricKind } from '../catalogue/metrics.js';
import { pinName, suitablePins, validatePins, type PinIssue, type PinUse } from '../catalogue/pins.js';
import {
  AnswersSchema,
  ApiKeySchema,
  BATTERY_MAX_MAH,
  parseBattery,
  parsePower,
  BATCH_DEFAULTS,
  EndpointSchema,
  FormatSchema,
  type Format,
  HarborIdSchema,
  IdSchema,
  INGEST_PATH,
  ShipIdSchema,
  WifiPasswordSchema,
  WifiSsidSchema,
} from '../config/answers-schema.js';
import { DEFAULT_METRICS, ENV_NAMES, parseAnswers, type RawAnswers } from '../config/resolve-answers.js';
import { generateFiles } from '../generate/generate-files.js';
import type { FlashPlan } from '../model/flash-plan.js';
import { isLoopbackHost } from '../commands/cli-helpers.js';
import { lookup } from 'node:dns/promises';
import { searchBoards } from './board-search.js';
import { HarborError, usageError } from '../errors.js';
import { defaultBatchBytes, planBuffer, type BufferPlan } from '../model/memory-plan.js';
import { offerPing } from './ping-step.js';
import { askSensors } from './sensors-step.js';
import { findSensorKind } from '../components/index.js';
import { planProject } from '../power/battery-text.js';
import type { Battery } from '../power/battery-plan.js';
import type { Choice, Prompts } from './prompts.js';
import { validateWith } from './prompts.js';

/** Where an answer came from, so the review can say so (a secret from the environment, say). */
export type AnswerSource = 'flag' | 'file' | 'env' | 'project' | 'asked';

export interface WizardState {
  raw: RawAnswers;
  out: string | undefined;
  /** Per answer key; keys not listed were asked. */
  sources?: Record<string, AnswerSource>;
  /** Answers being changed from the review: offered as the questions' defaults. */
  defaults?: RawAnswers;
  /** The harbor-connect project already in the chosen folder, if any. */
  existing?: { board: string | undefined; raw: RawAnswers };
  /** The review row being changed, so a question normally behind a yes/no (advanced) is asked straight away. */
  changing?: string;
  /** Yes/no offers already made (advanced, the test point), so going round again after the review does not repeat them. */
  offered?: Set<string>;
  env?: NodeJS.ProcessEnv;
}

export type WizardStep = (prompts: Prompts, state: WizardState) => Promise<void>;

const given = (state: WizardState, key: string): boolean => state.raw[key] !== undefined;

/** The answer being changed, as the question's default. */
const previous = (state: WizardState, key: string): unknown => state.defaults?.[key];

/** A prompt validator for seconds, in words a person reads (the schema's would say "expected number, received NaN"). */
export function secondsValidator(min: number, max: number, example: number): (value: string) => true | string {
  return (value) => {
    const n = Number(value.trim());
    if (value.trim() === '' || !Number.isFinite(n)) return `enter a number of seconds, e.g. ${example}`;
    return n >= min && n <= max ? true : `enter a number of seconds from ${min} to ${max}, e.g. ${example}`;
  };
}

function wholeValidator(min: number, max: number, example: number, unit = ''): (value: string) => true | string {
  return (value) => (/^\d+$/.test(value.trim()) && +value >= min && +value <= max ? true : `enter a whole number${unit} from ${min} to ${max}, e.g. ${example}`);
}

/** Harbor firmware always has Wi-Fi on while it reads its pins. */
const WIFI = { wifi: true } as const;

/**
 * The first question: a new device (a PlatformIO project or an Arduino IDE
 * sketch), or Harbor added to firmware the user already has (lines to paste,
 * or a library to install). Skipped when --format or the answers file said.
 */
export const chooseFormat: WizardStep = async (prompts, state) => {
  if (given(state, 'format') && FormatSchema.safeParse(state.raw.format).success) return;
  state.raw.format = await prompts.select<Format>({
    message: 'A new device, or add Harbor to firmware you already have?',
    choices: [
      { name: 'A new device: a PlatformIO project', value: 'project' },
      { name: 'A new device: an Arduino IDE sketch', value: 'sketch' },
      { name: 'Firmware I already have: lines to paste into it', value: 'snippet', description: 'needs the library too' },
      { name: 'Firmware I already have: a library to install (Arduino, PlatformIO, ESP-IDF)', value: 'library' },
    ],
    default: FormatSchema.safeParse(previous(state, 'format')).data ?? 'project',
  });
};

/** Whether the format writes a folder (project, sketch), so the wizard asks for one. */
export function writesFolder(raw: RawAnswers): boolean {
  return raw.format === undefined || raw.format === 'project' || raw.format === 'sketch';
}

export const chooseBoard: WizardStep = async (prompts, state) => {
  if (given(state, 'board')) {
    if (findBoard(String(state.raw.board))) return;
    // A mistyped --board is cheaper to fix now than after every other question.
    prompts.note(`'${String(state.raw.board)}' is not a board harbor-connect knows: choose one from the list.`);
  }
  state.raw.board = await prompts.search({
    message: 'Which board? (type to search)',
    source: (term) =>
      searchBoards(term).map((b) => ({
        name: `${b.name} (${b.id})`,
        value: b.id,
        description: `${b.chip}, ${Math.round(b.ramBytes / 1024)} KB RAM${b.verifiedPins ? '' : ", pins from the chip's defaults"}`,
      })),
    default: String(previous(state, 'board') ?? state.existing?.board ?? 'esp32dev'),
  });
};

/** The board chosen by chooseBoard, which always runs first. */
function boardOf(state: WizardState): Board {
  const board = findBoard(String(state.raw.board));
  if (!board) throw usageError(`'${String(state.raw.board)}' is not a board harbor-connect knows.`, 'Run harbor-connect boards to list them.');
  return board;
}

export const chooseFramework: WizardStep = async (prompts, state) => {
  const board = boardOf(state);
  if (given(state, 'framework')) {
    if ((board.frameworks as readonly unknown[]).includes(state.raw.framework)) return;
    prompts.note(`The ${board.name} does not support ${String(state.raw.framework)}.`);
  }
  // Only boards that support both get the question; the rest get their one framework.
  if (board.frameworks.length === 1) {
    state.raw.framework = board.frameworks[0];
    return;
  }
  state.raw.framework = await prompts.select({
    message: 'Which framework?',
    choices: board.frameworks.map((f) => ({ name: f === 'arduino' ? 'Arduino' : 'ESP-IDF', value: f })),
    default: (board.frameworks as readonly unknown[]).includes(previous(state, 'framework')) ? (previous(state, 'framework') as typeof board.frameworks[number]) : board.frameworks[0],
  });
};

export const chooseShipId: WizardStep = async (prompts, state) => {
  if (given(state, 'shipId')) return;
  state.raw.shipId = await prompts.input({
    message: "Ship id (this device's name in Harbor; 'auto' derives it from the chip's MAC, so one binary serves a fleet)",
    default: String(previous(state, 'shipId') ?? 'auto'),
    validate: validateWith(ShipIdSchema),
  });
};

/** "What is connected?": the sensors (sensors-step.ts), before the board's own readings. */
export const chooseSensors: WizardStep = async (prompts, state) => {
  if (given(state, 'sensors')) return;
  const board = boardOf(state);
  const framework = board.frameworks.find((f) => f === state.raw.framework) ?? board.frameworks[0];
  const adapter = framework === undefined ? undefined : board.adapters[framework];
  if (adapter === undefined) return;
  // When not even one reading a day fits, the batch size or the board is the problem: asking would lead nowhere.
  planFor(board, state, [{ kind: 'uptime', interval: 86_400 }]);
  const earlier = Array.isArray(previous(state, 'sensors')) ? (previous(state, 'sensors') as RawAnswers[]) : [];
  state.raw.sensors = await askSensors(prompts, board, adapter, earlier);
};

/** The sensors chosen so far (none before chooseSensors has run). */
function sensorsOf(state: WizardState): RawAnswers[] {
  return Array.isArray(state.raw.sensors) ? (state.raw.sensors as RawAnswers[]) : [];
}

/**
 * Kinds, then each metric's pin, cargo id and interval; then the memory plan
 * for those rates. A plan that cannot fit is explained and the metrics are
 * asked again, since only the user knows which rate to give up.
 */
export const chooseMetrics: WizardStep = async (prompts, state) => {
  if (given(state, 'metrics')) return;
  const board = boardOf(state);
  // When not even one reading a day fits, the batch size or the board is the problem: asking again would loop.
  planFor(board, state, sensorsOf(state).length > 0 ? [] : [{ kind: 'uptime', interval: 86_400 }]);
  const earlier = Array.isArray(previous(state, 'metrics')) ? (previous(state, 'metrics') as RawAnswers[]) : [];
  let kinds: MetricKind[] | undefined = earlier.length > 0 ? [...new Set(earlier.map((m) => m.kind as MetricKind))] : undefined;
  for (;;) {
    kinds = await askMetricKinds(prompts, board, kinds, sensorsOf(state).length > 0);
    const metrics = await askMetricDetails(prompts, board, kinds, earlier);
    const plan = tryPlan(() => planFor(board, state, metrics));
    if (plan instanceof HarborError) {
      prompts.note([plan.message, plan.hint, 'Choose the metrics and their intervals again.'].filter(Boolean).join(' '));
      continue;
    }
    prompts.note(`With these metrics, ${plan.summary}.`);
    state.raw.metrics = metrics;
    return;
  }
};

async function askMetricKinds(prompts: Prompts, board: Board, previous: readonly MetricKind[] | undefined, withSensors: boolean): Promise<MetricKind[]> {
  const available = METRICS.filter(
    (m) => (!m.needsTemperatureSensor || board.hasTemperatureSensor) && (!m.needsPin || analogPinChoices(board, []).length > 0),
  );
  return prompts.checkbox({
    message: withSensors ? 'What else should it send? (the board\'s own readings)' : 'What should it send?',
    // Asked again after a plan that did not fit: keep what the user picked.
    // Made-up data is offered but never ticked for the user: a real board should send real readings.
    choices: available.map((m) => ({ name: m.title, value: m.kind, checked: previous ? previous.includes(m.kind) : Boolean(m.suggested) && m.kind !== 'simulated' })),
    validate: (chosen) => (chosen.length > 0 || withSensors ? true : 'choose at least one metric'),
  });
}

async function askMetricDetails(prompts: Prompts, board: Board, kinds: readonly MetricKind[], earlier: readonly RawAnswers[] = []): Promise<RawAnswers[]> {
  const metrics: RawAnswers[] = [];
  for (const kind of kinds) {
    const info = findMetric(kind) as MetricInfo;
    if (!info.needsPin) {
      metrics.push(await askMetric(prompts, info, shortTitle(info), metrics, undefined, earlier.find((m) => m.kind === kind)));
      continue;
    }
    let more: boolean;
    do {
      const pin = await askAnalogPin(prompts, board, info, pinUses(metrics));
      metrics.push(await askMetric(prompts, info, `${shortTitle(info)} on ${pinName(board, pin)}`, metrics, pin));
      more = analogPinChoices(board, pinUses(metrics)).length > 0;
    } while (more && (await prompts.confirm({ message: `Add another ${info.kind} input?`, default: false })));
  }
  return metrics;
}

async function askAnalogPin(prompts: Prompts, board: Board, info: MetricInfo, earlier: readonly PinUse[]): Promise<number> {
  const choices = analogPinChoices(board, earlier);
  const pin = await prompts.select({ message: `${shortTitle(info)}: which pin?`, choices, default: choices[0]?.value });
  // The list already left out pins with errors; a warning (strapping pin, LED) is worth saying once more.
  for (const issue of newPinIssues(board, earlier, pin)) prompts.note(`Warning: ${issue.message}.`);
  return pin;
}

const NEW_INPUT = 'this input';

/** What validatePins says about `pin` as one more analog input next to the earlier ones. */
function newPinIssues(board: Board, earlier: readonly PinUse[], pin: number): PinIssue[] {
  return validatePins(board, [...earlier, { pin, role: 'analog-in', owner: NEW_INPUT }], WIFI).filter((i) => i.owner === NEW_INPUT);
}

/**
 * The board's suitable analog pins not yet taken, then the ones that work but
 * carry a warning, with the warning as their description. Pins with an error
 * (ADC2 under Wi-Fi, already used, …) are not offered at all.
 */
function analogPinChoices(board: Board, earlier: readonly PinUse[]): Choice<number>[] {
  const usable = (pin: number): boolean => !newPinIssues(board, earlier, pin).some((i) => i.severity === 'error');
  const suitable = suitablePins(board, 'analog-in', WIFI);
  const warned = board.adc.map((a) => a.pin).filter((pin) => !suitable.includes(pin)).sort((a, b) => a - b);
  return [...suitable, ...warned].filter(usable).map((pin) => {
    const warnings = newPinIssues(board, earlier, pin).map((i) => i.message);
    return { name: adcPinLabel(board, pin), value: pin, description: warnings.length ? `Warning: ${warnings.join('; ')}` : undefined };
  });
}

/** "GPIO 34 (ADC1)": on chips with two converters the unit matters, as Wi-Fi takes ADC2. */
function adcPinLabel(board: Board, pin: number): string {
  const name = pinName(board, pin);
  const unit = board.adc.find((a) => a.pin === pin)?.unit;
  if (!unit || unit === 'ADC') return name;
  return name.endsWith(')') ? `${name.slice(0, -1)}, ${unit})` : `${name} (${unit})`;
}

function pinUses(metrics: readonly RawAnswers[]): PinUse[] {
  return metrics.filter((m) => m.pin !== undefined).map((m) => ({ pin: Number(m.pin), role: 'analog-in', owner: `metric ${String(m.cargo)}` }));
}

/** "Analog input": the checkbox showed the details in parentheses; each follow-up question only needs the name. */
function shortTitle(info: MetricInfo): string {
  return info.title.replace(/ \(.*\)$/, '');
}

/** Cargo id and interval; `label` names the metric in the questions, e.g. "Analog input on GPIO 34". */
async function askMetric(prompts: Prompts, info: MetricInfo, label: string, earlier: readonly RawAnswers[], pin?: number, was?: RawAnswers): Promise<RawAnswers> {
  const metric: RawAnswers = { kind: info.kind };
  if (pin !== undefined) metric.pin = pin;
  const cargoOwner = new Map(earlier.map((m, index) => [String(m.cargo), index + 1]));
  metric.cargo = await prompts.input({
    message: `${label}: cargo id`,
    default: was?.cargo !== undefined ? String(was.cargo) : pin === undefined ? info.defaultCargo : `${info.defaultCargo}_${pin}`,
    // The schema's own duplicate check runs on the whole answers; this is the same rule, one answer at a time.
    validate: (value) => (cargoOwner.has(value) ? `cargo id '${value}' is already used by metric ${cargoOwner.get(value)}` : validateWith(IdSchema)(value)),
  });
  metric.interval = Number(
    await prompts.input({
      message: `${label}: every how many seconds?`,
      default: String(was?.interval ?? info.defaultIntervalSeconds),
      validate: secondsValidator(0.1, 86_400, info.defaultIntervalSeconds),
    }),
  );
  return metric;
}

/** The buffer plan the project model will make for these metrics, framework and batch size. Throws a usage error when it cannot fit. */
function planFor(board: Board, state: WizardState, metrics: readonly RawAnswers[], batchBytes = batchBytesOf(board, state)): BufferPlan {
  const every = (seconds: number, count = 1) => (Number.isFinite(seconds) && seconds > 0 ? Array.from({ length: count }, () => ({ intervalMs: Math.round(seconds * 1000) })) : []);
  // Unreadable metrics and sensors from flags are the schema's to report, after the wizard.
  const rates = [
    ...metrics.flatMap((metric) => every(Number(metric.interval ?? findMetric(String(metric.kind))?.defaultIntervalSeconds))),
    // Each channel a sensor sends is a reading per interval, as in the project model.
    ...sensorsOf(state).flatMap((sensor) => {
      const kind = findSensorKind(String(sensor.kind));
      if (!kind) return [];
      const channels = Array.isArray(sensor.channels) ? sensor.channels.length : kind.channels.length;
      const devices = kind.bus.kind === 'onewire' ? Number(sensor.count ?? 1) : 1;
      return every(Number(sensor.interval ?? kind.defaultIntervalSeconds), channels * devices);
    }),
  ];
  const framework = board.frameworks.find((f) => f === state.raw.framework) ?? board.frameworks[0];
  return planBuffer(board, rates, { framework, batchBytes });
}

function batchBytesOf(board: Board, state: WizardState): number {
  const parsed = AnswersSchema.shape.batchBytes.safeParse(state.raw.batchBytes);
  return parsed.success && parsed.data !== undefined ? parsed.data : defaultBatchBytes(board);
}

/** Runs a check that throws HarborError, handing the error back as a value for a prompt's validate. */
function tryPlan<T>(check: () => T): T | HarborError {
  try {
    return check();
  } catch (error) {
    if (error instanceof HarborError) return error;
    throw error;
  }
}

export const chooseEndpoint: WizardStep = async (prompts, state) => {
  if (given(state, 'endpoint')) return;
  state.raw.endpoint = await askEndpoint(prompts, previous(state, 'endpoint') as string | undefined);
};

/** Cloud, enterprise or a server's address; also used by the test point to correct the endpoint. */
export async function askEndpoint(prompts: Prompts, was: string | undefined): Promise<string> {
  const kind = was === undefined ? 'cloud' : was === 'cloud' ? 'cloud' : was.startsWith('enterprise:') ? 'enterprise' : 'custom';
  const where = await prompts.select({
    message: 'Where is your Harbor?',
    choices: [
      { name: 'Harbor cloud (harborscale.com)', value: 'cloud' },
      { name: 'Harbor enterprise (<tenant>.harbor.harborscale.com)', value: 'enterprise' },
      { name: 'Self-hosted: a server of your own', value: 'custom' },
    ],
    default: kind,
  });
  if (where === 'cloud') return 'cloud';
  if (where === 'enterprise') {
    const tenant = await prompts.input({
      message: 'Tenant name',
      default: kind === 'enterprise' ? (was as string).slice('enterprise:'.length) : undefined,
      validate: (v) => validateWith(EndpointSchema)(`enterprise:${v}`),
    });
    return `enterprise:${tenant}`;
  }
  return askServerAddress(prompts, kind === 'custom' ? was : undefined);
}

/**
 * A self-hosted server's address, with no default: a board can reach neither
 * localhost nor an example. An address of this computer (loopback) or plain
 * http:// is allowed only once the user has read why it is a problem.
 */
async function askServerAddress(prompts: Prompts, was: string | undefined): Promise<string> {
  for (;;) {
    const typed = await prompts.input({
      message: "Your server's address (e.g. https://harbor.example.com or http://192.168.1.20:8000)",
      default: was,
      validate: (v) => (v.trim() === '' ? 'enter the address the board will send to' : validateWith(EndpointSchema)(serverBaseUrl(v))),
    });
    const url = serverBaseUrl(typed);
    const warnings = await addressWarnings(url);
    if (warnings.length === 0) return url;
    prompts.note(`Warning: ${warnings.join(' ')}`);
    if (await prompts.confirm({ message: `Use ${url} anyway?`, default: false })) return url;
    was = typed;
  }
}

/** "harbor.lan:8000" → "https://harbor.lan:8000/api/v2/ingest": the scheme and the API path filled in when left out. */
export function serverBaseUrl(text: string): string {
  const trimmed = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.pathname === '/') url.pathname = INGEST_PATH;
    return url.href.replace(/\/+$/, '');
  } catch {
    return trimmed;
  }
}

async function addressWarnings(baseUrl: string): Promise<string[]> {
  const url = new URL(baseUrl);
  const warnings: string[] = [];
  if (await isLoopbackAddress(url.hostname)) {
    warnings.push(`${url.hostname} is this computer's own address, which a board can never reach: use the server's name or network address (e.g. 192.168.1.20).`);
  }
  if (url.protocol === 'http:') warnings.push('With http:// the API key travels in clear over the network, where anyone on the way can read it.');
  return warnings;
}

async function isLoopbackAddress(hostname: string): Promise<boolean> {
  if (isLoopbackHost(hostname)) return true;
  try {
    const { address } = await lookup(hostname.replace(/^\[|\]$/g, ''));
    return isLoopbackHost(address);
  } catch {
    // Not resolvable from here: maybe a name only the board's network knows; nothing to warn about.
    return false;
  }
}

export const chooseHarborId: WizardStep = async (prompts, state) => {
  if (given(state, 'harborId')) return;
  const custom = String(state.raw.endpoint ?? 'cloud').startsWith('http');
  const was = previous(state, 'harborId');
  const id = await prompts.input({
    message: custom ? 'Harbor id (leave empty for a self-hosted server, whose paths have none)' : "Harbor id (from your Harbor's details)",
    default: was === undefined ? undefined : String(was),
    validate: (value) => (custom && value === '' ? true : validateWith(HarborIdSchema)(value)),
  });
  if (id !== '') state.raw.harborId = id;
};

export const chooseApiKey: WizardStep = async (prompts, state) => {
  if (given(state, 'apiKey')) {
    // Never used silently: the user should know which key the device will carry.
    if (state.sources?.apiKey === 'env') prompts.note(`Using the API key from ${ENV_NAMES.apiKey} (it is not shown).`);
    return;
  }
  state.raw.apiKey = await prompts.password({ message: 'API key (it is not shown as you type)', validate: validateWith(ApiKeySchema) });
};

export const chooseWifi: WizardStep = async (prompts, state) => {
  if (!given(state, 'wifiSsid')) {
    const was = previous(state, 'wifiSsid');
    state.raw.wifiSsid = await prompts.input({ message: 'Wi-Fi network name (SSID)', default: was === undefined ? undefined : String(was), validate: validateWith(WifiSsidSchema) });
  }
  if (!given(state, 'wifiPassword')) {
    state.raw.wifiPassword = await prompts.password({ message: 'Wi-Fi password (empty for an open network)', validate: validateWith(WifiPasswordSchema) });
  } else if (state.sources?.wifiPassword === 'env') {
    prompts.note(`Using the Wi-Fi password from ${ENV_NAMES.wifiPassword} (it is not shown).`);
  }
};

export const chooseAdvanced: WizardStep = async (prompts, state) => {
  const keys = ['batchRecords', 'batchBytes', 'batchSeconds', 'tls'];
  if (keys.some((k) => given(state, k))) return;
  // Changed from the review: the user already said yes. Declined once: not asked again on the way back from the review.
  const changing = state.changing === 'advanced' || state.changing === 'tls';
  if (!changing && state.offered?.has('advanced')) return;
  (state.offered ??= new Set()).add('advanced');
  if (!changing && !(await prompts.confirm({ message: 'Change batching or TLS (advanced)?', default: false }))) return;
  const board = boardOf(state);
  const metrics = Array.isArray(state.raw.metrics) ? (state.raw.metrics as RawAnswers[]) : DEFAULT_METRICS;
  const was = (key: string, fallback: number): string => String(previous(state, key) ?? fallback);
  state.raw.batchRecords = Number(await prompts.input({ message: 'Most readings per request', default: was('batchRecords', BATCH_DEFAULTS.batchRecords), validate: wholeValidator(1, 500, BATCH_DEFAULTS.batchRecords) }));
  state.raw.batchBytes = Number(
    await prompts.input({
      message: 'Largest request body (bytes)',
      default: was('batchBytes', defaultBatchBytes(board)),
      // The body buffer is static RAM taken from the reading buffer, so a size that leaves no room is refused here, not after the last question.
      validate: (v) => {
        const range = wholeValidator(1024, 65_536, defaultBatchBytes(board), ' of bytes')(v);
        if (range !== true) return range;
        const plan = tryPlan(() => planFor(board, state, metrics, Number(v)));
        return plan instanceof HarborError ? [plan.message, plan.hint].filter(Boolean).join(' ') : true;
      },
    }),
  );
  state.raw.batchSeconds = Number(
    await prompts.input({ message: 'Longest a reading waits before it is sent (seconds)', default: was('batchSeconds', BATCH_DEFAULTS.batchSeconds), validate: secondsValidator(1, 3600, BATCH_DEFAULTS.batchSeconds) }),
  );
  // ESP-IDF always verifies (its adapter has no insecure mode), so it is not offered there.
  const insecureAllowed = state.raw.framework !== 'espidf';
  state.raw.tls = await prompts.select({
    message: 'TLS',
    choices: [
      { name: 'Verify the server certificate (recommended)', value: 'verify' },
      ...(insecureAllowed ? [{ name: 'Do not verify (only for testing: the API key can be read on the way)', value: 'insecure' }] : []),
    ],
    default: previous(state, 'tls') === 'insecure' && insecureAllowed ? 'insecure' : 'verify',
  });
  if (state.raw.tls === 'verify' && !given(state, 'caFile')) {
    const caFile = await prompts.input({
      message: 'Root CA file (PEM) to trust instead of the built-in set, e.g. for a private server (empty: built-in)',
      default: previous(state, 'caFile') === undefined ? '' : String(previous(state, 'caFile')),
      validate: (v) => {
        if (v.trim() === '') return true;
        const checked = tryPlan(() => readCaFile(resolve(v.trim())));
        // The message alone: the CA file's hints speak of flags, which the wizard has none of.
        return checked instanceof HarborError ? checked.message : true;
      },
    });
    if (caFile.trim() !== '') state.raw.caFile = resolve(caFile.trim());
  }
};

/**
 * Flash or RAM for the buffer, where the board has a flash buffer to offer
 * (model/flash-plan.ts). Yes, the default, leaves the answer to the generator
 * (flash); no is written down as --storage ram.
 */
export const chooseStorage: WizardStep = async (prompts, state) => {
  if (given(state, 'storage') || !writesFolder(state.raw)) return;
  const changing = state.changing === 'storage';
  if (!changing && state.offered?.has('storage')) return;
  if (flashOffer(state) === null) return;
  (state.offered ??= new Set()).add('storage');
  const keep = await prompts.confirm({ message: 'Keep readings through power cuts (in flash)?', default: previous(state, 'storage') !== 'ram' });
  if (!keep) state.raw.storage = 'ram';
};

const POWER_CHOICES: Choice<string>[] = [
  { name: 'A Li-ion or LiPo cell', value: 'li-ion' },
  { name: 'A LiFePO4 cell', value: 'lifepo4' },
  { name: 'Alkaline AA cells', value: 'alkaline' },
  { name: 'USB or a mains adapter', value: 'usb' },
];

/**
 * What powers a sleeping device, for the battery plan (power/battery-text.ts):
 * asked when it deep-sleeps (a device that is always on is not one to plan a
 * battery for) or when the answer is being changed from the review.
 */
export const chooseBattery: WizardStep = async (prompts, state) => {
  if (given(state, 'battery') || !writesFolder(state.raw)) return;
  const sleep = typeof state.raw.power === 'string' ? parsePower(state.raw.power) : null;
  if (!sleep && state.changing !== 'battery') return;
  const was = typeof previous(state, 'battery') === 'string' ? parseBattery(String(previous(state, 'battery'))) : undefined;
  const kind = await prompts.select({ message: 'What powers it?', choices: POWER_CHOICES, default: was?.kind === 'cell' ? was.chemistry : was ? 'usb' : 'li-ion' });
  if (kind === 'usb') {
    state.raw.battery = 'usb';
    return;
  }
  const mAh = await prompts.input({ message: 'Its capacity (mAh)', default: was?.kind === 'cell' ? String(was.mAh) : '2000', validate: wholeValidator(1, BATTERY_MAX_MAH, 2000, ' of mAh') });
  const answer = `${mAh.trim()}:${kind}`;
  state.raw.battery = answer;
  const board = findBoard(String(state.raw.board));
  if (board) prompts.note(`Battery: ${planProject(board, sleep ?? null, parseBattery(answer) as Battery).summary}.`);
};

/** The flash buffer the answers so far would get (its size and wear are in the review's summary), or null when the board has none to offer. */
function flashOffer(state: WizardState): FlashPlan | null {
  try {
    return generateFiles(parseAnswers({ ...state.raw, storage: 'flash' })).model.flash;
  } catch {
    return null;  // no flash buffer here (or answers the review will point out): the generator's RAM default stands
  }
}

/**
 * The questions, in order. The project folder comes before them and the
 * review after them (run-wizard.ts). A new question is a new step here; the
 * review lists its answer by itself (review.ts).
 */
export const WIZARD_STEPS: WizardStep[] = [
  chooseBoard,
  chooseFramework,
  chooseShipId,
  chooseSensors,
  chooseMetrics,
  chooseEndpoint,
  chooseHarborId,
  chooseApiKey,
  // Right after the key, so a refused key or unknown harbor id is typed again while the user has it at hand.
  offerPing,
  chooseWifi,
  chooseAdvanced,
  chooseStorage,
  chooseBattery,
];
