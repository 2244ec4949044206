#!/usr/bin/env node
import * as nodeModule from 'node:module';

import { packageVersion } from './package-root.js';

// `harbor-connect boards | head`: the reader left, which is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Nothing to parse: answered before commander and the commands load (the bundle's main chunk).
  process.stdout.write(`${packageVersion()}\n`);
} else {
  // Node 22.1 and later keep V8's compiled code of the chunks between runs (in the temporary folder); Node 20 has no such cache.
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  const { main } = await import('./main.js');
  process.exitCode = await main(process.argv);
}
