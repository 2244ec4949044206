/**
 * Sensirion SPS30 particulate matter sensor on I2C (driver sps30.h, model
 * sps30_model.h): address 0x69, 100 kHz at most; 5 V supply, its interface
 * 3.3 V and 5 V tolerant; SEL to GND selects I2C (SPS30 datasheet, pin
 * assignment and I2C interface).
 */
import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

const mass = (id: string, title: string, base: number, amplitude: number, periodSeconds: number) =>
  ({ id, title, unit: 'µg/m³', resolution: 0.01, wave: wave(base, amplitude, periodSeconds) });

export const KINDS: readonly SensorKind[] = [
  {
    kind: 'sps30',
    component: 'sps30',
    title: 'Sensirion SPS30 particulate matter (PM1, PM2.5, PM4, PM10)',
    group: 'air',
    bus: { kind: 'i2c', addresses: [0x69], hz: 100_000 },
    channels: [
      mass('pm1', 'PM1.0', 8, 3, 600),
      mass('pm2_5', 'PM2.5', 14, 5, 900),
      mass('pm4', 'PM4.0', 18, 6, 1200),
      mass('pm10', 'PM10', 22, 7, 1500),
    ],
    options: () => ({}),
    defaultIntervalSeconds: 60,
    // A measurement every second; two slots always have a new one between them.
    minIntervalSeconds: 2,
    supply: '5 V',
    // The four mass concentrations, 24 bytes at 100 kHz: 2.27 ms on the wire.
    blockingMs: 3,
    wiringNotes: () => [
      I2C_PULLUPS,
      'The SPS30 needs 5 V on VDD (its fan); SDA and SCL work at 3.3 V, pulled up to the board\'s 3.3 V, never to 5 V on a 3.3 V board.',
      'SEL to GND selects I2C; left open it speaks UART. Its I2C runs at 100 kHz: other sensors on the same SDA/SCL run at 100 kHz too.',
      'The first reading comes one interval after boot: the sensor needs a second for its first measurement.',
    ],
    driver: {
      files: ['sps30.h', 'sps30.cpp'],
      header: 'sps30.h',
      className: 'harbor::Sps30',
      args: ({ bus, intervalMs }) => [{ code: bus ?? '' }, { uint: intervalMs }],
    },
    model: {
      files: ['sps30_model.h', 'sps30_model.cpp'],
      header: 'sps30_model.h',
      className: 'harbor::host::Sps30Model',
      attach: { kind: 'i2c' },
      args: ({ waves }) => waves.map((w) => ({ wave: w })),
    },
  },
];
