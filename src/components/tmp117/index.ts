/**
 * Texas Instruments TMP117 on I2C (driver tmp117.h, model tmp117_model.h):
 * addresses 0x48-0x4B by ADD0 (datasheet address pin table), I2C up to 400 kHz,
 * 1.7-5.5 V, 7.8125 m degC steps.
 */
import { I2C_AT_3V3, I2C_PULLUPS, wave, type SensorKind } from '../component.js';

export const KINDS: readonly SensorKind[] = [
  {
    kind: 'tmp117',
    component: 'tmp117',
    title: 'Texas Instruments TMP117 precision temperature',
    group: 'climate',
    bus: { kind: 'i2c', addresses: [0x48, 0x49, 0x4a, 0x4b], hz: 400_000 },
    channels: [{ id: 'temperature', title: 'Temperature', unit: '°C', resolution: 0.0078125, wave: wave(21, 4, 600) }],
    options: () => ({}),
    defaultIntervalSeconds: 60,
    minIntervalSeconds: 1,
    supply: '3.3 V or 5 V',
    // The longest step is set-up and the first trigger: 0.3 ms at 400 kHz, 1.2 ms measured on a bus
    // slowed to 100 kHz by another part (SCD30, SPS30), which the generator allows for.
    blockingMs: 1,
    wiringNotes: () => [I2C_PULLUPS, I2C_AT_3V3, 'ADD0 to GND selects 0x48, to V+ 0x49, to SDA 0x4A, to SCL 0x4B.'],
    driver: {
      files: ['tmp117.h', 'tmp117.cpp'],
      header: 'tmp117.h',
      className: 'harbor::Tmp117',
      args: ({ bus, options, intervalMs }) => [{ code: bus ?? '' }, { hex: options.address as number }, { uint: intervalMs }],
    },
    model: {
      files: ['tmp117_model.h', 'tmp117_model.cpp'],
      header: 'tmp117_model.h',
      className: 'harbor::host::Tmp117Model',
      attach: { kind: 'i2c' },
      args: ({ waves }) => waves.map((w) => ({ wave: w })),
    },
  },
];
