/**
 * Ultrasonic rangers on a trigger and an echo pin (driver ultrasonic.h, model
 * ultrasonic_model.h): HC-SR04 (datasheet: 5 V, 2 cm - 4 m) and the
 * waterproof JSN-SR04T (datasheet: 5 V, 25 cm - 4.5 m, mode 1).
 */
import { z } from 'zod';

import { wave, type SensorKind } from '../component.js';

const PARTS = {
  hc_sr04: { title: 'HC-SR04 ultrasonic distance', minM: 0.02, maxM: 4.0 },
  jsn_sr04t: { title: 'JSN-SR04T waterproof ultrasonic distance', minM: 0.25, maxM: 4.5 },
} as const;

function ranger(kind: keyof typeof PARTS): SensorKind {
  const part = PARTS[kind];
  return {
    kind,
    component: 'ultrasonic',
    title: part.title,
    group: 'distance',
    bus: {
      kind: 'pins',
      pins: [
        { key: 'trigger', role: 'digital-out', title: 'TRIG' },
        // The echo is timed by a pin interrupt: a pin without one cannot (ESP8266 GPIO 16).
        { key: 'echo', role: 'pulse-in', title: 'ECHO' },
      ],
    },
    channels: [{ id: 'distance', title: 'Distance', unit: 'm', resolution: 0.001, wave: wave(2.0, 1.5, 600) }],
    options: () => ({
      temperature: z.coerce
        .number({ message: 'must be a temperature in °C' })
        .min(-40, { message: 'must be -40 to 70 °C' })
        .max(70, { message: 'must be -40 to 70 °C' })
        .default(20)
        .meta({ description: 'The air\'s temperature in °C, for the speed of sound (default 20: 343.2 m/s).' }),
    }),
    defaultIntervalSeconds: 10,
    // The HC-SR04 datasheet asks for a measurement cycle over 60 ms.
    minIntervalSeconds: 1,
    supply: '5 V',
    // The 10 us trigger; the echo is timed by an interrupt and polled.
    blockingMs: 1,
    wiringNotes: () => [
      'ECHO is a 5 V signal and the board\'s pins take 3.3 V: put a divider on it (1 kΩ from ECHO to the pin, 2 kΩ from the pin to GND). TRIG takes the 3.3 V output as it is.',
      `Range ${part.minM * 100} cm to ${part.maxM} m; nothing in range (no echo) is skipped and counted.`,
    ],
    driver: {
      files: ['ultrasonic.h', 'ultrasonic.cpp'],
      header: 'ultrasonic.h',
      className: 'harbor::Ultrasonic',
      args: ({ pins, options, intervalMs }) => [
        { int: pins.trigger as number },
        { int: pins.echo as number },
        { double: part.minM },
        { double: part.maxM },
        { double: options.temperature as number },
        { uint: intervalMs },
      ],
    },
    model: {
      files: ['ultrasonic_model.h', 'ultrasonic_model.cpp'],
      header: 'ultrasonic_model.h',
      className: 'harbor::host::UltrasonicModel',
      attach: { kind: 'pin', key: 'echo' },
      args: ({ options, waves }) => [{ double: options.temperature as number }, { double: part.maxM + 1 }, { wave: waves[0] ?? wave(0, 0, 1) }],
    },
  };
}

export const KINDS: readonly SensorKind[] = [ranger('hc_sr04'), ranger('jsn_sr04t')];
