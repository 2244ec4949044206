/** What the receiver prints: one line per request, and a summary on exit. Pure, no colour. */
import type { ReceiverStats, RequestEvent } from './receiver.js';

const MAX_NAMES = 3;

/** e.g. `09:41:12.512  202 batch  12 records (11 stored, 1 duplicate)  ship esp32-a1b2c3  cargo temperature,humidity  4 ms` */
export function formatRequestLine(event: RequestEvent): string {
  const clock = event.at.slice(11, 23);
  const status = event.dropped ? 'DROP' : String(event.status ?? '---');
  const parts = [clock, `${status} ${event.kind ?? event.method}`];
  if (event.error !== undefined) {
    parts.push(event.error);
  } else {
    const stored = event.duplicates > 0 ? ` (${event.stored} stored, ${plural(event.duplicates, 'duplicate')})` : '';
    parts.push(`${plural(event.records, 'record')}${stored}`);
    if (event.ships.length > 0) parts.push(`ship ${names(event.ships)}`);
    if (event.cargos.length > 0) parts.push(`cargo ${names(event.cargos)}`);
  }
  if (event.dropped) parts.push('connection dropped without an answer');
  parts.push(`${event.latencyMs} ms`);
  return parts.join('  ');
}

/** The lines printed when the receiver stops. */
export function formatSummary(stats: ReceiverStats): string {
  const statuses = Object.entries(stats.byStatus)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ');
  const dropped = stats.dropped > 0 ? `, ${stats.dropped} dropped without an answer` : '';
  const loaded = stats.recordsLoaded > 0 ? `, ${stats.recordsLoaded} loaded from the data file` : '';
  return [
    `Requests: ${stats.requests}${statuses ? ` (${statuses})` : ''}${dropped}`,
    `Points stored: ${stats.recordsStored}${loaded}; duplicates dropped: ${stats.duplicatesDropped}`,
    `Connections opened: ${stats.connectionsOpened}`,
    `Bytes received: ${formatBytes(stats.bytesReceived)}`,
  ].join('\n');
}

function names(list: string[]): string {
  const shown = list.slice(0, MAX_NAMES).join(',');
  return list.length > MAX_NAMES ? `${shown} +${list.length - MAX_NAMES}` : shown;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
