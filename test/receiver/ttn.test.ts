/** The TTN path, fed the uplink sample from the shared reference (read from there, not copied). */
import { expect, it } from 'vitest';
import { post, receiver } from './http-helpers.js';
import { describeWithShared } from '../shared-data.js';
import { readTtnExample } from './reference.js';

type Uplink = Record<string, any>;
const points = (r: Awaited<ReturnType<typeof receiver>>) =>
  Object.fromEntries(r.points().map((p) => [p.cargo_id, { value: p.value, time: p.time, ship: p.ship_id }]));

describeWithShared('TTN uplink webhook', () => {
  it('maps the reference sample exactly as the reference describes', async () => {
    const uplink: Uplink = readTtnExample();
    const r = await receiver({ harborIds: ['hb-ttn'] });
    const answer = await post(`${r.url}/hb-ttn/ttn`, uplink);
    expect(answer.status).toBe(200);

    const device = uplink.end_device_ids.device_id as string;
    const decoded = uplink.uplink_message.decoded_payload as Record<string, unknown>;
    const gateway = uplink.uplink_message.rx_metadata[0];
    const lora = uplink.uplink_message.settings.data_rate.lora;
    const numeric = Object.entries(decoded).filter(([, v]) => typeof v === 'number') as [string, number][];
    expect(numeric.length).toBeGreaterThan(0);
    expect(Object.keys(decoded).length).toBeGreaterThan(numeric.length); // the sample has a non-numeric value to ignore

    // received_at carries nanoseconds; the table keeps microseconds (truncated).
    const [, fraction] = /\.(\d+)Z$/.exec(uplink.received_at as string) ?? [];
    const time = `${(uplink.received_at as string).slice(0, 19)}.${(fraction ?? '').padEnd(6, '0').slice(0, 6)}Z`;
    const expected = Object.fromEntries(
      [
        ...numeric,
        ['rssi', gateway.rssi],
        ['snr', gateway.snr],
        ['channel_rssi', gateway.channel_rssi],
        ['bandwidth', lora.bandwidth],
        ['spreading_factor', lora.spreading_factor],
        ['frequency', Number(uplink.uplink_message.settings.frequency)],
      ].map(([cargo, value]) => [cargo, { value, time, ship: device }]),
    );
    expect(points(r)).toEqual(expected);
    expect(r.points().every((p) => !p.stamped)).toBe(true);
  });

  it('stores the same uplink once when TTN delivers it twice', async () => {
    const r = await receiver();
    await post(`${r.url}/ttn`, readTtnExample());
    const again = await post(`${r.url}/ttn`, readTtnExample());
    expect(again.json).toMatchObject({ stored: 0 });
    expect(r.stats().duplicatesDropped).toBe(again.json.duplicates);
    expect(again.json.duplicates).toBeGreaterThan(0);
  });

  it('refuses an uplink without device_id with 400', async () => {
    const uplink: Uplink = readTtnExample();
    delete uplink.end_device_ids.device_id;
    const r = await receiver();
    const answer = await post(`${r.url}/ttn`, uplink);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatch(/end_device_ids\.device_id is required/);
  });

  it('answers 200 and stores nothing when nothing decoded is numeric', async () => {
    const uplink: Uplink = readTtnExample();
    uplink.uplink_message.decoded_payload = { status: 'ok', ok: true, nested: { t: 1 } };
    const r = await receiver();
    expect((await post(`${r.url}/ttn`, uplink)).status).toBe(200);
    delete uplink.uplink_message.decoded_payload;
    expect((await post(`${r.url}/ttn`, uplink)).status).toBe(200);
    expect(r.points()).toEqual([]);
  });

  it('lets a decoded time override received_at unless it is more than 24 h ahead', async () => {
    const uplink: Uplink = readTtnExample();
    const r = await receiver({ clock: 'sim' });
    const now = Date.parse(uplink.received_at as string);
    const simNow = { 'x-harbor-sim-time': String(now) };
    uplink.uplink_message.decoded_payload = { temperature: 1, time: '2026-11-26T09:00:00Z' };
    await post(`${r.url}/ttn`, uplink, simNow);
    uplink.uplink_message.decoded_payload = { humidity: 2, time: new Date(now + 25 * 3600_000).toISOString() };
    await post(`${r.url}/ttn`, uplink, simNow);
    uplink.uplink_message.decoded_payload = { battery: 3, time: new Date(now + 23 * 3600_000).toISOString() };
    await post(`${r.url}/ttn`, uplink, simNow);
    const byCargo = Object.fromEntries(r.points().map((p) => [p.cargo_id, p.time]));
    expect(byCargo.temperature).toBe('2026-11-26T09:00:00.000Z');
    expect(byCargo.humidity?.slice(0, 23)).toBe((uplink.received_at as string).slice(0, 23));
    expect(byCargo.battery).toBe(new Date(now + 23 * 3600_000).toISOString());
  });

  it('answers 422 for a body that is not an uplink object', async () => {
    const r = await receiver();
    expect((await post(`${r.url}/ttn`, [readTtnExample()])).status).toBe(422);
  });
});
