/**
 * Sensirion SCD40 and SCD41 CO2 sensors on I2C (driver scd4x.h, model
 * scd4x_model.h). Address 0x62, fixed; I2C fast mode (400 kHz); supply 2.4 to
 * 5.5 V (SCD4x datasheet, sections 1 and 3.2).
 */
import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

function scd4x(kind: 'scd40' | 'scd41'): SensorKind {
  return {
    kind,
    component: 'scd4x',
    title: `Sensirion ${kind.toUpperCase()} CO2, temperature and humidity`,
    group: 'air',
    bus: { kind: 'i2c', addresses: [0x62], hz: 400_000 },
    channels: [
      { id: 'co2', title: 'CO2', unit: 'ppm', resolution: 1, wave: wave(800, 300, 1800) },
      { id: 'temperature', title: 'Temperature', unit: '°C', resolution: 0.01, wave: wave(22, 3, 900) },
      { id: 'humidity', title: 'Relative humidity', unit: '%', resolution: 0.01, wave: wave(45, 10, 1200) },
    ],
    options: () => ({}),
    defaultIntervalSeconds: 60,
    // A measurement every 5 s; two slots always have a new one between them.
    minIntervalSeconds: 10,
    supply: '3.3 V or 5 V',
    // The longest step reads 9 bytes (read_measurement): 0.92 ms at 100 kHz.
    blockingMs: 1,
    wiringNotes: () => [
      I2C_PULLUPS,
      'The SCD4x draws up to 205 mA in 1 ms pulses at 3.3 V: a breakout with its own capacitor, or 10 µF close to VDD.',
      'The first reading comes one interval after boot: the sensor needs 5 s for its first measurement.',
    ],
    driver: {
      files: ['scd4x.h', 'scd4x.cpp'],
      header: 'scd4x.h',
      className: 'harbor::Scd4x',
      args: ({ bus, intervalMs }) => [{ code: bus ?? '' }, { uint: intervalMs }],
    },
    model: {
      files: ['scd4x_model.h', 'scd4x_model.cpp'],
      header: 'scd4x_model.h',
      className: 'harbor::host::Scd4xModel',
      attach: { kind: 'i2c' },
      args: ({ waves }) => waves.map((w) => ({ wave: w })),
    },
  };
}

export const KINDS: readonly SensorKind[] = [scd4x('scd40'), scd4x('scd41')];
