/**
 * Bosch BME280 and BMP280 on I2C (driver bme280.h, model bme280_model.h).
 * Addresses and ranges: BME280 datasheet BST-BME280-DS002 sections 1 and 6.2
 * (SDO low: 0x76, high: 0x77); measurement time section 9.1.
 */
import { z } from 'zod';

import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

const OVERSAMPLING = () =>
  z.coerce
    .number()
    .refine((n) => [1, 2, 4, 8, 16].includes(n), { message: 'must be 1, 2, 4, 8 or 16' })
    .default(1)
    .meta({ description: 'Oversampling of every channel: more is less noisy and slower (x16: 75 ms a reading).' });

function bosch(kind: 'bme280' | 'bmp280'): SensorKind {
  const bme = kind === 'bme280';
  const channels = [
    { id: 'temperature', title: 'Temperature', unit: '°C', resolution: 0.01, wave: wave(21, 4, 600) },
    ...(bme ? [{ id: 'humidity', title: 'Relative humidity', unit: '%', resolution: 0.01, wave: wave(55, 10, 900) }] : []),
    { id: 'pressure', title: 'Barometric pressure', unit: 'hPa', resolution: 0.001, wave: wave(1013.25, 6, 1200) },
  ];
  return {
    kind,
    component: 'bme280',
    title: bme ? 'Bosch BME280 temperature, humidity and pressure' : 'Bosch BMP280 temperature and pressure',
    group: 'climate',
    // Section 6.2: I2C up to 3.4 MHz; the bus goes no faster than fast mode.
    bus: { kind: 'i2c', addresses: [0x76, 0x77], hz: 400_000 },
    channels,
    options: () => ({ oversampling: OVERSAMPLING() }),
    defaultIntervalSeconds: 60,
    minIntervalSeconds: 1,
    supply: '3.3 V',
    blockingMs: 2,
    wiringNotes: () => [I2C_PULLUPS, 'SDO to GND selects address 0x76, to 3.3 V 0x77; CSB stays high (I2C).'],
    driver: {
      files: ['bme280.h', 'bme280.cpp'],
      header: 'bme280.h',
      className: 'harbor::Bme280',
      args: ({ bus, options, intervalMs }) => [
        { code: bus ?? '' },
        { hex: options.address as number },
        { code: bme ? 'harbor::Bme280::Variant::Bme280' : 'harbor::Bme280::Variant::Bmp280' },
        { uint: intervalMs },
        { uint: options.oversampling as number },
      ],
    },
    model: {
      files: ['bme280_model.h', 'bme280_model.cpp'],
      header: 'bme280_model.h',
      className: 'harbor::host::Bme280Model',
      attach: { kind: 'i2c' },
      // The model always takes the three waves; a BMP280's humidity is not read.
      args: ({ waves }) => {
        const [t, second, third] = waves;
        const h = bme ? second : wave(0, 0, 1);
        const p = bme ? third : second;
        return [{ bool: !bme }, ...[t, h, p].map((w) => ({ wave: w ?? wave(0, 0, 1) }))];
      },
    },
  };
}

export const KINDS: readonly SensorKind[] = [bosch('bme280'), bosch('bmp280')];
