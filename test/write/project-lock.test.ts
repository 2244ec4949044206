/** The project lock on its own: what a second run sees while a live run holds it, and after a killed one. */
import { execa } from 'execa';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, lockProjectFolder } from '../../src/write/project-lock.js';
import { useScratch } from '../scratch.js';

const scratch = useScratch('hc-lock');
const holder = (pid: number) => JSON.stringify({ pid, host: hostname() });

describe('the project lock', () => {
  it('makes a second run wait, then give up naming the run that holds it', async () => {
    const dir = scratch();
    const first = await lockProjectFolder(dir);
    const started = Date.now();
    await expect(lockProjectFolder(dir, { waitMs: 300 })).rejects.toThrow(`Another harbor-connect (pid ${process.pid}) is writing the project in ${dir}, and has not finished.`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    first.release();
    const second = await lockProjectFolder(dir, { waitMs: 300 });
    second.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('is taken over from a run that was killed', async () => {
    const dir = scratch();
    const gone = Number((await execa('node', ['-e', 'process.stdout.write(String(process.pid))'])).stdout);
    writeFileSync(join(dir, LOCK_FILE), holder(gone));
    const lock = await lockProjectFolder(dir, { waitMs: 0 });
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(holder(process.pid));
    lock.release();
  });

  it('stops waiting when the run is interrupted', async () => {
    const dir = scratch();
    writeFileSync(join(dir, LOCK_FILE), holder(process.pid));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(lockProjectFolder(dir, { waitMs: 10_000, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
