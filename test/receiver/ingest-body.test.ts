import { describe, expect, it } from 'vitest';
import { parseIngestBody, type IngestResult } from '../../src/receiver/ingest-body.js';
import { formatMicros, parseRfc3339Micros } from '../../src/receiver/rfc3339.js';

const ARRIVAL_US = BigInt(Date.parse('2026-11-26T10:00:00.000Z')) * 1000n;
const good = { ship_id: 'esp32-a1b2c3', cargo_id: 'temperature', value: 21.5 };

function single(body: unknown): IngestResult {
  return parseIngestBody('single', body, ARRIVAL_US, 1000);
}
function batch(body: unknown, maxBatch = 1000): IngestResult {
  return parseIngestBody('batch', body, ARRIVAL_US, maxBatch);
}
function refusal(result: IngestResult) {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.points)}`);
  return result;
}

describe('single point body rules', () => {
  it('accepts a point without time and stamps it with the arrival time', () => {
    const result = single(good);
    expect(result).toMatchObject({ ok: true, records: 1 });
    expect(result.ok && result.points).toEqual([
      { ...good, time: '2026-11-26T10:00:00.000Z', timeUs: ARRIVAL_US, stamped: true },
    ]);
  });

  it('keeps a given RFC 3339 time, normalised to UTC', () => {
    const result = single({ ...good, time: '2026-11-26T12:30:00.123+02:00' });
    expect(result.ok && result.points[0]).toMatchObject({ time: '2026-11-26T10:30:00.123Z', stamped: false });
  });

  it.each([
    [{ cargo_id: 'c', value: 1 }, 'ship_id', '$.ship_id is required'],
    [{ ship_id: 7, cargo_id: 'c', value: 1 }, 'ship_id', '$.ship_id must be a string, got a number'],
    [{ ship_id: '', cargo_id: 'c', value: 1 }, 'ship_id', '$.ship_id must be 1 to 100 characters, got 0'],
    [{ ship_id: 's', cargo_id: 'x'.repeat(101), value: 1 }, 'cargo_id', '$.cargo_id must be 1 to 100 characters, got 101'],
    [{ ship_id: 's', cargo_id: 'c' }, 'value', '$.value is required'],
    [{ ship_id: 's', cargo_id: 'c', value: null }, 'value', '$.value must be a JSON number, got null'],
    [{ ship_id: 's', cargo_id: 'c', value: '21.5' }, 'value', '$.value must be a JSON number, got a string'],
    [{ ship_id: 's', cargo_id: 'c', value: true }, 'value', '$.value must be a JSON number, got a boolean'],
    [{ ship_id: 's', cargo_id: 'c', value: 1, time: 1732615200 }, 'time', '$.time must be an RFC 3339 string, got a number'],
  ])('refuses %j naming field %s', (body, field, message) => {
    const result = refusal(single(body));
    expect(result.status).toBe(400);
    expect(result.problems).toEqual([{ record: null, field, message }]);
    expect(result.message).toBe(message);
  });

  it('refuses a value too large for a double (JSON.parse yields Infinity)', () => {
    const result = refusal(single(JSON.parse('{"ship_id":"s","cargo_id":"c","value":1e400}')));
    expect(result.problems[0]).toMatchObject({ field: 'value', message: '$.value is outside the range of a double' });
  });

  it('counts characters, not UTF-16 units, against the 100-character limit', () => {
    expect(single({ ...good, ship_id: '🌡'.repeat(100) }).ok).toBe(true);
    expect(refusal(single({ ...good, ship_id: '🌡'.repeat(101) })).problems[0]?.field).toBe('ship_id');
  });

  it.each(['2026-11-26', '2026-11-26T10:00:00', '2026-11-26 10:00:00Z', '2026-02-29T00:00:00Z', '2026-11-26T24:00:00Z', '2026-11-26T10:00:60Z', 'yesterday'])(
    'refuses the time %s',
    (time) => {
      expect(refusal(single({ ...good, time })).problems[0]).toMatchObject({ field: 'time' });
    },
  );

  it('treats "time": null as absent, as the Go server decodes it', () => {
    expect(single({ ...good, time: null })).toMatchObject({ ok: true, points: [{ stamped: true }] });
  });

  it('answers 422 for an array on the single-point path and 400 for a non-object', () => {
    expect(refusal(single([good])).status).toBe(422);
    expect(refusal(single(42))).toMatchObject({ status: 400, message: '$ must be a JSON object with ship_id, cargo_id and value, got a number' });
  });
});

describe('batch body rules', () => {
  it('names the record and the field of every bad record', () => {
    const result = refusal(batch([good, { ...good, value: null }, good, { ...good, cargo_id: 5 }]));
    expect(result.status).toBe(400);
    expect(result.problems).toEqual([
      { record: 1, field: 'value', message: '$[1].value must be a JSON number, got null' },
      { record: 3, field: 'cargo_id', message: '$[3].cargo_id must be a string, got a number' },
    ]);
    expect(result.message).toBe('$[1].value must be a JSON number, got null (and 1 more)');
    expect(result.records).toBe(4);
  });

  it('refuses an empty batch and one over the limit', () => {
    expect(refusal(batch([]))).toMatchObject({ status: 400, message: 'the batch is empty: send at least one point' });
    expect(refusal(batch([good, good, good], 2))).toMatchObject({ status: 400, message: 'the batch holds 3 points; the limit is 2: split it' });
    expect(batch([good, good], 2).ok).toBe(true);
  });

  it('answers 422 for a single object on the batch path', () => {
    expect(refusal(batch(good)).status).toBe(422);
  });

  it('stamps every timeless record of one batch with the same arrival time', () => {
    const result = batch([good, { ...good, cargo_id: 'humidity' }, { ...good, time: '2026-11-26T09:00:00Z' }]);
    expect(result.ok && result.points.map((p) => p.time)).toEqual([
      '2026-11-26T10:00:00.000Z',
      '2026-11-26T10:00:00.000Z',
      '2026-11-26T09:00:00.000Z',
    ]);
  });
});

describe('RFC 3339 times', () => {
  it('keeps microseconds and truncates nanoseconds, as timestamptz via pgx does', () => {
    const us = parseRfc3339Micros('2026-11-26T09:41:12.512345678Z');
    expect(us).toBe(BigInt(Date.parse('2026-11-26T09:41:12.512Z')) * 1000n + 345n);
    expect(formatMicros(us as bigint)).toBe('2026-11-26T09:41:12.512345Z');
  });

  it('treats equal instants written differently as one key', () => {
    expect(parseRfc3339Micros('2026-11-26T10:00:00.1Z')).toBe(parseRfc3339Micros('2026-11-26T11:00:00.100000+01:00'));
  });

  it('knows leap years and early years', () => {
    expect(parseRfc3339Micros('2028-02-29T00:00:00Z')).toBe(BigInt(Date.parse('2028-02-29T00:00:00Z')) * 1000n);
    expect(parseRfc3339Micros('2100-02-29T00:00:00Z')).toBeUndefined();
    expect(formatMicros(parseRfc3339Micros('0050-01-01T00:00:00Z') as bigint)).toBe('0050-01-01T00:00:00.000Z');
  });
});
