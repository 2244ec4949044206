/**
 * The pull= option of kinds that read a pin (pulse counters, switches): the
 * internal pull the pin gets, as the platform's harbor::platform::Pull.
 */
import { z } from 'zod';

import type { CppArg } from './component.js';

const PULL_CODES = { up: 'harbor::platform::Pull::Up', down: 'harbor::platform::Pull::Down', none: 'harbor::platform::Pull::None' } as const;

export const PULL_OPTION = z
  .enum(['up', 'down', 'none'], { message: 'must be up, down or none' })
  .default('up')
  .meta({ description: "The pin's internal pull: up (default) for a contact or an open-collector output to GND." });

/** The driver's argument for an answer's pull=. */
export function pullArg(pull: unknown): CppArg {
  return { code: PULL_CODES[pull as keyof typeof PULL_CODES] };
}
