/**
 * ScioSense ENS160 on I2C (driver ens160.h, model ens160_model.h): address
 * 0x53 with ADDR high (most breakouts), 0x52 with it low; I2C fast mode;
 * VDD 1.8 V, breakouts regulate from 3.3 V or 5 V (ENS160 datasheet, pin
 * description and I2C interface).
 */
import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

/** The datasheet's warm-up after power-on, in which the validity flag says 1. */
const WARM_UP_MS = 180_000;

export const KINDS: readonly SensorKind[] = [
  {
    kind: 'ens160',
    component: 'ens160',
    title: 'ScioSense ENS160 air quality (AQI, TVOC, eCO2)',
    group: 'air',
    bus: { kind: 'i2c', addresses: [0x53, 0x52], hz: 400_000 },
    channels: [
      { id: 'aqi', title: 'Air quality index (UBA, 1-5)', unit: '', resolution: 1, wave: wave(3, 1.5, 600) },
      { id: 'tvoc', title: 'Total VOC', unit: 'ppb', resolution: 1, wave: wave(300, 200, 900) },
      { id: 'eco2', title: 'Equivalent CO2', unit: 'ppm', resolution: 1, wave: wave(900, 400, 1200) },
    ],
    options: () => ({}),
    defaultIntervalSeconds: 60,
    // A new result every second.
    minIntervalSeconds: 2,
    supply: '3.3 V or 5 V',
    // Status and results, 6 bytes from one register: 0.2 ms at 400 kHz.
    blockingMs: 1,
    wiringNotes: () => [
      I2C_PULLUPS,
      'ADDR to 3.3 V selects 0x53, to GND 0x52; CS stays high (I2C). A bare ENS160 runs at 1.8 V: use a breakout with its regulator.',
      'Nothing is sent for the first 3 minutes after power-on, its warm-up; the first hour of its first use reads less accurately.',
    ],
    driver: {
      files: ['ens160.h', 'ens160.cpp'],
      header: 'ens160.h',
      className: 'harbor::Ens160',
      args: ({ bus, options, intervalMs }) => [{ code: bus ?? '' }, { hex: options.address as number }, { uint: intervalMs }],
    },
    model: {
      files: ['ens160_model.h', 'ens160_model.cpp'],
      header: 'ens160_model.h',
      className: 'harbor::host::Ens160Model',
      attach: { kind: 'i2c' },
      args: ({ waves }) => [{ uint: WARM_UP_MS }, ...waves.map((w) => ({ wave: w }))],
    },
  },
];
