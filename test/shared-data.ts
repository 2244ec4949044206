/**
 * The reference data in ../shared (the Harbor API contract, the TTN sample,
 * PlatformIO's board manifests) lives beside the repository, not in it. CI has
 * it; a plain clone does not. Tests that read it are declared with
 * `describeWithShared`, which skips them when it is missing and puts the
 * reason in their name; the summary reporter prints that reason once.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe } from 'vitest';

/** <repo>/../shared, found from this file so the tests run from any cwd. */
export const SHARED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared');
export const REFERENCE_DIR = path.join(SHARED_DIR, 'reference');

/** True when ../shared/reference holds what the tests read. */
export function sharedDataAvailable(dir: string = REFERENCE_DIR): boolean {
  return existsSync(path.join(dir, 'harbor-api.md')) && existsSync(path.join(dir, 'platformio-boards', 'espressif32', 'esp32dev.json'));
}

/** Put into the names of skipped tests; the summary reporter looks for it. */
export const NEEDS_SHARED = '[needs ../shared]';
export const SHARED_SKIP_REASON = `the reference data is read from ${SHARED_DIR}, which is not beside this clone`;

/** describe(), skipped with the reason in its name when ../shared is missing. */
export const describeWithShared = (name: string, body: () => void): void => {
  if (sharedDataAvailable()) describe(name, body);
  else describe.skip(`${name} ${NEEDS_SHARED}`, body);
};
