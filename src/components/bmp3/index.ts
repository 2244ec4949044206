/**
 * Bosch BMP388 and BMP390 on I2C (driver bmp3.h, model bmp3_model.h).
 * Addresses: SDO to GND 0x76, to VDDIO 0x77 (BMP388 datasheet, I2C interface);
 * I2C up to 3.4 MHz, the bus runs at 400 kHz at most; 1.65-3.6 V.
 */
import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

function bosch(kind: 'bmp388' | 'bmp390'): SensorKind {
  const bmp390 = kind === 'bmp390';
  return {
    kind,
    component: 'bmp3',
    title: bmp390 ? 'Bosch BMP390 temperature and pressure' : 'Bosch BMP388 temperature and pressure',
    group: 'climate',
    bus: { kind: 'i2c', addresses: [0x76, 0x77], hz: 400_000 },
    channels: [
      { id: 'temperature', title: 'Temperature', unit: '°C', resolution: 0.01, wave: wave(21, 4, 600) },
      // 24-bit raw values: about 0.02 Pa a count; 0.1 Pa is what the driver promises.
      { id: 'pressure', title: 'Barometric pressure', unit: 'hPa', resolution: 0.001, wave: wave(1013.25, 6, 1200) },
    ],
    options: () => ({}),
    defaultIntervalSeconds: 60,
    minIntervalSeconds: 1,
    supply: '3.3 V',
    // The longest step is set-up: the chip id, 21 bytes of trimming and two writes, 0.9 ms at 400 kHz,
    // 3.4 ms measured on a bus slowed to 100 kHz by another part (SCD30, SPS30),
    // which the generator allows for (sensor-model.ts: blockingMs scales with the bus clock).
    blockingMs: 2,
    wiringNotes: () => [I2C_PULLUPS, 'SDO to GND selects address 0x76, to 3.3 V 0x77; CSB stays high (I2C).'],
    driver: {
      files: ['bmp3.h', 'bmp3.cpp'],
      header: 'bmp3.h',
      className: 'harbor::Bmp3',
      args: ({ bus, options, intervalMs }) => [
        { code: bus ?? '' },
        { hex: options.address as number },
        { code: bmp390 ? 'harbor::Bmp3::Variant::Bmp390' : 'harbor::Bmp3::Variant::Bmp388' },
        { uint: intervalMs },
      ],
    },
    model: {
      files: ['bmp3_model.h', 'bmp3_model.cpp'],
      header: 'bmp3_model.h',
      className: 'harbor::host::Bmp3Model',
      attach: { kind: 'i2c' },
      args: ({ waves }) => [{ bool: bmp390 }, ...waves.map((w) => ({ wave: w }))],
    },
  };
}

export const KINDS: readonly SensorKind[] = [bosch('bmp388'), bosch('bmp390')];
