/**
 * Keeps V8's compiled code of the bundle's chunks (dist/chunks/*.cjs) between
 * runs, so a command does not compile its ~700 KB of JavaScript anew each
 * time: `init --yes --dry-run` goes from 2.16x to 1.82x of `node -e 0`
 * (`npm run bench`, issue 11). Node 22.1 and later do this themselves
 * (module.enableCompileCache, which cli.ts prefers); Node 20 has only
 * vm.Script's cachedData, used here the way Node's own CommonJS loader
 * compiles a module.
 *
 * The cache is the user's own folder (XDG_CACHE_HOME or ~/.cache, under
 * harbor-connect/), not the shared temporary one: compiled code read back is
 * run, so no other user may write it. One file per chunk and Node version,
 * for the chunks whose name carries a hash of their content (all but the
 * bundle's small entry), so a new build never reads an old build's code; V8
 * rejects data another V8 made (then the file is made again). Files are
 * written whole, to a temporary name then renamed, so runs at once never read
 * half a file. Any failure (no home, read-only disk) only means compiling as
 * usual. NODE_DISABLE_COMPILE_CACHE=1, Node's own switch, turns it off.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join, sep } from 'node:path';
import { Script } from 'node:vm';

type Compile = (this: Module, content: string, filename: string) => unknown;

/** A chunk named by rolldown's chunkFileNames, `<name>-<hash>.cjs` (scripts/bundle-cli.mjs). */
const HASHED_CHUNK = /-[\w-]{8}\.cjs$/;

/** The chunk's name without its hash, from the name of its file in the cache (`<name>-<hash>.cjs.v8`, or that and `.<pid>.tmp`). */
const chunkName = (cacheFile: string): string | undefined => /^(.+)-[\w-]{8}\.cjs\.v8(\.\d+\.tmp)?$/.exec(cacheFile)?.[1];

/** FNV-1a: a short, stable name for a short string. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * Where the compiled code of this Node's runs is kept. V8 rejects code made
 * under other flags (`--cpu-prof`, say), so runs with flags keep theirs
 * apart instead of remaking each other's at every start.
 */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = process.execArgv): string {
  const base = env.XDG_CACHE_HOME || (process.platform === 'win32' && env.LOCALAPPDATA) || join(homedir(), '.cache');
  const flags = [...execArgv, env.NODE_OPTIONS ?? ''].join(' ').trim();
  return join(base, 'harbor-connect', `v8-${process.version}-${process.arch}${flags ? `-${fnv1a(flags)}` : ''}`);
}

/** Compiles the CommonJS files of `chunksDir` with their kept code, and keeps the code of those compiled afresh when the process exits. */
export function installCompileCache(chunksDir: string, cacheDir: string = compileCacheDir()): void {
  const inChunks = chunksDir.endsWith(sep) ? chunksDir : chunksDir + sep;
  const proto = Module.prototype as unknown as { _compile: Compile };
  const compile = proto._compile;
  const made: { file: string; script: Script }[] = [];

  proto._compile = function (content, filename) {
    if (!filename.startsWith(inChunks) || !HASHED_CHUNK.test(filename)) return compile.call(this, content, filename);
    const file = join(cacheDir, `${basename(filename)}.v8`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(file);
    } catch {
      // Not kept yet: compiled now, kept at exit.
    }
    const script = new Script(Module.wrap(content), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) made.push({ file, script });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, createRequire(filename), this, filename, dirname(filename));
  };

  // At exit, not at load: the data then holds the functions the run compiled lazily too.
  process.once('exit', () => {
    if (made.length === 0) return;
    try {
      mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
      // A chunk's code from an earlier build is never read again: the folder keeps one file per chunk.
      const names = new Set(made.map(({ file }) => chunkName(basename(file))));
      const keep = new Set(made.map(({ file }) => basename(file)));
      for (const entry of readdirSync(cacheDir)) {
        if (!keep.has(entry) && names.has(chunkName(entry))) rmSync(join(cacheDir, entry), { force: true });
      }
    } catch {
      return;
    }
    for (const { file, script } of made) {
      const partial = `${file}.${process.pid}.tmp`;
      try {
        writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
        renameSync(partial, file);
      } catch {
        rmSync(partial, { force: true });
      }
    }
  });
}
