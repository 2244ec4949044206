/**
 * Sensirion SCD30 CO2 module on I2C (driver scd30.h, model scd30_model.h).
 * Address 0x61; I2C at 100 kHz at most, with clock stretching (Interface
 * Description Sensirion SCD30, section 1.1); supply 3.3 to 5.5 V (SCD30
 * datasheet, section 2).
 */
import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

export const KINDS: readonly SensorKind[] = [
  {
    kind: 'scd30',
    component: 'scd30',
    title: 'Sensirion SCD30 CO2, temperature and humidity',
    group: 'air',
    // Its whole bus runs at 100 kHz then.
    bus: { kind: 'i2c', addresses: [0x61], hz: 100_000 },
    channels: [
      { id: 'co2', title: 'CO2', unit: 'ppm', resolution: 1, wave: wave(1200, 400, 1800) },
      { id: 'temperature', title: 'Temperature', unit: '°C', resolution: 0.01, wave: wave(24, 2, 900) },
      { id: 'humidity', title: 'Relative humidity', unit: '%', resolution: 0.01, wave: wave(50, 8, 1200) },
    ],
    options: () => ({}),
    defaultIntervalSeconds: 60,
    // A measurement every 2 s; two slots always have a new one between them.
    minIntervalSeconds: 4,
    supply: '3.3 V or 5 V',
    // read_measurement's 18 bytes at 100 kHz: 1.73 ms on the wire.
    blockingMs: 2,
    wiringNotes: () => [
      I2C_PULLUPS,
      'The SCD30 runs its I2C bus at 100 kHz and stretches the clock while busy: other sensors on the same SDA/SCL run at 100 kHz too. The driver waits 3 ms before each read so the stretch stays short; the ESP8266\'s software I2C allows 15 ms.',
      'SEL stays unconnected or at GND (I2C); its interface is 3.3 V even when VIN is 5 V.',
      'The first reading comes one interval after boot: the sensor needs 2 s for its first measurement.',
    ],
    driver: {
      files: ['scd30.h', 'scd30.cpp'],
      header: 'scd30.h',
      className: 'harbor::Scd30',
      args: ({ bus, intervalMs }) => [{ code: bus ?? '' }, { uint: intervalMs }],
    },
    model: {
      files: ['scd30_model.h', 'scd30_model.cpp'],
      header: 'scd30_model.h',
      className: 'harbor::host::Scd30Model',
      attach: { kind: 'i2c' },
      args: ({ waves }) => waves.map((w) => ({ wave: w })),
    },
  },
];
