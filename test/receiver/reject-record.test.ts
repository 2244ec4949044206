/** The test-only rejectRecord fault: a batch holding one chosen point is refused whole, as a bad record makes the Harbor refuse it. */
import { describe, expect, it } from 'vitest';
import { post, receiver } from './http-helpers.js';

const at = (second: number) => new Date(Date.UTC(2026, 10, 26, 10, 0, second)).toISOString();
const point = (second: number, cargo = 'temperature') => ({ ship_id: 'esp32-a1b2c3', cargo_id: cargo, value: second, time: at(second) });
const poison = at(3);

describe('rejectRecord', () => {
  it('refuses a batch holding the chosen point with 400 naming it, and stores nothing from that batch', async () => {
    const r = await receiver({ faults: { rejectRecord: (p) => p.cargo_id === 'humidity' && p.time === poison } });
    const refused = await post(`${r.url}/batch`, [point(1), point(2, 'humidity'), point(3, 'humidity'), point(4)]);
    expect(refused.status).toBe(400);
    expect(refused.json.problems).toEqual([{ record: 2, field: null, message: 'refused by the rejectRecord fault' }]);
    expect(r.points()).toEqual([]);

    // The same time under another cargo is a different point, and a batch without the chosen one is stored.
    expect((await post(`${r.url}/batch`, [point(1), point(2, 'humidity'), point(3)])).status).toBe(202);
    expect((await post(`${r.url}/batch`, [point(3, 'humidity')])).status).toBe(400);
    expect(r.points().map((p) => `${p.cargo_id}@${p.value}`)).toEqual(['temperature@1', 'humidity@2', 'temperature@3']);
    expect(r.stats().byStatus).toEqual({ '202': 1, '400': 2 });
  });

  it('refuses a single point the same way', async () => {
    const r = await receiver({ faults: { rejectRecord: (p) => p.value === 7 } });
    const refused = await post(r.url, point(7));
    expect(refused.status).toBe(400);
    expect(refused.json.problems).toEqual([{ record: null, field: null, message: 'refused by the rejectRecord fault' }]);
    expect((await post(r.url, point(8))).status).toBe(200);
    expect(r.points()).toHaveLength(1);
  });
});
