// The built CLI's main(), run as dist/cli.js runs it, with hooks a test sets in the environment:
//   HC_START_AT=<epoch ms>      load everything, then wait for that moment, so two runs write at once;
//   HC_WRITE_DELAY_MS=<ms>      make every writeFileSync that much slower, as a slow disk would,
//                               so two such runs surely overlap;
//   HC_SIGNAL=<name>, HC_SIGNAL_AFTER_WRITE=<n>
//                               send this process the signal right after its n-th writeFileSync,
//                               as a Ctrl+C or a kill -9 landing mid-write would.
import fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';

// The bundle's main(), the code dist/cli.js runs (without the compile cache, which changes how it is compiled, not what it does).
const { main } = createRequire(import.meta.url)('../../dist/chunks/main.cjs');

const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const writeDelayMs = Number(process.env.HC_WRITE_DELAY_MS ?? 0);
const signal = process.env.HC_SIGNAL;
const signalAfter = Number(process.env.HC_SIGNAL_AFTER_WRITE ?? 0);
if (writeDelayMs > 0 || (signal && signalAfter > 0)) {
  const writeFileSync = fs.writeFileSync;
  let writes = 0;
  fs.writeFileSync = function (...args) {
    pause(writeDelayMs);
    const result = writeFileSync.apply(this, args);
    writes += 1;
    if (signal && writes === signalAfter) {
      process.kill(process.pid, signal);
      // Let a caught signal wait while the write goes on, as a real one would.
      pause(50);
    }
    return result;
  };
  // The bundle reads fs.writeFileSync at each call; an ES module importing it by name needs this too.
  syncBuiltinESMExports();
}

const startAt = Number(process.env.HC_START_AT ?? 0);
while (Date.now() < startAt) {
  // Busy-wait: a timer would add its own delay.
}
process.exitCode = await main(process.argv);
