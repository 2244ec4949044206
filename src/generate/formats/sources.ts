/**
 * The runtime, the board adapter and the sensor drivers as an Arduino sketch
 * or library carries them. A PlatformIO project gets them verbatim under lib/
 * with -I paths and -D flags; the Arduino IDE gives a sketch's src/ neither,
 * so here every `#include "harbor/…"` becomes a path relative to the file
 * that includes it, and every translation unit starts with harbor/target.h,
 * which says what the -D flags would have (the board, its LED, its ADC).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { PLATFORM_TARGETS, type PlatformAdapterId } from '../../catalogue/platforms.js';
import { COMPONENTS_DIR, PACKAGE_ROOT } from '../../package-root.js';
import type { GeneratedFile } from '../../render/render-project.js';

const FIRMWARE_DIR = join(PACKAGE_ROOT, 'firmware');

/** Where, under the sketch or library root, each part goes. */
export const RUNTIME_ROOT = 'src';
export const TARGET_HEADER = 'src/harbor/target.h';

export interface SourceOptions {
  /** 'relative': includes rewritten for a sketch (no -I at all); 'library': src/ is on the include path. */
  includes: 'relative' | 'library';
  /** Wrap each adapter's .cpp files in #if defined(<macro>), for a library that carries several. */
  guardAdapters?: boolean;
}

/** Files of `from`, recursively, as [path relative to from, content], sorted. */
function readTree(from: string): [string, string][] {
  return readdirSync(from, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(from.length + 1).split('\\').join('/'))
    .sort()
    .map((rel) => [rel, readFileSync(join(from, rel), 'utf8')]);
}

/** The macro a PlatformIO build passes for the adapter (-DHARBOR_PLATFORM_…). */
export function platformMacro(adapter: PlatformAdapterId): string {
  const flag = PLATFORM_TARGETS[adapter].buildFlags.find((f) => f.startsWith('-DHARBOR_PLATFORM_'));
  if (!flag) throw new Error(`adapter ${adapter} names no HARBOR_PLATFORM_ macro`);
  return flag.slice(2);
}

/** `#include "harbor/x.h"` in the file at `path` → a path from its folder to src/harbor/x.h. */
export function rewriteIncludes(path: string, content: string): string {
  const from = posix.dirname(path);
  return content.replace(/^(\s*#\s*include\s+")(harbor\/[^"]+|Harbor\.h)"/gm, (_all, head: string, target: string) => {
    const rel = posix.relative(from, posix.join(RUNTIME_ROOT, target));
    return `${head}${rel}"`;
  });
}

function withTarget(path: string, content: string, options: SourceOptions, guard?: string): string {
  if (!/\.(cpp|c|cc)$/.test(path)) return options.includes === 'relative' ? rewriteIncludes(path, content) : content;
  const target = options.includes === 'relative' ? posix.relative(posix.dirname(path), TARGET_HEADER) : 'harbor/target.h';
  const body = options.includes === 'relative' ? rewriteIncludes(path, content) : content;
  const lead = `#include "${target}"  // harbor-connect: the board's build settings, first in every file\n`;
  return guard ? `${lead}#if defined(${guard})\n${body}#endif  // ${guard}\n` : `${lead}${body}`;
}

/** The runtime (Harbor.h, harbor/…) and the sensor drivers, under src/. */
export function runtimeSources(sensorFiles: readonly { dir: string; file: string }[], options: SourceOptions): GeneratedFile[] {
  const runtime = readTree(join(FIRMWARE_DIR, 'runtime', 'src')).map(([rel, content]) => ({ path: `${RUNTIME_ROOT}/${rel}`, content }));
  const sensors = sensorFiles.map(({ dir, file }) => ({ path: `${RUNTIME_ROOT}/harbor/sensors/${file}`, content: readFileSync(join(COMPONENTS_DIR, dir, file), 'utf8') }));
  return [...runtime, ...sensors].map((f) => ({ path: f.path, content: withTarget(f.path, f.content, options) }));
}

/**
 * An adapter's own sources and the folders it shares with others, together in
 * src/<folder>/ (they include each other by bare name). Shared files already
 * placed by an earlier adapter are skipped: `taken` collects the paths.
 */
export function adapterSources(adapter: PlatformAdapterId, folder: string, options: SourceOptions, taken: Set<string> = new Set()): GeneratedFile[] {
  const target = PLATFORM_TARGETS[adapter];
  const own = readTree(join(FIRMWARE_DIR, 'platforms', adapter, 'src')).map(([rel, content]) => ({ rel, content, guard: options.guardAdapters ? platformMacro(adapter) : undefined }));
  const shared = target.sharedSources.flatMap((dir) =>
    readTree(join(FIRMWARE_DIR, 'platforms', dir)).map(([rel, content]) => ({ rel, content, guard: options.guardAdapters ? SHARED_GUARDS[dir] : undefined })),
  );
  const files: GeneratedFile[] = [];
  for (const { rel, content, guard } of [...own, ...shared]) {
    const path = `${RUNTIME_ROOT}/${folder}/${rel}`;
    if (taken.has(path)) continue;
    taken.add(path);
    files.push({ path, content: withTarget(path, content, options, guard) });
  }
  return files;
}

/** Which boards each shared folder's .cpp files are for, when several adapters share one library. */
const SHARED_GUARDS: Record<string, string> = {
  'board-common': 'HARBOR_PLATFORM_BOARD',
  'arduino-common': 'HARBOR_PLATFORM_ARDUINO',
  'esp32-common': 'HARBOR_PLATFORM_ESP32_FAMILY',
};

