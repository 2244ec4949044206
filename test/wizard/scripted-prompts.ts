/**
 * A `Prompts` that answers from a script, for driving the wizard without a
 * terminal. It behaves like the real prompts where tests rely on it: every
 * canned answer goes through the question's own `validate` (an answer the
 * wizard would refuse fails the test instead of slipping through), a select
 * or checkbox answer must be one of the choices offered, and DEFAULT stands
 * for pressing enter. Questions must come in the script's order.
 */
import type { Choice, Prompts } from '../../src/wizard/prompts.js';

/** Press enter: take the question's default (or the pre-checked boxes). */
export const DEFAULT: unique symbol = Symbol('default');
/** Press ctrl+c: the prompt rejects as inquirer's does. */
export const CANCEL: unique symbol = Symbol('cancel');

export interface ScriptLine {
  /** A part of the question's message, e.g. 'Which board?'. */
  question: string;
  answer: unknown;
  /** Typed first and refused by the question's validate with exactly this message (or one matching the RegExp). */
  refused?: ReadonlyArray<readonly [value: unknown, message: string | RegExp]>;
}

export type PromptKind = 'select' | 'search' | 'checkbox' | 'input' | 'password' | 'confirm';

export interface AskedQuestion {
  kind: PromptKind;
  message: string;
  choices?: Choice<unknown>[];
  default?: unknown;
}

export interface ScriptedPrompts extends Prompts {
  /** Every question asked, in order. */
  readonly asked: AskedQuestion[];
  /** Everything told with note(), in order. */
  readonly notes: string[];
  /** Script lines not used yet. */
  remaining(): ScriptLine[];
  /** The last question whose message contains `fragment`. */
  question(fragment: string): AskedQuestion;
}

/** What inquirer throws on ctrl+c; the wizard knows it by name. */
export class ExitPromptError extends Error {
  override name = 'ExitPromptError';
}

type Validate = ((value: never) => true | string) | undefined;

export function scriptedPrompts(script: readonly ScriptLine[]): ScriptedPrompts {
  const lines = [...script];
  const asked: AskedQuestion[] = [];
  const notes: string[] = [];

  /** The next line, which must answer this question; its refused values are checked on the way. */
  const take = (question: AskedQuestion, validate: Validate): ScriptLine => {
    asked.push(question);
    const line = lines.shift();
    if (!line) throw new Error(`The script has no answer for "${question.message}".`);
    if (!question.message.includes(line.question)) {
      throw new Error(`The wizard asked "${question.message}" where the script expected "${line.question}".`);
    }
    if (line.answer === CANCEL) throw new ExitPromptError('User force closed the prompt with SIGINT');
    for (const [value, expected] of line.refused ?? []) {
      const result = validate ? validate(value as never) : true;
      const matches = typeof expected === 'string' ? result === expected : typeof result === 'string' && expected.test(result);
      if (!matches) throw new Error(`"${question.message}" answered ${JSON.stringify(result)} to ${JSON.stringify(value)}, not the refusal ${String(expected)}.`);
    }
    return line;
  };

  const accept = <T>(question: AskedQuestion, validate: Validate, value: T): T => {
    const result = validate ? validate(value as never) : true;
    if (result !== true) throw new Error(`The canned answer ${JSON.stringify(value)} to "${question.message}" is invalid: ${result}`);
    return value;
  };

  const offered = <T>(question: AskedQuestion, choices: Choice<T>[], value: unknown): T => {
    const choice = choices.find((c) => c.value === value);
    if (!choice) throw new Error(`"${question.message}" does not offer ${JSON.stringify(value)}: it offers ${JSON.stringify(choices.map((c) => c.value))}.`);
    return choice.value;
  };

  return {
    asked,
    notes,
    remaining: () => [...lines],
    question(fragment) {
      const found = asked.filter((q) => q.message.includes(fragment)).at(-1);
      if (!found) throw new Error(`No question containing "${fragment}" was asked.`);
      return found;
    },

    async select<T>(q: { message: string; choices: Choice<T>[]; default?: T }): Promise<T> {
      const question: AskedQuestion = { kind: 'select', message: q.message, choices: q.choices as Choice<unknown>[], default: q.default };
      const { answer } = take(question, undefined);
      // Enter on a select takes the default, or the first choice when there is none (as inquirer does).
      return offered(question, q.choices, answer === DEFAULT ? (q.default ?? q.choices[0]?.value) : answer);
    },

    async search<T>(q: { message: string; source: (term: string) => Choice<T>[]; default?: T }): Promise<T> {
      const choices = q.source('');
      const question: AskedQuestion = { kind: 'search', message: q.message, choices: choices as Choice<unknown>[], default: q.default };
      const { answer } = take(question, undefined);
      return offered(question, choices, answer === DEFAULT ? (q.default ?? choices[0]?.value) : answer);
    },

    async checkbox<T>(q: { message: string; choices: Choice<T>[]; validate?: (chosen: readonly T[]) => true | string }): Promise<T[]> {
      const question: AskedQuestion = { kind: 'checkbox', message: q.message, choices: q.choices as Choice<unknown>[] };
      const { answer } = take(question, q.validate);
      const values = answer === DEFAULT ? q.choices.filter((c) => c.checked).map((c) => c.value) : (answer as unknown[]);
      return accept(question, q.validate, values.map((v) => offered(question, q.choices, v)));
    },

    async input(q: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string> {
      const question: AskedQuestion = { kind: 'input', message: q.message, default: q.default };
      const { answer } = take(question, q.validate);
      return accept(question, q.validate, answer === DEFAULT ? (q.default ?? '') : String(answer));
    },

    async password(q: { message: string; validate?: (value: string) => true | string }): Promise<string> {
      const question: AskedQuestion = { kind: 'password', message: q.message };
      const { answer } = take(question, q.validate);
      return accept(question, q.validate, answer === DEFAULT ? '' : String(answer));
    },

    async confirm(q: { message: string; default?: boolean }): Promise<boolean> {
      const question: AskedQuestion = { kind: 'confirm', message: q.message, default: q.default };
      const { answer } = take(question, undefined);
      // inquirer's confirm: enter means yes unless the default is false.
      if (answer === DEFAULT) return q.default !== false;
      if (typeof answer !== 'boolean') throw new Error(`"${q.message}" takes true or false, not ${JSON.stringify(answer)}.`);
      return answer;
    },

    note(message) {
      notes.push(message);
    },
  };
}
