/**
 * Keeps V8's compiled code of the package's CommonJS files (the bundle's
 * chunks, dist/chunks/*.cjs, and the precompiled templates) between runs, so
 * a command does not compile its ~800 KB of JavaScript anew each time:
 * `init --yes --dry-run` goes from 2.17x to 1.82x of `node -e 0`
 * (`npm run bench`, issue 11). Node 22.1 and later do this themselves
 * (module.enableCompileCache, given a folder of the same user's); Node 20 has
 * only vm.Script's cachedData, used here the way Node's own CommonJS loader
 * compiles a module.
 *
 * The cache is the user's own folder (XDG_CACHE_HOME or ~/.cache, under
 * harbor-connect/), not the shared temporary one: compiled code read back is
 * run, so no other user may write it. One folder per Node, installed copy of
 * the package and V8 flags (V8 rejects code made under other flags), so two
 * copies never undo each other's; one file per chunk, holding the size and
 * modification time of the chunk it was made from, so an edited chunk is
 * compiled again (V8 itself checks only the length of the source). Files are
 * written whole, to a temporary name then renamed, so runs at once never read
 * half a file. Any failure (no home, read-only disk) only means compiling as
 * usual. NODE_DISABLE_COMPILE_CACHE=1, Node's own switch, turns it off, as
 * does NODE_V8_COVERAGE (kept code makes coverage less precise).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, sep } from 'node:path';
import { Script } from 'node:vm';

type Compile = (this: Module, content: string, filename: string, ...rest: unknown[]) => unknown;

/** The chunk's name without rolldown's hash (`<name>-<hash>.cjs`, scripts/bundle-cli.mjs), from its cache file's name (or a temporary one's). */
const chunkName = (cacheFile: string): string | undefined => /^(.+)-[\w-]{8}\.cjs\.v8(\.[\w-]+\.tmp)?$/.exec(cacheFile)?.[1];

/** Before V8's data in a cache file: the chunk's size and modification time (float64 each) when the data was made. */
const HEADER_BYTES = 16;

/** FNV-1a: a short, stable name for a short string. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** The user's cache folder for harbor-connect (XDG_CACHE_HOME when absolute, as the XDG spec asks). Throws without a home. */
function userCacheDir(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : undefined;
  return join(xdg || (process.platform === 'win32' && env.LOCALAPPDATA) || join(homedir(), '.cache'), 'harbor-connect');
}

/** Where the compiled code of this Node's runs of the copy in `distDir` is kept. Throws without a home. */
export function compileCacheDir(distDir: string, env: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = process.execArgv): string {
  const flags = [...execArgv, env.NODE_OPTIONS ?? ''].join(' ').trim();
  return join(userCacheDir(env), `v8-${process.version}-${process.arch}-${fnv1a(`${distDir}\n${flags}`)}`);
}

/** Turns the compile cache on for the CommonJS files in `distDir`: Node's own where it has one, else installCompileCache. */
export function startCompileCache(distDir: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_DISABLE_COMPILE_CACHE || env.NODE_V8_COVERAGE) return;
  const { enableCompileCache } = Module as { enableCompileCache?: (dir?: string) => unknown };
  try {
    if (enableCompileCache) enableCompileCache(join(userCacheDir(env), 'node'));
    else installCompileCache(distDir, compileCacheDir(distDir, env));
  } catch {
    // No home to keep it in: compiled as usual.
  }
}

/** Compiles the CommonJS files below `distDir` with their kept code, and keeps the code of those compiled afresh when the process exits. */
export function installCompileCache(distDir: string, cacheDir: string): void {
  const inDist = distDir.endsWith(sep) ? distDir : distDir + sep;
  const proto = Module.prototype as unknown as { _compile: Compile };
  const compile = proto._compile;
  const made: { file: string; header: Buffer; script: Script }[] = [];

  proto._compile = function (content, filename, ...rest) {
    if (!filename.startsWith(inDist)) return compile.call(this, content, filename, ...rest);
    const file = join(cacheDir, `${basename(filename)}.v8`);
    let stat: Stats;
    try {
      stat = statSync(filename);
    } catch {
      return compile.call(this, content, filename, ...rest);
    }
    const { size, mtimeMs } = stat;
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeDoubleLE(size, 0);
    header.writeDoubleLE(mtimeMs, 8);
    let cachedData: Buffer | undefined;
    try {
      const kept = readFileSync(file);
      if (kept.subarray(0, HEADER_BYTES).equals(header)) cachedData = kept.subarray(HEADER_BYTES);
    } catch {
      // Not kept yet: compiled now, kept at exit.
    }
    const script = new Script(Module.wrap(content), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) made.push({ file, header, script });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, createRequire(filename), this, filename, dirname(filename));
  };

  // At exit, not at load: the data then holds the functions the run compiled lazily too.
  process.once('exit', () => {
    if (made.length === 0) return;
    try {
      mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
      // This copy's chunks of an earlier build are never read again: the folder keeps one file per chunk.
      const names = new Set(made.map(({ file }) => chunkName(basename(file))).filter((name) => name !== undefined));
      const keep = new Set(made.map(({ file }) => basename(file)));
      for (const entry of readdirSync(cacheDir)) {
        const name = chunkName(entry);
        if (name !== undefined && names.has(name) && !keep.has(entry)) rmSync(join(cacheDir, entry), { force: true });
      }
    } catch {
      return;
    }
    for (const { file, header, script } of made) {
      // The pid alone could be another machine's process, where containers share a home.
      const partial = `${file}.${process.pid}-${Math.random().toString(36).slice(2, 8)}.tmp`;
      try {
        writeFileSync(partial, Buffer.concat([header, script.createCachedData()]), { mode: 0o600 });
        renameSync(partial, file);
      } catch {
        rmSync(partial, { force: true });
      }
    }
  });
}
