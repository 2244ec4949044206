/**
 * The wizard's first question: where the project goes, checked at once. A
 * folder with someone else's files is left alone and another name offered; a
 * harbor-connect project is described (board, metrics) and its answers become
 * the defaults, so regenerating it never switches its board behind the user's
 * back: any change shows on the review before a file is written.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findBoard } from '../catalogue/boards.js';
import { ANSWERS_FILE, readAnswersFile } from '../config/answers-file.js';
import type { RawAnswers } from '../config/resolve-answers.js';
import { readSecretsHeader } from '../config/secrets-header.js';
import { displayPath } from '../commands/cli-helpers.js';
import { HarborError } from '../errors.js';
import { isHarborProject } from '../write/write-project.js';
import type { Prompts } from './prompts.js';
import type { WizardState, WizardStep } from './steps.js';

export type Folder =
  | { kind: 'new' }
  | { kind: 'ours'; raw: RawAnswers }
  | { kind: 'taken'; why: string };

/** What is at `dir` as far as writing a project there goes. */
export function inspectFolder(dir: string): Folder {
  const path = resolve(dir);
  if (!existsSync(path)) return { kind: 'new' };
  if (!statSync(path).isDirectory()) return { kind: 'taken', why: 'is a file, not a folder' };
  if (isHarborProject(path)) {
    let raw: RawAnswers = {};
    try {
      raw = readAnswersFile(join(path, ANSWERS_FILE));
    } catch (error) {
      if (!(error instanceof HarborError)) throw error;
      // A project whose answers file is gone or broken: its files are still ours to regenerate.
    }
    return { kind: 'ours', raw: { ...readSecretsHeader(path), ...raw } };
  }
  if (readdirSync(path).length > 0) return { kind: 'taken', why: 'already holds files that harbor-connect did not make' };
  return { kind: 'new' };
}

/** `base`, or `base-2`, `base-3`… : the first name with nothing in the way. */
export function freeFolderName(base: string): string {
  if (inspectFolder(base).kind === 'new') return base;
  for (let n = 2; ; n += 1) if (inspectFolder(`${base}-${n}`).kind === 'new') return `${base}-${n}`;
}

/** One line about an existing project: its board and what it sends. */
export function describeProject(raw: RawAnswers): string {
  const board = findBoard(String(raw.board ?? ''));
  const on = board ? `the ${board.name} (${board.id})` : raw.board ? `board ${String(raw.board)}` : 'an unknown board';
  const sensors = Array.isArray(raw.sensors) ? (raw.sensors as RawAnswers[]).map((s) => String(s.name ?? s.kind)) : [];
  const metrics = Array.isArray(raw.metrics) ? (raw.metrics as RawAnswers[]).map((m) => String(m.cargo ?? m.kind)) : [];
  const sends = [...sensors, ...metrics];
  return `for ${on}${sends.length > 0 ? `, sending ${sends.join(', ')}` : ''}`;
}

export const chooseFolder: WizardStep = async (prompts, state) => {
  let suggestion = state.out ?? String(state.defaults?.out ?? `harbor-${String(state.raw.board ?? 'device')}`);
  let asked = state.out === undefined;
  for (;;) {
    const dir = asked
      ? await prompts.input({ message: 'Project folder', default: suggestion, validate: (v) => (v.trim() === '' ? 'enter a folder name, e.g. harbor-greenhouse' : true) })
      : suggestion;
    const folder = inspectFolder(dir.trim());
    if (folder.kind === 'taken') {
      const other = freeFolderName(dir.trim());
      prompts.note(`${displayPath(dir.trim())} ${folder.why}, so it is left alone. Choose another name (${other} is free).`);
      suggestion = other;
      asked = true;
      continue;
    }
    state.out = dir.trim();
    if (folder.kind === 'ours') useExistingProject(prompts, state, folder.raw, dir.trim());
    else state.existing = undefined;
    return;
  }
};

/** The project's answers fill whatever flags and the environment did not give, and say so. */
function useExistingProject(prompts: Prompts, state: WizardState, projectRaw: RawAnswers, dir: string): void {
  state.existing = { board: typeof projectRaw.board === 'string' ? projectRaw.board : undefined, raw: projectRaw };
  state.sources ??= {};
  // The answers file leaves out an empty sensor list: a project without the key has none.
  for (const [key, value] of Object.entries({ sensors: [], ...projectRaw })) {
    if (key === '$schema' || value === undefined || state.raw[key] !== undefined) continue;
    state.raw[key] = value;
    state.sources[key] = 'project';
  }
  prompts.note(`${displayPath(dir)} is a harbor-connect project ${describeProject(projectRaw)}. Its answers are the defaults: change any of them at the review; no file is touched before you confirm there.`);
}
