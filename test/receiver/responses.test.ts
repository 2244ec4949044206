/**
 * One scenario per status code of the API reference's response table; the
 * codes are read from the reference, so a row added there without a scenario
 * here fails.
 */
import { describe, expect, it } from 'vitest';
import { KEY, post, receiver, type Answer } from './http-helpers.js';
import { describeWithShared } from '../shared-data.js';
import { responseTableCodes } from './reference.js';

const point = { ship_id: 'esp32-a1b2c3', cargo_id: 'temperature', value: 21.5 };
const failing = (status: number) => receiver({ faults: { failRate: 1, failWith: [status], seed: 3 } });

// Each scenario returns the answers it produced; all must carry the code.
const scenarios: Record<number, () => Promise<Answer[]>> = {
  200: async () => {
    const r = await receiver({ harborIds: ['hb-1'] });
    return [await post(r.url, point), await post(`${r.url}/hb-1`, point)];
  },
  202: async () => {
    const r = await receiver({ harborIds: ['hb-1'] });
    return [await post(`${r.url}/batch`, [point]), await post(`${r.url}/hb-1/batch`, [{ ...point, cargo_id: 'humidity' }])];
  },
  400: async () => {
    const r = await receiver({ maxBatch: 2 });
    return [
      await post(r.url, '{"ship_id": "s", "cargo_id": '),
      await post(r.url, { ...point, value: '21.5' }),
      await post(`${r.url}/batch`, []),
      await post(`${r.url}/batch`, [point, point, point]),
    ];
  },
  401: async () => [await post((await receiver()).url, point, { 'x-api-key': 'not-the-key' })],
  403: async () => {
    const r = await receiver();
    return [await post(r.url, point, { 'x-api-key': '' })];
  },
  404: async () => {
    const r = await receiver({ harborIds: ['hb-1'] });
    return [await post(`${r.url}/hb-2`, point), await post(`${r.url}/hb-2/batch`, [point])];
  },
  422: async () => {
    const r = await receiver();
    return [await post(r.url, [point]), await post(`${r.url}/batch`, point)];
  },
  429: async () => {
    const r = await receiver({ rateLimit: { singlePerSecond: 1, batchPerSecond: 1 }, clock: 'sim' });
    const at = { 'x-harbor-sim-time': '1795000000000' };
    await post(r.url, point, at);
    return [await post(r.url, point, at)];
  },
  500: async () => [await post((await failing(500)).url, point)],
  502: async () => [await post((await failing(502)).url, point)],
  503: async () => [await post((await failing(503)).url, point)],
  504: async () => [await post((await failing(504)).url, point)],
};

describeWithShared('every row of the reference response table', () => {
  const codes = responseTableCodes();

  it('reads the table from the reference', () => {
    expect(codes).toEqual(expect.arrayContaining([200, 202, 400, 401, 403, 404, 422, 429, 500, 503]));
  });

  it.each(codes)('answers %i where the reference says', async (code) => {
    const scenario = scenarios[code];
    if (!scenario) throw new Error(`the reference lists ${code} but no test scenario produces it`);
    const answers = await scenario();
    for (const answer of answers) expect(answer.status).toBe(code);
  });
});

describe('what each answer says', () => {
  it('reports stored points and duplicates on success', async () => {
    const r = await receiver();
    const time = '2026-11-26T10:00:00Z';
    expect((await post(`${r.url}/batch`, [{ ...point, time }, { ...point, time, value: 2 }])).json).toEqual({ stored: 1, duplicates: 1 });
  });

  it('names the record and the field in a 400', async () => {
    const r = await receiver();
    const answer = await post(`${r.url}/batch`, [point, { ...point, ship_id: '' }]);
    expect(answer.json).toEqual({
      error: '$[1].ship_id must be 1 to 100 characters, got 0',
      problems: [{ record: 1, field: 'ship_id', message: '$[1].ship_id must be 1 to 100 characters, got 0' }],
    });
    expect(r.points()).toEqual([]);
  });

  it('tells 403 (missing key) from 401 (wrong key), and checks the key before the body', async () => {
    const r = await receiver();
    const missing = await fetch(r.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(point) });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toEqual({ error: 'the X-API-Key header is missing' });
    const wrong = await post(r.url, 'not even json', { 'x-api-key': `${KEY}x` });
    expect(wrong).toMatchObject({ status: 401, json: { error: 'the API key is not valid for this Harbor' } });
    expect(r.points()).toEqual([]);
  });

  it('accepts any key when none is configured', async () => {
    const r = await receiver({ apiKey: undefined });
    expect((await post(r.url, point, { 'x-api-key': 'anything' })).status).toBe(200);
  });

  it('serves the self-hosted paths always and the cloud paths only for known harbor ids', async () => {
    const r = await receiver({ harborIds: ['hb-1'] });
    expect((await post(`${r.url}/hb-1/ttn`, { end_device_ids: { device_id: 'd' } })).status).toBe(200);
    expect((await post(`${r.url}/hb-2/ttn`, { end_device_ids: { device_id: 'd' } })).json).toEqual({ error: 'no Harbor with id hb-2 at this endpoint' });
    expect((await post(r.url.replace('/api/v2/ingest', '/api/v1/ingest'), point)).status).toBe(404);
    expect((await post(`${r.url}/hb-1/batch/extra`, [point])).status).toBe(404);
  });

  it('answers 405 for other methods and 415 for other content types', async () => {
    const r = await receiver();
    const get = await fetch(r.url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await post(r.url, JSON.stringify(point), { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(r.url, JSON.stringify(point), { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
  });

  it('fails injected 429s with a Retry-After', async () => {
    const r = await receiver({ faults: { failRate: 1, failWith: [429], seed: 9 }, retryAfterForm: 'seconds' });
    const answer = await post(r.url, point);
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
