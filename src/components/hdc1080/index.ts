/**
 * Texas Instruments HDC1080 on I2C (driver hdc1080.h, model hdc1080_model.h):
 * fixed address 0x40, I2C up to 400 kHz, 2.7-5.5 V (datasheet, recommended operating conditions).
 */
import { I2C_AT_3V3, I2C_PULLUPS, wave, type SensorKind } from '../component.js';

export const KINDS: readonly SensorKind[] = [
  {
    kind: 'hdc1080',
    component: 'hdc1080',
    title: 'Texas Instruments HDC1080 temperature and humidity',
    group: 'climate',
    bus: { kind: 'i2c', addresses: [0x40], hz: 400_000 },
    channels: [
      // 14 bits: 0.01 degC and 0.006 %RH a step.
      { id: 'temperature', title: 'Temperature', unit: '°C', resolution: 0.01, wave: wave(21, 5, 600) },
      { id: 'humidity', title: 'Relative humidity', unit: '%', resolution: 0.01, wave: wave(50, 15, 900) },
    ],
    options: () => ({}),
    defaultIntervalSeconds: 60,
    minIntervalSeconds: 1,
    supply: '3.3 V or 5 V',
    // The longest step is set-up and the trigger: 0.4 ms at 400 kHz, 1.5 ms measured on a bus
    // slowed to 100 kHz by another part (SCD30, SPS30), which the generator allows for.
    blockingMs: 1,
    wiringNotes: () => [
      I2C_PULLUPS,
      I2C_AT_3V3,
      'The address is fixed at 0x40: one per I2C bus, and not with an HTU21D or Si7021 on the same bus.',
    ],
    driver: {
      files: ['hdc1080.h', 'hdc1080.cpp'],
      header: 'hdc1080.h',
      className: 'harbor::Hdc1080',
      args: ({ bus, intervalMs }) => [{ code: bus ?? '' }, { uint: intervalMs }],
    },
    model: {
      files: ['hdc1080_model.h', 'hdc1080_model.cpp'],
      header: 'hdc1080_model.h',
      className: 'harbor::host::Hdc1080Model',
      attach: { kind: 'i2c' },
      args: ({ waves }) => waves.map((w) => ({ wave: w })),
    },
  },
];
