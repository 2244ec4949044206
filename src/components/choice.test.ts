// What a user sees for an option that takes one of a few values: the value
// given on --sensor is taken as a number, the default fills a missing one,
// and anything else is refused with the list (and unit) of what it may be.
import { describe, expect, it } from 'vitest';

import { numberChoice } from './choice.js';

describe('numberChoice', () => {
  const integration = numberChoice([13.7, 101, 402], 402, 'Integration time', 'ms');

  it('takes one of its values, typed as text on the command line', () => {
    expect(integration.parse('13.7')).toBe(13.7);
    expect(integration.parse(101)).toBe(101);
    expect(integration.parse(undefined)).toBe(402);
  });

  it('refuses any other value, listing the values and their unit', () => {
    expect(integration.safeParse('100').error?.issues[0]?.message).toBe('must be 13.7, 101 or 402 (ms)');
    expect(numberChoice([1, 16], 1, 'Gain').safeParse('2').error?.issues[0]?.message).toBe('must be 1 or 16');
  });
});
