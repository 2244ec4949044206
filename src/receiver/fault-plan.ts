/**
 * Deterministic trouble for firmware tests: given a seed, the n-th request
 * always meets the same fate, so a failing firmware test can be replayed.
 */

export interface Outage {
  fromMs: number;
  toMs: number;
}

export interface FaultOptions {
  /** Fraction (0..1) of requests answered with one of `failWith`. */
  failRate?: number;
  /** Statuses a failing request gets, picked at random (default 500 and 503). */
  failWith?: number[];
  /** Added before every answer. */
  latencyMs?: number;
  /** Fraction (0..1) of requests whose socket is destroyed instead of answered. */
  dropConnections?: number;
  /** Windows, relative to the start of the receiver clock, in which every request gets 503. */
  outages?: Outage[];
  /**
   * Windows in which requests are read but never answered, as a hung server
   * does: the client waits for its own timeout. The request is not stored.
   */
  silences?: Outage[];
  seed?: number;
  /**
   * Test-only, from code (no CLI flag): a batch holding a point this returns true
   * for is refused with 400, as the Harbor refuses a batch with one bad record.
   * The firmware never writes a bad record itself; this lets a test check that
   * it splits such a batch and drops that record alone.
   */
  rejectRecord?: (point: RejectablePoint) => boolean;
}

/** What rejectRecord sees: a point as it would be stored. */
export interface RejectablePoint {
  time: string;
  ship_id: string;
  cargo_id: string;
  value: number;
}

export interface Fate {
  /** Status to fail with, or undefined. */
  failWith: number | undefined;
  /** Destroy the socket instead of answering (after the points are stored: the answer is what gets lost). */
  drop: boolean;
  /** Seconds a failing 429 asks the client to wait (1..3). */
  retryAfterSeconds: number;
}

const DEFAULT_FAIL_WITH = [500, 503];

export class FaultPlan {
  private readonly random: () => number;

  constructor(private readonly options: FaultOptions = {}) {
    this.random = mulberry32(options.seed ?? 1);
  }

  /** The next request's fate. Always draws the same count of numbers, so one fate never shifts the next. */
  next(): Fate {
    const failDraw = this.random();
    const pickDraw = this.random();
    const dropDraw = this.random();
    const waitDraw = this.random();
    const failWith = this.options.failWith?.length ? this.options.failWith : DEFAULT_FAIL_WITH;
    return {
      failWith: failDraw < (this.options.failRate ?? 0) ? failWith[Math.floor(pickDraw * failWith.length)] : undefined,
      drop: dropDraw < (this.options.dropConnections ?? 0),
      retryAfterSeconds: 1 + Math.floor(waitDraw * 3),
    };
  }

  /** Index of the first point rejectRecord refuses, or -1. */
  firstRejected(points: readonly RejectablePoint[]): number {
    const reject = this.options.rejectRecord;
    return reject ? points.findIndex((point) => reject({ time: point.time, ship_id: point.ship_id, cargo_id: point.cargo_id, value: point.value })) : -1;
  }

  inOutage(sinceStartMs: number): boolean {
    return (this.options.outages ?? []).some((outage) => sinceStartMs >= outage.fromMs && sinceStartMs < outage.toMs);
  }

  inSilence(sinceStartMs: number): boolean {
    return (this.options.silences ?? []).some((w) => sinceStartMs >= w.fromMs && sinceStartMs < w.toMs);
  }

  get latencyMs(): number {
    return this.options.latencyMs ?? 0;
  }
}

/** Small, fast, seedable PRNG (public-domain mulberry32); uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RateLimit {
  singlePerSecond: number;
  batchPerSecond: number;
}

/** Fixed one-second windows, one per request class, as Harbor's per-second plan limits. */
export class RateLimiter {
  private readonly windows = new Map<'single' | 'batch', { second: number; count: number }>();

  constructor(private readonly limit: RateLimit | undefined) {}

  /** Undefined when the request may pass; otherwise the epoch ms at which the window reopens. */
  take(kind: 'single' | 'batch', nowMs: number): number | undefined {
    if (!this.limit) return undefined;
    const max = kind === 'batch' ? this.limit.batchPerSecond : this.limit.singlePerSecond;
    const second = Math.floor(nowMs / 1000);
    const window = this.windows.get(kind);
    if (!window || window.second !== second) {
      this.windows.set(kind, { second, count: 1 });
      return max >= 1 ? undefined : (second + 1) * 1000;
    }
    if (window.count >= max) return (second + 1) * 1000;
    window.count += 1;
    return undefined;
  }
}

export type RetryAfterForm = 'seconds' | 'date' | 'alternate';

/** Retry-After values in both RFC 9110 forms; 'alternate' switches at every 429 so firmware meets both. */
export class RetryAfter {
  private count = 0;

  constructor(private readonly form: RetryAfterForm = 'alternate') {}

  /** The header value asking the client to wait until `untilMs` (epoch ms), seen from `nowMs`. */
  value(nowMs: number, untilMs: number): string {
    const useDate = this.form === 'date' || (this.form === 'alternate' && this.count++ % 2 === 1);
    // Both forms round up: a client that obeys must not come back early.
    if (useDate) return new Date(Math.ceil(untilMs / 1000) * 1000).toUTCString();
    return String(Math.max(1, Math.ceil((untilMs - nowMs) / 1000)));
  }
}
