/**
 * ams TSL2591 light sensor on I2C (driver tsl2591.h, model tsl2591_model.h).
 * Datasheet DS000338: address 0x29, I2C up to 400 kHz, VDD 2.7-3.6 V;
 * gains low/medium/high/maximum (1, 25, 428, 9876 x), integration 100-600 ms.
 */
import { numberChoice } from '../choice.js';
import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

const GAINS = [1, 25, 428, 9876];
const TIMES = [100, 200, 300, 400, 500, 600];

const TSL2591: SensorKind = {
  kind: 'tsl2591',
  component: 'tsl2591',
  title: 'ams TSL2591 high-range light',
  group: 'light',
  bus: { kind: 'i2c', addresses: [0x29], hz: 400_000 },
  // One full-spectrum count at the default 25x and 100 ms is about 0.08 lx.
  channels: [{ id: 'lux', title: 'Illuminance', unit: 'lx', resolution: 0.1, wave: wave(300, 200, 900) }],
  options: () => ({
    gain: numberChoice(GAINS, 25, 'Gain: 1 for sunlight (up to ~88 klx), 25 indoors (up to ~3 klx at 100 ms), 428 or 9876 for dim light.'),
    integration: numberChoice(TIMES, 100, 'Integration time in ms: longer is finer and takes that long a reading.', 'ms'),
  }),
  defaultIntervalSeconds: 60,
  minIntervalSeconds: 1,
  supply: '3.3 V',
  // Two-byte register writes and a four-byte read at 400 kHz.
  blockingMs: 1,
  wiringNotes: () => [
    I2C_PULLUPS,
    'A bare TSL2591 takes at most 3.6 V; breakouts with a regulator and level shifters take 3.3-5 V.',
  ],
  driver: {
    files: ['tsl2591.h', 'tsl2591.cpp'],
    header: 'tsl2591.h',
    className: 'harbor::Tsl2591',
    args: ({ bus, options, intervalMs }) => [
      { code: bus ?? '' },
      { hex: options.address as number },
      { uint: intervalMs },
      { uint: GAINS.indexOf(options.gain as number) },
      { uint: TIMES.indexOf(options.integration as number) },
    ],
  },
  model: {
    files: ['tsl2591_model.h', 'tsl2591_model.cpp'],
    header: 'tsl2591_model.h',
    className: 'harbor::host::Tsl2591Model',
    attach: { kind: 'i2c' },
    args: ({ waves }) => [{ wave: waves[0] ?? wave(0, 0, 1) }],
  },
};

export const KINDS: readonly SensorKind[] = [TSL2591];
