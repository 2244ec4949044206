/**
 * init stopped mid-write: Ctrl+C waits until the project is whole; a kill -9 leaves temporaries
 * (maybe holding the secrets) that the next run removes before it finishes the project.
 */
import { execa } from 'execa';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ESP32_FLAGS, expectWholeProject, runCli, SECRET_KEY, SECRET_WIFI } from './helpers.js';
import { useScratch } from '../scratch.js';

const scratch = useScratch('hc-init-stop');
const DRIVER = fileURLToPath(new URL('./cli-driver.mjs', import.meta.url));
const secretsEnv = { HARBOR_API_KEY: SECRET_KEY, WIFI_PASSWORD: SECRET_WIFI };

/** init through the driver, which signals itself right after its n-th file write. */
function initStoppedAfterWrite(cwd: string, signal: 'SIGINT' | 'SIGKILL', write: number, extra: string[] = []) {
  return execa('node', [DRIVER, ...ESP32_FLAGS, '--out', 'proj', ...extra], {
    cwd,
    env: { NO_COLOR: '1', ...secretsEnv, HC_SIGNAL: signal, HC_SIGNAL_AFTER_WRITE: String(write) },
    reject: false,
    stdin: 'ignore',
    timeout: 20_000,
  });
}

/** Every path below `dir` that is one of our temporaries or the lock. */
function leftovers(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((path) => /harbor-tmp-|\.harbor-lock/.test(path));
}

/** Where a new project goes: a folder init makes, or one the user made and left empty. */
const FOLDERS = [
  ['a new folder', false],
  ['an existing empty folder', true],
] as const;

/** A scratch folder to run init in, holding an empty proj/ when `existing`. */
function workFolder(existing: boolean): string {
  const dir = scratch();
  if (existing) mkdirSync(join(dir, 'proj'));
  return dir;
}

describe('Ctrl+C during init', () => {
  it.each(FOLDERS)('in %s waits until the project is whole, then stops with exit 1, leaving no temporary behind', async (_name, existing) => {
    const dir = workFolder(existing);
    const run = await initStoppedAfterWrite(dir, 'SIGINT', 10);
    expect(run.signal, 'init died of the SIGINT mid-write').toBeUndefined();
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^error: Stopped by SIGINT once .*proj was written in full\.$/m);
    expect(readdirSync(dir)).toEqual(['proj']);
    expectWholeProject(join(dir, 'proj'));
  });
});

describe('a run of init killed mid-write', () => {
  it.each(FOLDERS)('into %s: the next run removes what it left and completes the project', async (_name, existing) => {
    const dir = workFolder(existing);
    const killed = await initStoppedAfterWrite(dir, 'SIGKILL', 10);
    expect(killed.signal).toBe('SIGKILL');
    const again = await runCli([...ESP32_FLAGS, '--out', 'proj'], { cwd: dir, env: secretsEnv });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(['proj']);
    expectWholeProject(join(dir, 'proj'));
  });

  it('while updating a project: the next run removes the half-written file it left', async () => {
    const dir = scratch();
    expect((await runCli([...ESP32_FLAGS, '--out', 'proj'], { cwd: dir, env: secretsEnv })).exitCode).toBe(0);
    const killed = await initStoppedAfterWrite(dir, 'SIGKILL', 2, ['--ship-id', 'renamed']);
    expect(killed.signal).toBe('SIGKILL');
    expect(leftovers(join(dir, 'proj')).length).toBeGreaterThan(0);
    const again = await runCli([...ESP32_FLAGS, '--out', 'proj', '--ship-id', 'renamed'], { cwd: dir, env: secretsEnv });
    expect(again.exitCode, again.stderr).toBe(0);
    expectWholeProject(join(dir, 'proj'));
  });

  it('by an older version: its sibling staging folder goes once its process has', async () => {
    const dir = scratch();
    const gone = await execa('node', ['-e', 'process.stdout.write(String(process.pid))']);
    for (const pid of [gone.stdout, String(process.pid)]) {
      mkdirSync(join(dir, `.proj.harbor-tmp-${pid}/include`), { recursive: true });
      writeFileSync(join(dir, `.proj.harbor-tmp-${pid}/include/harbor_secrets.h`), `#define HARBOR_API_KEY "${SECRET_KEY}"\n`);
    }
    expect((await runCli([...ESP32_FLAGS, '--out', 'proj'], { cwd: dir, env: secretsEnv })).exitCode).toBe(0);
    // The dead run's copy is removed; a live process's folder is not ours to judge.
    expect(existsSync(join(dir, `.proj.harbor-tmp-${gone.stdout}`))).toBe(false);
    expect(existsSync(join(dir, `.proj.harbor-tmp-${process.pid}`))).toBe(true);
  });
});
