/**
 * ST VL53L0X and VL53L1X time-of-flight distance sensors on I2C (driver
 * vl53.h, model vl53_model.h): address 0x29 (fixed at power-up), I2C fast
 * mode; breakouts regulate from 3.3 V or 5 V. A minimal driver: the part's
 * defaults without ST's tuning settings or calibration.
 */
import { I2C_PULLUPS, wave, type SensorKind } from '../component.js';

function vl53(kind: 'vl53l0x' | 'vl53l1x'): SensorKind {
  const l1x = kind === 'vl53l1x';
  return {
    kind,
    component: 'vl53',
    title: `ST ${kind.toUpperCase()} time-of-flight distance`,
    group: 'distance',
    bus: { kind: 'i2c', addresses: [0x29], hz: 400_000 },
    channels: [{ id: 'distance', title: 'Distance', unit: 'mm', resolution: 1, wave: wave(800, 400, 600) }],
    options: () => ({}),
    defaultIntervalSeconds: 10,
    // One ranging takes the timing budget (33 ms / 50 ms) and a few polls.
    minIntervalSeconds: 1,
    supply: '3.3 V or 5 V',
    // At 400 kHz: the VL53L0X's set-up (12 register transfers) is its longest step, 1.3 ms on the wire; the VL53L1X's
    // result step (three reads and the clear) 0.5 ms. A bus slowed to 100 kHz by another part takes four times longer.
    blockingMs: l1x ? 1 : 2,
    wiringNotes: () => [
      I2C_PULLUPS,
      `Its address is 0x29 on every part: one ${kind.toUpperCase()} per SDA/SCL pair (XSHUT left high).`,
      `Ranges up to about ${l1x ? '4 m' : '2 m'} with the part's defaults (no ST tuning or calibration here); beyond that, or with no target, the reading is skipped and counted.`,
    ],
    driver: {
      files: ['vl53.h', 'vl53.cpp'],
      header: 'vl53.h',
      className: 'harbor::Vl53',
      args: ({ bus, intervalMs }) => [{ code: bus ?? '' }, { code: l1x ? 'harbor::Vl53::Variant::L1x' : 'harbor::Vl53::Variant::L0x' }, { uint: intervalMs }],
    },
    model: {
      files: ['vl53_model.h', 'vl53_model.cpp'],
      header: 'vl53_model.h',
      className: 'harbor::host::Vl53Model',
      attach: { kind: 'i2c' },
      args: ({ waves }) => [{ bool: l1x }, { wave: waves[0] ?? wave(0, 0, 1) }],
    },
  };
}

export const KINDS: readonly SensorKind[] = [vl53('vl53l0x'), vl53('vl53l1x')];
