/**
 * `harbor-connect boards` as the build printed it (src/tools/precompute.ts):
 * the listing is a function of the package's own catalogue alone, and
 * making ~300 boards to print it was most of that command's start-up
 * (issue 11). test/catalogue/boards-listing.test.ts checks that the file
 * holds what the catalogue prints.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGE_ROOT } from '../package-root.js';

export const BOARDS_LISTING = join(PACKAGE_ROOT, 'dist', 'boards-listing.json');

export interface BoardsListing {
  table: string;
  json: string;
}

/** The listing the build made, or undefined where there is none (running from the sources, say). */
export function precomputedBoardsListing(json: boolean): string | undefined {
  try {
    const listing = JSON.parse(readFileSync(BOARDS_LISTING, 'utf8')) as BoardsListing;
    return json ? listing.json : listing.table;
  } catch {
    return undefined;
  }
}
