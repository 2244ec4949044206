/**
 * A sensor as written in an answers file or parsed from
 * `--sensor kind:key=value,...`. Each kind's options come from its catalogue
 * entry (src/components), so this module only knows what every sensor has:
 * a kind, an optional name that prefixes its cargo ids, an interval, a choice
 * of channels, and the options of its bus.
 */
import { z } from 'zod';

import { GpioSchema, I2cAddressSchema, hex2, type SensorKind } from '../components/component.js';
import { findSensorKind, SENSOR_KIND_IDS, unknownSensorMessage } from '../components/index.js';
import { closest } from '../did-you-mean.js';
import { PARSE_ONCE } from './parse-once.js';

/** Prefixes the cargo ids: name=outdoor sends outdoor_temperature. */
export const SensorNameSchema = z
  .string()
  .min(1, { message: 'must not be empty' })
  .max(40, { message: 'must be at most 40 characters' })
  .regex(/^[^\s\u0000-\u001f\u007f]+$/, { message: 'must have no spaces or control characters' });

/** "a+b" from a flag, or a list from a file. */
function plusList(value: unknown): unknown {
  return typeof value === 'string' ? value.split('+').map((v) => v.trim()).filter((v) => v !== '') : value;
}

/** The keys every sensor of `kind` takes, for messages. */
export function sensorKeys(kind: SensorKind): string[] {
  return Object.keys(sensorSchemaFor(kind).shape).filter((k) => k !== 'kind');
}

function kindShape(kind: SensorKind): z.ZodRawShape {
  const channelIds = kind.channels.map((c) => c.id);
  const shape: Record<string, z.ZodType> = {
    kind: z.literal(kind.kind),
    name: SensorNameSchema.optional().meta({ description: 'Prefixes its cargo ids (name=outdoor sends outdoor_temperature), so two sensors of a kind can coexist.' }),
    interval: z.coerce
      .number({ message: 'must be a number of seconds' })
      .min(kind.minIntervalSeconds, { message: `must be at least ${kind.minIntervalSeconds} seconds for a ${kind.kind}` })
      .max(86_400, { message: 'must be at most 86400 seconds (one day)' })
      .default(kind.defaultIntervalSeconds)
      .meta({ description: `Seconds between two readings (default ${kind.defaultIntervalSeconds}).` }),
    channels: z
      .preprocess(plusList, z.array(z.enum(channelIds as [string, ...string[]], { message: `must be ${channelIds.join(', ')}` })).min(1, { message: 'needs at least one channel' }))
      .optional()
      .meta({ description: `Which of ${channelIds.join(', ')} to send (default all), e.g. ${channelIds.slice(0, 2).join('+')}.` }),
  };
  const bus = kind.bus;
  if (bus.kind === 'i2c') {
    const allowed = bus.addresses.map(hex2).join(' or ');
    shape.address = I2cAddressSchema.refine((a) => bus.addresses.includes(a), { message: `must be ${allowed} for a ${kind.kind}` })
      .default(bus.addresses[0] as number)
      .meta({ description: `Its I2C address: ${allowed} (default ${hex2(bus.addresses[0] as number)}).` });
    shape.sda = GpioSchema.optional().meta({ description: "The SDA pin (default: the board's I2C SDA)." });
    shape.scl = GpioSchema.optional().meta({ description: "The SCL pin (default: the board's I2C SCL)." });
  } else if (bus.kind === 'onewire') {
    shape.pin = GpioSchema.meta({ description: 'The 1-Wire data pin (with a 4.7k pull-up to 3.3 V).' });
    shape.count = z.coerce
      .number()
      .int({ message: 'must be a whole number' })
      .min(1, { message: `must be 1 to ${bus.maxDevices}` })
      .max(bus.maxDevices, { message: `must be 1 to ${bus.maxDevices}` })
      .default(1)
      .meta({ description: `How many share the pin, each sent under its own cargo (1 to ${bus.maxDevices}).` });
    shape.roms = z
      .preprocess(plusList, z.array(z.string().regex(/^[0-9a-fA-F]{16}$/, { message: 'must be ROM codes of 16 hex digits, e.g. 28ff641e8216c3a9' })).min(1))
      .optional()
      .meta({ description: 'Fix which device is which: their ROM codes (16 hex digits each, joined with +), in cargo order.' });
  } else if (bus.kind === 'uart') {
    shape.rx = GpioSchema.optional().meta({ description: "The board's RX pin, wired to the sensor's TX (default: a free UART's)." });
    shape.tx = GpioSchema.optional().meta({ description: "The board's TX pin, wired to the sensor's RX (default: a free UART's)." });
  } else {
    for (const pin of bus.pins) shape[pin.key] = GpioSchema.meta({ description: `The ${pin.title} pin.` });
  }
  return { ...shape, ...kind.options() };
}

const schemas = new Map<string, z.ZodObject>();

/** The strict schema of one kind's sensors, defaults included; built once, when first needed. */
export function sensorSchemaFor(kind: SensorKind): z.ZodObject {
  let schema = schemas.get(kind.kind);
  if (!schema) {
    schema = z.strictObject(kindShape(kind));
    schemas.set(kind.kind, schema);
  }
  return schema;
}

export interface SensorAnswer {
  kind: string;
  name?: string;
  interval: number;
  channels?: string[];
  [option: string]: unknown;
}

/** Validates a sensor against its kind's schema, with messages that name the sensor's options. */
export const SensorAnswerSchema = z
  .looseObject({
    kind: z.string().meta({ description: 'What is connected (harbor-connect sensors lists the kinds).', enum: [...SENSOR_KIND_IDS] }),
  })
  .superRefine((value, ctx) => {
    const kind = findSensorKind(value.kind);
    if (!kind) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: unknownSensorMessage(value.kind) });
      return;
    }
    const result = sensorSchemaFor(kind).safeParse(value, PARSE_ONCE);
    if (result.success) return;
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const near = closest(key, sensorKeys(kind));
          const hint = near !== undefined ? `did you mean ${near}?` : `it takes ${sensorKeys(kind).join(', ')}`;
          ctx.addIssue({ code: 'custom', path: [key], message: `${kind.kind} has no option '${key}': ${hint}` });
        }
      } else if (issue.code === 'invalid_type' && issue.path.length === 1 && value[String(issue.path[0])] === undefined) {
        ctx.addIssue({ code: 'custom', path: issue.path, message: `${kind.kind} needs ${String(issue.path[0])}=, e.g. ${kind.kind}:${String(issue.path[0])}=4` });
      } else {
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      }
    }
  })
  .transform((value) => sensorSchemaFor(findSensorKind(value.kind) as SensorKind).parse(value, PARSE_ONCE) as SensorAnswer);
