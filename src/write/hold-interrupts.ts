/**
 * Ctrl+C (or SIGTERM, or a closed terminal's SIGHUP) while a project is being
 * written: without a listener, Node dies on the spot and leaves half a
 * project. With one, the synchronous write runs to its end and the signal
 * is seen after it; a wait in between (for another run's lock) is aborted.
 */
import { setImmediate as afterPoll } from 'node:timers/promises';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface HeldInterrupts {
  /** Aborted by the first signal. */
  signal: AbortSignal;
  /** Stops holding; resolves with the signal that came meanwhile, if any. */
  release(): Promise<NodeJS.Signals | undefined>;
}

export function holdInterrupts(): HeldInterrupts {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    received ??= signal;
    controller.abort();
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return {
    signal: controller.signal,
    release: async () => {
      // A signal that came during synchronous work is read when the loop next polls for I/O.
      // Two immediates surely have a poll between them; a timer would not (its clock may be stale).
      await afterPoll();
      await afterPoll();
      for (const signal of SIGNALS) process.off(signal, onSignal);
      return received;
    },
  };
}
