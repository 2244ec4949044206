/**
 * The only step of `init` that touches the disk. It decides every file's fate
 * first (create, update, unchanged, conflict) and writes nothing when anything
 * is wrong. A new project is written into a temporary folder inside its own
 * folder (covered by the project's .gitignore once that is in place) and
 * moved into place, so a failure never leaves half a project; an existing
 * one is updated file by file with write-then-rename, skipping files whose
 * bytes would not change (PlatformIO then rebuilds nothing).
 *
 * writeProject adds what a command needs around that: the folder made with
 * clear errors, a lock against a second run, temporaries of a killed run
 * removed, and Ctrl+C held until the write is whole.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { failedError, usageError } from '../errors.js';
import type { GeneratedFile } from '../render/render-project.js';
import { holdInterrupts } from './hold-interrupts.js';
import { makeProjectFolder, removeFolders } from './project-folder.js';
import { isAlive, LOCK_FILE, lockProjectFolder } from './project-lock.js';
import { comparePaths } from '../compare-paths.js';

export const MANIFEST_FILE = '.harbor/manifest.json';

export type FileAction = 'create' | 'update' | 'unchanged' | 'delete';

export interface WritePlan {
  outDir: string;
  isNewProject: boolean;
  actions: { path: string; action: FileAction }[];
  /** Files we made that the user has edited since; writing would lose their edit. */
  conflicts: string[];
}

interface Manifest {
  generator: 'harbor-connect';
  /** sha256 of every non-secret file as harbor-connect last wrote it. */
  files: Record<string, string>;
}

const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

export function readManifest(outDir: string): Manifest | undefined {
  try {
    const data = JSON.parse(readFileSync(join(outDir, MANIFEST_FILE), 'utf8')) as Manifest;
    return data.generator === 'harbor-connect' && typeof data.files === 'object' ? data : undefined;
  } catch {
    return undefined;
  }
}

export function isHarborProject(dir: string): boolean {
  return readManifest(dir) !== undefined;
}

export function planWrite(outDirInput: string, files: GeneratedFile[], options: { force?: boolean } = {}): WritePlan {
  const outDir = resolve(outDirInput);
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
    throw usageError(`${outDir} exists and is not a folder.`, 'Choose another --out.');
  }
  const exists = existsSync(outDir);
  const manifest = exists ? readManifest(outDir) : undefined;
  if (exists && !manifest && readdirSync(outDir).some((name) => !isOurLeftover(name))) {
    throw usageError(`${outDir} already exists and was not made by harbor-connect.`, 'Choose another --out, or empty that folder first.');
  }
  const actions: WritePlan['actions'] = [];
  const conflicts: string[] = [];
  const manifestFile = manifestContent(files);
  for (const file of [...files, { path: MANIFEST_FILE, content: manifestFile }]) {
    const target = join(outDir, file.path);
    if (!existsSync(target)) {
      actions.push({ path: file.path, action: 'create' });
      continue;
    }
    const current = readFileSync(target);
    if (current.equals(Buffer.from(file.content, 'utf8'))) {
      actions.push({ path: file.path, action: 'unchanged' });
      continue;
    }
    // Secrets are never hashed; new secrets come only from explicit flags or the environment.
    const ours = 'secret' in file && file.secret ? true : file.path === MANIFEST_FILE || manifest?.files[file.path] === sha256(current);
    if (!ours && !options.force) conflicts.push(file.path);
    actions.push({ path: file.path, action: 'update' });
  }
  const wanted = new Set(files.map((f) => f.path));
  for (const [path, hash] of Object.entries(manifest?.files ?? {})) {
    if (wanted.has(path) || !existsSync(join(outDir, path))) continue;
    if (sha256(readFileSync(join(outDir, path))) === hash || options.force) actions.push({ path, action: 'delete' });
  }
  return { outDir, isNewProject: !manifest, actions: actions.sort((a, b) => comparePaths(a.path, b.path)), conflicts };
}

function manifestContent(files: GeneratedFile[]): string {
  const hashes: Record<string, string> = {};
  for (const file of [...files].sort((a, b) => comparePaths(a.path, b.path))) {
    if (!file.secret) hashes[file.path] = sha256(file.content);
  }
  return `${JSON.stringify({ generator: 'harbor-connect', files: hashes } satisfies Manifest, null, 2)}\n`;
}

/** Throws when the plan would overwrite a file the user edited. */
export function assertNoConflicts(plan: WritePlan): void {
  if (plan.conflicts.length === 0) return;
  throw usageError(
    `You edited ${plan.conflicts.length === 1 ? 'a file' : 'files'} that regenerating would overwrite: ${plan.conflicts.join(', ')}.`,
    'Move your changes elsewhere (or into harbor-connect.json), or pass --force to overwrite them.',
  );
}

/** Carries out a plan made by planWrite; throws before writing anything if the plan has conflicts. */
export function applyWrite(plan: WritePlan, files: GeneratedFile[]): void {
  assertNoConflicts(plan);
  const byPath = new Map(files.map((f) => [f.path, f]));
  byPath.set(MANIFEST_FILE, { path: MANIFEST_FILE, content: manifestContent(files) });
  if (plan.isNewProject) {
    writeNewProject(plan.outDir, [...byPath.values()]);
    return;
  }
  // The manifest goes last, so an interrupted update still reads as ours next time.
  const ordered = plan.actions.filter((a) => a.path !== MANIFEST_FILE).concat(plan.actions.filter((a) => a.path === MANIFEST_FILE));
  for (const { path, action } of ordered) {
    const target = join(plan.outDir, path);
    if (action === 'delete') unlinkSync(target);
    else if (action !== 'unchanged') writeFile(target, byPath.get(path) as GeneratedFile, true);
  }
}

/** Into an absent or empty folder: staged inside it, owner-only, then moved into place. */
function writeNewProject(outDir: string, files: GeneratedFile[]): void {
  const made = makeProjectFolder(outDir);
  const staging = join(outDir, `${TEMPORARY_MARK}${process.pid}`);
  try {
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { mode: 0o700 });
    for (const file of files) writeFile(join(staging, file.path), file);
    // .gitignore first, so the secrets header never lies there unignored; the manifest
    // next, so a run killed between two moves leaves a folder the next run knows as ours.
    const first = ['.gitignore', dirname(MANIFEST_FILE)];
    const entries = readdirSync(staging).sort((a, b) => rank(first, a) - rank(first, b));
    for (const entry of entries) renameSync(join(staging, entry), join(outDir, entry));
    rmdirSync(staging);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    removeFolders(made);
    throw error;
  }
}

const rank = (order: string[], name: string): number => (order.includes(name) ? order.indexOf(name) : order.length);

/**
 * Our temporaries are named …harbor-tmp-<pid>: a project staged in its folder,
 * a file written before its rename, and (before this version) a sibling
 * .<name>.harbor-tmp-<pid> holding a whole project.
 */
const TEMPORARY_MARK = '.harbor-tmp-';
const TEMPORARY = /\.harbor-tmp-(\d+)$/;

/** A name in the project folder that init itself made: the lock (and its breaker), or a temporary. */
function isOurLeftover(name: string): boolean {
  return name.startsWith(LOCK_FILE) || TEMPORARY.test(name);
}

/**
 * Removes what a run killed mid-write left (it may hold the secrets). Call it
 * holding the project's lock: no other run of ours then writes there. Siblings
 * from older versions are removed only once their process is gone.
 */
export function removeStaleTemporaries(outDir: string, files: GeneratedFile[]): void {
  const folders = new Set([outDir, ...[...files, { path: MANIFEST_FILE }].map((file) => dirname(join(outDir, file.path)))]);
  for (const folder of folders) {
    for (const name of listFolder(folder)) {
      if (TEMPORARY.test(name)) rmSync(join(folder, name), { recursive: true, force: true });
    }
  }
  const sibling = `.${basename(outDir)}${TEMPORARY_MARK}`;
  for (const name of listFolder(dirname(outDir))) {
    const pid = name.startsWith(sibling) ? /^\d+$/.exec(name.slice(sibling.length))?.[0] : undefined;
    if (pid !== undefined && !isAlive(Number(pid))) rmSync(join(dirname(outDir), name), { recursive: true, force: true });
  }
}

function listFolder(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

/**
 * Plans and applies under the project's lock, in a folder made with clear
 * errors; Ctrl+C waits until the write is whole, and then stops the command.
 */
export async function writeProject(outDir: string, files: GeneratedFile[], options: { force?: boolean; lockWaitMs?: number } = {}): Promise<WritePlan> {
  const interrupts = holdInterrupts();
  let made: string[] = [];
  let outcome: { plan: WritePlan } | { error: unknown };
  try {
    made = makeProjectFolder(outDir);
    const lock = await lockProjectFolder(outDir, { waitMs: options.lockWaitMs, signal: interrupts.signal });
    try {
      removeStaleTemporaries(outDir, files);
      const plan = planWrite(outDir, files, options);
      applyWrite(plan, files);
      outcome = { plan };
    } finally {
      lock.release();
    }
  } catch (error) {
    outcome = { error };
    removeFolders(made);
  }
  const signal = await interrupts.release();
  const aborted = 'error' in outcome && (outcome.error as Error)?.name === 'AbortError';
  if ('error' in outcome && !aborted) throw outcome.error;
  if (signal !== undefined) {
    throw failedError(`Stopped by ${signal} ${aborted ? `before anything was written to ${outDir}` : `once ${outDir} was written in full`}.`, 'Run the command again to carry on.');
  }
  return (outcome as { plan: WritePlan }).plan;
}

function writeFile(target: string, file: GeneratedFile, viaRename = false): void {
  mkdirSync(dirname(target), { recursive: true });
  const mode = file.secret ? 0o600 : 0o644;
  if (!viaRename) {
    writeFileSync(target, file.content, { mode });
    return;
  }
  const temporary = `${target}.harbor-tmp-${process.pid}`;
  writeFileSync(temporary, file.content, { mode });
  renameSync(temporary, target);
}
