/**
 * Analog Devices ADXL345 3-axis accelerometer on I2C (driver adxl345.h, model
 * adxl345_model.h): datasheet Rev. E (ALT ADDRESS low 0x53, high 0x1D; 400
 * kHz; 2.0-3.6 V; full resolution 256 LSB/g at every range).
 */
import { numberChoice } from '../choice.js';
import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

const RANGE = () =>
  numberChoice([2, 4, 8, 16], 2, 'Full scale in g: a wider range clips less; the resolution stays 3.9 mg (full-resolution mode).', 'g');

export const KINDS: readonly SensorKind[] = [
  {
    kind: 'adxl345',
    component: 'adxl345',
    title: 'Analog Devices ADXL345 accelerometer',
    group: 'motion',
    bus: { kind: 'i2c', addresses: [0x53, 0x1d], hz: 400_000 },
    // One count: 1/256 g.
    channels: [
      { id: 'x', title: 'Acceleration X', unit: 'm/s²', resolution: 0.039, wave: wave(0.3, 0.6, 300) },
      { id: 'y', title: 'Acceleration Y', unit: 'm/s²', resolution: 0.039, wave: wave(-0.2, 0.6, 400) },
      { id: 'z', title: 'Acceleration Z', unit: 'm/s²', resolution: 0.039, wave: wave(9.81, 0.3, 500) },
    ],
    options: () => ({ range: RANGE() }),
    defaultIntervalSeconds: 10,
    minIntervalSeconds: 1,
    supply: '3.3 V or 5 V',
    // A 1-byte and a 6-byte read at 400 kHz: well under a millisecond.
    blockingMs: 1,
    wiringNotes: () => [
      I2C_PULLUPS,
      'SDO/ALT ADDRESS to GND selects address 0x53, to 3.3 V 0x1D; CS stays high (I2C).',
      'GY-291 breakouts carry a regulator and take 3.3-5 V on VCC; a bare ADXL345 takes at most 3.6 V.',
    ],
    driver: {
      files: ['adxl345.h', 'adxl345.cpp'],
      header: 'adxl345.h',
      className: 'harbor::Adxl345',
      args: ({ bus, options, intervalMs }) => [{ code: bus ?? '' }, { hex: options.address as number }, { uint: options.range as number }, { uint: intervalMs }],
    },
    model: {
      files: ['adxl345_model.h', 'adxl345_model.cpp'],
      header: 'adxl345_model.h',
      className: 'harbor::host::Adxl345Model',
      attach: { kind: 'i2c' },
      args: ({ waves }) => waves.map((w) => ({ wave: w })),
    },
  },
];
