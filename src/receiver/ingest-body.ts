/**
 * The body rules of the Harbor API reference, as pure functions: JSON value in,
 * points or a precise rejection out. A rejection names the record and the field
 * (`$[3].value`) so a firmware that splits batches can be checked against it.
 */
import { ID_MAX_CHARS, idLength, isValidId } from '../harbor-ids.js';
import { EARLIEST_STORABLE, formatMicros, isStorableMicros, LATEST_STORABLE, parseRfc3339Micros } from './rfc3339.js';

export type IngestKind = 'single' | 'batch' | 'ttn';

/** A point ready for the table: `time` is always set (arrival time when the client sent none). */
export interface StoredPoint {
  time: string;
  ship_id: string;
  cargo_id: string;
  value: number;
  /** True when the receiver supplied the time because the record carried none. */
  stamped: boolean;
}

export interface KeyedPoint extends StoredPoint {
  timeUs: bigint;
}

export interface RecordProblem {
  /** Index in the batch; null for a single point or a TTN uplink. */
  record: number | null;
  field: string | null;
  message: string;
}

export type IngestResult =
  | { ok: true; points: KeyedPoint[]; records: number }
  | { ok: false; status: 400 | 422; message: string; problems: RecordProblem[]; records: number };

const MAX_LISTED_PROBLEMS = 10;

/** Turn a parsed JSON body into points, applying the rules for the single-point or batch path. */
export function parseIngestBody(kind: 'single' | 'batch', body: unknown, arrivalUs: bigint, maxBatch: number): IngestResult {
  if (kind === 'single') {
    if (Array.isArray(body)) {
      return reject(422, [{ record: null, field: null, message: 'this path takes one point as a JSON object; post arrays of points to …/batch' }], 0);
    }
    return checkRecords([body], null, arrivalUs);
  }
  if (!Array.isArray(body)) {
    const message = isObject(body)
      ? 'this path takes a JSON array of points; post a single object to the single-point path'
      : `the body must be a JSON array of points, got ${typeName(body)}`;
    return reject(isObject(body) ? 422 : 400, [{ record: null, field: null, message }], 0);
  }
  if (body.length === 0) {
    return reject(400, [{ record: null, field: null, message: 'the batch is empty: send at least one point' }], 0);
  }
  if (body.length > maxBatch) {
    return reject(400, [{ record: null, field: null, message: `the batch holds ${body.length} points; the limit is ${maxBatch}: split it` }], body.length);
  }
  return checkRecords(body, 0, arrivalUs);
}

/** Validate records; `firstIndex` null marks a single point (no index in messages). */
function checkRecords(records: unknown[], firstIndex: number | null, arrivalUs: bigint): IngestResult {
  const points: KeyedPoint[] = [];
  const problems: RecordProblem[] = [];
  records.forEach((raw, i) => {
    const record = firstIndex === null ? null : firstIndex + i;
    const found = checkPoint(raw, record, arrivalUs);
    if ('problem' in found) problems.push(found.problem);
    else points.push(found.point);
  });
  return problems.length > 0 ? reject(400, problems, records.length) : { ok: true, points, records: records.length };
}

function checkPoint(raw: unknown, record: number | null, arrivalUs: bigint): { point: KeyedPoint } | { problem: RecordProblem } {
  const at = record === null ? '$' : `$[${record}]`;
  const problem = (field: string | null, message: string) => ({ problem: { record, field, message: `${field ? `${at}.${field}` : at} ${message}` } });
  if (!isObject(raw)) return problem(null, `must be a JSON object with ship_id, cargo_id and value, got ${typeName(raw)}`);
  for (const field of ['ship_id', 'cargo_id'] as const) {
    const id = idProblem(raw[field]);
    if (id) return problem(field, id);
  }
  const value = raw.value;
  if (value === undefined) return problem('value', 'is required');
  if (typeof value !== 'number') return problem('value', `must be a JSON number, got ${typeName(value)}`);
  // JSON.parse turns 1e400 into Infinity; a double column cannot hold it.
  if (!Number.isFinite(value)) return problem('value', 'is outside the range of a double');
  let timeUs = arrivalUs;
  const time = raw.time;
  // Go decodes `"time": null` into a nil pointer, i.e. "absent"; so do we.
  if (time !== undefined && time !== null) {
    if (typeof time !== 'string') return problem('time', `must be an RFC 3339 string, got ${typeName(time)}`);
    const parsed = parseRfc3339Micros(time);
    if (parsed === undefined) {
      return problem('time', `must be an RFC 3339 UTC time such as 2026-11-26T10:00:00.123Z, got ${JSON.stringify(time.slice(0, 40))}`);
    }
    if (!isStorableMicros(parsed)) return problem('time', `must fall between ${EARLIEST_STORABLE} and ${LATEST_STORABLE}, got ${JSON.stringify(time)}`);
    timeUs = parsed;
  }
  const stamped = time === undefined || time === null;
  return { point: { timeUs, time: formatMicros(timeUs), ship_id: raw.ship_id as string, cargo_id: raw.cargo_id as string, value, stamped } };
}

/** Why `value` is not a valid ship_id/cargo_id, or undefined when it is. */
export function idProblem(value: unknown): string | undefined {
  if (value === undefined) return 'is required';
  if (typeof value !== 'string') return `must be a string, got ${typeName(value)}`;
  const chars = idLength(value);
  if (!isValidId(value)) return `must be 1 to ${ID_MAX_CHARS} characters, got ${chars}`;
  return undefined;
}

export function reject(status: 400 | 422, problems: RecordProblem[], records: number): IngestResult {
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return { ok: false, status, message: `${first?.message ?? 'the body was refused'}${more}`, problems: problems.slice(0, MAX_LISTED_PROBLEMS), records };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
