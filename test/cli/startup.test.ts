/**
 * Each command loads only what it needs, so the CLI starts fast (issue 11: the
 * ratios themselves are measured by `npm run bench`, where timing is not
 * flaky). The commands are bundled (scripts/bundle-cli.mjs) behind the entry,
 * dist/cli.js, which tsc compiles alone with the two small modules it loads
 * itself: which sources a run loaded is read from the files it loaded
 * (recorded by a preloaded hook) and the bundle's list of the sources in each
 * file (dist/chunks/modules.json).
 */
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useScratch } from '../scratch.js';
import { CLI, REPO } from './helpers.js';

const scratch = useScratch('hc-startup');
const HOOK = join(REPO, 'test/fixtures/startup/record-loads.mjs');
const BUNDLE = JSON.parse(readFileSync(join(REPO, 'dist/chunks/modules.json'), 'utf8')) as Record<string, string[]>;

interface Loaded {
  /** Files of the package itself that were read, relative to it (dist/cli.js, dist/chunks/…). */
  files: string[];
  /** Every source those files hold, and every file loaded from node_modules, relative to the package. */
  sources: Set<string>;
}

async function loadedBy(args: string[]): Promise<Loaded> {
  const run = await execa('node', ['--import', HOOK, CLI, ...args], {
    cwd: scratch(),
    env: { NO_COLOR: '1', HARBOR_API_KEY: 'test-key', WIFI_PASSWORD: 'test-password' },
    reject: false,
    stdin: 'ignore',
  });
  expect(run.exitCode, run.stderr).toBe(0);
  const files: string[] = [];
  const sources = new Set<string>();
  for (const line of run.stderr.split('\n')) {
    if (!line.startsWith('LOADED ') || line.includes('LOADED node:')) continue;
    const file = relative(REPO, line.slice('LOADED '.length).replace(/^file:\/\//, '')).split(sep).join('/');
    if (file.startsWith('..')) continue;
    if (!file.startsWith('node_modules/')) files.push(file);
    for (const source of BUNDLE[file.replace(/^dist\//, '')] ?? [tscSource(file)]) sources.add(source);
  }
  return { files: [...new Set(files)].sort(), sources };
}

/** The source of a file tsc compiled alone (dist/cli.js is src/cli.ts); any other file stands for itself. */
const tscSource = (file: string): string => (/^dist\/[\w-]+\.js$/.test(file) ? file.replace(/^dist\/(.*)\.js$/, 'src/$1.ts') : file);

/** What the entry loads before the bundle, each a file of its own: where the package is, and the compile cache for Node 20. */
const ENTRY = ['dist/cli.js', 'dist/compile-cache.js', 'dist/package-root.js'];

/** The packages among the sources, and our own folders that only some commands need. */
function packagesOf(loaded: Loaded): Set<string> {
  const names = new Set<string>();
  for (const source of loaded.sources) {
    const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1];
    if (pkg) names.add(pkg);
    const own = /^src\/(receiver|wizard|platformio)\//.exec(source)?.[1];
    if (own) names.add(`src/${own}`);
  }
  return names;
}

const HEAVY = ['zod', 'handlebars', '@inquirer/core', 'execa', 'yocto-spinner', 'src/receiver', 'src/wizard', 'src/platformio'];
const INIT = ['init', '--yes', '--dry-run', '--board', 'esp32dev', '--harbor-id', 'hb', '--wifi-ssid', 'lab', '--out', 'proj'];

// Each case starts node with a loader hook: seconds on a machine other work keeps busy.
describe('start-up loads only what the command needs', { timeout: 30_000 }, () => {
  it('--version loads no package and none of the commands: the entry and where the package is', async () => {
    const loaded = await loadedBy(['--version']);
    expect([...loaded.sources].sort()).toEqual(['src/cli.ts', 'src/package-root.ts']);
  });

  it.each([['boards'], ['--verbose', '--version']])('%s loads commander and nothing heavy, from the bundle alone', async (...command) => {
    const loaded = await loadedBy(command);
    const packages = packagesOf(loaded);
    expect(packages.has('commander')).toBe(true);
    expect(HEAVY.filter((name) => packages.has(name))).toEqual([]);
    // boards prints the listing the build made (src/catalogue/precomputed-listing.ts): the catalogue itself does not load.
    expect(loaded.sources.has('src/catalogue/boards.ts')).toBe(false);
    // Every file Node resolves and reads costs start-up time: nothing outside the bundle.
    expect(loaded.files.filter((file) => !file.startsWith('dist/chunks/'))).toEqual(ENTRY);
  });

  it('init --yes --dry-run loads zod and the Handlebars runtime with precompiled templates, but not the compiler, prompts, PlatformIO or the receiver', async () => {
    const loaded = await loadedBy(INIT);
    const packages = packagesOf(loaded);
    expect(packages.has('zod') && packages.has('handlebars')).toBe(true);
    expect(HEAVY.filter((name) => packages.has(name) && name !== 'zod' && name !== 'handlebars')).toEqual([]);
    expect(loaded.files).toContain('dist/precompiled-templates.cjs');
    expect([...loaded.sources].filter((source) => source.includes('handlebars/compiler/'))).toEqual([]);
    expect(loaded.files.filter((file) => !file.startsWith('dist/chunks/'))).toEqual([...ENTRY, 'dist/precompiled-templates.cjs']);
  });

  it('what a command always loads together is one file: the program with commander, the catalogue with its listing, init with its writer', async () => {
    const fileOf = (source: string): string | undefined => Object.keys(BUNDLE).find((file) => BUNDLE[file]?.includes(source));
    const together = [
      ['src/main.ts', 'src/commander.ts', 'node_modules/commander/lib/command.js', 'src/errors.ts', 'src/did-you-mean.ts', 'src/commands/cli-helpers.ts'],
      ['src/catalogue/boards.ts', 'src/catalogue/chip-rules.ts', 'src/catalogue/generated/manifest-boards.json', 'src/commands/catalogue-listing.ts'],
      ['src/commands/init.ts', 'src/invocation.ts', 'src/write/write-project.ts'],
      ['src/config/answers-file.ts', 'src/config/endpoint.ts'],
    ];
    for (const sources of together) expect(new Set(sources.map(fileOf)).size, sources.join(', ')).toBe(1);
    // Every file is a resolve, a read and a compile: boards reads the entry's three, the bundle's entry (main.cjs), the program
    // and the bundler's runtime (its listing is the build's, dist/boards-listing.json, read as data).
    expect((await loadedBy(['boards'])).files.length).toBeLessThanOrEqual(7);
  });

  it("finds the package's files through PACKAGE_ROOT, which holds inside the bundle", () => {
    // Bundled, a module's import.meta.url is its chunk's (dist/chunks/…): a path made from it points
    // there. Loading a package with createRequire(import.meta.url) still works (node_modules is above).
    const bundled = [...new Set(Object.values(BUNDLE).flat())].filter((file) => file.startsWith('src/') && file.endsWith('.ts'));
    expect(bundled.length).toBeGreaterThan(100);
    const pathsFromHere = bundled.filter((file) => {
      const uses = readFileSync(join(REPO, file), 'utf8').replaceAll('createRequire(import.meta.url)', '');
      return uses.includes('import.meta') && file !== 'src/package-root.ts';
    });
    expect(pathsFromHere).toEqual([]);
  });

  it('schema loads zod but not Handlebars', async () => {
    const packages = packagesOf(await loadedBy(['schema']));
    expect(packages.has('zod')).toBe(true);
    expect(packages.has('handlebars')).toBe(false);
  });
});
