/**
 * One file written whole or not at all (a library zip, a snippet and its
 * secrets file): into a temporary beside it, then renamed over it. A file
 * that is there already is replaced only when it is one of ours (`ours`
 * says so from its bytes) or with --force, so a user's file is never lost.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { usageError } from '../errors.js';
import { makeProjectFolder, removeFolders } from './project-folder.js';

export type SingleFileAction = 'create' | 'update' | 'unchanged';

export interface SingleFile {
  path: string;
  content: string | Buffer;
  /** Owner-only (0600): it holds the API key or the Wi-Fi password. */
  secret?: boolean;
  /** Whether bytes found at `path` were written by harbor-connect. */
  ours: (existing: Buffer) => boolean;
}

/** What writing would do, refusing before anything is written when a file is someone else's. */
export function planSingleFiles(files: readonly SingleFile[], force: boolean): SingleFileAction[] {
  const problems: string[] = [];
  const actions = files.map((file): SingleFileAction => {
    if (!existsSync(file.path)) return 'create';
    if (!statSync(file.path).isFile()) {
      problems.push(`${file.path} is not a file`);
      return 'update';
    }
    const current = readFileSync(file.path);
    if (current.equals(Buffer.from(file.content))) return 'unchanged';
    if (!force && !file.ours(current)) problems.push(`${file.path} was not written by harbor-connect`);
    return 'update';
  });
  if (problems.length > 0) throw usageError(`Nothing was written: ${problems.join('; ')}.`, 'Choose another --out, move that file away, or pass --force to replace it.');
  return actions;
}

/** Writes every file after planSingleFiles has accepted all of them. */
export function writeSingleFiles(files: readonly SingleFile[], force: boolean): SingleFileAction[] {
  const actions = planSingleFiles(files, force);
  const made = files.flatMap((file) => makeProjectFolder(dirname(file.path)));
  const temporaries: string[] = [];
  try {
    files.forEach((file, index) => {
      if (actions[index] === 'unchanged') return;
      const temporary = `${file.path}.harbor-tmp-${process.pid}`;
      temporaries.push(temporary);
      writeFileSync(temporary, file.content, { mode: file.secret ? 0o600 : 0o644 });
    });
    // Renamed only once every file is whole, so a failure leaves none half-written.
    let next = 0;
    files.forEach((file, index) => {
      if (actions[index] !== 'unchanged') renameSync(temporaries[next++] as string, file.path);
    });
  } catch (error) {
    for (const temporary of temporaries) rmSync(temporary, { force: true });
    removeFolders(made);
    throw error;
  }
  return actions;
}
