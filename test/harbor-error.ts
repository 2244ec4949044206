import { HarborError } from '../src/errors.js';

/** The HarborError `run` throws, or undefined when it returns; any other error is thrown on. */
export function harborErrorFrom(run: () => unknown): HarborError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof HarborError) return error;
    throw error;
  }
}
