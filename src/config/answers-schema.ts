/**
 * One schema for every way answers arrive: flags, an answers file, the wizard's
 * prompts. Field checks live on the fields (so a prompt can validate one answer
 * as it is typed); checks that need several fields or the board catalogue live
 * in the object's superRefine.
 */
import { z } from 'zod';
import { BOARD_IDS, findBoard, unknownBoardMessage } from '../catalogue/boards.js';
import { didYouMean } from '../did-you-mean.js';
import { findMetric, METRIC_KINDS } from '../catalogue/metrics.js';
import { ID_MAX_CHARS, idLength, isValidId } from '../harbor-ids.js';
import { validatePins, type PinUse } from '../catalogue/pins.js';
import { resolveSensors, sensorCargos } from '../components/wiring.js';
import { SensorAnswerSchema } from './sensor-answers.js';
import type { Battery } from '../power/battery-plan.js';

export const IdSchema = z.string().refine(isValidId, { message: `must be 1 to ${ID_MAX_CHARS} characters` });

export const ShipIdSchema = z.union([z.literal('auto'), IdSchema]);

export const FrameworkSchema = z.enum(['arduino', 'espidf']);
export type Framework = z.infer<typeof FrameworkSchema>;

/** What init writes: a PlatformIO project, an Arduino IDE sketch, an installable library, or lines to paste. */
export const FORMATS = ['project', 'sketch', 'library', 'snippet'] as const;
export const FormatSchema = z.enum(FORMATS, { message: `must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS.at(-1)}` });
export type Format = z.infer<typeof FormatSchema>;

export const INGEST_PATH = '/api/v2/ingest';

const tenantPattern = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** `cloud`, `enterprise:<tenant>` or a base URL ending in /api/v2/ingest. */
export const EndpointSchema = z.string().superRefine((value, ctx) => {
  if (value === 'cloud') return;
  if (value.startsWith('enterprise:')) {
    if (!tenantPattern.test(value.slice('enterprise:'.length))) {
      ctx.addIssue({ code: 'custom', message: 'the enterprise tenant must be a host name label such as enterprise:acme' });
    }
    return;
  }
  const problem = baseUrlProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be cloud, enterprise:<tenant> or a URL such as http://my-server:8000${INGEST_PATH}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'the endpoint URL must start with http:// or https://';
  if (url.search || url.hash || url.username || url.password) return 'the endpoint URL must not carry a query, fragment or credentials';
  if (!url.pathname.replace(/\/$/, '').endsWith(INGEST_PATH)) return `the endpoint URL must end in ${INGEST_PATH}, as in the Harbor API reference`;
  return undefined;
}

export const HarborIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._~-]{1,100}$/, { message: 'must be 1 to 100 letters, digits or . _ ~ - (it is part of the URL path)' });

/**
 * The key is sent as the X-API-Key header, so it must be a header value that
 * every HTTP stack sends as the same bytes: printable ASCII, no space at either
 * end (parsers trim it). Node passes é as one Latin-1 byte while the firmware
 * sends its UTF-8 bytes, so a non-ASCII key would pass ping and fail on the board.
 * (The empty key is left to min(1), so it gets one message.)
 */
export const ApiKeySchema = z
  .string()
  .min(1, { message: 'must not be empty' })
  .max(512, { message: 'is longer than 512 characters' })
  .regex(/^([\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?)?$/, { message: 'must be printable ASCII with no space at either end (it is sent as the X-API-Key header)' });

export const WifiSsidSchema = z.string().refine((s) => {
  const bytes = Buffer.byteLength(s, 'utf8');
  return bytes >= 1 && bytes <= 32;
}, { message: 'must be 1 to 32 bytes (a Wi-Fi limit)' });

export const WifiPasswordSchema = z
  .string()
  .refine((s) => s === '' || (idLength(s) >= 8 && idLength(s) <= 63), {
    message: 'must be 8 to 63 characters (WPA2), or empty for an open network',
  });

const IntervalSchema = z.coerce.number().min(0.1, { message: 'must be at least 0.1 seconds' }).max(86_400, { message: 'must be at most 86400 seconds (one day)' });
const FiniteSchema = z.coerce.number().refine(Number.isFinite, { message: 'must be a finite number' });

/** A metric as written in an answers file or parsed from `--metric kind:key=value,...`. */
export const MetricAnswerSchema = z
  .strictObject({
    // The enum is for editors (completion in VS Code); the check itself, with its "did you mean", is in superRefine.
    kind: z.string().meta({ description: 'What to measure (harbor-connect sensors lists them).', enum: [...METRIC_KINDS] }),
    cargo: IdSchema.optional().meta({ description: 'The cargo id the readings go under in Harbor (default: the kind, with the pin for analog inputs).' }),
    interval: IntervalSchema.optional().meta({ description: 'Seconds between two readings.', examples: [10, 60] }),
    pin: z.coerce.number().int({ message: 'must be a GPIO number' }).min(0, { message: 'must be a GPIO number' }).optional().meta({ description: 'analog: the GPIO number of the input (not the silkscreen label).' }),
    scale: FiniteSchema.optional().meta({ description: 'analog: millivolts are multiplied by this.' }),
    offset: FiniteSchema.optional().meta({ description: 'analog: added after scaling.' }),
    base: FiniteSchema.optional().meta({ description: 'simulated: the middle of the sine wave.' }),
    amplitude: FiniteSchema.optional().meta({ description: 'simulated: how far the wave swings from base.' }),
    period: z.coerce.number().min(1, { message: 'must be at least 1 second' }).optional().meta({ description: 'simulated: seconds for one full wave.' }),
  })
  .superRefine((metric, ctx) => {
    const info = findMetric(metric.kind);
    if (!info) {
      const near = didYouMean(metric.kind, METRIC_KINDS);
      ctx.addIssue({ code: 'custom', path: ['kind'], message: `'${metric.kind}' is not a metric kind: ${near || `use one of ${METRIC_KINDS.join(', ')}`}` });
      return;
    }
    const given = Object.keys(metric).filter((k) => !['kind', 'cargo', 'interval'].includes(k));
    for (const key of given) {
      if (!info.params.includes(key)) {
        const takes = info.params.length ? `it takes ${info.params.join(', ')}` : 'it takes only cargo and interval';
        ctx.addIssue({ code: 'custom', path: [key], message: `${info.kind} has no option '${key}': ${takes}` });
      }
    }
    if (info.needsPin && metric.pin === undefined) {
      ctx.addIssue({ code: 'custom', path: ['pin'], message: `${info.kind} needs a pin, e.g. ${info.kind}:pin=34` });
    }
  });
export type MetricAnswer = z.infer<typeof MetricAnswerSchema>;

export const TlsModeSchema = z.enum(['verify', 'insecure']);

export const StorageSchema = z.enum(['ram', 'flash']);

export interface SleepPlan {
  intervalMs: number;
  sendEvery: number;
}

const POWER_PATTERN = /^deep-sleep:interval=(\d+)(?:,send-every=(\d+))?$/;

/** `always-on` (null) or `deep-sleep:interval=<s>[,send-every=<n>]`, read; undefined when malformed. */
export function parsePower(text: string): SleepPlan | null | undefined {
  if (text === 'always-on') return null;
  const m = POWER_PATTERN.exec(text);
  if (!m) return undefined;
  const seconds = Number(m[1]);
  const sendEvery = m[2] === undefined ? 1 : Number(m[2]);
  if (seconds < 10 || seconds > 86_400 || sendEvery < 1 || sendEvery > 1000) return undefined;
  return { intervalMs: seconds * 1000, sendEvery };
}

export const PowerSchema = z.string().refine((s) => parsePower(s) !== undefined, {
  message: 'must be always-on or deep-sleep:interval=<10 to 86400 seconds>[,send-every=<1 to 1000 wakes>], e.g. deep-sleep:interval=300,send-every=6',
});

const BATTERY_PATTERN = /^(\d+)(?::(li-ion|lifepo4|alkaline))?$/;
export const BATTERY_MAX_MAH = 100_000;

/** `usb` or `<mAh>[:li-ion|lifepo4|alkaline]` (li-ion when the chemistry is left out), read; undefined when malformed. */
export function parseBattery(text: string): Battery | undefined {
  if (text === 'usb') return { kind: 'usb' };
  const m = BATTERY_PATTERN.exec(text);
  if (!m) return undefined;
  const mAh = Number(m[1]);
  if (mAh < 1 || mAh > BATTERY_MAX_MAH) return undefined;
  return { kind: 'cell', mAh, chemistry: (m[2] ?? 'li-ion') as 'li-ion' | 'lifepo4' | 'alkaline' };
}

export const BatterySchema = z.string().refine((s) => parseBattery(s) !== undefined, {
  message: `must be usb or <1 to ${BATTERY_MAX_MAH} mAh>[:li-ion|lifepo4|alkaline], e.g. 2000:li-ion`,
});

/** A number from a flag or a file within [min, max], with one message for every way it can be wrong. */
function ranged(min: number, max: number, what: string, whole: boolean) {
  const message = `must be ${what} from ${min} to ${max}`;
  const number = z.coerce.number({ message }).min(min, { message }).max(max, { message });
  return whole ? number.int({ message }) : number;
}

export const BATCH_DEFAULTS = { batchRecords: 50, batchSeconds: 30 } as const;

/**
 * Everything the wizard asks. Secrets (apiKey, wifiPassword) are part of the
 * answers in memory but are never written to the answers file.
 */
export const AnswersSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'The JSON Schema of this file, for editors.' }),
    format: FormatSchema.default('project').meta({ description: 'project: a PlatformIO project; sketch: an Arduino IDE sketch folder; library: a .zip for Add .ZIP Library (also a PlatformIO library and an ESP-IDF component); snippet: lines to paste into firmware you already have.' }),
    // Descriptions and the board enum are for editors; the board check with its "did you mean" is in superRefine.
    // Checked on the field, not with the rest below: zod reports it even while other answers are missing.
    board: z
      .string()
      .min(1)
      .superRefine((id, ctx) => {
        if (findBoard(id)) return;
        const near = didYouMean(id, BOARD_IDS);
        ctx.addIssue({ code: 'custom', message: `${unknownBoardMessage(id)}: ${near ? `${near} Run` : 'run'} harbor-connect boards to list them` });
      })
      .meta({ description: 'The PlatformIO board id (harbor-connect boards lists them).', enum: [...BOARD_IDS] }),
    framework: FrameworkSchema.default('arduino').meta({ description: "Arduino or ESP-IDF; boards that support only one get that one." }),
    shipId: ShipIdSchema.default('auto').meta({ description: "This device's name in Harbor; 'auto' derives it from the chip's MAC, so one binary serves a fleet." }),
    metrics: z.array(MetricAnswerSchema).max(32, { message: 'takes at most 32 metrics' }).meta({ description: 'Built-in metrics the device sends, each on its own schedule.' }),
    sensors: z.array(SensorAnswerSchema).max(24, { message: 'takes at most 24 sensors' }).default([]).meta({ description: 'Sensors wired to the board, each read on its own interval.' }),
    endpoint: EndpointSchema.default('cloud').meta({ description: 'cloud, enterprise:<tenant>, or a self-hosted base URL ending in /api/v2/ingest.', examples: ['cloud', 'enterprise:acme', 'https://harbor.example.com/api/v2/ingest'] }),
    harborId: HarborIdSchema.optional().meta({ description: "Your Harbor's id, from its details (cloud and enterprise; self-hosted servers have none)." }),
    apiKey: ApiKeySchema.meta({ description: 'Never written to this file: it lives in the git-ignored include/harbor_secrets.h (or HARBOR_API_KEY).' }),
    wifiSsid: WifiSsidSchema.meta({ description: 'The Wi-Fi network name.' }),
    wifiPassword: WifiPasswordSchema.meta({ description: 'Never written to this file: it lives in include/harbor_secrets.h (or WIFI_PASSWORD); empty for an open network.' }),
    batchRecords: ranged(1, 500, 'a whole number', true).default(BATCH_DEFAULTS.batchRecords).meta({ description: 'Most readings in one request.' }),
    // Default chosen per board by the project model (small-RAM boards get less).
    batchBytes: ranged(1024, 65_536, 'a whole number of bytes', true).optional().meta({ description: "Largest request body in bytes (default: 12288, 4096 on the ESP8266); it is taken from the board's RAM." }),
    batchSeconds: ranged(1, 3600, 'a number of seconds', false).default(BATCH_DEFAULTS.batchSeconds).meta({ description: 'Longest a reading waits before it is sent, in seconds.' }),
    tls: TlsModeSchema.default('verify').meta({ description: "verify the server's certificate, or not (insecure: testing only, not with ESP-IDF)." }),
    // Default chosen per board by the project model (flash where the board has room, see model/flash-plan.ts).
    power: PowerSchema.optional().meta({ description: 'always-on (the default), or deep-sleep:interval=<s>[,send-every=<n>]: wake every interval, take one reading of everything, send every n-th wake, sleep.' }),
    battery: BatterySchema.optional().meta({ description: "What powers it: usb, or a battery as <mAh>[:li-ion|lifepo4|alkaline] (li-ion if left out), e.g. 2000:li-ion. init and the README then print the expected battery life and where its figures come from.", examples: ['usb', '2000:li-ion', '2500:alkaline'] }),
    storage: StorageSchema.optional().meta({ description: 'Where readings wait to be sent: flash keeps them through power cuts and reboots (default where the board has room), ram loses them.' }),
    caFile: z.string().min(1).optional().meta({ description: 'A PEM file of root CAs to trust instead of the built-in set, relative to this file.' }),
  })
  .superRefine((answers, ctx) => {
    const board = findBoard(answers.board);
    if (!board) return; // refused by the board field
    if (!board.frameworks.includes(answers.framework)) {
      ctx.addIssue({ code: 'custom', path: ['framework'], message: `${board.name} does not support ${answers.framework}: use ${board.frameworks.join(' or ')}` });
    }
    if (answers.framework === 'espidf' && (answers.format === 'sketch' || answers.format === 'snippet')) {
      ctx.addIssue({ code: 'custom', path: ['format'], message: `${answers.format} is Arduino code and cannot use ESP-IDF: give --framework arduino, or --format library, whose folder is also an ESP-IDF component` });
    }
    if (answers.format !== 'project' && answers.storage === 'flash') {
      ctx.addIssue({ code: 'custom', path: ['storage'], message: `flash needs the flash layout a PlatformIO project sets, and the ${answers.format} keeps readings in RAM: leave --storage out, or use --format project` });
    }
    if (answers.framework === 'espidf' && answers.tls === 'insecure') {
      ctx.addIssue({ code: 'custom', path: ['tls'], message: 'is not available with ESP-IDF, which always verifies TLS: leave it at verify, or give --ca-file for a private CA' });
    }
    if (!answers.endpoint.startsWith('http') && answers.harborId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['harborId'], message: `is required for the ${answers.endpoint.split(':')[0]} endpoint: copy it from your Harbor's details` });
    }
    if (answers.metrics.length === 0 && answers.sensors.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['metrics'], message: 'needs at least one metric or sensor' });
    }
    // cargo id -> who sends it, for "already used by ..." messages.
    const seen = new Map<string, string>();
    const pinUses: (PinUse & { path: (string | number)[] })[] = [];
    answers.metrics.forEach((metric, index) => {
      const info = findMetric(metric.kind);
      if (!info) return;
      const cargo = cargoOf(metric);
      const first = seen.get(cargo);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['metrics', index, 'cargo'], message: `cargo id '${cargo}' is already used by ${first}: give one of them another cargo=` });
      } else {
        seen.set(cargo, `metric ${index + 1}`);
      }
      if (info.needsTemperatureSensor && !board.hasTemperatureSensor) {
        ctx.addIssue({ code: 'custom', path: ['metrics', index, 'kind'], message: `${board.name} has no on-chip temperature sensor: remove chip_temp` });
      }
      if (metric.pin !== undefined) pinUses.push({ pin: metric.pin, role: 'analog-in', owner: `metric ${cargo}`, path: ['metrics', index, 'pin'] });
    });
    const adapter = board.adapters[answers.framework];
    if (adapter) {
      const wired = resolveSensors(board, adapter, answers.sensors);
      for (const problem of wired.problems) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
      pinUses.push(...wired.pinUses);
      for (const { cargo, sensor } of sensorCargos(wired.sensors)) {
        const first = seen.get(cargo);
        if (first !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['sensors', sensor.index, 'name'], message: `cargo id '${cargo}' of ${sensor.label} is already used by ${first}: give one of them a name= to prefix its cargo ids` });
        } else {
          seen.set(cargo, sensor.label);
        }
      }
    }
    const issues = validatePins(board, pinUses, { wifi: true });
    for (const issue of issues) {
      if (issue.severity !== 'error') continue;
      const use = pinUses.find((u) => u.pin === issue.pin && u.owner === issue.owner);
      ctx.addIssue({ code: 'custom', path: use?.path ?? ['metrics'], message: issue.message });
    }
  });

export type Answers = z.infer<typeof AnswersSchema>;

/** The cargo id a metric sends under, with the catalogue's default filled in. */
export function cargoOf(metric: MetricAnswer): string {
  if (metric.cargo !== undefined) return metric.cargo;
  const info = findMetric(metric.kind);
  const base = info?.defaultCargo ?? metric.kind;
  return metric.pin !== undefined ? `${base}_${metric.pin}` : base;
}

/** Keys that hold secrets: never written to the answers file, logs or snapshots. */
export const SECRET_KEYS = ['apiKey', 'wifiPassword'] as const;
