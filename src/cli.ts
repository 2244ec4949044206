#!/usr/bin/env node
import * as nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';

import { packageVersion } from './package-root.js';

// `harbor-connect boards | head`: the reader left, which is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Nothing to parse: answered before commander and the commands load (the bundle).
  process.stdout.write(`${packageVersion()}\n`);
} else {
  // The bundle (scripts/bundle-cli.mjs) is CommonJS: Node 20 can keep V8's compiled code only for that.
  const chunks = new URL('./chunks/', import.meta.url);
  (await import('./compile-cache.js')).startCompileCache(fileURLToPath(new URL('./', import.meta.url)));
  const { main } = nodeModule.createRequire(chunks)('./main.cjs') as typeof import('./main.js');
  process.exitCode = await main(process.argv);
}
