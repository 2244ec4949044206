/**
 * Bundles the CLI (src/cli.ts) into dist/cli.js and dist/chunks/: one file
 * for what every command needs, one chunk per dynamically imported command
 * module, with the packages they use inside. Node then resolves and reads a
 * handful of files instead of several hundred (zod alone is 95), which is
 * most of what start-up cost (issue 11). dist/chunks/modules.json says which
 * sources each file holds, for test/cli/startup.test.ts.
 *
 * Runs after tsc (npm run build); the rest of dist/ stays tsc's output.
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

const result = await build({
  cwd: root,
  input: { cli: 'src/cli.ts' },
  platform: 'node',
  // jsonc-parser's "main" is a UMD build whose require() calls a bundler cannot follow.
  resolve: { mainFields: ['module', 'main'] },
  // The Handlebars compiler loads only when a template changed since the build (see loadTemplates).
  external: [/^node:/, 'handlebars'],
  logLevel: 'warn',
  plugins: [lazyChildProcess],
  output: { dir: dist, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
});

const modules = {};
for (const item of result.output) {
  if (item.type !== 'chunk') continue;
  modules[item.fileName] = item.moduleIds
    .filter((id) => path.isAbsolute(id))
    .map((id) => path.relative(root, id).split(path.sep).join('/'))
    .sort();
}
mkdirSync(path.join(dist, 'chunks'), { recursive: true });
writeFileSync(path.join(dist, 'chunks', 'modules.json'), `${JSON.stringify(modules, null, 2)}\n`);
