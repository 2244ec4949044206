/** Project folders no project can be written to: exit 2, one sentence, nothing on disk, and no hang. */
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESP32_FLAGS, runCli, SECRET_KEY, SECRET_WIFI } from './helpers.js';
import { useScratch } from '../scratch.js';

const scratch = useScratch('hc-init-paths');
const secretsEnv = { HARBOR_API_KEY: SECRET_KEY, WIFI_PASSWORD: SECRET_WIFI };

describe('init --out', () => {
  const cases: [string, (dir: string) => string, RegExp][] = [
    ['under /proc, which takes no new folders', () => '/proc/harbor-connect-test', /^error: Cannot create the project folder \/proc\/harbor-connect-test: \/proc does not take new folders\.$/m],
    ['below a regular file', (dir) => {
      writeFileSync(join(dir, 'notes.txt'), 'mine');
      return 'notes.txt/proj';
    }, /^error: The project folder .*notes\.txt\/proj would be inside .*notes\.txt, which is a file, not a folder\.$/m],
    ['through a dangling symbolic link', (dir) => {
      symlinkSync('nowhere', join(dir, 'link'));
      return 'link/proj';
    }, /^error: The project folder .*link\/proj goes through .*link, a symbolic link to nowhere, which does not exist\.$/m],
    ['at a dangling symbolic link', (dir) => {
      symlinkSync('nowhere', join(dir, 'link'));
      return 'link';
    }, /^error: The project folder .*link goes through .*link, a symbolic link to nowhere, which does not exist\.$/m],
    ['empty', () => '', /^error: The project folder \(--out\) is empty\.$/m],
  ];

  it.each(cases)('%s: exit 2 with one sentence, nothing written', async (_name, arrange, message) => {
    const dir = scratch();
    mkdirSync(join(dir, 'cwd'));
    const cwd = join(dir, 'cwd');
    const out = arrange(cwd);
    const before = readdirSync(cwd).sort();
    const result = await runCli([...ESP32_FLAGS, '--out', out], { cwd, env: secretsEnv, timeout: 10_000 });
    expect(result.timedOut, 'init still ran after 10 s').toBe(false);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('error:'))).toHaveLength(1);
    expect(result.stderr).not.toMatch(/ENOTDIR|ENOENT|\n\s+at /);
    expect(result.exitCode).toBe(2);
    expect(readdirSync(cwd).sort()).toEqual(before);
    expect(existsSync('/proc/harbor-connect-test')).toBe(false);
  });
});
