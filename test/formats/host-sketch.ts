/**
 * Builds what the Arduino IDE builds, on the host: a sketch (its .ino and its
 * src/ folder), or a sketch with the generated library installed (the
 * library's src/ on the include path). The board adapter is left out and the
 * host adapter (firmware/platforms/host, which also supplies Arduino.h and
 * WiFi.h) linked in its place.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { ADAPTER_FOLDER } from '../../src/generate/formats/sketch.js';
import type { GeneratedFile } from '../../src/render/render-project.js';
import { CXX_FLAGS, HOST_PLATFORM_DIR, LIBS } from '../../src/simulate/host-build.js';

/** The snippet's parts by their number ("// ----- 3. In setup() …" starts part 3). */
export function snippetParts(text: string): Map<number, string> {
  const parts = new Map<number, string>();
  let current = 0;
  for (const line of text.split('\n')) {
    const heading = /^\/\/ ----- (\d)\. /.exec(line);
    if (heading) current = Number(heading[1]);
    parts.set(current, `${parts.get(current) ?? ''}${line}\n`);
  }
  return parts;
}

export function cppFilesBelow(dir: string, except?: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.cpp'))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => except === undefined || !f.startsWith(except))
    .sort();
}

export function writeFiles(dir: string, files: readonly GeneratedFile[]): void {
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.content, { mode: file.secret ? 0o600 : 0o644 });
  }
}

async function compile(args: string[], cwd?: string): Promise<void> {
  const result = await execa('g++', args, { reject: false, all: true, cwd });
  if (result.exitCode !== 0) throw new Error(`g++ failed:\n${(result.all ?? '').split('\n').slice(0, 40).join('\n')}`);
}

const hostFlags = (senderTask: boolean): string[] => [...CXX_FLAGS, `-DHARBOR_HOST_SENDER_TASK=${senderTask ? 1 : 0}`];

/** The user's .ino with the library (written to `libDir`) installed; returns the binary. */
export async function hostLibraryBuild(ino: string, library: readonly GeneratedFile[], libDir: string, options: { senderTask: boolean }): Promise<string> {
  writeFiles(libDir, library);
  const [root] = readdirSync(libDir);
  const src = join(libDir, root as string, 'src');
  const binary = join(dirname(ino), 'firmware');
  await compile([
    ...hostFlags(options.senderTask),
    '-I', src, '-I', dirname(ino), '-I', HOST_PLATFORM_DIR,
    '-x', 'c++', ino, '-x', 'none',
    ...cppFilesBelow(src, join(src, ADAPTER_FOLDER)),
    ...cppFilesBelow(HOST_PLATFORM_DIR),
    '-o', binary, ...LIBS,
  ]);
  return binary;
}

/**
 * A sketch folder as Arduino IDE 2 compiles it: the .ino and src/ with no
 * include path but the core's (here the host's Arduino.h), so every include
 * of the runtime must resolve relative to its file. Only the host adapter,
 * standing in for the board's, sees the runtime by -I. `syntaxOnly` stops
 * after checking every file.
 */
export async function hostSketchBuild(sketchDir: string, name: string, options: { senderTask: boolean; syntaxOnly?: boolean }): Promise<string | undefined> {
  const src = join(sketchDir, 'src');
  const sketchSources = ['-x', 'c++', join(sketchDir, `${name}.ino`), '-x', 'none', ...cppFilesBelow(src, join(src, ADAPTER_FOLDER))];
  const objects = join(sketchDir, '.harbor', 'host-objects');
  mkdirSync(objects, { recursive: true });
  if (options.syntaxOnly) {
    await compile([...hostFlags(options.senderTask), '-fsyntax-only', '-I', HOST_PLATFORM_DIR, ...sketchSources]);
    return undefined;
  }
  // g++ -c writes <basename>.o into its working folder: one folder per group, names unique within it.
  const own = join(objects, 'sketch');
  const host = join(objects, 'host');
  mkdirSync(own, { recursive: true });
  mkdirSync(host, { recursive: true });
  await compile([...hostFlags(options.senderTask), '-c', '-I', HOST_PLATFORM_DIR, ...sketchSources], own);
  await compile([...hostFlags(options.senderTask), '-c', '-I', src, '-I', HOST_PLATFORM_DIR, ...cppFilesBelow(HOST_PLATFORM_DIR)], host);
  const binary = join(objects, 'firmware');
  const objectFiles = [own, host].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.o')).map((f) => join(dir, f)));
  await compile([...objectFiles, '-o', binary, ...LIBS]);
  return binary;
}

/** A library example checked (-fsyntax-only) with the library's src/ on the include path. */
export async function hostExampleCheck(ino: string, librarySrc: string, options: { senderTask: boolean }): Promise<void> {
  await compile([...hostFlags(options.senderTask), '-fsyntax-only', '-I', librarySrc, '-I', HOST_PLATFORM_DIR, '-x', 'c++', ino]);
}
