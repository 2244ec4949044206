/**
 * Maxim DS18B20 temperature sensors on a 1-Wire pin (driver ds18b20.h, model
 * ds18b20_model.h). Datasheet 19-7487 Rev 6: -55 to +125 degC, 12 bits
 * (0.0625 degC), tCONV 750 ms, VDD 3.0-5.5 V.
 */
import { wave, type SensorKind } from '../component.js';

/** Each device is a channel; the driver and the model take eight waves, the ones past `count` unused. */
const MAX_DEVICES = 8;

/** roms=a+b as the driver and the model parse it: "28ff...+28aa...". */
function romsArg(options: Readonly<Record<string, unknown>>): { string: string } {
  return { string: ((options.roms as string[] | undefined) ?? []).map((r) => r.toLowerCase()).join('+') };
}

export const KINDS: readonly SensorKind[] = [
  {
    kind: 'ds18b20',
    component: 'ds18b20',
    title: 'Maxim DS18B20 temperature (several per pin)',
    group: 'climate',
    bus: { kind: 'onewire', maxDevices: MAX_DEVICES },
    channels: [{ id: 'temperature', title: 'Temperature', unit: '°C', resolution: 0.0625, wave: wave(20, 5, 600) }],
    options: () => ({}),
    defaultIntervalSeconds: 60,
    // A 12-bit conversion takes 750 ms.
    minIntervalSeconds: 1,
    supply: '3.3 V or 5 V',
    // The longest step: set-up's presence reset with the first Convert T (3.0 ms);
    // a search step is 2.4 ms, the rest a reset and a byte or three bytes (ds18b20.cpp).
    blockingMs: 4,
    wiringNotes: () => [
      'DQ needs a 4.7 kΩ pull-up to 3.3 V (one for the whole line), also when the sensor is powered from 5 V: the board\'s pin is not 5 V tolerant.',
      'Power each DS18B20 from VDD; parasite power (VDD to GND) is not supported.',
      'Several on one pin: daisy-chain them on one cable rather than a star; which is which follows their ROM codes (roms= fixes it).',
    ],
    driver: {
      files: ['ds18b20.h', 'ds18b20.cpp'],
      header: 'ds18b20.h',
      className: 'harbor::Ds18b20',
      args: ({ bus, options, channelCount, intervalMs }) => [
        { code: bus ?? '' },
        { uint: channelCount },
        romsArg(options),
        { uint: intervalMs },
      ],
    },
    model: {
      files: ['ds18b20_model.h', 'ds18b20_model.cpp'],
      header: 'ds18b20_model.h',
      className: 'harbor::host::Ds18b20Model',
      attach: { kind: 'onewire' },
      args: ({ options, channelCount, index, waves }) => [
        { uint: channelCount },
        romsArg(options),
        { uint: index },
        ...Array.from({ length: MAX_DEVICES }, (_, i) => ({ wave: waves[i] ?? wave(0, 0, 1) })),
      ],
    },
  },
];
