/**
 * What a sensor component is, as plain data: each folder under src/components
 * holds one family's catalogue entries (this shape), its C++ driver, its host
 * model and their tests, the way ESPHome keeps a component together. The
 * generator only reads these entries: buses, pins and channels are wired the
 * same way for every sensor.
 */
import { z } from 'zod';

import type { Board, PlatformAdapterId } from '../catalogue/board-types.js';
import type { PinRole } from '../catalogue/pins.js';
import type { CppArgument } from '../render/cpp-literal.js';

/** What the wizard's "What is connected?" list groups by. */
export type SensorGroup = 'climate' | 'air' | 'light' | 'power' | 'distance' | 'weight' | 'motion' | 'inputs' | 'analog' | 'location';

export const SENSOR_GROUP_TITLES: Record<SensorGroup, string> = {
  climate: 'Temperature, humidity, pressure',
  air: 'Air quality and CO2',
  light: 'Light and UV',
  power: 'Voltage, current and power',
  distance: 'Distance',
  weight: 'Weight',
  motion: 'Motion',
  inputs: 'Switches and pulse meters',
  analog: 'Analog probes',
  location: 'Location',
};

/** base + amplitude * sin(2π (t + phase) / period): the host model's value of a channel over virtual time. */
export interface Wave {
  base: number;
  amplitude: number;
  periodMs: number;
  phaseMs: number;
}

export interface ChannelInfo {
  /** Used in channels=a+b and as the default cargo id. */
  id: string;
  title: string;
  unit: string;
  /** The smallest step the driver reports: how close a reading comes to the physical value. */
  resolution: number;
  /** What the host model's device does on this channel, so a test knows what must arrive. */
  wave: Wave;
}

/** A pin the sensor needs besides a bus, named by its option (pin=, trigger=, echo=). */
export interface PinNeed {
  key: string;
  role: PinRole;
  /** "data", "trigger": for the wiring table. */
  title: string;
}

export type SensorBus =
  /** hz: the fastest I2C clock the part supports; its bus runs at the slowest of its parts' (at most 400 kHz). */
  | { kind: 'i2c'; addresses: readonly number[]; hz: number }
  | { kind: 'onewire'; maxDevices: number }
  /** needsTx: the board's TX must be wired, always or when an option has a value (mode=passive). */
  | { kind: 'uart'; baud: number; needsTx: boolean | { option: string; value: string } }
  | { kind: 'pins'; pins: readonly PinNeed[] };

/** A C++ constructor argument, rendered through the one escaping module (render/cpp-literal.ts), which defines it. */
export type CppArg = CppArgument;

/** What a kind's driver and model are built from, given the answers for one sensor. */
export interface BuildContext {
  /** The sensor's options after validation and defaults (kind-specific keys included). */
  options: Readonly<Record<string, unknown>>;
  intervalMs: number;
  /** C++ name of the bus object it sits on (I2C, 1-Wire, UART), when it has one. */
  bus?: string;
  /** Resolved pins by option key (sda/scl/rx/tx and the kind's own). */
  pins: Readonly<Record<string, number>>;
  /** How many channels it has (a 1-Wire kind with count=3 has three). */
  channelCount: number;
  /** The channels' waves for the host model, in channel order. */
  waves: readonly Wave[];
  /** The sensor's position in the project, for the host model's fault injection. */
  index: number;
  /** The pulse counter unit the generator gave it, for kinds that count pulses. */
  pulseUnit?: number;
  board: Board;
}

export interface WiringRow {
  /** The sensor's pin, as printed on the breakout. */
  sensorPin: string;
  /** Where it goes on the board: "3V3", "GND", "GPIO 21 (SDA)". */
  boardPin: string;
}

export interface SensorKind {
  kind: string;
  /** The folder under src/components its driver and model live in. */
  component: string;
  title: string;
  group: SensorGroup;
  bus: SensorBus;
  /** In channel order, as the driver numbers them. */
  channels: readonly ChannelInfo[];
  /**
   * Kind-specific options (besides name, interval, channels and the bus's), with their schemas; built
   * when a sensor of the kind is validated or asked about: zod schemas of 56 kinds cost start-up time (issue 11).
   */
  options: () => z.ZodRawShape;
  defaultIntervalSeconds: number;
  /** The conversion takes this long: a shorter interval would only repeat readings. */
  minIntervalSeconds: number;
  supply: '3.3 V' | '5 V' | '3.3 V or 5 V';
  /** Where the sensor runs; all board adapters when absent. */
  adapters?: readonly PlatformAdapterId[];
  /**
   * The longest the driver holds the CPU in one step, in ms (bus transactions, a DHT frame), on an
   * I2C bus at the part's own clock (at most 400 kHz); the generator scales it for a bus a slower
   * part holds back (sensor-model.ts).
   */
  blockingMs: number;
  /** Sentences the wiring table ends with (pull-ups, a 5 V echo, power). */
  wiringNotes: (board: Board, pins: Readonly<Record<string, number>>) => string[];
  /** The breakout's pins beyond power and the bus's. */
  extraWiring?: (board: Board, pins: Readonly<Record<string, number>>) => WiringRow[];
  driver: {
    /** Files of the component folder copied into lib/harbor_runtime/src/harbor/sensors/. */
    files: readonly string[];
    header: string;
    className: string;
    args: (context: BuildContext) => CppArg[];
  };
  model: {
    files: readonly string[];
    header: string;
    className: string;
    /** How it attaches: 'i2c' (bus, address), 'onewire' (pin), 'uart' (port), 'pin' (pin key). */
    attach: { kind: 'i2c' } | { kind: 'onewire' } | { kind: 'uart' } | { kind: 'pin'; key: string };
    args: (context: BuildContext) => CppArg[];
  };
}

/** "0x76" or "118" → 118. */
export const I2cAddressSchema = z
  .preprocess((v) => (typeof v === 'string' && /^0x[0-9a-f]+$/i.test(v.trim()) ? Number.parseInt(v.trim(), 16) : v), z.coerce.number())
  .pipe(z.number().int({ message: 'must be a 7-bit I2C address such as 0x76' }).min(0x08, { message: 'must be a 7-bit I2C address from 0x08 to 0x77' }).max(0x77, { message: 'must be a 7-bit I2C address from 0x08 to 0x77' }));

export const GpioSchema = z.coerce.number().int({ message: 'must be a GPIO number' }).min(0, { message: 'must be a GPIO number' });

export function wave(base: number, amplitude: number, periodSeconds: number, phaseSeconds = 0): Wave {
  return { base, amplitude, periodMs: periodSeconds * 1000, phaseMs: phaseSeconds * 1000 };
}

/** The wiring note of every I2C sensor. */
export const I2C_PULLUPS = 'Most breakouts carry 4.7k-10k pull-ups on SDA and SCL; a bare sensor needs them to 3.3 V.';

/** The wiring note of an I2C part that also runs on 5 V: the board's pins take 3.3 V at most. */
export const I2C_AT_3V3 = 'Power it from 3.3 V: on 5 V its pull-ups would take SDA and SCL to 5 V, more than the board\'s pins take.';

/** "0x76" */
export function hex2(n: number): string {
  return `0x${n.toString(16).padStart(2, '0')}`;
}
