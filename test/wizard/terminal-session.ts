/**
 * The real CLI in a pseudo-terminal (node-pty), its screen rendered by a
 * headless xterm: keystrokes in, the screen as a person sees it back. Every
 * wait is bounded, and a session still running after its test is killed, so
 * a wizard that stops where the test did not expect cannot hang the suite.
 */
import { spawn, type IPty } from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { CLI } from '../cli/helpers.js';

export const KEY = { enter: '\r', down: '\x1b[B', up: '\x1b[A', ctrlC: '\x03', ctrlU: '\x15', backspace: '\x7f' } as const;

const COLS = 200;
const ROWS = 50;
const WAIT_MS = 15_000;

const running: IPty[] = [];
afterEach(() => {
  for (const term of running.splice(0)) {
    try {
      term.kill();
    } catch {
      // Already gone.
    }
  }
});

export interface Session {
  /** Every line the terminal has shown, scrollback included, as text. */
  screen(): string;
  /** Waits until `text` is on screen `times` times (default once). */
  waitFor(text: string | RegExp, times?: number): Promise<void>;
  /** Waits for the active question (a line starting with "? " and `question`), then types `keys`. */
  answer(question: string, keys: string): Promise<void>;
  type(keys: string): void;
  /** Types `typed` into the active search question, waits for `shown` in its list and for the list to settle, then picks the first. */
  search(question: string, typed: string, shown: string): Promise<void>;
  /** The exit code, within the wait. */
  exited(): Promise<number>;
}

export function startWizard(cwd: string, env: Record<string, string> = {}): Session {
  const term = spawn(process.execPath, [CLI], {
    name: 'xterm-256color',
    cols: COLS,
    rows: ROWS,
    cwd,
    // No PlatformIO on this PATH and a HOME without ~/.platformio: the wizard's end is the same on every machine.
    // The compile cache (src/compile-cache.ts) stays where this user's runs keep it, not in the folder under test.
    env: {
      PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: cwd,
      XDG_CACHE_HOME: process.env.XDG_CACHE_HOME || join(homedir(), '.cache'),
      TERM: 'xterm-256color',
      NO_COLOR: '1',
      ...env,
    },
  });
  running.push(term);
  const screen = new xterm.Terminal({ cols: COLS, rows: ROWS, scrollback: 5000, allowProposedApi: true });
  let pending = 0;
  term.onData((data) => {
    pending += 1;
    screen.write(data, () => {
      pending -= 1;
    });
  });
  let exitCode: number | undefined;
  term.onExit(({ exitCode: code }) => {
    exitCode = code;
  });

  const text = (): string => {
    const buffer = screen.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i += 1) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n').replace(/\n+$/, '');
  };
  const count = (needle: string | RegExp): number => {
    const all = text();
    return typeof needle === 'string' ? all.split(needle).length - 1 : (all.match(new RegExp(needle.source, `${needle.flags.replace('g', '')}g`)) ?? []).length;
  };
  const until = async (done: () => boolean, what: string): Promise<void> => {
    for (let waited = 0; waited < WAIT_MS; waited += 25) {
      if (pending === 0 && done()) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`${what} within ${WAIT_MS / 1000} s. The screen:\n${text()}`);
  };

  return {
    screen: text,
    waitFor: (needle, times = 1) => until(() => count(needle) >= times, `"${String(needle)}" did not appear ${times} time(s)`),
    async answer(question, keys) {
      await until(() => text().split('\n').some((line) => line.startsWith(`? ${question}`)), `The question "${question}" was not asked`);
      term.write(keys);
    },
    type: (keys) => term.write(keys),
    async search(question, typed, shown) {
      await this.answer(question, typed);
      await until(() => text().includes(shown), `"${shown}" was not offered`);
      // The search filters asynchronously; an enter while it still works is dropped, so wait until the screen is still.
      let last = '';
      await until(() => {
        const now = text();
        const still = now === last;
        last = now;
        return still;
      }, 'The search list did not settle');
      await new Promise((resolve) => setTimeout(resolve, 150));
      term.write('\r');
      await until(() => text().split('\n').some((line) => line.startsWith(`✔ ${question}`) && line.includes(shown.replace(/[()]/g, ''))), `"${shown}" was not picked`);
    },
    async exited() {
      await until(() => exitCode !== undefined, 'The CLI did not exit');
      return exitCode as number;
    },
  };
}
