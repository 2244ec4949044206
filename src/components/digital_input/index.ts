/**
 * A door, reed or float switch on a digital input (driver digital_input.h,
 * model digital_input_model.h): 0/1 on a grid, and each debounced change as
 * it happens.
 */
import { z } from 'zod';

import { wave, type SensorKind } from '../component.js';
import { PULL_OPTION, pullArg } from '../pull.js';


/** yes/no from a flag (inverted=true), a boolean from a file. */
const FLAG = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? ({ true: true, yes: true, '1': true, false: false, no: false, '0': false } as Record<string, boolean>)[v.trim().toLowerCase()] ?? v : v),
    z.boolean({ message: 'must be true or false' }),
  );

/** How long the host model's contact chatters after each change. */
const MODEL_BOUNCE_MS = 20;

export const KINDS: readonly SensorKind[] = [
  {
    kind: 'digital_input',
    component: 'digital_input',
    title: 'Door, reed or float switch (digital input)',
    group: 'inputs',
    bus: { kind: 'pins', pins: [{ key: 'pin', role: 'digital-in', title: 'switch' }] },
    // The model is closed (1) while the wave is at or above 0.5: a change a minute.
    channels: [{ id: 'state', title: 'State (0/1)', unit: '', resolution: 1, wave: wave(0.5, 1, 120, 1) }],
    options: () => ({
      pull: PULL_OPTION,
      inverted: FLAG().default(false).meta({ description: 'Send 1 for a low pin (a closed switch to GND) instead of a high one (default false).' }),
      debounce: z.coerce
        .number({ message: 'must be a number of milliseconds' })
        .int({ message: 'must be a whole number of milliseconds' })
        .min(10, { message: 'must be 10 to 10000 ms' })
        .max(10_000, { message: 'must be 10 to 10000 ms' })
        .default(50)
        .meta({ description: 'ms the switch must stay put before a change counts (default 50; the pin is read every 10 ms).' }),
    }),
    defaultIntervalSeconds: 300,
    minIntervalSeconds: 1,
    supply: '3.3 V or 5 V',
    // A pin read every 10 ms.
    blockingMs: 1,
    wiringNotes: () => [
      'A switch between the pin and GND with pull=up (the default); a long cable, or a pin without an internal pull-up (ESP32 GPIO 34-39), needs 10 kΩ to 3.3 V.',
      'A sensor with a 5 V output needs a divider to 3.3 V on the pin.',
      'Each change is sent as it happens (at most one a second), besides the reading every interval.',
    ],
    driver: {
      files: ['digital_input.h', 'digital_input.cpp'],
      header: 'digital_input.h',
      className: 'harbor::DigitalInput',
      args: ({ pins, options, intervalMs }) => [
        { int: pins.pin as number },
        pullArg(options.pull),
        { bool: options.inverted as boolean },
        { uint: options.debounce as number },
        { uint: intervalMs },
      ],
    },
    model: {
      files: ['digital_input_model.h', 'digital_input_model.cpp'],
      header: 'digital_input_model.h',
      className: 'harbor::host::DigitalInputModel',
      attach: { kind: 'pin', key: 'pin' },
      args: ({ waves }) => [{ uint: MODEL_BOUNCE_MS }, { wave: waves[0] ?? wave(0, 0, 1) }],
    },
  },
];
