/**
 * A numeric sensor option that takes one of a few values (a gain, an
 * integration time, a sample rate), with the message that lists them.
 */
import { z } from 'zod';

/** "1, 2 or 4", with " (ms)" when a unit is given. */
function listed(values: readonly number[], unit: string): string {
  const words = values.map(String);
  const text = words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : (words[0] ?? '');
  return unit ? `${text} (${unit})` : text;
}

export function numberChoice(values: readonly number[], fallback: number, description: string, unit = '') {
  return z.coerce
    .number()
    .refine((n) => values.includes(n), { message: `must be ${listed(values, unit)}` })
    .default(fallback)
    .meta({ description });
}
