/**
 * The compile cache (src/compile-cache.ts) that makes the CLI start in well
 * under twice `node -e 0` on Node 20 (the ratio itself: `npm run bench`). What
 * a user relies on: a run fills it and the next run uses it; nothing it
 * keeps can break a run (garbage, an unwritable folder, runs at once); it
 * stays one file per chunk; and NODE_DISABLE_COMPILE_CACHE turns it off.
 */
import { execa } from 'execa';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useScratch } from '../scratch.js';
import { CLI, REPO } from './helpers.js';

const scratch = useScratch('hc-compile-cache');
const CHUNKS = join(REPO, 'dist', 'chunks');
const hasOwnCache = !('enableCompileCache' in (await import('node:module')));

function run(args: string[], cacheHome: string, options: { env?: Record<string, string | undefined>; nodeFlags?: string[] } = {}) {
  return execa('node', [...(options.nodeFlags ?? []), CLI, ...args], {
    cwd: cacheHome,
    env: { NO_COLOR: '1', XDG_CACHE_HOME: cacheHome, NODE_OPTIONS: undefined, NODE_DISABLE_COMPILE_CACHE: undefined, ...options.env },
    reject: false,
    stdin: 'ignore',
  });
}

/** The cache folders under `cacheHome` (one per Node version and flags), with the files each holds. */
function cacheOf(cacheHome: string): Map<string, string[]> {
  const root = join(cacheHome, 'harbor-connect');
  if (!existsSync(root)) return new Map();
  return new Map(readdirSync(root).map((dir) => [dir, readdirSync(join(root, dir)).sort()]));
}

/** Whether V8, in a Node started as the CLI is, takes each kept file as the compiled code of its chunk. */
async function acceptedByV8(dir: string): Promise<Record<string, boolean>> {
  const check = `
    const { readdirSync, readFileSync } = require('node:fs');
    const Module = require('node:module');
    const { Script } = require('node:vm');
    const out = {};
    for (const file of readdirSync(process.argv[1])) {
      const chunk = file.replace(/\\.v8$/, '');
      const source = Module.wrap(readFileSync(process.argv[2] + '/' + chunk, 'utf8'));
      const script = new Script(source, { filename: chunk, cachedData: readFileSync(process.argv[1] + '/' + file) });
      out[file] = !script.cachedDataRejected;
    }
    console.log(JSON.stringify(out));`;
  const { stdout } = await execa('node', ['-e', check, dir, CHUNKS], { env: { NODE_OPTIONS: undefined } });
  return JSON.parse(stdout) as Record<string, boolean>;
}

const loadedChunks = (stderr: string): string[] =>
  [...stderr.matchAll(/^LOADED .*\/dist\/chunks\/(.+-[\w-]{8}\.cjs)$/gm)].map((m) => `${m[1]}.v8`).sort();

describe.runIf(hasOwnCache)('compile cache on Node 20', { timeout: 60_000 }, () => {
  it('a run keeps the compiled code of each chunk it loaded, owner-only, which V8 accepts; the next run uses it and writes nothing', async () => {
    const home = scratch();
    const first = await run(['boards'], home);
    expect(first.exitCode, first.stderr).toBe(0);
    const cache = cacheOf(home);
    expect(cache.size).toBe(1);
    const [dir, files] = [...cache][0] as [string, string[]];
    expect(dir).toBe(`v8-${process.version}-${process.arch}`);
    const full = join(home, 'harbor-connect', dir);
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(Object.values(await acceptedByV8(full))).toEqual(files.map(() => true));
    for (const file of files) expect(statSync(join(full, file)).mode & 0o077, file).toBe(0);
    expect(statSync(full).mode & 0o077).toBe(0);

    const times = new Map(files.map((file) => [file, statSync(join(full, file)).mtimeMs]));
    const second = await run(['boards'], home);
    expect(second.stdout).toBe(first.stdout);
    expect(cacheOf(home).get(dir)).toEqual(files);
    for (const file of files) expect(statSync(join(full, file)).mtimeMs, file).toBe(times.get(file));
  });

  it('keeps a file for exactly the chunks a run loaded', async () => {
    const home = scratch();
    const loaded = await run(['sensors'], home, { nodeFlags: ['--import', join(REPO, 'test/fixtures/startup/record-loads.mjs')] });
    expect(loaded.exitCode, loaded.stderr).toBe(0);
    const withHook = [...cacheOf(home)][0]?.[1] ?? [];
    expect(withHook).toEqual(loadedChunks(loaded.stderr));
    expect(withHook.length).toBeGreaterThan(0);
  });

  it('garbage in the cache is compiled over, and the run is as without it', async () => {
    const home = scratch();
    const clean = await run(['boards', '--json'], home);
    const [dir, files] = [...cacheOf(home)][0] as [string, string[]];
    const full = join(home, 'harbor-connect', dir);
    for (const file of files) writeFileSync(join(full, file), 'not V8 code at all');
    const spoiled = await run(['boards', '--json'], home);
    expect([spoiled.exitCode, spoiled.stderr, spoiled.stdout]).toEqual([0, '', clean.stdout]);
    expect(Object.values(await acceptedByV8(full))).toEqual(files.map(() => true));
  });

  it('runs started at once with an empty cache all work and leave only whole files', async () => {
    const home = scratch();
    const runs = await Promise.all(Array.from({ length: 6 }, () => run(['boards', '--json'], home)));
    expect(runs.map((r) => r.exitCode)).toEqual(runs.map(() => 0));
    expect(new Set(runs.map((r) => r.stdout)).size).toBe(1);
    const [dir, files] = [...cacheOf(home)][0] as [string, string[]];
    expect(files.filter((file) => !file.endsWith('.v8'))).toEqual([]);
    expect(Object.values(await acceptedByV8(join(home, 'harbor-connect', dir)))).toEqual(files.map(() => true));
  });

  it("a chunk's file from an earlier build goes when the new build's is written", async () => {
    const home = scratch();
    await run(['boards'], home);
    const [dir, files] = [...cacheOf(home)][0] as [string, string[]];
    const boards = files.find((file) => file.startsWith('boards-')) as string;
    const full = join(home, 'harbor-connect', dir);
    // As an older build of the package would have left it, beside a chunk no build of this one has.
    writeFileSync(join(full, 'boards-OLDbuild.cjs.v8'), readFileSync(join(full, boards)));
    writeFileSync(join(full, 'other-tool1.cjs.v8'), 'kept');
    rmSync(join(full, boards));
    await run(['boards'], home);
    expect(cacheOf(home).get(dir)).toEqual([...files, 'other-tool1.cjs.v8'].sort());
  });

  it('an unwritable cache costs nothing but the time: the run succeeds and says nothing about it', async () => {
    const home = scratch();
    // XDG_CACHE_HOME is a file: no folder can be made below it.
    writeFileSync(join(home, 'file'), '');
    const result = await run(['boards', '--json'], home, { env: { XDG_CACHE_HOME: join(home, 'file') } });
    expect([result.exitCode, result.stderr]).toEqual([0, '']);
    expect(JSON.parse(result.stdout).length).toBeGreaterThan(250);
  });

  it("runs with other V8 flags keep their own folder, and NODE_DISABLE_COMPILE_CACHE=1 keeps nothing", async () => {
    const home = scratch();
    await run(['boards'], home);
    await run(['boards'], home, { nodeFlags: ['--stack-size=2000'] });
    const dirs = [...cacheOf(home).keys()];
    expect(dirs).toHaveLength(2);
    expect(dirs.filter((dir) => dir.startsWith(`v8-${process.version}-${process.arch}-`))).toHaveLength(1);

    const off = scratch();
    const result = await run(['boards'], off, { env: { NODE_DISABLE_COMPILE_CACHE: '1' } });
    expect(result.exitCode).toBe(0);
    expect(cacheOf(off).size).toBe(0);
  });
});
