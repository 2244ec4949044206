#!/usr/bin/env node
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
  const { main } = await import('./main.js');
  process.exitCode = await main(process.argv);
}
