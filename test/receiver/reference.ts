/** Reads the shared Harbor API reference at test time, so tests follow the contract as written. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { REFERENCE_DIR, sharedDataAvailable } from '../shared-data.js';

export const API_REFERENCE = path.join(REFERENCE_DIR, 'harbor-api.md');
export const TTN_EXAMPLE = path.join(REFERENCE_DIR, 'ttn-uplink-example.json');

/**
 * Every status code in the reference's "Responses" table (`500/502/503/504` gives four);
 * none without ../shared, whose tests are skipped then.
 */
export function responseTableCodes(markdown = sharedDataAvailable() ? readFileSync(API_REFERENCE, 'utf8') : ''): number[] {
  if (markdown === '') return [];
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Responses'));
  if (!section) throw new Error('the API reference has no "## Responses" section');
  return section
    .split('\n')
    .map((line) => /^\|\s*([\d/ ]+?)\s*\|/.exec(line)?.[1])
    .filter((cell): cell is string => cell !== undefined)
    .flatMap((cell) => cell.split('/').map(Number));
}

export function readTtnExample(): Record<string, unknown> {
  return JSON.parse(readFileSync(TTN_EXAMPLE, 'utf8')) as Record<string, unknown>;
}
