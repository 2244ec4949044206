/**
 * Bundles the commands (src/main.ts) into dist/chunks/: one file for what
 * every command needs, one chunk per dynamically imported command module,
 * with the packages they use inside. Node then resolves and reads a handful
 * of files instead of several hundred (zod alone is 95), which is most of
 * what start-up cost (issue 11). dist/chunks/modules.json says which sources
 * each file holds, for test/cli/startup.test.ts.
 *
 * The chunks are CommonJS: on Node 20 only CommonJS can be given V8's
 * compiled code of an earlier run (src/compile-cache.ts), which tells an
 * earlier build's chunk by the hash in its name (all but the entry, main.cjs,
 * have one). The entry, dist/cli.js, is tsc's, as is the rest of dist/.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = path.join(root, 'dist');
rmSync(path.join(dist, 'chunks'), { recursive: true, force: true });

/**
 * Commander loads child_process at start for executable subcommands, which
 * harbor-connect has none of: 2 ms of every run. It is loaded at first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  transform(code, id) {
    if (!id.replaceAll('\\', '/').endsWith('node_modules/commander/lib/command.js')) return null;
    const eager = "const childProcess = require('node:child_process');";
    if (!code.includes(eager)) throw new Error(`commander changed: ${eager} not found in ${id}`);
    return code.replace(eager, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };");
  },
};

/** [chunk name, the module ids it holds]. */
const CHUNK_GROUPS = [
  ['main', /(src\/(main|commander|ui|errors|did-you-mean)\.ts|src\/commands\/(receiver|platformio|simulate)-cli\.ts|src\/commands\/cli-helpers\.ts|node_modules\/(commander|leven)\/|rolldown\/runtime)/],
  ['init', /src\/(commands\/(init|init-formats|wiring-text)\.ts|invocation\.ts|write\/)/],
  ['boards', /src\/(catalogue\/(boards|board-overrides|chip-rules|platforms|generated\/manifest-boards)\.|commands\/catalogue-listing\.ts)/],
  ['answers-file', /src\/(config\/(answers-file|answers-schema|endpoint|secrets-header)|child-env|components\/wiring|harbor-ids|render\/cpp-literal)\.ts|node_modules\/jsonc-parser\//],
];

const result = await build({
  cwd: root,
  input: { main: 'src/main.ts' },
  platform: 'node',
  // jsonc-parser's "main" is a UMD build whose require() calls a bundler cannot follow.
  resolve: { mainFields: ['module', 'main'] },
  // The Handlebars compiler loads only when a template changed since the build (see loadTemplates).
  external: [/^node:/, 'handlebars'],
  logLevel: 'warn',
  // The groups below import a command's module from its group's file, with no re-exporting file in between.
  preserveEntrySignatures: 'allow-extension',
  plugins: [lazyChildProcess],
  output: {
    dir: dist,
    format: 'cjs',
    entryFileNames: 'chunks/[name].cjs',
    chunkFileNames: 'chunks/[name]-[hash].cjs',
    // Our sources and the ESM packages are written for strict mode, which CommonJS is not by itself.
    strict: true,
    // Every file Node loads is a resolve, a read and a compile of its own: what a command always loads
    // together goes in one file (the program and commander; init's own modules; the board catalogue
    // with its listing).
    codeSplitting: { includeDependenciesRecursively: false, groups: CHUNK_GROUPS.map(([name, test]) => ({ name, test })) },
  },
});

const modules = {};
for (const item of result.output) {
  if (item.type !== 'chunk') continue;
  // On Node 20 the chunks run as vm.Script (src/compile-cache.ts), which has no loader for an import() left in the code
  // (of an external ESM package, or a computed specifier): it would fail there only. Comment lines (JSDoc types) aside.
  const dynamicImport = /^(?!\s*(\*|\/\/)).*(?<![\w$.])import\s*\(/m.exec(item.code);
  if (dynamicImport) throw new Error(`${item.fileName} keeps a dynamic import(), which the compile cache cannot run: ${dynamicImport[0].trim().slice(0, 120)}`);
  modules[item.fileName] = item.moduleIds
    .filter((id) => path.isAbsolute(id))
    .map((id) => path.relative(root, id).split(path.sep).join('/'))
    .sort();
}
mkdirSync(path.join(dist, 'chunks'), { recursive: true });
writeFileSync(path.join(dist, 'chunks', 'modules.json'), `${JSON.stringify(modules, null, 2)}\n`);
