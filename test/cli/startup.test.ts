/**
 * Each command loads only what it needs, so the CLI starts fast (issue 11: the
 * ratios themselves are measured by `npm run bench`, where timing is not
 * flaky). Which packages a run loaded is recorded by a preloaded hook.
 */
import { execa } from 'execa';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useScratch } from '../scratch.js';
import { CLI, REPO } from './helpers.js';

const scratch = useScratch('hc-startup');
const HOOK = join(REPO, 'test/fixtures/startup/record-loads.mjs');

/** The packages (and our own heavy modules) a run of the CLI loaded. */
async function loadedBy(args: string[]): Promise<Set<string>> {
  const run = await execa('node', ['--import', HOOK, CLI, ...args], {
    cwd: scratch(),
    env: { NO_COLOR: '1', HARBOR_API_KEY: 'test-key', WIFI_PASSWORD: 'test-password' },
    reject: false,
    stdin: 'ignore',
  });
  expect(run.exitCode, run.stderr).toBe(0);
  const names = new Set<string>();
  for (const line of run.stderr.split('\n')) {
    const file = line.startsWith('LOADED ') ? line.slice('LOADED '.length) : undefined;
    if (!file) continue;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
    if (pkg) names.add(pkg);
    const own = /\/dist\/(receiver|wizard|platformio)\//.exec(file)?.[1];
    if (own) names.add(`dist/${own}`);
  }
  return names;
}

const HEAVY = ['zod', 'handlebars', '@inquirer/core', 'execa', 'yocto-spinner', 'dist/receiver', 'dist/wizard', 'dist/platformio'];

describe('start-up loads only what the command needs', () => {
  it.each([['--version'], ['boards']])('%s loads commander and nothing heavy', async (command) => {
    const loaded = await loadedBy([command]);
    expect(loaded.has('commander')).toBe(true);
    expect(HEAVY.filter((name) => loaded.has(name))).toEqual([]);
  });

  it('init --yes --dry-run loads zod and Handlebars, but not the prompts, PlatformIO or the receiver', async () => {
    const loaded = await loadedBy(['init', '--yes', '--dry-run', '--board', 'esp32dev', '--harbor-id', 'hb', '--wifi-ssid', 'lab', '--out', 'proj']);
    expect(loaded.has('zod') && loaded.has('handlebars')).toBe(true);
    expect(HEAVY.filter((name) => loaded.has(name) && name !== 'zod' && name !== 'handlebars')).toEqual([]);
  });

  it('schema loads zod but not Handlebars', async () => {
    const loaded = await loadedBy(['schema']);
    expect(loaded.has('zod')).toBe(true);
    expect(loaded.has('handlebars')).toBe(false);
  });
});
