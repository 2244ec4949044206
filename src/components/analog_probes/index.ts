/**
 * Probes on an analog input (driver analog_probes.h, models
 * analog_probes_model.h): a capacitive soil moisture probe, a battery through
 * a divider, an NTC thermistor. They read the pin in millivolts as the
 * built-in `analog` metric does (the ESP32's calibration, the others' scale).
 */
import { z } from 'zod';

import { PHASE_STEP_MS } from '../../model/sensor-model.js';
import { wave, type CppArg, type SensorKind } from '../component.js';

const ANALOG_PIN = [{ key: 'pin', role: 'analog-in', title: 'analog out' }] as const;
const ADC_RANGE = 'The pin reads up to ~3.1 V on an ESP32 (11 dB attenuation) and 3.3 V on the Pico W; the ESP8266\'s A0 reads 1 V, or 3.3 V on a NodeMCU or Wemos D1 mini, whose board carries a divider.';

const millivolts = (what: string, fallback: number) =>
  z.coerce
    .number({ message: 'must be a number of millivolts' })
    .min(0, { message: 'must be 0 to 5000 mV' })
    .max(5000, { message: 'must be 0 to 5000 mV' })
    .default(fallback)
    .meta({ description: `${what} (default ${fallback}).` });

const positive = (what: string, fallback: number) =>
  z.coerce.number({ message: 'must be a number' }).positive({ message: 'must be more than 0' }).default(fallback).meta({ description: `${what} (default ${fallback}).` });

/** Steinhart-Hart a/b/c from a flag (1.009e-3/2.378e-4/2.019e-7) or a list. */
const COEFFICIENTS = () =>
  z
    .preprocess(
      (v) => (typeof v === 'string' ? v.split('/').map((x) => x.trim()) : v),
      z.array(z.coerce.number({ message: 'must be three numbers a/b/c' }).refine(Number.isFinite, { message: 'must be three numbers a/b/c' })).length(3, { message: 'must be three numbers a/b/c, e.g. 1.009e-3/2.378e-4/2.019e-7' }),
    )
    .optional()
    .meta({ description: "Steinhart-Hart coefficients a/b/c from the thermistor's datasheet; used instead of beta when given." });

const common = {
  group: 'analog',
  bus: { kind: 'pins', pins: ANALOG_PIN },
  defaultIntervalSeconds: 60,
  minIntervalSeconds: 1,
  // Four ADC conversions a reading.
  blockingMs: 1,
} as const satisfies Partial<SensorKind>;

function model(header: string, className: string, args: SensorKind['model']['args']): SensorKind['model'] {
  return { files: ['analog_probes_model.h', 'analog_probes_model.cpp'], header, className, attach: { kind: 'pin', key: 'pin' }, args };
}
function driver(className: string, args: SensorKind['driver']['args']): SensorKind['driver'] {
  return { files: ['analog_probes.h', 'analog_probes.cpp'], header: 'analog_probes.h', className, args };
}

const BATTERY_PERIOD_S = 1200;
/** The battery's model voltage stays within 3.27-3.61 V, one straight segment of the charge table (0-5 %), so its percent is a wave too. */
const BATTERY_VOLTS = wave(3.44, 0.15, BATTERY_PERIOD_S);
const SEGMENT = { fromV: 3.27, toV: 3.61, fromPercent: 0, toPercent: 5 };
const percentOf = (v: number) => SEGMENT.fromPercent + ((v - SEGMENT.fromV) * (SEGMENT.toPercent - SEGMENT.fromPercent)) / (SEGMENT.toV - SEGMENT.fromV);
// The generator shifts channel 1 one PHASE_STEP_MS further than channel 0: taken back here so both follow one voltage.
const BATTERY_PERCENT = {
  base: percentOf(BATTERY_VOLTS.base),
  amplitude: percentOf(BATTERY_VOLTS.base + BATTERY_VOLTS.amplitude) - percentOf(BATTERY_VOLTS.base),
  periodMs: BATTERY_VOLTS.periodMs,
  phaseMs: BATTERY_VOLTS.periodMs - PHASE_STEP_MS,
};

export const KINDS: readonly SensorKind[] = [
  {
    ...common,
    kind: 'soil_moisture',
    component: 'analog_probes',
    title: 'Capacitive soil moisture probe (v1.2, DFRobot SEN0193)',
    channels: [{ id: 'moisture', title: 'Soil moisture', unit: '%', resolution: 0.1, wave: wave(40, 25, 900) }],
    options: () => ({
      dry: millivolts('The probe\'s reading in dry air, in mV: 0 %', 2700),
      wet: millivolts('Its reading in a glass of water, in mV: 100 %', 1200),
    }),
    supply: '3.3 V or 5 V',
    wiringNotes: () => [
      'Calibrate: read the probe in dry air (dry=) and in a glass of water up to its line (wet=), in mV, e.g. with the built-in analog metric.',
      'Power it from 3.3 V: at 5 V its output can go past what the pin reads.',
      ADC_RANGE,
    ],
    driver: driver('harbor::SoilMoisture', ({ pins, options, intervalMs }) => [{ int: pins.pin as number }, { double: options.dry as number }, { double: options.wet as number }, { uint: intervalMs }]),
    model: model('analog_probes_model.h', 'harbor::host::SoilMoistureModel', ({ options, waves }) => [{ double: options.dry as number }, { double: options.wet as number }, { wave: waves[0] ?? wave(0, 0, 1) }]),
  },
  {
    ...common,
    kind: 'battery',
    component: 'analog_probes',
    title: 'Battery voltage through a divider, with Li-ion charge',
    channels: [
      { id: 'voltage', title: 'Battery voltage', unit: 'V', resolution: 0.001, wave: BATTERY_VOLTS },
      { id: 'percent', title: 'Charge of one Li-ion/LiPo cell at rest', unit: '%', resolution: 0.1, wave: BATTERY_PERCENT },
    ],
    options: () => ({
      ratio: positive('The divider\'s (R1 + R2) / R2: 2 for two equal resistors, battery + to R1, R1/R2 to the pin, R2 to GND', 2),
    }),
    supply: '3.3 V or 5 V',
    wiringNotes: () => [
      'Battery + to R1, the R1/R2 junction to the pin, R2 to GND; pick ratio= so a full cell (4.2 V) stays under what the pin reads. 100 kΩ resistors draw 21 µA; a 100 nF capacitor across R2 steadies the reading.',
      'The percent is for one Li-ion/LiPo cell at rest; under load it reads low.',
      ADC_RANGE,
    ],
    driver: driver('harbor::Battery', ({ pins, options, intervalMs }) => [{ int: pins.pin as number }, { double: options.ratio as number }, { uint: intervalMs }]),
    model: model('analog_probes_model.h', 'harbor::host::BatteryModel', ({ options, waves }) => [{ double: options.ratio as number }, { wave: waves[0] ?? wave(0, 0, 1) }]),
  },
  {
    ...common,
    kind: 'ntc',
    component: 'analog_probes',
    title: 'NTC thermistor in a divider (beta or Steinhart-Hart)',
    channels: [{ id: 'temperature', title: 'Temperature', unit: '°C', resolution: 0.1, wave: wave(22, 15, 600) }],
    options: () => ({
      series: positive('The divider\'s fixed resistor, in ohms', 10_000),
      supply: millivolts('The divider\'s supply, in mV', 3300),
      ntc_to: z.enum(['ground', 'supply'], { message: 'must be ground or supply' }).default('ground').meta({ description: 'Where the thermistor sits: ground (default: 3.3 V, resistor, pin, NTC, GND) or supply.' }),
      beta: positive('B constant in kelvin, from the datasheet (B25/50 or B25/85)', 3950),
      r0: positive('Its resistance at t0, in ohms', 10_000),
      t0: z.coerce.number({ message: 'must be a temperature in °C' }).default(25).meta({ description: 'Where r0 is given, in °C (default 25).' }),
      steinhart_hart: COEFFICIENTS(),
    }),
    supply: '3.3 V',
    wiringNotes: () => [
      'Feed the divider from 3.3 V (supply=), with a fixed resistor near the thermistor\'s resistance at room temperature (series=).',
      ADC_RANGE,
    ],
    driver: driver('harbor::Ntc', ({ pins, options, intervalMs }) => [{ int: pins.pin as number }, ...ntcArgs(options), { uint: intervalMs }]),
    model: model('analog_probes_model.h', 'harbor::host::NtcModel', ({ options, waves }) => [...ntcArgs(options), { wave: waves[0] ?? wave(0, 0, 1) }]),
  },
];

/** series, supply, where the NTC sits, and its curve: what the driver and the model share. */
function ntcArgs(options: Readonly<Record<string, unknown>>): CppArg[] {
  const sh = options.steinhart_hart as number[] | undefined;
  const curve: CppArg[] = sh !== undefined
    ? [{ code: 'harbor::Ntc::Curve::SteinhartHart' }, ...sh.map((x) => ({ double: x }))]
    : [{ code: 'harbor::Ntc::Curve::Beta' }, { double: options.beta as number }, { double: options.r0 as number }, { double: options.t0 as number }];
  return [{ double: options.series as number }, { double: options.supply as number }, { bool: options.ntc_to !== 'supply' }, ...curve];
}
