/**
 * Vishay VEML7700 ambient light sensor on I2C (driver veml7700.h, model veml7700_model.h).
 * Datasheet doc. 84286: address 0x10, I2C up to 400 kHz, 2.5-3.6 V; gains and
 * integration times and their lux per count from application note doc. 84323.
 */
import { numberChoice } from '../choice.js';
import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

const GAINS = [0.125, 0.25, 1, 2];
const TIMES = [25, 50, 100, 200, 400, 800];

const VEML7700: SensorKind = {
  kind: 'veml7700',
  component: 'veml7700',
  title: 'Vishay VEML7700 ambient light',
  group: 'light',
  bus: { kind: 'i2c', addresses: [0x10], hz: 400_000 },
  // At the default gain x1/8 and 100 ms, one count is 0.5376 lx (up to 35 klx).
  channels: [{ id: 'lux', title: 'Illuminance', unit: 'lx', resolution: 0.5376, wave: wave(300, 200, 900) }],
  options: () => ({
    gain: numberChoice(GAINS, 0.125, 'Gain: 2 for dim rooms (up to 275 lx at 800 ms), 0.125 for daylight (up to 140 klx at 25 ms).'),
    integration: numberChoice(TIMES, 100, 'Integration time in ms: longer is finer and takes that long a reading.', 'ms'),
  }),
  defaultIntervalSeconds: 60,
  minIntervalSeconds: 1,
  supply: '3.3 V',
  // Three-byte register writes and reads at 400 kHz.
  blockingMs: 1,
  wiringNotes: () => [
    I2C_PULLUPS,
    'A bare VEML7700 takes at most 3.6 V on VDD, SDA and SCL; 5 V breakouts carry a regulator and level shifters.',
  ],
  driver: {
    files: ['veml7700.h', 'veml7700.cpp'],
    header: 'veml7700.h',
    className: 'harbor::Veml7700',
    args: ({ bus, options, intervalMs }) => [
      { code: bus ?? '' },
      { hex: options.address as number },
      { uint: intervalMs },
      { uint: (options.gain as number) * 8 },
      { uint: options.integration as number },
    ],
  },
  model: {
    files: ['veml7700_model.h', 'veml7700_model.cpp'],
    header: 'veml7700_model.h',
    className: 'harbor::host::Veml7700Model',
    attach: { kind: 'i2c' },
    args: ({ waves }) => [{ wave: waves[0] ?? wave(0, 0, 1) }],
  },
};

export const KINDS: readonly SensorKind[] = [VEML7700];
