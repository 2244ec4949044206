/**
 * How to run harbor-connect again from where the user is, for the commands we
 * print: the way this run was started. harbor-connect is not published, so a
 * bare `npx harbor-connect` would fetch whatever someone publishes under that
 * name: it is printed only when npx would find this very install.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { quoteArg } from './commands/cli-helpers.js';

export interface InvocationContext {
  env: NodeJS.ProcessEnv;
  /** process.argv[1]: the script node was started with. */
  script: string | undefined;
  cwd: string;
}

const here = (): InvocationContext => ({ env: process.env, script: process.argv[1], cwd: process.cwd() });

function real(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

/** The words that start harbor-connect the way this run was started, e.g. `harbor-connect` or `npm start --`. */
export function cliPrefix(context: InvocationContext = here()): string {
  const { env, cwd } = context;
  const script = context.script === undefined ? undefined : real(context.script);
  if (script === undefined) return 'harbor-connect';
  // `npm start` in the clone (npm runs it in the clone's folder, which is where the paths we print start).
  if (env.npm_lifecycle_event === 'start' && env.npm_package_name === 'harbor-connect') return 'npm start --';

  const viaNpx = env.npm_command === 'exec' || env.npm_lifecycle_event === 'npx';
  if (viaNpx) {
    // npx finds an install in node_modules of this folder or one above it, and never fetches then.
    for (let dir = cwd; ; dir = path.dirname(dir)) {
      const bin = path.join(dir, 'node_modules', '.bin', 'harbor-connect');
      if (existsSync(bin) && real(bin) === script) return 'npx harbor-connect';
      if (path.dirname(dir) === dir) break;
    }
  } else {
    // A global install or `npm link`: the name on PATH is this very script. (npx puts its own bin folder
    // on PATH for the run, so this is not asked under npx.)
    for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
      if (real(path.join(dir, 'harbor-connect')) === script) return 'harbor-connect';
    }
  }
  // From a clone, or from npx's cache (a tarball): node with the script's path works from anywhere.
  const shown = path.relative(cwd, script);
  return `node ${quoteArg(shown.startsWith('..') || path.isAbsolute(shown) ? script : shown)}`;
}

/** A whole command line, e.g. cliCommand(['simulate', 'greenhouse', '--local']). */
export function cliCommand(args: readonly string[], context: InvocationContext = here()): string {
  return [cliPrefix(context), ...args.map(quoteArg)].join(' ');
}
