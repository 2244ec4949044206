/**
 * ams CCS811 on I2C (driver ccs811.h, model ccs811_model.h): address 0x5A
 * with ADDR low, 0x5B high; I2C up to 400 kHz with clock stretching; 1.8 to
 * 3.6 V (CCS811 datasheet, pin assignment and I2C interface).
 */
import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

export const KINDS: readonly SensorKind[] = [
  {
    kind: 'ccs811',
    component: 'ccs811',
    title: 'ams CCS811 eCO2 and TVOC',
    group: 'air',
    bus: { kind: 'i2c', addresses: [0x5a, 0x5b], hz: 400_000 },
    channels: [
      { id: 'eco2', title: 'Equivalent CO2', unit: 'ppm', resolution: 1, wave: wave(900, 400, 600) },
      { id: 'tvoc', title: 'Total VOC', unit: 'ppb', resolution: 1, wave: wave(200, 150, 900) },
    ],
    options: () => ({}),
    defaultIntervalSeconds: 60,
    // A result every second.
    minIntervalSeconds: 2,
    supply: '3.3 V',
    // ALG_RESULT_DATA's 6 bytes: 0.2 ms at 400 kHz.
    blockingMs: 1,
    wiringNotes: () => [
      I2C_PULLUPS,
      'WAKE (nWAKE) to GND: the CCS811 answers on I2C only while it is low. ADDR to GND selects 0x5A, to 3.3 V 0x5B.',
      'It stretches the clock while busy; the ESP8266\'s software I2C allows 15 ms (the core\'s default, 230 us, would cut its answers short).',
      'Its readings settle over the first 20 minutes of each run, and over 48 hours when new.',
    ],
    driver: {
      files: ['ccs811.h', 'ccs811.cpp'],
      header: 'ccs811.h',
      className: 'harbor::Ccs811',
      args: ({ bus, options, intervalMs }) => [{ code: bus ?? '' }, { hex: options.address as number }, { uint: intervalMs }],
    },
    model: {
      files: ['ccs811_model.h', 'ccs811_model.cpp'],
      header: 'ccs811_model.h',
      className: 'harbor::host::Ccs811Model',
      attach: { kind: 'i2c' },
      args: ({ waves }) => waves.map((w) => ({ wave: w })),
    },
  },
];
