/**
 * TAOS/ams TSL2561 light sensor on I2C (driver tsl2561.h, model tsl2561_model.h).
 * Datasheet TAOS059: ADDR SEL to GND 0x29, floating 0x39, VDD 0x49; I2C up to
 * 400 kHz; VDD 2.7-3.6 V; integration 13.7, 101 or 402 ms, gain 1x or 16x.
 */
import { numberChoice } from '../choice.js';
import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

const TIMES = [13.7, 101, 402];

const TSL2561: SensorKind = {
  kind: 'tsl2561',
  component: 'tsl2561',
  title: 'TAOS/ams TSL2561 light (broadband and infrared)',
  group: 'light',
  bus: { kind: 'i2c', addresses: [0x39, 0x29, 0x49], hz: 400_000 },
  // One broadband count at the default 1x and 402 ms is about 0.6 lx (under daylight-like light).
  channels: [{ id: 'lux', title: 'Illuminance', unit: 'lx', resolution: 0.6, wave: wave(300, 200, 900) }],
  options: () => ({
    gain: numberChoice([1, 16], 1, 'Gain: 16 for dim light (saturates near 2 klx at 402 ms), 1 up to about 40 klx.'),
    integration: numberChoice(TIMES, 402, 'Integration time in ms: longer is finer and takes that long a reading.', 'ms'),
  }),
  defaultIntervalSeconds: 60,
  minIntervalSeconds: 1,
  supply: '3.3 V',
  // Two-byte register writes and word reads at 400 kHz.
  blockingMs: 1,
  wiringNotes: () => [
    I2C_PULLUPS,
    'ADDR to GND selects address 0x29, open 0x39 (the default), to 3.3 V 0x49.',
    'A bare TSL2561 takes at most 3.6 V; breakouts with a regulator take 3.3-5 V.',
  ],
  driver: {
    files: ['tsl2561.h', 'tsl2561.cpp'],
    header: 'tsl2561.h',
    className: 'harbor::Tsl2561',
    args: ({ bus, options, intervalMs }) => [
      { code: bus ?? '' },
      { hex: options.address as number },
      { uint: intervalMs },
      { bool: options.gain === 16 },
      { uint: TIMES.indexOf(options.integration as number) },
    ],
  },
  model: {
    files: ['tsl2561_model.h', 'tsl2561_model.cpp'],
    header: 'tsl2561_model.h',
    className: 'harbor::host::Tsl2561Model',
    attach: { kind: 'i2c' },
    // Breakouts carry the T (TMB) package.
    args: ({ waves }) => [{ bool: false }, { wave: waves[0] ?? wave(0, 0, 1) }],
  },
};

export const KINDS: readonly SensorKind[] = [TSL2561];
