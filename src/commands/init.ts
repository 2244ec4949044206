/**
 * `harbor-connect init`: collect answers (flags, answers file, environment,
 * wizard), validate them with the one schema, generate, write, and optionally
 * build or flash. Each of those steps lives in its own module; this file only
 * puts them in order.
 */
import { wiringText } from './wiring-text.js';
import { batteryText } from '../power/battery-text.js';
import { displayPath } from './cli-helpers.js';
import { cliCommand } from '../invocation.js';
import { basename, dirname, join, resolve } from 'node:path';
import { readAnswersFile } from '../config/answers-file.js';
import type { Answers } from '../config/answers-schema.js';
import { givenAnswerProblems, mergeAnswerSources, missingAnswers, parseAnswers, parseMetricFlags, parseSensorFlags, type RawAnswers } from '../config/resolve-answers.js';
import { readSecretsHeader } from '../config/secrets-header.js';
import { usageError } from '../errors.js';
import { defaultOut, generateFiles } from '../generate/generate-files.js';
import { writeLibrary, writeSnippet } from './init-formats.js';
import type { Ui } from '../ui.js';
import { checkProjectFolder } from '../write/project-folder.js';
import { assertNoConflicts, isHarborProject, planWrite, writeProject } from '../write/write-project.js';

export interface InitFlags {
  config?: string;
  format?: string;
  printSecrets?: boolean;
  out?: string;
  yes?: boolean;
  dryRun?: boolean;
  force?: boolean;
  build?: boolean;
  flash?: boolean;
  port?: string;
  board?: string;
  framework?: string;
  shipId?: string;
  metric?: string[];
  sensor?: string[];
  endpoint?: string;
  harborId?: string;
  apiKey?: string;
  wifiSsid?: string;
  wifiPassword?: string;
  batchRecords?: string;
  batchBytes?: string;
  batchSeconds?: string;
  tls?: string;
  storage?: string;
  power?: string;
  battery?: string;
  caFile?: string;
}

export interface InitContext {
  ui: Ui;
  env: NodeJS.ProcessEnv;
  /** Asks for whatever is missing; absent when prompting is impossible or --yes was given. */
  wizard?: (input: { flags: RawAnswers; file: RawAnswers | undefined; env: NodeJS.ProcessEnv; out: string | undefined }) => Promise<{ raw: RawAnswers; out: string | undefined }>;
  /** The wizard's end, once the project is written: offers build, flash, monitor or simulate. */
  nextSteps?: (projectDir: string) => Promise<void>;
  /** Runs PlatformIO after writing (--build, --flash). */
  afterWrite?: (projectDir: string, flags: InitFlags) => Promise<void>;
}

export interface InitResult {
  projectDir: string;
  answers: Answers;
  written: boolean;
}

export async function runInit(flags: InitFlags, context: InitContext): Promise<InitResult> {
  const { ui } = context;
  if (flags.port && !flags.flash) ui.warn('--port is only used with --flash, so it is ignored.');
  const file = flags.config ? readAnswersFile(flags.config, undefined, (warning) => ui.warn(warning)) : undefined;
  let out = flags.out ?? defaultOutFromConfig(flags.config);
  let raw: RawAnswers;

  if (context.wizard && !flags.yes) {
    // The wizard merges the sources itself: the folder it is given or asks for may hold a project whose answers join them.
    ({ raw, out } = await context.wizard({ flags: flagAnswers(flags), file, env: context.env, out }));
  } else {
    // Regenerating a project of ours: its secrets header supplies what no flag or variable gave.
    const existingSecrets = out && isHarborProject(resolve(out)) ? readSecretsHeader(resolve(out)) : {};
    raw = mergeAnswerSources({ file, env: context.env, flags: flagAnswers(flags), existingSecrets });
    const missing = missingAnswers(raw);
    if (missing.length > 0) {
      const askable = flags.yes ? ', or run without --yes to be asked' : ', or run in a terminal to be asked';
      const missingLine = `Missing ${missing.length === 1 ? 'an answer' : `${missing.length} answers`}: ${missing.join(', ')}.`;
      const problems = givenAnswerProblems(raw);
      if (problems.length === 0) throw usageError(missingLine, `Pass them as flags or put them in an answers file (--config)${askable}.`);
      throw usageError(`The answers have ${problems.length + 1} problems:\n  ${[...problems, missingLine].join('\n  ')}`, `Fix them, and pass the missing ones as flags or in an answers file (--config)${askable}.`);
    }
  }

  const answers = parseAnswers(raw);
  if (answers.format !== 'project' && (flags.build || flags.flash)) {
    throw usageError(
      `--build and --flash build a PlatformIO project, so they do not go with --format ${answers.format}.`,
      answers.format === 'sketch' ? 'Leave them out, then open the sketch in the Arduino IDE and upload it from there.' : 'Leave them out.',
    );
  }
  if (flags.printSecrets && answers.format !== 'snippet') ui.warn('--print-secrets is only used with --format snippet, so it is ignored.');
  if (answers.format === 'library') {
    const result = writeLibrary(answers, out ?? defaultOut(answers), flags, ui);
    return { projectDir: result.path, answers, written: result.written };
  }
  if (answers.format === 'snippet') {
    const result = writeSnippet(answers, out, flags, ui, (text) => ui.info(text.trimEnd()));
    return { projectDir: result.path, answers, written: result.written };
  }
  const projectDir = checkProjectFolder(out ?? defaultOut(answers));
  const { model, files } = generateFiles(answers, projectDir);
  for (const warning of model.warnings) ui.warn(warning);

  const shown = displayPath(projectDir);
  if (flags.dryRun) {
    const plan = planWrite(projectDir, files, { force: flags.force });
    ui.info(`Dry run: nothing is written. ${shown} would get:`);
    for (const { path, action } of plan.actions) ui.info(`  ${action.padEnd(9)} ${path}`);
    // The same refusal a real run would give, after the list, so a dry run predicts the real exit code.
    assertNoConflicts(plan);
    return { projectDir, answers, written: false };
  }

  // Under a lock on the folder, so a second run waits for this one; Ctrl+C waits until the project is whole.
  const plan = await writeProject(projectDir, files, { force: flags.force });
  const changed = plan.actions.filter((a) => a.action !== 'unchanged');
  ui.success(changed.length === 0 ? `${shown} is up to date: no file changed.` : `${plan.isNewProject ? 'Created' : 'Updated'} ${shown}: ${summarise(plan.actions)}.`);
  for (const { path, action } of changed) ui.detail(`  ${action.padEnd(9)} ${path}`);
  ui.info(model.bufferSummary);
  if (model.battery) {
    ui.info('');
    for (const line of batteryText(model.battery)) ui.info(line);
  }
  const wiring = wiringText(model);
  if (wiring.length > 0) {
    ui.info('');
    for (const line of wiring) ui.info(line);
    ui.info('(The same wiring is in README.md.)');
  }
  if (answers.format === 'sketch') {
    const name = basename(projectDir);
    ui.info(`Next: open ${displayPath(join(projectDir, `${name}.ino`))} in the Arduino IDE 2, choose the ${model.board.name} under Tools > Board, and upload. It needs nothing installed but the board's core.`);
  } else if (context.nextSteps && !flags.build && !flags.flash) {
    await context.nextSteps(projectDir);
  } else if (!flags.build && !flags.flash) {
    ui.info(`Next: ${cliCommand(['simulate', shown, '--local'])}   (runs it on this computer first), then ${cliCommand(['flash', shown])}.`);
  }
  await context.afterWrite?.(projectDir, flags);
  return { projectDir, answers, written: true };
}

function flagAnswers(flags: InitFlags): RawAnswers {
  const raw: RawAnswers = {
    board: flags.board,
    framework: flags.framework,
    shipId: flags.shipId,
    endpoint: flags.endpoint,
    harborId: flags.harborId,
    apiKey: flags.apiKey,
    wifiSsid: flags.wifiSsid,
    wifiPassword: flags.wifiPassword,
    batchRecords: flags.batchRecords,
    batchBytes: flags.batchBytes,
    batchSeconds: flags.batchSeconds,
    tls: flags.tls,
    format: flags.format,
    storage: flags.storage,
    power: flags.power,
    battery: flags.battery,
    caFile: flags.caFile === undefined ? undefined : resolve(flags.caFile),
  };
  if (flags.metric && flags.metric.length > 0) raw.metrics = parseMetricFlags(flags.metric);
  if (flags.sensor && flags.sensor.length > 0) raw.sensors = parseSensorFlags(flags.sensor);
  return raw;
}

/** `init --config some/project/harbor-connect.json` regenerates that project in place. */
function defaultOutFromConfig(config: string | undefined): string | undefined {
  if (!config) return undefined;
  const dir = dirname(resolve(config));
  return isHarborProject(dir) ? dir : undefined;
}

function summarise(actions: { action: string }[]): string {
  const counts = new Map<string, number>();
  for (const { action } of actions) counts.set(action, (counts.get(action) ?? 0) + 1);
  const words: Record<string, string> = { create: 'created', update: 'updated', unchanged: 'unchanged', delete: 'deleted' };
  return [...counts].map(([action, n]) => `${n} ${words[action] ?? action}`).join(', ');
}

