/**
 * Avia HX711 load-cell amplifier on two pins (driver hx711.h, model
 * hx711_model.h): channel A at gain 128 or 64, channel B at 32, 10 samples a
 * second (RATE low).
 * Datasheet: supply 2.6-5.5 V, full scale +-0.5 (AVDD / gain).
 */
import { z } from 'zod';

import { numberChoice } from '../choice.js';
import { wave, type SensorKind } from '../component.js';

export const KINDS: readonly SensorKind[] = [
  {
    kind: 'hx711',
    component: 'hx711',
    title: 'HX711 load-cell amplifier (scales)',
    group: 'weight',
    bus: {
      kind: 'pins',
      pins: [
        { key: 'dout', role: 'digital-in', title: 'DOUT' },
        { key: 'sck', role: 'digital-out', title: 'SCK' },
      ],
    },
    // Resolution at scale=1: one count; a calibrated scale reports 1/scale steps.
    channels: [{ id: 'weight', title: 'Weight (in the unit scale= counts)', unit: 'g', resolution: 1, wave: wave(2500, 2000, 600) }],
    options: () => ({
      tare: z.coerce.number({ message: 'must be a number of counts' }).default(0).meta({ description: 'The raw reading with nothing on the scale (default 0).' }),
      scale: z.coerce
        .number({ message: 'must be a number of counts' })
        .refine((n) => n !== 0, { message: 'must not be 0' })
        .default(1)
        .meta({ description: 'Counts per gram (or your unit): (raw with a known weight - tare) / that weight (default 1: raw counts).' }),
      gain: numberChoice([128, 64, 32], 128, 'The amplifier gain: 128 or 64 read channel A (A+/A-), 32 reads channel B (B+/B-) (default 128).'),
    }),
    defaultIntervalSeconds: 10,
    minIntervalSeconds: 1,
    supply: '3.3 V or 5 V',
    // A DOUT read and 25 clock pulses of 2 us; the platform holds the CPU under 1 ms.
    blockingMs: 1,
    wiringNotes: () => [
      'Load cell: red to E+, black to E-, white to A-, green to A+ (swap A- and A+ if weights read negative).',
      'Power the board\'s VDD (logic) from 3.3 V so DOUT stays at 3.3 V; VCC (the bridge) may be 5 V on breakouts that split them.',
      'RATE to GND (10 samples a second), as most breakouts wire it. Calibrate: read raw with nothing on it (tare=), then with a known weight.',
    ],
    driver: {
      files: ['hx711.h', 'hx711.cpp'],
      header: 'hx711.h',
      className: 'harbor::Hx711',
      args: ({ pins, options, intervalMs }) => [{ int: pins.dout as number }, { int: pins.sck as number }, { double: options.tare as number }, { double: options.scale as number }, { uint: options.gain as number }, { uint: intervalMs }],
    },
    model: {
      files: ['hx711_model.h', 'hx711_model.cpp'],
      header: 'hx711_model.h',
      className: 'harbor::host::Hx711Model',
      attach: { kind: 'pin', key: 'dout' },
      args: ({ options, waves }) => [{ double: options.tare as number }, { double: options.scale as number }, { uint: options.gain as number }, { wave: waves[0] ?? wave(0, 0, 1) }],
    },
  },
];
