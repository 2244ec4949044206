/**
 * Runs the wizard's steps in order on the prompts given: inquirer's on the
 * terminal, scripted ones in tests.
 */
import type { RawAnswers } from '../config/resolve-answers.js';
import { failedError } from '../errors.js';
import { inquirerPrompts, type Prompts } from './prompts.js';
import { WIZARD_STEPS, type WizardState, type WizardStep } from './steps.js';

/** How inquirer reports ctrl+c, an aborted signal or a cancelled prompt (matched by name: there may be more than one copy of its classes). */
const CANCELLED = new Set(['ExitPromptError', 'AbortPromptError', 'CancelPromptError']);

/** Runs the steps in order; a cancelled prompt ends the wizard with nothing written. */
export async function runWizard(prompts: Prompts, raw: RawAnswers, out: string | undefined, steps: WizardStep[] = WIZARD_STEPS): Promise<WizardState> {
  const state: WizardState = { raw: { ...raw }, out };
  try {
    for (const step of steps) await step(prompts, state);
  } catch (error) {
    if (error instanceof Error && CANCELLED.has(error.name)) {
      throw failedError('Cancelled: nothing was written.', 'Run harbor-connect again when you are ready.');
    }
    throw error;
  }
  return state;
}

export async function interactiveWizard(raw: RawAnswers, out: string | undefined): Promise<{ raw: RawAnswers; out: string }> {
  const state = await runWizard(inquirerPrompts(), raw, out);
  return { raw: state.raw, out: state.out ?? `harbor-${String(state.raw.board)}` };
}
