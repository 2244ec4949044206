/**
 * RFC 3339 times as the Harbor server keys them: microseconds since the epoch.
 * PostgreSQL's timestamptz holds microseconds and the Go server's driver (pgx)
 * truncates nanoseconds, so TTN's nine-digit `received_at` collides exactly
 * where the real table would make it collide.
 *
 * Microseconds are a bigint: a double holds every microsecond only up to 2255,
 * past which `.000017Z` would come back as `.000016Z`. A stored time is written
 * with a four-digit year, so only instants from year 0000 to 9999 in UTC can be
 * written and read back; the receiver refuses others rather than store a line
 * it could not load again.
 */

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The first and last instants a stored time can name. */
export const EARLIEST_STORABLE = '0000-01-01T00:00:00Z';
export const LATEST_STORABLE = '9999-12-31T23:59:59.999999Z';

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Microseconds since 1970-01-01T00:00:00Z, or undefined when `text` is not an RFC 3339 date-time. */
export function parseRfc3339Micros(text: string): bigint | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const monthDays = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  if (monthDays === undefined || day < 1 || day > monthDays) return undefined;
  // Second 60 (leap second) is refused, as Go's time.Parse refuses it.
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (m[8] !== undefined) {
    const offH = Number(m[9]);
    const offM = Number(m[10]);
    if (offH > 23 || offM > 59) return undefined;
    offsetMinutes = (m[8] === '-' ? -1 : 1) * (offH * 60 + offM);
  }
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const micros = BigInt((m[7] ?? '').padEnd(6, '0').slice(0, 6));
  return BigInt(date.getTime()) * 1000n + micros - BigInt(offsetMinutes) * 60_000_000n;
}

const EARLIEST_US = parseRfc3339Micros(EARLIEST_STORABLE) as bigint;
const LATEST_US = parseRfc3339Micros(LATEST_STORABLE) as bigint;

/** True when formatMicros writes `micros` as a time parseRfc3339Micros reads back to the same value. */
export function isStorableMicros(micros: bigint): boolean {
  return micros >= EARLIEST_US && micros <= LATEST_US;
}

/** RFC 3339 in UTC: milliseconds always, microseconds only when there are any. */
export function formatMicros(micros: bigint): string {
  // Floor, not BigInt's truncation, so times before 1970 keep a positive remainder.
  let ms = micros / 1000n;
  if (ms * 1000n > micros) ms -= 1n;
  const rest = Number(micros - ms * 1000n);
  const iso = new Date(Number(ms)).toISOString();
  return rest === 0 ? iso : `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`;
}
