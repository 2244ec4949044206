/**
 * What the CLI prints, in one place: plain lines on stdout, problems on
 * stderr, colour only on a terminal. Commands receive a Ui so tests can read
 * what a user would see.
 */
import { styleText } from 'node:util';

export interface Ui {
  info(line: string): void;
  success(line: string): void;
  warn(line: string): void;
  error(line: string): void;
  /** What to do about an error, on stderr beside it. */
  hint(line: string): void;
  /** Shown only with --verbose. */
  detail(line: string): void;
  readonly verbose: boolean;
}

export function terminalUi(options: { verbose?: boolean; stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream } = {}): Ui {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const colour = (stream: NodeJS.WritableStream) => 'isTTY' in stream && Boolean(stream.isTTY) && !process.env.NO_COLOR;
  const paint = (stream: NodeJS.WritableStream, style: Parameters<typeof styleText>[0], text: string) => (colour(stream) ? styleText(style, text) : text);
  const verbose = Boolean(options.verbose);
  return {
    verbose,
    info: (line) => stdout.write(`${line}\n`),
    success: (line) => stdout.write(`${paint(stdout, 'green', '✔')} ${line}\n`),
    warn: (line) => stderr.write(`${paint(stderr, 'yellow', 'warning:')} ${line}\n`),
    error: (line) => stderr.write(`${paint(stderr, 'red', 'error:')} ${line}\n`),
    hint: (line) => stderr.write(`${line}\n`),
    detail: (line) => {
      if (verbose) stdout.write(`${paint(stdout, 'dim', line)}\n`);
    },
  };
}
