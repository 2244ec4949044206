/**
 * Every failure a user can see is a HarborError: one sentence saying what is
 * wrong, one saying what to do. The CLI's single handler prints them and picks
 * the exit code; nothing else calls process.exit.
 */
export type ErrorKind = 'usage' | 'failed';

export const EXIT_CODES = { ok: 0, failed: 1, usage: 2 } as const;

export class HarborError extends Error {
  readonly kind: ErrorKind;
  readonly hint: string | undefined;

  constructor(kind: ErrorKind, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HarborError';
    this.kind = kind;
    this.hint = hint;
  }

  get exitCode(): number {
    return this.kind === 'usage' ? EXIT_CODES.usage : EXIT_CODES.failed;
  }
}

/** Bad input: exit code 2. */
export function usageError(message: string, hint?: string): HarborError {
  return new HarborError('usage', message, hint);
}

/** An operation that was attempted and failed: exit code 1. */
export function failedError(message: string, hint?: string, cause?: unknown): HarborError {
  return new HarborError('failed', message, hint, { cause });
}
