/**
 * Sensirion SHT3x (SHT30/31/35) and SHT4x (SHT40/41/45) on I2C (driver sht.h,
 * model sht_model.h). Addresses: SHT3x-DIS datasheet, I2C device addresses (ADDR
 * low 0x44, high 0x45); SHT4x datasheet, ordering options (0x44 for SHT4x-A, 0x45
 * for -B). I2C up to 1 MHz on both; the bus runs at 400 kHz at most.
 */
import { I2C_AT_3V3, I2C_PULLUPS, wave, type SensorKind } from '../component.js';

function sensirion(kind: 'sht3x' | 'sht4x'): SensorKind {
  const sht3x = kind === 'sht3x';
  return {
    kind,
    component: 'sht',
    title: sht3x ? 'Sensirion SHT3x (SHT30/31/35) temperature and humidity' : 'Sensirion SHT4x (SHT40/41/45) temperature and humidity',
    group: 'climate',
    bus: { kind: 'i2c', addresses: [0x44, 0x45], hz: 1_000_000 },
    channels: [
      // 16-bit words: 175 / 65535 = 0.003 degC and 0.002 %RH a step; 0.01 is what the driver promises.
      { id: 'temperature', title: 'Temperature', unit: '°C', resolution: 0.01, wave: wave(21, 5, 600) },
      { id: 'humidity', title: 'Relative humidity', unit: '%', resolution: 0.01, wave: wave(50, 15, 900) },
    ],
    options: () => ({}),
    defaultIntervalSeconds: 60,
    minIntervalSeconds: 1,
    // Supply ranges in their electrical specifications: SHT3x 2.15-5.5 V, SHT4x 1.08-3.6 V.
    supply: sht3x ? '3.3 V or 5 V' : '3.3 V',
    // The longest step is set-up and the first command: 0.25 ms at 400 kHz, 0.96 ms measured at 100 kHz.
    blockingMs: 1,
    wiringNotes: () => [
      I2C_PULLUPS,
      ...(sht3x ? [I2C_AT_3V3] : []),
      sht3x
        ? 'ADDR to GND selects address 0x44, to VDD 0x45 (it must not float).'
        : 'The address is fixed by the part: SHT40-A is 0x44, SHT40-B 0x45.',
    ],
    driver: {
      files: ['sht.h', 'sht.cpp'],
      header: 'sht.h',
      className: 'harbor::Sht',
      args: ({ bus, options, intervalMs }) => [
        { code: bus ?? '' },
        { hex: options.address as number },
        { code: sht3x ? 'harbor::Sht::Variant::Sht3x' : 'harbor::Sht::Variant::Sht4x' },
        { uint: intervalMs },
      ],
    },
    model: {
      files: ['sht_model.h', 'sht_model.cpp'],
      header: 'sht_model.h',
      className: 'harbor::host::ShtModel',
      attach: { kind: 'i2c' },
      args: ({ waves }) => [{ bool: !sht3x }, ...waves.map((w) => ({ wave: w }))],
    },
  };
}

export const KINDS: readonly SensorKind[] = [sensirion('sht3x'), sensirion('sht4x')];
