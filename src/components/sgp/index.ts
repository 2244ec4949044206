/**
 * Sensirion gas sensors on I2C (driver sgp.h, model sgp_model.h): SGP30
 * (0x58) with its on-chip TVOC and eCO2, SGP40 / SGP41 (0x59) with their raw
 * VOC (and NOx) signals; Sensirion's gas index algorithm is not run, so the
 * raw ticks are sent. Fast-mode I2C (400 kHz) on all three.
 */
import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

const SGP30: SensorKind = {
  kind: 'sgp30',
  component: 'sgp',
  title: 'Sensirion SGP30 TVOC and eCO2',
  group: 'air',
  bus: { kind: 'i2c', addresses: [0x58], hz: 400_000 },
  channels: [
    { id: 'tvoc', title: 'Total VOC', unit: 'ppb', resolution: 1, wave: wave(150, 100, 600) },
    { id: 'eco2', title: 'Equivalent CO2', unit: 'ppm', resolution: 1, wave: wave(700, 250, 900) },
  ],
  options: () => ({}),
  defaultIntervalSeconds: 60,
  minIntervalSeconds: 1,
  supply: '3.3 V',
  // measure_air_quality's 6 bytes: 0.16 ms at 400 kHz.
  blockingMs: 1,
  wiringNotes: () => [
    I2C_PULLUPS,
    'A bare SGP30 runs at 1.8 V: use a breakout with its regulator and level shifters on 3.3 V.',
    'It measures every second whatever the interval (its baseline needs it); readings are sent from 15 s after boot on.',
  ],
  driver: {
    files: ['sgp.h', 'sgp.cpp'],
    header: 'sgp.h',
    className: 'harbor::Sgp30',
    args: ({ bus, intervalMs }) => [{ code: bus ?? '' }, { uint: intervalMs }],
  },
  model: {
    files: ['sgp_model.h', 'sgp_model.cpp'],
    header: 'sgp_model.h',
    className: 'harbor::host::Sgp30Model',
    attach: { kind: 'i2c' },
    args: ({ waves }) => waves.map((w) => ({ wave: w })),
  },
};

function sgp4x(kind: 'sgp40' | 'sgp41'): SensorKind {
  const sgp41 = kind === 'sgp41';
  return {
    ...SGP30,
    kind,
    title: sgp41 ? 'Sensirion SGP41 VOC and NOx raw signals' : 'Sensirion SGP40 VOC raw signal',
    bus: { kind: 'i2c', addresses: [0x59], hz: 400_000 },
    channels: [
      { id: 'voc_raw', title: 'VOC raw signal', unit: 'ticks', resolution: 1, wave: wave(30000, 2000, 600) },
      ...(sgp41 ? [{ id: 'nox_raw', title: 'NOx raw signal', unit: 'ticks', resolution: 1, wave: wave(16000, 1000, 900) }] : []),
    ],
    // The measure command with its two argument words: 0.21 ms at 400 kHz.
    blockingMs: 1,
    wiringNotes: () => [
      I2C_PULLUPS,
      'These are the raw signals; the VOC / NOx index (0-500) needs Sensirion\'s gas index algorithm, which is not run on the board.',
      ...(sgp41 ? ['The first 10 s after boot condition the NOx pixel: no reading is sent then.'] : []),
    ],
    driver: {
      ...SGP30.driver,
      className: 'harbor::Sgp4x',
      args: ({ bus, intervalMs }) => [{ code: bus ?? '' }, { code: sgp41 ? 'harbor::Sgp4x::Variant::Sgp41' : 'harbor::Sgp4x::Variant::Sgp40' }, { uint: intervalMs }],
    },
    model: {
      ...SGP30.model,
      className: 'harbor::host::Sgp4xModel',
      args: ({ waves }) => [{ bool: sgp41 }, { wave: waves[0] ?? wave(0, 0, 1) }, { wave: waves[1] ?? wave(0, 0, 1) }],
    },
  };
}

export const KINDS: readonly SensorKind[] = [SGP30, sgp4x('sgp40'), sgp4x('sgp41')];
