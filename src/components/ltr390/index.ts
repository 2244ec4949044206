/**
 * Lite-On LTR-390UV-01 UV light sensor on I2C (driver ltr390.h, model ltr390_model.h).
 * Datasheet: address 0x53, I2C up to 400 kHz, VDD 1.7-3.6 V; UVS mode with
 * gains 1-18x and 13-20-bit resolution (12.5-400 ms).
 */
import { numberChoice } from '../choice.js';
import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

const LTR390: SensorKind = {
  kind: 'ltr390',
  component: 'ltr390',
  title: 'Lite-On LTR390 UV index',
  group: 'light',
  bus: { kind: 'i2c', addresses: [0x53], hz: 400_000 },
  // At the default 18x and 18 bits (100 ms), 575 counts per UVI.
  channels: [{ id: 'uv_index', title: 'UV index', unit: 'UVI', resolution: 0.002, wave: wave(3, 2, 900) }],
  options: () => ({
    gain: numberChoice([1, 3, 6, 9, 18], 18, 'Gain: 18 is finest; lower gains only matter behind a very clear window in strong sun.'),
    resolution: numberChoice([13, 16, 17, 18, 19, 20], 18, 'ADC resolution in bits: 20 bits take 400 ms, each bit less half as long (13 bits: 12.5 ms).', 'bits'),
  }),
  defaultIntervalSeconds: 60,
  minIntervalSeconds: 1,
  supply: '3.3 V',
  blockingMs: 1,
  wiringNotes: () => [
    I2C_PULLUPS,
    'A bare LTR390 takes at most 3.6 V; breakouts with a regulator take 3.3-5 V. Behind a window, UV readings are low.',
  ],
  driver: {
    files: ['ltr390.h', 'ltr390.cpp'],
    header: 'ltr390.h',
    className: 'harbor::Ltr390',
    args: ({ bus, options, intervalMs }) => [
      { code: bus ?? '' },
      { hex: options.address as number },
      { uint: intervalMs },
      { uint: options.gain as number },
      { uint: options.resolution as number },
    ],
  },
  model: {
    files: ['ltr390_model.h', 'ltr390_model.cpp'],
    header: 'ltr390_model.h',
    className: 'harbor::host::Ltr390Model',
    attach: { kind: 'i2c' },
    args: ({ waves }) => [{ wave: waves[0] ?? wave(0, 0, 1) }],
  },
};

export const KINDS: readonly SensorKind[] = [LTR390];
