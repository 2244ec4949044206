/** Small pieces several commands share. */
import { isAbsolute, relative, resolve } from 'node:path';

/** Commander's accumulator for a repeatable option. */
export const collectRepeated = (value: string, previous: string[] = []): string[] => [...previous, value];

/** A path as the user would type it from here: relative below the current folder, else absolute. */
export function displayPath(path: string): string {
  const absolute = resolve(path);
  const shown = relative(process.cwd(), absolute);
  if (shown === '') return '.';
  return shown.startsWith('..') || isAbsolute(shown) ? absolute : shown;
}

/** A host name or address that only this computer reaches (URL hostnames keep IPv6 brackets). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}

/** An argument as a shell would need it typed: bare when safe, else in double quotes. */
export function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/"/g, '\\"')}"`;
}
