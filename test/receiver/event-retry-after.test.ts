/** The request event carries the Retry-After the client was given, so an end-to-end test can check it was obeyed. */
import { expect, it } from 'vitest';
import type { RequestEvent } from '../../src/receiver/receiver.js';
import { post, receiver } from './http-helpers.js';

it('records the Retry-After of each 429 in both forms, and none on other answers', async () => {
  const start = Date.parse('2026-11-26T10:00:00Z');
  const events: RequestEvent[] = [];
  const r = await receiver({ clock: 'sim', rateLimit: { singlePerSecond: 1, batchPerSecond: 1 }, onRequest: (e) => events.push(e) });
  const point = { ship_id: 's', cargo_id: 'c', value: 1, time: '2026-11-26T10:00:00Z' };
  const answers = [];
  for (let i = 0; i < 3; i += 1) answers.push(await post(r.url, { ...point, value: i }, { 'x-harbor-sim-time': String(start + i) }));
  expect(events.map((e) => e.status)).toEqual([200, 429, 429]);
  expect(events[0]?.retryAfter).toBeUndefined();
  expect(events.slice(1).map((e) => e.retryAfter)).toEqual(answers.slice(1).map((a) => a.headers.get('retry-after')));
  expect(events[1]?.retryAfter).toBe('1');
  expect(Date.parse(events[2]?.retryAfter ?? '')).toBe(start + 1000);
});
