/**
 * One writer per project folder: a lock file made with O_EXCL inside it.
 *
 * Hand-written rather than a library: it is held for the milliseconds a
 * write takes, by processes on one machine, so "its pid is gone" tells a
 * stale lock exactly; proper-lockfile's heartbeat (made for network file
 * systems) would add a timer and three dependencies, and it has had no release
 * since 2021. A lock older than STALE_AFTER_MS (another host's, or a reused
 * pid) is stale too.
 */
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { failedError, usageError } from '../errors.js';

export const LOCK_FILE = '.harbor-lock';
const STALE_AFTER_MS = 10 * 60_000;
// A run that died while breaking a stale lock left this; it is held for microseconds.
const BREAKER_STALE_AFTER_MS = 5_000;
const POLL_MS = 50;

export interface ProjectLock {
  release(): void;
}

export interface LockOptions {
  /** How long to wait for another run to finish. Default 10 s. */
  waitMs?: number;
  /** Stops the wait (Ctrl+C). */
  signal?: AbortSignal;
}

interface Holder {
  pid: number;
  host: string;
}

/** Takes the lock on `dir` (which must exist), waiting while another live run holds it. */
export async function lockProjectFolder(dir: string, options: LockOptions = {}): Promise<ProjectLock> {
  const path = join(dir, LOCK_FILE);
  const own = JSON.stringify({ pid: process.pid, host: hostname() } satisfies Holder);
  const deadline = Date.now() + (options.waitMs ?? 10_000);
  for (;;) {
    options.signal?.throwIfAborted();
    if (tryCreate(path, own, dir)) {
      return { release: () => removeIfUnchanged(path, own) };
    }
    const seen = read(path);
    if (seen === undefined || (isStale(path, seen) && breakStaleLock(path, seen))) continue;
    if (Date.now() >= deadline) {
      const holder = parseHolder(seen);
      throw failedError(
        `Another harbor-connect${holder ? ` (pid ${holder.pid})` : ''} is writing the project in ${dir}, and has not finished.`,
        `Wait for it, then run this again; if no such run is going on, delete ${path}.`,
      );
    }
    await delay(POLL_MS, undefined, { signal: options.signal });
  }
}

function tryCreate(path: string, content: string, dir: string): boolean {
  try {
    writeFileSync(path, content, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw usageError(`Cannot write in the project folder ${dir}.`, 'Check its permissions, or choose another --out.');
    }
    throw error;
  }
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // released meanwhile
  }
}

function parseHolder(text: string | undefined): Holder | undefined {
  try {
    const holder = JSON.parse(text ?? '') as Partial<Holder>;
    return Number.isInteger(holder.pid) && typeof holder.host === 'string' ? (holder as Holder) : undefined;
  } catch {
    return undefined;
  }
}

function isStale(path: string, text: string): boolean {
  const holder = parseHolder(text);
  if (holder && holder.host === hostname() && !isAlive(holder.pid)) return true;
  // Unreadable content is a write cut short; give its writer the same time as any other.
  return ageMs(path) > STALE_AFTER_MS;
}

/** True while a process with this pid runs on this machine (ours or another user's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Two runs may find one stale lock; only the one that creates the breaker file
 * removes it, after checking it is still the stale one, so neither removes a
 * lock the other has just taken. True when the lock may be free now.
 */
function breakStaleLock(path: string, stale: string): boolean {
  const breaker = `${path}.break`;
  if (!tryCreate(breaker, String(process.pid), dirname(path))) {
    if (ageMs(breaker) > BREAKER_STALE_AFTER_MS) removeIfUnchanged(breaker, read(breaker));
    return false;
  }
  try {
    if (read(path) === stale) unlinkSync(path);
  } finally {
    unlinkSync(breaker);
  }
  return true;
}

function removeIfUnchanged(path: string, content: string | undefined): void {
  if (content !== undefined && read(path) === content) {
    try {
      unlinkSync(path);
    } catch {
      // gone already
    }
  }
}
