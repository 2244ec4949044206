/**
 * The wizard: the project folder, the questions (steps.ts), then the review
 * (review.ts) until the user chooses to write. Runs on the prompts given:
 * inquirer's on the terminal, scripted ones in tests. Nothing is written
 * here; a cancel at any point ends the wizard with nothing on disk.
 */
import { AnswersSchema } from '../config/answers-schema.js';
import { DEFAULT_METRICS, mergeAnswerSources, type RawAnswers } from '../config/resolve-answers.js';
import { failedError } from '../errors.js';
import { chooseFolder } from './folder-step.js';
import { inquirerPrompts, type Prompts } from './prompts.js';
import { clearForChange, review, REVIEW_ITEMS } from './review.js';
import { chooseFormat, WIZARD_STEPS, writesFolder, type AnswerSource, type WizardState, type WizardStep } from './steps.js';

/** How inquirer reports ctrl+c, an aborted signal or a cancelled prompt (matched by name: there may be more than one copy of its classes). */
export const CANCELLED = new Set(['ExitPromptError', 'AbortPromptError', 'CancelPromptError']);

export const isCancel = (error: unknown): boolean => error instanceof Error && CANCELLED.has(error.name);

export interface WizardOptions {
  steps?: WizardStep[];
  /** Ask first what to write (steps.ts chooseFormat); the terminal wizard does. */
  askFormat?: boolean;
  sources?: Record<string, AnswerSource>;
  env?: NodeJS.ProcessEnv;
}

/** Rounds of asking again for answers the schema refuses before they are shown as problems on the review. */
const MAX_RECHECKS = 3;

export async function runWizard(prompts: Prompts, raw: RawAnswers, out: string | undefined, options: WizardOptions = {}): Promise<WizardState> {
  const steps = options.steps ?? WIZARD_STEPS;
  const state: WizardState = { raw: { ...raw }, out, sources: { ...options.sources }, env: options.env };
  try {
    if (options.askFormat) await chooseFormat(prompts, state);
    if (writesFolder(state.raw)) await chooseFolder(prompts, state);
    for (let rechecks = 0; ; ) {
      for (const step of steps) await step(prompts, state);
      state.changing = undefined;
      state.defaults = undefined;
      const problems = answerProblems(state.raw);
      const askable = problems.filter((p) => p.key !== undefined && REVIEW_ITEMS.some((i) => i.keys.includes(p.key as string)));
      if (askable.length > 0 && rechecks < MAX_RECHECKS) {
        rechecks += 1;
        askAgain(prompts, state, askable);
        continue;
      }
      const choice = await review(prompts, state, problems.map((p) => p.message));
      if (choice.write) return state;
      rechecks = 0;
      clearForChange(state, choice.item);
      if (choice.item.id === 'format') {
        await chooseFormat(prompts, state);
        if (writesFolder(state.raw) && state.out === undefined) await chooseFolder(prompts, state);
      }
      if (choice.item.id === 'folder') await chooseFolder(prompts, state);
    }
  } catch (error) {
    if (isCancel(error)) throw failedError('Cancelled: nothing was written.', 'Run harbor-connect again when you are ready.');
    throw error;
  }
}

interface Problem {
  key: string | undefined;
  message: string;
}

/** What the schema says about the answers, in the wizard's words (labels, not flags). */
function answerProblems(raw: RawAnswers): Problem[] {
  const result = AnswersSchema.safeParse(raw.metrics === undefined ? { ...raw, metrics: DEFAULT_METRICS } : raw);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const key = issue.path[0] === undefined ? undefined : String(issue.path[0]);
    const label = REVIEW_ITEMS.find((i) => key !== undefined && i.keys.includes(key))?.label ?? key ?? 'The answers';
    const which = key === 'metrics' && typeof issue.path[1] === 'number' ? ` (metric ${issue.path[1] + 1})` : '';
    return { key, message: `${label}${which}: ${issue.message}.`.replace(/([.?])\.$/, '$1') };
  });
}

/** Says what is wrong with each answer and clears it, so its question comes again with the answer as default. */
function askAgain(prompts: Prompts, state: WizardState, problems: Problem[]): void {
  state.defaults = {};
  for (const { key, message } of problems) {
    prompts.note(`${message} Please answer it again.`);
    // Two problems of one answer (two metrics, two sensors): the first keeps the answer as the default.
    if (!((key as string) in state.defaults)) state.defaults[key as string] = state.raw[key as string];
    delete state.raw[key as string];
    delete state.sources?.[key as string];
  }
}

export interface WizardInput {
  flags: RawAnswers;
  file?: RawAnswers;
  env: NodeJS.ProcessEnv;
  out: string | undefined;
}

/** Merges the answer sources, remembering which one each answer came from, and runs the wizard on the terminal. */
export async function interactiveWizard(input: WizardInput, prompts: Prompts = inquirerPrompts()): Promise<{ raw: RawAnswers; out: string | undefined }> {
  const sources: Record<string, AnswerSource> = {};
  const fromEnv = mergeAnswerSources({ env: input.env });
  for (const [layer, values] of [['file', input.file], ['env', fromEnv], ['flag', input.flags]] as const) {
    for (const [key, value] of Object.entries(values ?? {})) if (value !== undefined) sources[key] = layer;
  }
  const raw = mergeAnswerSources({ file: input.file, env: input.env, flags: input.flags });
  const state = await runWizard(prompts, raw, input.out, { sources, env: input.env, askFormat: true });
  return { raw: state.raw, out: state.out };
}
