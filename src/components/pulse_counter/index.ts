/**
 * A pulse counter on one pin (driver pulse_counter.h, model
 * pulse_counter_model.h): water, gas and energy meters (S0 outputs, reed
 * contacts), rain gauges, anemometers. Rate and total are pulses times a
 * factor per pulse, so they come out in the meter's own unit.
 */
import { z } from 'zod';

import { PHASE_STEP_MS } from '../../model/sensor-model.js';
import { wave, type SensorKind } from '../component.js';
import { PULL_OPTION, pullArg } from '../pull.js';

const DAY_S = 86_400;
/** The host model's metered total: a day-long sine around its rising zero, rising the first six hours of a run. */
const TOTAL_AMPLITUDE = 6875;
/** Its derivative, per minute: ~30 pulses a minute at boot. */
const RATE_AMPLITUDE = (TOTAL_AMPLITUDE * 2 * Math.PI * 60) / DAY_S;
/** The generator shifts each channel's wave one PHASE_STEP_MS further than the one before; the rate leads the total by a quarter period. */
const CHANNEL_PHASE_STEP_S = PHASE_STEP_MS / 1000;

const EDGE = { falling: 'harbor::platform::Edge::Falling', rising: 'harbor::platform::Edge::Rising', both: 'harbor::platform::Edge::Both' } as const;

export const KINDS: readonly SensorKind[] = [
  {
    kind: 'pulse_counter',
    component: 'pulse_counter',
    title: 'Pulse counter (water, gas or energy meter, rain gauge, anemometer)',
    group: 'inputs',
    bus: { kind: 'pins', pins: [{ key: 'pin', role: 'pulse-in', title: 'pulse' }] },
    channels: [
      // A rate is whole pulses over the interval: at factor=1 and the shortest interval (10 s) a step of 6 a
      // minute (1 at the default 60 s); the total's step is one pulse.
      { id: 'rate', title: 'Rate (factor per minute, or per second)', unit: '/min', resolution: 6, wave: wave(0, RATE_AMPLITUDE, DAY_S, DAY_S / 4 + CHANNEL_PHASE_STEP_S) },
      { id: 'total', title: 'Total since boot (factor per pulse)', unit: '', resolution: 1, wave: wave(TOTAL_AMPLITUDE, TOTAL_AMPLITUDE, DAY_S) },
    ],
    options: () => ({
      factor: z.coerce
        .number({ message: 'must be a number' })
        .positive({ message: 'must be more than 0' })
        .default(1)
        .meta({ description: 'What one pulse is worth: 0.5 for a water meter of 0.5 L a pulse, 0.2794 for a rain gauge of 0.2794 mm a tip; rate and total are multiplied by it.' }),
      per: z.enum(['minute', 'second'], { message: 'must be minute or second' }).default('minute').meta({ description: 'The rate per minute (default) or per second.' }),
      pull: PULL_OPTION,
      edge: z.enum(['falling', 'rising', 'both'], { message: 'must be falling, rising or both' }).default('falling').meta({ description: 'Which edge is a pulse (default falling: a contact closing to GND).' }),
      debounce: z.coerce
        .number({ message: 'must be a number of milliseconds' })
        .min(0, { message: 'must be 0 to 1000 ms' })
        .max(1000, { message: 'must be 0 to 1000 ms' })
        .default(5)
        .meta({ description: 'ms the line must be steady before an edge counts (default 5, enough for a reed contact; pulses come at most every 2 x this).' }),
    }),
    defaultIntervalSeconds: 60,
    // Shorter, a rate would be a few whole pulses: too coarse to mean much.
    minIntervalSeconds: 10,
    supply: '3.3 V or 5 V',
    // Reading a hardware or interrupt counter is a register read.
    blockingMs: 1,
    wiringNotes: () => [
      'A reed contact or an open-collector (S0) output goes between the pin and GND, with pull=up; on long cables, or on a pin without an internal pull-up (ESP32 GPIO 34-39), add 10 kΩ to 3.3 V.',
      'A sensor that drives its output at 5 V (a Hall sensor powered from 5 V) needs a divider to 3.3 V on the pin.',
      'The total starts from 0 at every boot.',
    ],
    driver: {
      files: ['pulse_counter.h', 'pulse_counter.cpp'],
      header: 'pulse_counter.h',
      className: 'harbor::PulseCounter',
      args: ({ options, pins, pulseUnit, intervalMs }) => [
        { uint: pulseUnit ?? 0 },
        { int: pins.pin as number },
        pullArg(options.pull),
        { code: EDGE[options.edge as keyof typeof EDGE] },
        { uint: Math.round((options.debounce as number) * 1000) },
        { double: options.factor as number },
        { uint: options.per === 'second' ? 1000 : 60_000 },
        { uint: intervalMs },
      ],
    },
    model: {
      files: ['pulse_counter_model.h', 'pulse_counter_model.cpp'],
      header: 'pulse_counter_model.h',
      className: 'harbor::host::PulseCounterModel',
      attach: { kind: 'pin', key: 'pin' },
      args: ({ options, waves }) => [{ wave: waves[1] ?? wave(0, 0, 1) }, { double: options.factor as number }],
    },
  },
];
