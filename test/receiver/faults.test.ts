/** Seeded fault injection, simulated outages, rate limits and both Retry-After forms. */
import { describe, expect, it } from 'vitest';
import { FaultPlan } from '../../src/receiver/fault-plan.js';
import { post, receiver } from './http-helpers.js';

const point = (value: number) => ({ ship_id: 'esp32-a1b2c3', cargo_id: 'temperature', value, time: new Date(Date.UTC(2026, 10, 26, 10, 0, 0, value)).toISOString() });

/** Statuses of `count` sequential requests; 0 where the connection was dropped. */
async function statuses(url: string, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i += 1) {
    out.push(await post(url, point(i)).then((a) => a.status, () => 0));
  }
  return out;
}

describe('fault injection', () => {
  it('fails about failRate of the requests, with the chosen statuses, the same way for the same seed', async () => {
    const faults = { failRate: 0.3, failWith: [500, 503, 429], seed: 42 };
    const first = await statuses((await receiver({ faults })).url, 300);
    const second = await statuses((await receiver({ faults })).url, 300);
    const otherSeed = await statuses((await receiver({ faults: { ...faults, seed: 43 } })).url, 300);

    expect(second).toEqual(first);
    expect(otherSeed).not.toEqual(first);
    const failed = first.filter((s) => s !== 200);
    // 300 draws at p = 0.3: mean 90, sd ~7.9; 60..120 is beyond 3.5 sd.
    expect(failed.length).toBeGreaterThan(60);
    expect(failed.length).toBeLessThan(120);
    expect(new Set(failed)).toEqual(new Set([500, 503, 429]));
  });

  it('stores nothing from a failed request', async () => {
    const r = await receiver({ faults: { failRate: 0.5, seed: 7 } });
    const result = await statuses(r.url, 40);
    expect(r.points().map((p) => p.value)).toEqual(result.flatMap((s, i) => (s === 200 ? [i] : [])));
  });

  it('drops about dropConnections of the connections without an answer, after storing the points', async () => {
    const r = await receiver({ faults: { dropConnections: 0.25, seed: 5 } });
    const result = await statuses(r.url, 200);
    const dropped = result.filter((s) => s === 0).length;
    // mean 50, sd ~6.1
    expect(dropped).toBeGreaterThan(30);
    expect(dropped).toBeLessThan(70);
    expect(result.every((s) => s === 0 || s === 200)).toBe(true);
    expect(r.stats().dropped).toBe(dropped);
    // The answer is what got lost: every point is stored, so a retry must collapse into a duplicate.
    expect(r.points()).toHaveLength(200);
    expect((await post(r.url, point(result.indexOf(0)))).json).toMatchObject({ duplicates: 1 });
  });

  it('delays every answer by latencyMs', async () => {
    const r = await receiver({ faults: { latencyMs: 150 } });
    const started = performance.now();
    expect((await post(r.url, point(1))).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('draws the same fates for the same seed, independent of what came before', () => {
    const a = new FaultPlan({ failRate: 0.5, dropConnections: 0.5, seed: 11 });
    const b = new FaultPlan({ failRate: 0.5, dropConnections: 0.5, seed: 11 });
    const fatesA = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(fatesA);
    expect(fatesA.some((f) => f.failWith !== undefined) && fatesA.some((f) => f.failWith === undefined)).toBe(true);
  });
});

describe('simulated clock', () => {
  const start = Date.parse('2026-11-26T10:00:00Z');
  const at = (ms: number) => ({ 'x-harbor-sim-time': String(start + ms) });

  it('answers 503 during an outage, counted from the given sim start', async () => {
    const r = await receiver({ clock: 'sim', simStartMs: start, faults: { outages: [{ fromMs: 120_000, toMs: 240_000 }] } });
    const timeline = [0, 119_999, 120_000, 200_000, 239_999, 240_000, 600_000];
    const result: number[] = [];
    for (const ms of timeline) result.push((await post(r.url, point(ms % 1000), at(ms))).status);
    expect(result).toEqual([200, 200, 503, 503, 503, 200, 200]);
  });

  it('counts outages from the first sim time seen when no start is given', async () => {
    const r = await receiver({ clock: 'sim', faults: { outages: [{ fromMs: 60_000, toMs: 61_000 }] } });
    expect((await post(r.url, point(1), at(500_000))).status).toBe(200);
    expect((await post(r.url, point(2), at(560_500))).status).toBe(503);
    expect((await post(r.url, point(3), at(561_000))).status).toBe(200);
  });

  it('ignores the sim-time header on the wall clock', async () => {
    const r = await receiver({ faults: { outages: [{ fromMs: 60_000, toMs: 120_000 }] } });
    expect((await post(r.url, { ...point(1), time: undefined }, at(90_000))).status).toBe(200);
    expect(Math.abs(Date.parse(r.points()[0]?.time ?? '') - Date.now())).toBeLessThan(5000);
  });
});

describe('rate limits', () => {
  const now = Date.parse('2026-11-26T10:00:00.250Z');
  const at = (ms: number) => ({ 'x-harbor-sim-time': String(now + ms) });

  it('limits single and batch requests per second, separately', async () => {
    const r = await receiver({ clock: 'sim', rateLimit: { singlePerSecond: 2, batchPerSecond: 1 } });
    const single = async (ms: number) => (await post(r.url, point(ms), at(ms))).status;
    const batch = async (ms: number) => (await post(`${r.url}/batch`, [point(ms + 1)], at(ms))).status;
    expect([await single(0), await single(10), await single(20)]).toEqual([200, 200, 429]);
    expect([await batch(30), await batch(40)]).toEqual([202, 429]);
    // The next second opens fresh windows.
    expect([await single(750), await batch(760)]).toEqual([200, 202]);
  });

  it('carries Retry-After in seconds and as an HTTP date, alternating by default', async () => {
    const r = await receiver({ clock: 'sim', rateLimit: { singlePerSecond: 1, batchPerSecond: 1 } });
    await post(r.url, point(0), at(0));
    const first = await post(r.url, point(1), at(1));
    const second = await post(r.url, point(2), at(2));
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    // The window reopens at the next whole second of sim time.
    const date = second.headers.get('retry-after') ?? '';
    expect(date).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(Date.parse(date)).toBe(Math.floor(now / 1000) * 1000 + 1000);
  });

  it('uses one form only when asked', async () => {
    for (const form of ['seconds', 'date'] as const) {
      const r = await receiver({ clock: 'sim', retryAfterForm: form, rateLimit: { singlePerSecond: 0, batchPerSecond: 0 } });
      const values = [];
      for (let i = 0; i < 3; i += 1) values.push((await post(r.url, point(i), at(i))).headers.get('retry-after'));
      expect(values.every((v) => (form === 'seconds' ? /^\d+$/.test(v ?? '') : Number.isNaN(Number(v)) && !Number.isNaN(Date.parse(v ?? ''))))).toBe(true);
    }
  });

  it('gives injected 429s a Retry-After too', async () => {
    const r = await receiver({ clock: 'sim', faults: { failRate: 1, failWith: [429], seed: 1 } });
    const answers = [await post(r.url, point(0), at(0)), await post(r.url, point(1), at(0))];
    const [secondsForm = '', dateForm = ''] = answers.map((a) => a.headers.get('retry-after') ?? '');
    expect(Number(secondsForm)).toBeGreaterThanOrEqual(1);
    expect(Number(secondsForm)).toBeLessThanOrEqual(3);
    expect(Date.parse(dateForm) - now).toBeGreaterThanOrEqual(1000);
    expect(Date.parse(dateForm) - now).toBeLessThanOrEqual(4000);
  });
});
