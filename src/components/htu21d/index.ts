/**
 * TE HTU21D(F) and Silicon Labs Si7021 on I2C (driver htu21d.h, model
 * htu21d_model.h): fixed address 0x40, I2C up to 400 kHz, 1.5-3.6 V (HTU21D)
 * and 1.9-3.6 V (Si7021) per their datasheets.
 */
import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

function kind(id: 'htu21d' | 'si7021'): SensorKind {
  const si = id === 'si7021';
  return {
    kind: id,
    component: 'htu21d',
    title: si ? 'Silicon Labs Si7021 temperature and humidity' : 'TE HTU21D(F) temperature and humidity',
    group: 'climate',
    bus: { kind: 'i2c', addresses: [0x40], hz: 400_000 },
    channels: [
      // Default resolutions: 14-bit temperature (0.01 degC), 12-bit humidity (0.04 %RH).
      { id: 'temperature', title: 'Temperature', unit: '°C', resolution: 0.01, wave: wave(20, 6, 600) },
      { id: 'humidity', title: 'Relative humidity', unit: '%', resolution: 0.04, wave: wave(55, 20, 900) },
    ],
    options: () => ({}),
    defaultIntervalSeconds: 60,
    minIntervalSeconds: 1,
    supply: '3.3 V',
    // The longest step is a 1-byte command after a 3-byte read: 0.15 ms at 400 kHz, 0.6 ms at 100 kHz.
    blockingMs: 1,
    wiringNotes: () => [
      I2C_PULLUPS,
      'The address is fixed at 0x40: one per I2C bus, and not with an HDC1080 on the same bus.',
    ],
    driver: {
      files: ['htu21d.h', 'htu21d.cpp'],
      header: 'htu21d.h',
      className: 'harbor::Htu21d',
      args: ({ bus, intervalMs }) => [
        { code: bus ?? '' },
        { code: si ? 'harbor::Htu21d::Variant::Si7021' : 'harbor::Htu21d::Variant::Htu21d' },
        { uint: intervalMs },
      ],
    },
    model: {
      files: ['htu21d_model.h', 'htu21d_model.cpp'],
      header: 'htu21d_model.h',
      className: 'harbor::host::Htu21dModel',
      attach: { kind: 'i2c' },
      args: ({ waves }) => [{ bool: si }, ...waves.map((w) => ({ wave: w }))],
    },
  };
}

export const KINDS: readonly SensorKind[] = [kind('htu21d'), kind('si7021')];
