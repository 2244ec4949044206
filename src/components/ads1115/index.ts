/**
 * TI ADS1115 16-bit ADC on I2C (driver ads1115.h, model ads1115_model.h):
 * AIN0..AIN3 against GND in single-shot mode. Datasheet SBAS444: ADDR to GND,
 * VDD, SDA or SCL gives 0x48-0x4B; I2C up to 400 kHz (3.4 MHz high-speed);
 * VDD 2.0-5.5 V; ranges ±0.256 to ±6.144 V; 8 to 860 samples per second.
 */
import { numberChoice } from '../choice.js';
import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

const INPUTS = ['a0', 'a1', 'a2', 'a3'];
// Slow waves (hours): the inputs are converted one after another, up to 0.6 s apart at 8 SPS,
// and each must still read its slot's value to a code.
const WAVES = [wave(1.65, 0.5, 14_400), wave(0.8, 0.3, 16_000), wave(2.5, 0.4, 18_000), wave(0.3, 0.1, 20_000)];

const ADS1115: SensorKind = {
  kind: 'ads1115',
  component: 'ads1115',
  title: 'TI ADS1115 16-bit ADC, 4 inputs',
  group: 'analog',
  bus: { kind: 'i2c', addresses: [0x48, 0x49, 0x4a, 0x4b], hz: 400_000 },
  // At the default ±4.096 V range one code is 125 uV.
  channels: INPUTS.map((id, i) => ({ id, title: `AIN${i}`, unit: 'V', resolution: 0.000125, wave: WAVES[i] ?? wave(0, 0, 1) })),
  options: () => ({
    range: numberChoice([6.144, 4.096, 2.048, 1.024, 0.512, 0.256], 4.096, 'Full-scale range in volts (±): 4.096 covers a 3.3 V input; smaller ranges are finer.', 'V'),
    rate: numberChoice([8, 16, 32, 64, 128, 250, 475, 860], 128, 'Samples per second: 8 is quietest (125 ms a conversion), 860 fastest.', 'SPS'),
  }),
  defaultIntervalSeconds: 60,
  minIntervalSeconds: 1,
  supply: '3.3 V or 5 V',
  // A configuration write and two register reads a step at 400 kHz.
  blockingMs: 1,
  wiringNotes: () => [
    I2C_PULLUPS,
    'ADDR to GND selects address 0x48, to VDD 0x49, to SDA 0x4A, to SCL 0x4B.',
    'Inputs must stay between GND - 0.3 V and VDD + 0.3 V whatever the range: at 3.3 V the ±6.144 V range still reads no more than 3.6 V. Tie unused inputs to GND or leave them out with channels=.',
  ],
  driver: {
    files: ['ads1115.h', 'ads1115.cpp'],
    header: 'ads1115.h',
    className: 'harbor::Ads1115',
    args: ({ bus, options, intervalMs }) => {
      const chosen = options.channels as readonly string[] | undefined;
      const mask = INPUTS.reduce((m, id, i) => (chosen === undefined || chosen.includes(id) ? m | (1 << i) : m), 0);
      return [
        { code: bus ?? '' },
        { hex: options.address as number },
        { uint: intervalMs },
        { uint: Math.round((options.range as number) * 1000) },
        { uint: options.rate as number },
        { hex: mask },
      ];
    },
  },
  model: {
    files: ['ads1115_model.h', 'ads1115_model.cpp'],
    header: 'ads1115_model.h',
    className: 'harbor::host::Ads1115Model',
    attach: { kind: 'i2c' },
    args: ({ waves }) => [0, 1, 2, 3].map((i) => ({ wave: waves[i] ?? wave(0, 0, 1) })),
  },
};

export const KINDS: readonly SensorKind[] = [ADS1115];
