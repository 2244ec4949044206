/**
 * TI INA219, INA226 and INA3221 current and power monitors on I2C (driver
 * ina2xx.h, models ina2xx_model.h). Addresses from A0/A1: INA219 and INA226
 * 0x40-0x4F, INA3221 0x40-0x43; each calibrated from its shunt (ohms) and the
 * largest current expected (INA219 SBOS448 8.5.1, INA226 SBOS547 7.5).
 */
import { z } from 'zod';

import { I2C_PULLUPS, wave, type ChannelInfo, type SensorKind } from '../component.js';
import { PHASE_STEP_MS } from '../../model/sensor-model.js';

const ADDRESSES_16 = Array.from({ length: 16 }, (_, i) => 0x40 + i);
const HIGH_SIDE = 'IN+ to the supply, IN- to the load: the monitor sits in the positive line (high side); the load and the board share GND.';

function shunt(ohms: number) {
  return z.coerce
    .number()
    .positive({ message: 'must be the shunt resistance in ohms, such as 0.1' })
    .default(ohms)
    .meta({ description: `Shunt resistance in ohms (the breakout's R100 is 0.1; default ${ohms}).` });
}

function maxCurrent(amps: number, shuntRange: string) {
  return z.coerce
    .number()
    .positive({ message: 'must be the largest current in amperes, such as 2' })
    .default(amps)
    .meta({ description: `The largest current expected, in A: sets the current step (max / 32768). The shunt's voltage at it stays within ${shuntRange}.` });
}

/**
 * Bus voltage held steady, so power is a wave too (the model's power is bus x
 * current). The generator shifts each channel one PHASE_STEP_MS further than
 * the one before: the power's wave is taken back one step to follow the current's.
 */
function powerChannels(volts: number, amps: number, ampsSwing: number, resolution: [number, number, number]): ChannelInfo[] {
  return [
    { id: 'bus_voltage', title: 'Bus voltage', unit: 'V', resolution: resolution[0], wave: wave(volts, 0, 1) },
    { id: 'current', title: 'Current', unit: 'A', resolution: resolution[1], wave: wave(amps, ampsSwing, 900) },
    { id: 'power', title: 'Power', unit: 'W', resolution: resolution[2], wave: wave(volts * amps, volts * ampsSwing, 900, 900 - PHASE_STEP_MS / 1000) },
  ];
}

const COMMON = {
  component: 'ina2xx',
  group: 'power',
  defaultIntervalSeconds: 60,
  minIntervalSeconds: 1,
  supply: '3.3 V or 5 V',
  // Register reads of three bytes on the wire at 400 kHz; the INA3221's seven in one step stay under 1 ms.
  blockingMs: 1,
} as const;

const DRIVER_FILES = ['ina2xx.h', 'ina2xx.cpp'] as const;
const MODEL_FILES = ['ina2xx_model.h', 'ina2xx_model.cpp'] as const;

function twoChannel(kind: 'ina219' | 'ina226'): SensorKind {
  const is219 = kind === 'ina219';
  return {
    ...COMMON,
    kind,
    title: is219 ? 'TI INA219 bus voltage, current and power' : 'TI INA226 bus voltage, current and power',
    bus: { kind: 'i2c', addresses: ADDRESSES_16, hz: 400_000 },
    // One step of each register at the default 0.1 ohm shunt and maximum current, with the chip's truncation.
    channels: is219 ? powerChannels(12, 1, 0.5, [0.004, 0.0002, 0.006]) : powerChannels(12, 0.4, 0.2, [0.00125, 0.0001, 0.002]),
    options: () => ({
      shunt: shunt(0.1),
      max_current: is219 ? maxCurrent(3.2, '320 mV') : maxCurrent(0.8, '81.92 mV'),
    }),
    wiringNotes: () => [
      I2C_PULLUPS,
      HIGH_SIDE,
      is219 ? 'The bus voltage is read at IN- and may be 0-26 V.' : 'The bus voltage is read at VBUS (0-36 V); most breakouts join it to IN-.',
      'A0 and A1 (to GND, VS, SDA or SCL) select the address from 0x40 to 0x4F.',
    ],
    driver: {
      files: DRIVER_FILES,
      header: 'ina2xx.h',
      className: is219 ? 'harbor::Ina219' : 'harbor::Ina226',
      args: ({ bus, options, intervalMs }) => [
        { code: bus ?? '' },
        { hex: options.address as number },
        { uint: intervalMs },
        { double: options.shunt as number },
        { double: options.max_current as number },
      ],
    },
    model: {
      files: MODEL_FILES,
      header: 'ina2xx_model.h',
      className: is219 ? 'harbor::host::Ina219Model' : 'harbor::host::Ina226Model',
      attach: { kind: 'i2c' },
      args: ({ waves, options }) => [
        { wave: waves[0] ?? wave(0, 0, 1) },
        { wave: waves[1] ?? wave(0, 0, 1) },
        { double: options.shunt as number },
      ],
    },
  };
}

const INA3221: SensorKind = {
  ...COMMON,
  kind: 'ina3221',
  title: 'TI INA3221 three-channel bus voltage and current',
  bus: { kind: 'i2c', addresses: [0x40, 0x41, 0x42, 0x43], hz: 400_000 },
  channels: [
    ...[wave(12, 0.5, 600), wave(5, 0.2, 700), wave(3.3, 0.1, 800)].map((w, i) => ({
      id: `bus_voltage_${i + 1}`, title: `Bus voltage ${i + 1}`, unit: 'V', resolution: 0.008, wave: w,
    })),
    // 40 uV steps over the 0.1 ohm shunt.
    ...[wave(0.5, 0.3, 900), wave(0.2, 0.1, 1000), wave(0.1, 0.05, 1100)].map((w, i) => ({
      id: `current_${i + 1}`, title: `Current ${i + 1}`, unit: 'A', resolution: 0.0004, wave: w,
    })),
  ],
  options: () => ({ shunt: shunt(0.1) }),
  wiringNotes: () => [
    I2C_PULLUPS,
    `${HIGH_SIDE} Each channel has its own IN+ and IN- (0-26 V); the shunt value is the same for all three.`,
    'A0 to GND, VS, SDA or SCL selects address 0x40, 0x41, 0x42 or 0x43.',
  ],
  driver: {
    files: DRIVER_FILES,
    header: 'ina2xx.h',
    className: 'harbor::Ina3221',
    args: ({ bus, options, intervalMs }) => [
      { code: bus ?? '' },
      { hex: options.address as number },
      { uint: intervalMs },
      { double: options.shunt as number },
    ],
  },
  model: {
    files: MODEL_FILES,
    header: 'ina2xx_model.h',
    className: 'harbor::host::Ina3221Model',
    attach: { kind: 'i2c' },
    args: ({ waves, options }) => [
      ...[0, 1, 2, 3, 4, 5].map((i) => ({ wave: waves[i] ?? wave(0, 0, 1) })),
      { double: options.shunt as number },
    ],
  },
};

export const KINDS: readonly SensorKind[] = [twoChannel('ina219'), twoChannel('ina226'), INA3221];
