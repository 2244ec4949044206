/**
 * The compile cache (src/compile-cache.ts) that makes the CLI start in well
 * under twice `node -e 0` on Node 20 (the ratio itself: `npm run bench`). What
 * a user relies on: a run fills it and the next run uses it; nothing it
 * keeps can break a run or run old code (garbage, an edited chunk, no home,
 * an unwritable folder, runs at once, two installed copies); it stays one
 * file per chunk; and NODE_DISABLE_COMPILE_CACHE turns it off.
 */
import { execa } from 'execa';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useScratch } from '../scratch.js';
import { CLI, copyOfPackage, REPO } from './helpers.js';

const scratch = useScratch('hc-compile-cache');
const CHUNKS = join(REPO, 'dist', 'chunks');
// Node 22.1 and later keep compiled code themselves (module.enableCompileCache): this is Node 20's.
const nodeLacksCompileCache = !('enableCompileCache' in (await import('node:module')));

/** Header of a cache file before V8's data: the chunk's size and modification time (src/compile-cache.ts). */
const HEADER_BYTES = 16;

function run(args: string[], cacheHome: string, options: { env?: Record<string, string | undefined>; nodeFlags?: string[]; cli?: string } = {}) {
  return execa('node', [...(options.nodeFlags ?? []), options.cli ?? CLI, ...args], {
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

/** Whether V8, in a Node started as the CLI is, takes each kept file (after its header) as the compiled code of its chunk. */
async function acceptedByV8(dir: string, chunks: string = CHUNKS): Promise<Record<string, boolean>> {
  const check = `
    const { existsSync, readdirSync, readFileSync } = require('node:fs');
    const Module = require('node:module');
    const { Script } = require('node:vm');
    const out = {};
    for (const file of readdirSync(process.argv[1])) {
      const chunk = file.replace(/\\.v8$/, '');
      const path = [process.argv[2] + '/' + chunk, process.argv[2] + '/../' + chunk].find((p) => existsSync(p));
      const source = Module.wrap(readFileSync(path, 'utf8'));
      const script = new Script(source, { filename: chunk, cachedData: readFileSync(process.argv[1] + '/' + file).subarray(${HEADER_BYTES}) });
      out[file] = !script.cachedDataRejected;
    }
    console.log(JSON.stringify(out));`;
  const { stdout } = await execa('node', ['-e', check, dir, chunks], { env: { NODE_OPTIONS: undefined } });
  return JSON.parse(stdout) as Record<string, boolean>;
}

const loadedChunks = (stderr: string): string[] =>
  [...stderr.matchAll(/^LOADED .*\/dist\/(?:chunks\/)?(.+\.cjs)$/gm)].map((m) => `${m[1]}.v8`).sort();

describe.runIf(nodeLacksCompileCache)('compile cache on Node 20', { timeout: 60_000 }, () => {
  it('a run keeps the compiled code of each chunk it loaded, owner-only, which V8 accepts; the next run uses it and writes nothing', async () => {
    const home = scratch();
    const first = await run(['boards'], home);
    expect(first.exitCode, first.stderr).toBe(0);
    const cache = cacheOf(home);
    expect(cache.size).toBe(1);
    const [dir, files] = [...cache][0] as [string, string[]];
    expect(dir).toMatch(new RegExp(`^v8-${process.version}-${process.arch}-[0-9a-f]{8}$`));
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

  it('keeps a file for exactly the CommonJS files a run loaded: the chunks and the precompiled templates', async () => {
    const home = scratch();
    const init = ['init', '--yes', '--dry-run', '--board', 'esp32dev', '--harbor-id', 'hb', '--wifi-ssid', 'lab', '--out', 'proj'];
    const loaded = await run(init, home, {
      nodeFlags: ['--import', join(REPO, 'test/fixtures/startup/record-loads.mjs')],
      env: { HARBOR_API_KEY: 'test-key', WIFI_PASSWORD: 'test-password' },
    });
    expect(loaded.exitCode, loaded.stderr).toBe(0);
    const [dir, kept] = [...cacheOf(home)][0] as [string, string[]];
    expect(kept).toEqual(loadedChunks(loaded.stderr));
    expect(kept).toContain('precompiled-templates.cjs.v8');
    expect(Object.values(await acceptedByV8(join(home, 'harbor-connect', dir)))).toEqual(kept.map(() => true));
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
    const program = files.find((file) => /^main-.*\.cjs\.v8$/.test(file)) as string;
    const full = join(home, 'harbor-connect', dir);
    // As an older build of the package would have left it, beside a chunk no build of this one has.
    writeFileSync(join(full, 'main-OLDbuild.cjs.v8'), readFileSync(join(full, program)));
    writeFileSync(join(full, 'other-tool1.cjs.v8'), 'kept');
    rmSync(join(full, program));
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
    expect(dirs.every((dir) => dir.startsWith(`v8-${process.version}-${process.arch}-`))).toBe(true);

    const off = scratch();
    const result = await run(['boards'], off, { env: { NODE_DISABLE_COMPILE_CACHE: '1' } });
    expect(result.exitCode).toBe(0);
    expect(cacheOf(off).size).toBe(0);
  });
  it('an edited chunk runs as edited, even when its length is unchanged (V8 checks only the length)', async () => {
    const home = scratch();
    const cli = copyOfPackage(scratch());
    const before = await run(['--help'], home, { cli });
    expect(before.stdout).toContain('list the boards harbor-connect knows');
    const chunks = join(cli, '..', 'chunks');
    const program = readdirSync(chunks).find((file) => /^main-.*\.cjs$/.test(file)) as string;
    // As patch-package, or a hand edit in node_modules, would leave it.
    const source = readFileSync(join(chunks, program), 'utf8');
    writeFileSync(join(chunks, program), source.replace('list the boards harbor-connect knows', 'LIST THE BOARDS HARBOR-CONNECT KNOWS'));
    const after = await run(['--help'], home, { cli });
    expect(after.stdout).toContain('LIST THE BOARDS HARBOR-CONNECT KNOWS');
    const [dir] = [...cacheOf(home).keys()] as [string];
    expect(Object.values(await acceptedByV8(join(home, 'harbor-connect', dir), chunks)).every(Boolean)).toBe(true);
  });

  it('two installed copies each keep their own code, and neither remakes it when the other has run', async () => {
    const home = scratch();
    const [a, b] = [copyOfPackage(scratch()), copyOfPackage(scratch())];
    await run(['boards'], home, { cli: a });
    await run(['boards'], home, { cli: b });
    const mtimes = (): number[] =>
      [...cacheOf(home)].flatMap(([dir, files]) => files.map((file) => statSync(join(home, 'harbor-connect', dir, file)).mtimeMs));
    const kept = mtimes();
    expect(cacheOf(home).size).toBe(2);
    await run(['boards'], home, { cli: a });
    await run(['boards'], home, { cli: b });
    expect(mtimes()).toEqual(kept);
  });

  it('without a home folder the run compiles as usual', async () => {
    // As for a uid without a passwd entry and no HOME (a container's): os.homedir() throws.
    const noHome = 'import os from "node:os"; import { syncBuiltinESMExports } from "node:module"; os.homedir = () => { throw new Error("no home") }; syncBuiltinESMExports();';
    const result = await run(['boards', '--json'], scratch(), {
      env: { XDG_CACHE_HOME: undefined, LOCALAPPDATA: undefined },
      nodeFlags: ['--import', `data:text/javascript,${encodeURIComponent(noHome)}`],
    });
    expect([result.exitCode, result.stderr]).toEqual([0, '']);
    expect(JSON.parse(result.stdout).length).toBeGreaterThan(250);
  });
});
