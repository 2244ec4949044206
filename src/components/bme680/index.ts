/**
 * Bosch BME680 and BME688 on I2C (driver bme680.h, model bme680_model.h).
 * Addresses: SDO to GND 0x76, to VDDIO 0x77; I2C up to 3.4 MHz, the bus runs
 * at 400 kHz at most; 1.71-3.6 V (BME680 datasheet, specification and interfaces).
 */
import { z } from 'zod';

import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

const HEATER = () =>
  z.coerce
    .number()
    .int({ message: 'must be a whole number of degrees Celsius' })
    .min(200, { message: 'must be from 200 to 400 °C' })
    .max(400, { message: 'must be from 200 to 400 °C' })
    .default(320)
    .meta({ description: 'Gas heater target temperature in °C (200-400; Bosch suggests 320).' });

const HEATER_MS = () =>
  z.coerce
    .number()
    .int({ message: 'must be a whole number of milliseconds' })
    .min(20, { message: 'must be from 20 to 4032 ms' })
    .max(4032, { message: 'must be from 20 to 4032 ms' })
    .default(150)
    .meta({ description: 'How long the heater is held at its temperature before the gas reading, in ms.' });

function bosch(kind: 'bme680' | 'bme688'): SensorKind {
  const bme688 = kind === 'bme688';
  return {
    kind,
    component: 'bme680',
    title: bme688 ? 'Bosch BME688 temperature, humidity, pressure and gas' : 'Bosch BME680 temperature, humidity, pressure and gas',
    group: 'climate',
    bus: { kind: 'i2c', addresses: [0x76, 0x77], hz: 400_000 },
    channels: [
      { id: 'temperature', title: 'Temperature', unit: '°C', resolution: 0.01, wave: wave(22, 4, 600) },
      { id: 'humidity', title: 'Relative humidity', unit: '%', resolution: 0.01, wave: wave(45, 12, 900) },
      // The integer code steps in 2 Pa, with a gap of ~4 Pa where it switches its division order.
      { id: 'pressure', title: 'Barometric pressure', unit: 'hPa', resolution: 0.05, wave: wave(1005, 6, 1200) },
      // The BME688's integer formula returns whole hundreds of ohms.
      { id: 'gas_resistance', title: 'Gas sensor resistance', unit: 'Ω', resolution: 100, wave: wave(60_000, 15_000, 1800) },
    ],
    options: () => ({ heater: HEATER(), heater_ms: HEATER_MS() }),
    defaultIntervalSeconds: 60,
    minIntervalSeconds: 1,
    supply: '3.3 V',
    // The longest step is set-up: two ids, 42 bytes of trimming and the configuration, 1.7 ms at 400 kHz,
    // 6.7 ms measured on a bus slowed to 100 kHz by another part (SCD30, SPS30),
    // which the generator allows for (sensor-model.ts: blockingMs scales with the bus clock).
    blockingMs: 2,
    wiringNotes: () => [
      I2C_PULLUPS,
      'SDO to GND selects address 0x76, to 3.3 V 0x77; CSB stays high (I2C).',
      'The gas resistance settles over the first hours of use; compare readings of the same sensor, not across sensors.',
    ],
    driver: {
      files: ['bme680.h', 'bme680.cpp'],
      header: 'bme680.h',
      className: 'harbor::Bme680',
      args: ({ bus, options, intervalMs }) => [
        { code: bus ?? '' },
        { hex: options.address as number },
        { code: bme688 ? 'harbor::Bme680::Variant::Bme688' : 'harbor::Bme680::Variant::Bme680' },
        { uint: intervalMs },
        { uint: options.heater as number },
        { uint: options.heater_ms as number },
      ],
    },
    model: {
      files: ['bme680_model.h', 'bme680_model.cpp'],
      header: 'bme680_model.h',
      className: 'harbor::host::Bme680Model',
      attach: { kind: 'i2c' },
      args: ({ waves }) => [{ bool: bme688 }, ...waves.map((w) => ({ wave: w }))],
    },
  };
}

export const KINDS: readonly SensorKind[] = [bosch('bme680'), bosch('bme688')];
