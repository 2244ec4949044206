/**
 * The prompt functions the wizard uses, injected so tests can answer them
 * without a terminal (see test/wizard). Validation comes from the answers
 * schema, so a typed answer is checked exactly as a flag would be.
 */
import { Writable } from 'node:stream';
import { checkbox, confirm, input, password, search, select, Separator } from '@inquirer/prompts';
import type { z } from 'zod';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
  checked?: boolean;
  /** A heading the list shows above the first choice of each group (search lists). */
  group?: string;
}

export interface Prompts {
  select<T>(question: { message: string; choices: Choice<T>[]; default?: T; pageSize?: number }): Promise<T>;
  /** A list filtered as the user types; `source('')` is what shows before any key. */
  search<T>(question: { message: string; source: (term: string) => Choice<T>[]; default?: T }): Promise<T>;
  checkbox<T>(question: { message: string; choices: Choice<T>[]; validate?: (chosen: readonly T[]) => true | string }): Promise<T[]>;
  input(question: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  password(question: { message: string; validate?: (value: string) => true | string }): Promise<string>;
  confirm(question: { message: string; default?: boolean }): Promise<boolean>;
  /** Tells the user something between questions (a memory plan, a pin warning). Never pass it a secret. */
  note(message: string): void;
}

export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

type Context = NonNullable<Parameters<typeof input>[1]>;

/** Inquirer's prompts, on the terminal or on the streams given. */
export function inquirerPrompts(streams: PromptStreams = {}): Prompts {
  const context = (): Context => ({ input: streams.input, output: streams.output ? keepOpen(streams.output) : undefined });
  return {
    select: (q) => select({ ...q, choices: q.choices.map(({ checked: _checked, group: _group, ...c }) => c) }, context()),
    search: (q) =>
      search(
        { message: q.message, default: q.default, pageSize: 12, source: (term) => withHeadings(q.source(term ?? '')) },
        context(),
      ),
    checkbox: (q) =>
      checkbox(
        {
          message: q.message,
          choices: q.choices.map(({ group: _group, ...c }) => c),
          validate: q.validate ? (chosen) => q.validate?.(chosen.map((c) => c.value)) ?? true : undefined,
        },
        context(),
      ),
    input: (q) => input(q, context()),
    password: (q) => password({ ...q, mask: '*' }, context()),
    confirm: (q) => confirm(q, context()),
    note: (message) => {
      (streams.output ?? process.stdout).write(`${message}\n`);
    },
  };
}

/** The choices with a separator line before each new group, as inquirer's lists show headings. */
function withHeadings<T>(choices: Choice<T>[]): (Separator | Omit<Choice<T>, 'checked' | 'group'>)[] {
  const out: (Separator | Omit<Choice<T>, 'checked' | 'group'>)[] = [];
  let group: string | undefined;
  for (const { checked: _checked, group: next, ...choice } of choices) {
    if (next !== undefined && next !== group) out.push(new Separator(`── ${next}`));
    group = next;
    out.push(choice);
  }
  return out;
}

/**
 * Inquirer pipes each prompt into the output and ends it when the prompt is
 * done; only stdout is exempt. Any other stream (a test's, a log's) would be
 * closed after the first question, so each prompt writes through its own
 * stream that forwards the text and leaves the real one open.
 */
function keepOpen(output: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      output.write(chunk);
      done();
    },
  });
}

/** A prompt validator from a zod schema: true, or the schema's message. */
export function validateWith(schema: z.ZodType): (value: string) => true | string {
  return (value) => {
    const result = schema.safeParse(value);
    return result.success ? true : (result.error.issues[0]?.message ?? 'is not valid');
  };
}
