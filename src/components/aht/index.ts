/**
 * Aosong AHT10 and AHT20 on I2C (driver aht.h, model aht_model.h). Address
 * 0x38 (AHT10: 0x39 with ADR high), I2C up to 400 kHz; supply 1.8-3.6 V for
 * the AHT10, 2.2-5.5 V for the AHT20 (their datasheets' electrical tables).
 */
import { I2C_AT_3V3, I2C_PULLUPS, wave, type SensorKind } from '../component.js';

function aosong(kind: 'aht10' | 'aht20'): SensorKind {
  const aht10 = kind === 'aht10';
  return {
    kind,
    component: 'aht',
    title: aht10 ? 'Aosong AHT10 temperature and humidity' : 'Aosong AHT20 temperature and humidity',
    group: 'climate',
    bus: { kind: 'i2c', addresses: aht10 ? [0x38, 0x39] : [0x38], hz: 400_000 },
    channels: [
      // 20-bit values: 0.0002 degC and 0.0001 %RH a step; 0.01 is what the driver promises.
      { id: 'temperature', title: 'Temperature', unit: '°C', resolution: 0.01, wave: wave(22, 6, 600) },
      { id: 'humidity', title: 'Relative humidity', unit: '%', resolution: 0.01, wave: wave(45, 20, 900) },
    ],
    options: () => ({}),
    defaultIntervalSeconds: 60,
    minIntervalSeconds: 2,
    supply: aht10 ? '3.3 V' : '3.3 V or 5 V',
    // The longest step is the 3-byte trigger or the 7-byte read: 0.25 ms at 400 kHz, 0.74 ms measured at 100 kHz.
    blockingMs: 1,
    wiringNotes: () => [
      I2C_PULLUPS,
      ...(!aht10 ? [I2C_AT_3V3] : []),
      ...(aht10 ? ['The AHT10 runs on 3.3 V at most; ADR to GND selects 0x38, to 3.3 V 0x39.'] : []),
    ],
    driver: {
      files: ['aht.h', 'aht.cpp'],
      header: 'aht.h',
      className: 'harbor::Aht',
      args: ({ bus, options, intervalMs }) => [
        { code: bus ?? '' },
        { hex: options.address as number },
        { code: aht10 ? 'harbor::Aht::Variant::Aht10' : 'harbor::Aht::Variant::Aht20' },
        { uint: intervalMs },
      ],
    },
    model: {
      files: ['aht_model.h', 'aht_model.cpp'],
      header: 'aht_model.h',
      className: 'harbor::host::AhtModel',
      attach: { kind: 'i2c' },
      args: ({ waves }) => [{ bool: aht10 }, ...waves.map((w) => ({ wave: w }))],
    },
  };
}

export const KINDS: readonly SensorKind[] = [aosong('aht10'), aosong('aht20')];
