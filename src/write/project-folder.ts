/**
 * The project folder as a place on disk: a path that can hold a project, made
 * one level at a time so every way it can fail is one clear sentence (a
 * recursive mkdir spins forever under /proc and says ENOTDIR below a file).
 */
import { lstatSync, mkdirSync, readlinkSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, parse, resolve, sep } from 'node:path';
import { failedError, usageError } from '../errors.js';

const CHOOSE_ANOTHER = 'Choose another --out.';

/** The absolute project folder for `out`, refused when no project could be written there. Creates nothing. */
export function checkProjectFolder(out: string): string {
  if (out.trim() === '') throw usageError('The project folder (--out) is empty.', 'Give the folder to write the project to, e.g. --out greenhouse, or --out . for this one.');
  const dir = resolve(out);
  // Every part that exists must be a folder, and a symbolic link on the way must lead somewhere.
  let current = parse(dir).root;
  for (const part of dir.slice(current.length).split(sep).filter(Boolean)) {
    const next = join(current, part);
    let kind;
    try {
      kind = lstatSync(next);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return dir; // the rest is made when writing
      throw unreachable(dir, current, error);
    }
    if (kind.isSymbolicLink()) {
      try {
        kind = statSync(next);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw usageError(`The project folder ${dir} goes through ${next}, a symbolic link to ${readlinkSync(next)}, which does not exist.`, `Create what it points to, or remove the link. ${CHOOSE_ANOTHER}`);
        if (code === 'ELOOP') throw usageError(`The project folder ${dir} goes through ${next}, a symbolic link that leads back to itself.`, CHOOSE_ANOTHER);
        throw unreachable(dir, current, error);
      }
    }
    if (!kind.isDirectory()) {
      throw usageError(next === dir ? `${dir} exists and is not a folder.` : `The project folder ${dir} would be inside ${next}, which is a file, not a folder.`, CHOOSE_ANOTHER);
    }
    current = next;
  }
  return dir;
}

function unreachable(dir: string, parent: string, error: unknown) {
  if ((error as NodeJS.ErrnoException).code === 'EACCES') return usageError(`The project folder ${dir} cannot be reached: you may not look into ${parent}.`, CHOOSE_ANOTHER);
  return failedError(`Cannot check the project folder ${dir}: ${(error as Error).message}.`, CHOOSE_ANOTHER, error);
}

/**
 * Makes `dir` and any missing parents, one level at a time; returns the
 * folders it made, deepest last, so a failed run can take them away again.
 */
export function makeProjectFolder(dir: string): string[] {
  const missing: string[] = [];
  for (let d = checkProjectFolder(dir); !exists(d); d = dirname(d)) missing.unshift(d);
  const made: string[] = [];
  for (const folder of missing) {
    try {
      mkdirSync(folder);
      made.push(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && statSync(folder).isDirectory()) continue; // made by someone else meanwhile
      removeFolders(made);
      const parent = dirname(folder);
      const why: Record<string, string> = {
        EACCES: `you may not write in ${parent}`,
        EPERM: `you may not write in ${parent}`,
        EROFS: `${parent} is on a read-only file system`,
        // mkdir in /proc or /sys: the folder exists, but takes no new folders.
        ENOENT: `${parent} does not take new folders`,
      };
      const reason = code !== undefined ? why[code] : undefined;
      if (reason) throw usageError(`Cannot create the project folder ${folder}: ${reason}.`, CHOOSE_ANOTHER);
      throw failedError(`Cannot create the project folder ${folder}: ${(error as Error).message}.`, CHOOSE_ANOTHER, error);
    }
  }
  return made;
}

/** Removes folders made by makeProjectFolder, deepest first, as far as they are empty. */
export function removeFolders(made: readonly string[]): void {
  for (const folder of [...made].reverse()) {
    try {
      rmdirSync(folder);
    } catch {
      return; // not empty (or gone): leave it and its parents
    }
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
