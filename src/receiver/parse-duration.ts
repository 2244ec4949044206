/** Parsers for the receiver's command-line flags: `30s`, `10m`, `1500ms`, and outages `2m:4m`. */
import { usageError } from '../errors.js';
import type { Outage } from './fault-plan.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;

/** Milliseconds in a duration such as `30s`, `10m`, `1500ms`, `1.5h`. */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) {
    throw usageError(`"${text}" is not a duration.`, 'Write a number with a unit: 1500ms, 30s, 10m or 2h.');
  }
  return Math.round(Number(match[1]) * (UNIT_MS[match[2] as string] as number));
}

/** An outage window `from:to`, both durations since the receiver started, e.g. `2m:4m`. */
export function parseOutage(text: string): Outage {
  const parts = text.split(':');
  if (parts.length !== 2) {
    throw usageError(`"${text}" is not an outage window.`, 'Write start:end with durations since the receiver started, e.g. 2m:4m.');
  }
  const fromMs = parseDuration(parts[0] as string);
  const toMs = parseDuration(parts[1] as string);
  if (toMs <= fromMs) {
    throw usageError(`The outage "${text}" ends before it starts.`, 'Write start:end with the end later than the start, e.g. 2m:4m.');
  }
  return { fromMs, toMs };
}
