/** The live request line, the exit summary, and the flag parsers the CLI uses. */
import { describe, expect, it } from 'vitest';
import { HarborError } from '../../src/errors.js';
import { formatRequestLine, formatSummary, parseDuration, parseOutage, type RequestEvent } from '../../src/receiver/receiver.js';
import { KEY, post, receiver } from './http-helpers.js';

async function eventsOf(send: (url: string) => Promise<unknown>, options = {}): Promise<RequestEvent[]> {
  const events: RequestEvent[] = [];
  const r = await receiver({ ...options, onRequest: (event) => events.push(event) });
  await send(r.url);
  return events;
}

describe('formatRequestLine', () => {
  it('shows status, records, ship, cargo and latency for an accepted batch', async () => {
    const time = '2026-11-26T10:00:00Z';
    const [event] = await eventsOf((url) =>
      post(`${url}/batch`, [
        { ship_id: 'esp32-a1b2c3', cargo_id: 'temperature', value: 1, time },
        { ship_id: 'esp32-a1b2c3', cargo_id: 'humidity', value: 2, time },
        { ship_id: 'esp32-a1b2c3', cargo_id: 'humidity', value: 3, time },
      ]),
    );
    expect(event).toMatchObject({ status: 202, kind: 'batch', records: 3, stored: 2, duplicates: 1, ships: ['esp32-a1b2c3'], cargos: ['temperature', 'humidity'] });
    expect(formatRequestLine(event as RequestEvent)).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3}  202 batch  3 records \(2 stored, 1 duplicate\)  ship esp32-a1b2c3  cargo temperature,humidity  \d+ ms$/,
    );
  });

  it('shows why a request was refused, and never the key', async () => {
    const events = await eventsOf(async (url) => {
      await post(url, { ship_id: 's', cargo_id: 'c', value: null });
      await post(url, { ship_id: 's', cargo_id: 'c', value: 1 }, { 'x-api-key': `${KEY}-wrong` });
    });
    const lines = events.map((e) => formatRequestLine(e));
    expect(lines[0]).toMatch(/ 400 single  \$\.value must be a JSON number, got null  \d+ ms$/);
    expect(lines[1]).toMatch(/ 401 single  the API key is not valid for this Harbor  \d+ ms$/);
    expect(lines.join('\n')).not.toContain(KEY);
  });

  it('marks a dropped connection and shortens long lists', () => {
    const event: RequestEvent = {
      at: '2026-11-26T10:00:00.123Z', method: 'POST', path: '/api/v2/ingest/batch', kind: 'batch', harborId: undefined,
      status: undefined, dropped: true, records: 5, stored: 5, duplicates: 0, ships: ['a'], cargos: ['c1', 'c2', 'c3', 'c4', 'c5'],
      latencyMs: 7, error: undefined,
    };
    expect(formatRequestLine(event)).toBe('10:00:00.123  DROP batch  5 records  ship a  cargo c1,c2,c3 +2  connection dropped without an answer  7 ms');
  });
});

describe('formatSummary', () => {
  it('sums up a run', async () => {
    const r = await receiver();
    await post(`${r.url}/batch`, [{ ship_id: 's', cargo_id: 'c', value: 1 }, { ship_id: 's', cargo_id: 'c', value: 2 }]);
    await post(r.url, { ship_id: 's', cargo_id: 'c' });
    const summary = formatSummary(r.stats());
    expect(summary.split('\n')).toEqual([
      'Requests: 2 (202: 1, 400: 1)',
      'Points stored: 1; duplicates dropped: 1',
      expect.stringMatching(/^Connections opened: [12]$/),
      expect.stringMatching(/^Bytes received: \d+ B$/),
    ]);
  });
});

describe('parseDuration and parseOutage', () => {
  it.each([
    ['1500ms', 1500],
    ['30s', 30_000],
    ['10m', 600_000],
    ['1.5h', 5_400_000],
    [' 2s ', 2000],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '30', 's', '-5s', '5 s', '5d', '1e3ms'])('refuses %j as a usage error', (text) => {
    expect(() => parseDuration(text)).toThrow(HarborError);
    try {
      parseDuration(text);
    } catch (error) {
      expect((error as HarborError).exitCode).toBe(2);
    }
  });

  it('reads an outage window', () => {
    expect(parseOutage('2m:4m')).toEqual({ fromMs: 120_000, toMs: 240_000 });
    expect(parseOutage('0s:1500ms')).toEqual({ fromMs: 0, toMs: 1500 });
  });

  it.each(['2m', '4m:2m', '2m:2m', '2m:4m:6m', 'a:b'])('refuses the outage %j', (text) => {
    expect(() => parseOutage(text)).toThrow(HarborError);
  });
});

describe('receiver settings', () => {
  it.each([
    [{ faults: { failRate: 1.5 } }, /faults\.failRate must be between 0 and 1/],
    [{ faults: { failWith: [200] } }, /faults\.failWith must be a whole number from 400 to 599/],
    [{ maxBatch: 0 }, /maxBatch must be a whole number/],
    [{ port: 70000 }, /port must be a whole number from 0 to 65535/],
  ])('refuses %j as a usage error', async (options, message) => {
    await expect(receiver(options)).rejects.toThrow(message);
  });
});
