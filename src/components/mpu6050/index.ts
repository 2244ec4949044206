/**
 * InvenSense MPU-6050 6-axis accelerometer and gyroscope on I2C (driver
 * mpu6050.h, model mpu6050_model.h): product specification PS-MPU-6000A-00
 * (addresses 0x68/0x69 by AD0, 400 kHz, VDD 2.375-3.46 V) and register map
 * RM-MPU-6000A-00 (ranges, sensitivities, temperature).
 */
import { numberChoice } from '../choice.js';
import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

const ACCEL_RANGE = () =>
  numberChoice([2, 4, 8, 16], 2, 'Accelerometer full scale in g: a wider range clips less and resolves less (2 g: 0.0006 m/s²).', 'g');
const GYRO_RANGE = () =>
  numberChoice([250, 500, 1000, 2000], 250, 'Gyroscope full scale in °/s (250: 0.0076 °/s a count).', '°/s');

export const KINDS: readonly SensorKind[] = [
  {
    kind: 'mpu6050',
    component: 'mpu6050',
    title: 'InvenSense MPU-6050 accelerometer and gyroscope',
    group: 'motion',
    bus: { kind: 'i2c', addresses: [0x68, 0x69], hz: 400_000 },
    // Resolutions: a count at the widest ranges (16 g: 1/2048 g; 2000 °/s: 1/16.4 °/s); 1/340 °C.
    channels: [
      { id: 'accel_x', title: 'Acceleration X', unit: 'm/s²', resolution: 0.0048, wave: wave(0.2, 0.5, 300) },
      { id: 'accel_y', title: 'Acceleration Y', unit: 'm/s²', resolution: 0.0048, wave: wave(-0.3, 0.5, 400) },
      { id: 'accel_z', title: 'Acceleration Z', unit: 'm/s²', resolution: 0.0048, wave: wave(9.81, 0.2, 500) },
      { id: 'gyro_x', title: 'Rotation rate X', unit: '°/s', resolution: 0.061, wave: wave(0, 5, 600) },
      { id: 'gyro_y', title: 'Rotation rate Y', unit: '°/s', resolution: 0.061, wave: wave(1, 3, 800) },
      { id: 'gyro_z', title: 'Rotation rate Z', unit: '°/s', resolution: 0.061, wave: wave(-2, 4, 1000) },
      { id: 'temperature', title: 'Die temperature', unit: '°C', resolution: 0.003, wave: wave(25, 3, 900) },
    ],
    options: () => ({ accel_range: ACCEL_RANGE(), gyro_range: GYRO_RANGE() }),
    defaultIntervalSeconds: 10,
    minIntervalSeconds: 1,
    supply: '3.3 V or 5 V',
    // 14 bytes and one at 400 kHz: about half a millisecond.
    blockingMs: 1,
    wiringNotes: () => [
      I2C_PULLUPS,
      'AD0 to GND (or open on most breakouts) selects address 0x68, to 3.3 V 0x69.',
      'GY-521 breakouts carry a regulator and take 3.3-5 V on VCC; a bare MPU-6050 takes at most 3.46 V.',
    ],
    driver: {
      files: ['mpu6050.h', 'mpu6050.cpp'],
      header: 'mpu6050.h',
      className: 'harbor::Mpu6050',
      args: ({ bus, options, intervalMs }) => [
        { code: bus ?? '' },
        { hex: options.address as number },
        { uint: options.accel_range as number },
        { uint: options.gyro_range as number },
        { uint: intervalMs },
      ],
    },
    model: {
      files: ['mpu6050_model.h', 'mpu6050_model.cpp'],
      header: 'mpu6050_model.h',
      className: 'harbor::host::Mpu6050Model',
      attach: { kind: 'i2c' },
      args: ({ waves }) => waves.map((w) => ({ wave: w })),
    },
  },
];
