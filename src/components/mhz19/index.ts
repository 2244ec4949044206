/**
 * Winsen MH-Z19B and MH-Z19C NDIR CO2 sensors on a UART (driver mhz19.h,
 * model mhz19_model.h): MH-Z19B user manual V1.0 (commands 0x86 and 0x79,
 * checksum, 9600 baud, 4.5-5.5 V supply, 3.3 V UART levels, 3 minutes preheat).
 */
import { z } from 'zod';

import { wave, type SensorKind } from '../component.js';

const SELF_CALIBRATION = () =>
  z
    .enum(['on', 'off'])
    .default('on')
    .meta({ description: 'Automatic baseline correction: every 24 h the lowest reading is taken for 400 ppm. Right outdoors or in rooms aired daily; off where the air never gets fresh.' });

function winsen(kind: 'mhz19b' | 'mhz19c'): SensorKind {
  return {
    kind,
    component: 'mhz19',
    title: `Winsen ${kind === 'mhz19b' ? 'MH-Z19B' : 'MH-Z19C'} CO2 sensor`,
    group: 'air',
    // Every reading is asked for.
    bus: { kind: 'uart', baud: 9600, needsTx: true },
    channels: [{ id: 'co2', title: 'CO2', unit: 'ppm', resolution: 1, wave: wave(650, 150, 1800) }],
    options: () => ({ self_calibration: SELF_CALIBRATION() }),
    defaultIntervalSeconds: 60,
    // It measures about every 5 s.
    minIntervalSeconds: 5,
    supply: '5 V',
    // A step writes at most 2 ms of a command (the ESP8266's software UART) and copies what arrived.
    blockingMs: 2,
    wiringNotes: () => [
      'Vin needs 5 V (4.5-5.5 V); its TX and RX are 3.3 V logic and go straight to the board.',
      'Readings settle after 3 minutes of preheating; the first ones after power-up run low.',
    ],
    driver: {
      files: ['mhz19.h', 'mhz19.cpp'],
      header: 'mhz19.h',
      className: 'harbor::Mhz19',
      args: ({ bus, options, intervalMs }) => [{ code: bus ?? '' }, { bool: options.self_calibration === 'on' }, { uint: intervalMs }],
    },
    model: {
      files: ['mhz19_model.h', 'mhz19_model.cpp'],
      header: 'mhz19_model.h',
      className: 'harbor::host::Mhz19Model',
      attach: { kind: 'uart' },
      args: ({ waves }) => waves.map((w) => ({ wave: w })),
    },
  };
}

export const KINDS: readonly SensorKind[] = [winsen('mhz19b'), winsen('mhz19c')];
