/**
 * ROHM BH1750FVI ambient light sensor on I2C (driver bh1750.h, model bh1750_model.h).
 * Addresses: datasheet p. 10 (ADDR low 0x23, high 0x5C); I2C fast mode, 400 kHz (p. 7);
 * H-resolution one-time mode, max. 180 ms (p. 2), 1 lx steps of 1/1.2 count (p. 11).
 */
import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

const BH1750: SensorKind = {
  kind: 'bh1750',
  component: 'bh1750',
  title: 'ROHM BH1750 ambient light',
  group: 'light',
  bus: { kind: 'i2c', addresses: [0x23, 0x5c], hz: 400_000 },
  // One count is 1/1.2 lx.
  channels: [{ id: 'lux', title: 'Illuminance', unit: 'lx', resolution: 0.84, wave: wave(300, 200, 900) }],
  options: () => ({}),
  defaultIntervalSeconds: 60,
  minIntervalSeconds: 1,
  supply: '3.3 V or 5 V',
  // A one-byte command or a two-byte read at 400 kHz: well under a millisecond.
  blockingMs: 1,
  wiringNotes: () => [
    I2C_PULLUPS,
    'ADDR to GND (or open on most breakouts) selects address 0x23, to 3.3 V 0x5C.',
    'Breakouts with a regulator take 3.3-5 V on VCC; a bare BH1750FVI takes at most 3.6 V.',
  ],
  driver: {
    files: ['bh1750.h', 'bh1750.cpp'],
    header: 'bh1750.h',
    className: 'harbor::Bh1750',
    args: ({ bus, options, intervalMs }) => [{ code: bus ?? '' }, { hex: options.address as number }, { uint: intervalMs }],
  },
  model: {
    files: ['bh1750_model.h', 'bh1750_model.cpp'],
    header: 'bh1750_model.h',
    className: 'harbor::host::Bh1750Model',
    attach: { kind: 'i2c' },
    args: ({ waves }) => [{ wave: waves[0] ?? wave(0, 0, 1) }],
  },
};

export const KINDS: readonly SensorKind[] = [BH1750];
