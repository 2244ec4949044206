#!/usr/bin/env node
import { main } from './main.js';

// `harbor-connect boards | head`: the reader left, which is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
