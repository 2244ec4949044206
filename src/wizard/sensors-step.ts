/**
 * "What is connected?": sensors picked from a searchable list grouped by what
 * they measure, then only the questions each one needs, with the board's
 * defaults (its I2C pins, a free UART, pins that suit the role). Each sensor
 * is checked with the others the way the answers schema checks flags
 * (resolveSensors, validatePins), so a clash is said while the user is at it.
 */
import type { Board, PlatformAdapterId } from '../catalogue/board-types.js';
import { pinName, suitablePins, validatePins, type PinRole } from '../catalogue/pins.js';
import { SENSOR_GROUP_TITLES, hex2, type SensorGroup, type SensorKind } from '../components/component.js';
import { findSensorKind, SENSOR_KINDS } from '../components/index.js';
import { resolveSensors, sensorCargos, type ResolvedSensor } from '../components/wiring.js';
import type { RawAnswers } from '../config/resolve-answers.js';
import { SensorNameSchema, sensorSchemaFor, type SensorAnswer } from '../config/sensor-answers.js';
import type { Choice, Prompts } from './prompts.js';
import { validateWith } from './prompts.js';

/** The end of the list. */
export const NO_MORE_SENSORS = '#done';

const GROUP_ORDER = Object.keys(SENSOR_GROUP_TITLES) as SensorGroup[];
const WIFI = { wifi: true } as const;

/** Kinds this board and framework can run, matching `term` (kind, title, group key or a channel), grouped in catalogue order. */
export function sensorChoices(term: string, adapter: PlatformAdapterId, first: boolean): Choice<string>[] {
  const words = term.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (kind: SensorKind): boolean => {
    // Not the group's title: "humidity" must not find a sensor in the climate group that has none.
    const text = [kind.kind, kind.title, kind.group, ...kind.channels.map((c) => c.id)].join(' ').toLowerCase();
    return words.every((w) => text.includes(w));
  };
  const kinds = SENSOR_KINDS.filter((k) => (!k.adapters || k.adapters.includes(adapter)) && matches(k)).sort(
    (a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group),
  );
  const nothing = { name: first ? 'Nothing: only the board\'s own readings' : 'Nothing more', value: NO_MORE_SENSORS };
  const found = kinds.map((k) => ({
    name: `${k.title} (${k.kind})`,
    value: k.kind,
    group: SENSOR_GROUP_TITLES[k.group],
    description: `${busWords(k)}; sends ${k.channels.map((c) => (c.unit ? `${c.id} (${c.unit})` : c.id)).join(', ')}`,
  }));
  // Whoever types a name means that sensor: enter then picks the first match, and "nothing" goes last.
  return words.length > 0 ? [...found, nothing] : [nothing, ...found];
}

function busWords(kind: SensorKind): string {
  switch (kind.bus.kind) {
    case 'i2c':
      return 'I2C';
    case 'onewire':
      return '1-Wire';
    case 'uart':
      return 'serial (UART)';
    default:
      return kind.bus.pins.map((p) => `${p.title} pin`).join(', ');
  }
}

/**
 * The sensors, asked one after another until "Nothing more". Changing them
 * from the review first offers to keep the ones chosen before.
 */
export async function askSensors(prompts: Prompts, board: Board, adapter: PlatformAdapterId, earlier: readonly RawAnswers[]): Promise<RawAnswers[]> {
  let sensors: RawAnswers[] = [];
  if (earlier.length > 0) {
    const keep = await prompts.checkbox({
      message: 'Keep these sensors?',
      choices: earlier.map((s, i) => ({ name: describeSensor(s), value: i, checked: true })),
    });
    sensors = keep.map((i) => earlier[i] as RawAnswers);
  }
  for (;;) {
    const kindId = await prompts.search({
      message: sensors.length === 0 ? 'What is connected? (type to search)' : 'Anything else connected? (type to search)',
      source: (term) => sensorChoices(term, adapter, sensors.length === 0),
      default: NO_MORE_SENSORS,
    });
    if (kindId === NO_MORE_SENSORS) return sensors;
    const kind = findSensorKind(kindId) as SensorKind;
    const sensor = await askSensor(prompts, board, adapter, kind, sensors);
    const problems = sensorProblems(board, adapter, [...sensors, sensor]);
    if (problems.errors.length > 0) {
      prompts.note(`${problems.errors.join(' ')} The ${kind.kind} was not added: choose it again with other answers.`);
      continue;
    }
    for (const warning of problems.warnings) prompts.note(`Warning: ${warning}.`);
    sensors.push(sensor);
  }
}

/** "bme280 'outdoor' (temperature, humidity) every 60 s": a sensor in one line, for the review. */
export function describeSensor(sensor: RawAnswers): string {
  const kind = findSensorKind(String(sensor.kind));
  const name = sensor.name !== undefined ? ` '${String(sensor.name)}'` : '';
  if (!kind) return `${String(sensor.kind)}${name}`;
  const channels = Array.isArray(sensor.channels) ? (sensor.channels as string[]) : kind.channels.map((c) => c.id);
  const count = kind.bus.kind === 'onewire' && Number(sensor.count ?? 1) > 1 ? ` ×${String(sensor.count)}` : '';
  return `${kind.kind}${name}${count} (${channels.join(', ')}) every ${String(sensor.interval ?? kind.defaultIntervalSeconds)} s`;
}

async function askSensor(prompts: Prompts, board: Board, adapter: PlatformAdapterId, kind: SensorKind, others: readonly RawAnswers[]): Promise<RawAnswers> {
  const sensor: RawAnswers = { kind: kind.kind };
  const taken = new Set(resolved(board, adapter, others).flatMap((s) => (s.kind.bus.kind === 'i2c' ? [] : Object.values(s.pins))));
  const label = kind.title;
  const bus = kind.bus;
  if (bus.kind === 'i2c') {
    // On the pins the other I2C sensors use, or the board's own I2C pins.
    const shared = resolved(board, adapter, others).find((s) => s.kind.bus.kind === 'i2c');
    const sda = shared?.pins.sda ?? board.i2c.sda;
    const scl = shared?.pins.scl ?? board.i2c.scl;
    const onDefault = await prompts.confirm({ message: `${label}: wired to ${pinName(board, sda)} (SDA) and ${pinName(board, scl)} (SCL)?`, default: true });
    if (onDefault) {
      if (sda !== board.i2c.sda || scl !== board.i2c.scl) Object.assign(sensor, { sda, scl });
    } else {
      sensor.sda = await askPin(prompts, board, `${label}: SDA pin`, 'i2c-sda', taken);
      sensor.scl = await askPin(prompts, board, `${label}: SCL pin`, 'i2c-scl', new Set([...taken, Number(sensor.sda)]));
    }
    if (bus.addresses.length > 1) {
      const busKey = resolved(board, adapter, [sensor])[0]?.busKey;
      const used = new Set(resolved(board, adapter, others).filter((s) => s.busKey === busKey).map((s) => Number(s.answer.address)));
      const free = bus.addresses.find((a) => !used.has(a)) ?? bus.addresses[0];
      const address = await prompts.select({
        message: `${label}: I2C address (set by the breakout's address pin or jumper)`,
        choices: bus.addresses.map((a) => ({ name: hex2(a), value: a, description: used.has(a) ? 'taken by another sensor on these pins' : undefined })),
        default: free,
      });
      if (address !== bus.addresses[0]) sensor.address = hex2(address);
    }
  } else if (bus.kind === 'onewire') {
    // Several of a kind share one 1-Wire pin.
    const sharing = resolved(board, adapter, others).find((s) => s.kind.kind === kind.kind);
    sensor.pin = await askPin(prompts, board, `${label}: data pin (with a 4.7 kΩ pull-up to 3.3 V)`, 'onewire', taken, sharing?.pins.pin);
    const count = await prompts.input({
      message: `${label}: how many on this pin?`,
      default: '1',
      validate: (v) => (/^\d+$/.test(v.trim()) && +v >= 1 && +v <= bus.maxDevices ? true : `enter a whole number from 1 to ${bus.maxDevices}`),
    });
    if (Number(count) > 1) sensor.count = Number(count);
  } else if (bus.kind === 'uart') {
    // What the wiring would choose by itself: the first free UART's pins.
    const defaults = resolved(board, adapter, [...others, { kind: kind.kind }]).at(-1)?.pins ?? {};
    sensor.rx = await askPin(prompts, board, `${label}: the board's RX pin (wired to the sensor's TX)`, 'digital-in', taken, defaults.rx);
    if (bus.needsTx) sensor.tx = await askPin(prompts, board, `${label}: the board's TX pin (wired to the sensor's RX)`, 'digital-out', new Set([...taken, Number(sensor.rx)]), defaults.tx);
    if (defaults.rx === sensor.rx && defaults.tx === sensor.tx) {
      delete sensor.rx;
      delete sensor.tx;
    }
  } else {
    const mine = new Set(taken);
    for (const need of bus.pins) {
      sensor[need.key] = await askPin(prompts, board, `${label}: ${need.title} pin`, need.role, mine);
      mine.add(Number(sensor[need.key]));
    }
  }
  if (kind.channels.length > 1 && bus.kind !== 'onewire') {
    const chosen = await prompts.checkbox({
      message: `${label}: which readings should it send?`,
      choices: kind.channels.map((c) => ({ name: c.unit ? `${c.title} (${c.unit})` : c.title, value: c.id, checked: true })),
      validate: (picked) => (picked.length > 0 ? true : 'choose at least one'),
    });
    if (chosen.length < kind.channels.length) sensor.channels = chosen;
  }
  for (const [key, schema] of Object.entries(kind.options())) {
    const value = await askOption(prompts, label, key, schema);
    if (value !== undefined) sensor[key] = value;
  }
  const interval = await prompts.input({
    message: `${label}: every how many seconds?`,
    default: String(kind.defaultIntervalSeconds),
    validate: (v) => {
      const n = Number(v.trim());
      if (v.trim() === '' || !Number.isFinite(n)) return `enter a number of seconds, e.g. ${kind.defaultIntervalSeconds}`;
      return n >= kind.minIntervalSeconds && n <= 86_400 ? true : `enter a number of seconds from ${kind.minIntervalSeconds} to 86400, e.g. ${kind.defaultIntervalSeconds}`;
    },
  });
  if (Number(interval) !== kind.defaultIntervalSeconds) sensor.interval = Number(interval);
  // A name only when its cargo ids would clash with an earlier sensor's.
  const used = new Set(sensorCargos(resolved(board, adapter, others)).map((c) => c.cargo));
  const clash = sensorCargos(resolved(board, adapter, [sensor])).map((c) => c.cargo).filter((c) => used.has(c));
  if (clash.length > 0) {
    sensor.name = await prompts.input({
      message: `${label}: another sensor already sends ${clash.join(', ')}. A name to put before this one's (e.g. outdoor sends outdoor_${clash[0]})`,
      validate: (v) => {
        const valid = validateWith(SensorNameSchema)(v);
        if (valid !== true) return valid;
        const again = sensorCargos(resolved(board, adapter, [{ ...sensor, name: v }])).map((c) => c.cargo).filter((c) => used.has(c));
        return again.length === 0 ? true : `${again[0]} is taken too: choose another name`;
      },
    });
  }
  return sensor;
}

/** A pin for `role`: the board's suitable ones not taken, `preferred` first when it is one of them. */
async function askPin(prompts: Prompts, board: Board, message: string, role: PinRole, taken: ReadonlySet<number>, preferred?: number): Promise<number> {
  const pins = suitablePins(board, role, WIFI).filter((p) => !taken.has(p) || p === preferred);
  const choices = pins.map((pin) => ({ name: pinName(board, pin), value: pin }));
  if (choices.length === 0) {
    // Every suitable pin is in use: offer the rest, and let the check after the sensor say what is wrong.
    choices.push(...board.gpios.map((pin) => ({ name: pinName(board, pin), value: pin })));
  }
  return prompts.select({ message, choices, default: preferred !== undefined && pins.includes(preferred) ? preferred : choices[0]?.value, pageSize: 12 });
}

interface ZodLike {
  _zod: { def: { type: string; innerType?: ZodLike; defaultValue?: unknown; entries?: Record<string, unknown>; in?: ZodLike } };
  safeParse(value: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } };
  meta(): { description?: string } | undefined;
}

/** A kind's own option, asked from its schema: a list for an enum, yes/no for a boolean, else typed and checked by the schema. */
async function askOption(prompts: Prompts, label: string, key: string, option: unknown): Promise<unknown> {
  const schema = option as ZodLike;
  const description = schema.meta()?.description ?? key;
  const message = `${label}: ${description.replace(/\.$/, '')}`;
  let inner = schema;
  let fallback: unknown;
  while (inner._zod.def.type === 'default' || inner._zod.def.type === 'optional' || inner._zod.def.type === 'pipe') {
    if (inner._zod.def.type === 'default') fallback = inner._zod.def.defaultValue;
    const next = inner._zod.def.innerType ?? inner._zod.def.in;
    if (!next) break;
    inner = next;
  }
  if (inner._zod.def.type === 'enum' && inner._zod.def.entries) {
    const values = Object.values(inner._zod.def.entries);
    const chosen = await prompts.select({ message, choices: values.map((v) => ({ name: String(v), value: v })), default: fallback });
    return chosen === fallback ? undefined : chosen;
  }
  if (inner._zod.def.type === 'boolean') {
    const chosen = await prompts.confirm({ message, default: fallback === true });
    return chosen === (fallback === true) && fallback !== undefined ? undefined : chosen;
  }
  const typed = await prompts.input({
    message: fallback === undefined ? `${message} (empty: none)` : message,
    default: fallback === undefined ? '' : String(fallback),
    validate: (v) => {
      if (v.trim() === '' && fallback === undefined) return true;
      const result = schema.safeParse(asValue(v));
      return result.success ? true : (result.error?.issues[0]?.message ?? 'is not valid');
    },
  });
  if (typed.trim() === '') return undefined;
  const value = asValue(typed);
  return value === fallback ? undefined : value;
}

/** "30" → 30, "true" → true, else the text: what a flag's value would parse to. */
function asValue(text: string): unknown {
  const t = text.trim();
  if (t !== '' && Number.isFinite(Number(t)) && !/^0x/i.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  return t;
}

/** The sensors parsed with their kinds' schemas (defaults filled), resolved on the board; unparsable ones are left out. */
function resolved(board: Board, adapter: PlatformAdapterId, sensors: readonly RawAnswers[]): ResolvedSensor[] {
  const parsed = sensors.flatMap((s) => {
    const kind = findSensorKind(String(s.kind));
    const result = kind ? sensorSchemaFor(kind).safeParse(s) : undefined;
    return result?.success ? [result.data as SensorAnswer] : [];
  });
  return resolveSensors(board, adapter, parsed).sensors;
}

/** What the schema would refuse about these sensors on the board, and the pins' warnings. */
export function sensorProblems(board: Board, adapter: PlatformAdapterId, sensors: readonly RawAnswers[]): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const parsed: SensorAnswer[] = [];
  for (const s of sensors) {
    const kind = findSensorKind(String(s.kind));
    const result = kind ? sensorSchemaFor(kind).safeParse(s) : undefined;
    if (!result?.success) {
      errors.push(`${String(s.kind)}: ${result?.error.issues[0]?.message ?? 'is not a sensor kind'}.`);
      continue;
    }
    parsed.push(result.data as SensorAnswer);
  }
  const wired = resolveSensors(board, adapter, parsed);
  errors.push(...wired.problems.map((p) => `${p.message}.`));
  const issues = validatePins(board, wired.pinUses, WIFI);
  errors.push(...issues.filter((i) => i.severity === 'error').map((i) => `${i.message}.`));
  return { errors, warnings: issues.filter((i) => i.severity === 'warning').map((i) => i.message) };
}
