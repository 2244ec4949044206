import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { allBoards } from '../../src/catalogue/boards.js';
import { PLATFORM_LIBRARY_NAME, PLATFORM_TARGETS, type PlatformAdapterId, type PlatformTarget } from '../../src/catalogue/platforms.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { collectLibraryFiles } from '../../src/render/render-project.js';
import { describeWithShared } from '../shared-data.js';
import { requireManifestsRoot } from './manifest-check.js';

const PLATFORM_H = path.join(PACKAGE_ROOT, 'firmware/runtime/src/harbor/platform.h');
const PLATFORMS_DIR = path.join(PACKAGE_ROOT, 'firmware/platforms');
const RUNTIME_SRC = path.join(PACKAGE_ROOT, 'firmware/runtime/src');
const adapterDir = (id: PlatformAdapterId): string => path.join(PLATFORMS_DIR, id);
const TARGETS = Object.values(PLATFORM_TARGETS);

// ------------------------------------------------------------ a small C++ reader
// Enough of C++ to list the functions declared in, or defined directly inside,
// `namespace harbor { namespace platform {`: comments, strings and preprocessor
// lines are blanked, then statements are split at that brace depth.

/** Comments, string and character literals and preprocessor lines replaced by spaces. */
function blankNoise(source: string): string {
  let out = '';
  let i = 0;
  let lineStart = true;
  while (i < source.length) {
    const ch = source[i] as string;
    const next = source[i + 1];
    if (lineStart && /^[ \t]*#/.test(source.slice(i, source.indexOf('\n', i) === -1 ? undefined : source.indexOf('\n', i)))) {
      // A directive, with its backslash continuations.
      let end = i;
      for (;;) {
        const nl = source.indexOf('\n', end);
        if (nl === -1) { end = source.length; break; }
        if (source[nl - 1] === '\\') { end = nl + 1; continue; }
        end = nl;
        break;
      }
      out += ' '.repeat(end - i);
      i = end;
      continue;
    }
    if (ch === '/' && next === '/') {
      const nl = source.indexOf('\n', i);
      const end = nl === -1 ? source.length : nl;
      out += ' '.repeat(end - i);
      i = end;
      continue;
    }
    if (ch === '/' && next === '*') {
      const close = source.indexOf('*/', i + 2);
      const end = close === -1 ? source.length : close + 2;
      out += source.slice(i, end).replace(/[^\n]/g, ' ');
      i = end;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== ch) j += source[j] === '\\' ? 2 : 1;
      out += ch + ' '.repeat(Math.max(0, j - i - 1)) + ch;
      i = j + 1;
      lineStart = false;
      continue;
    }
    out += ch;
    lineStart = ch === '\n' || (lineStart && (ch === ' ' || ch === '\t'));
    i += 1;
  }
  return out;
}

interface Signature {
  text: string; // normalised "ret name(type,type)"
  name: string;
  storage: string; // static/inline when present
}

const compact = (t: string): string => t.replace(/\s*([*&])\s*/g, '$1').replace(/\s+/g, ' ').trim();

function splitTopLevel(params: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of params) {
    if (ch === '(' || ch === '[' || ch === '<') depth += 1;
    if (ch === ')' || ch === ']' || ch === '>') depth -= 1;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/** A parameter's type without its name: "const char* url" -> "const char*", "char out[13]" -> "char[13]". */
function normalizeParam(raw: string): string {
  const p = raw.replace(/=[\s\S]*$/, '').replace(/\s+/g, ' ').trim();
  if (p === '' || p === 'void') return '';
  const fnPointer = /^(.*?)\(\s*\*\s*\w*\s*\)\s*\(([\s\S]*)\)$/.exec(p);
  if (fnPointer) {
    const args = splitTopLevel(fnPointer[2] ?? '').map(normalizeParam).filter((a) => a !== '');
    return `${compact(fnPointer[1] ?? '')}(*)(${args.join(',')})`;
  }
  const array = /^(.*?)\s*\b\w+\s*(\[[^\]]*\])$/.exec(p);
  if (array) return compact(array[1] ?? '') + (array[2] ?? '').replace(/\s+/g, '');
  const named = /^(.*[\s*&])\w+$/.exec(p);
  const typePart = named?.[1]?.trim() ?? '';
  if (named && typePart !== '' && !/^(const|unsigned|signed|long|short|volatile)$/.test(typePart)) return compact(named[1] ?? '');
  return compact(p);
}

function parseSignature(header: string): Signature | null {
  const text = header.replace(/\s+/g, ' ').trim();
  if (/^(namespace|enum|struct|class|union|typedef|using|extern)\b/.test(text)) return null;
  const m = /^(.*?)\b([A-Za-z_]\w*)\s*\(([\s\S]*)\)\s*(const)?$/.exec(text);
  if (!m) return null;
  const before = m[1] ?? '';
  if (before.includes('=') || before.trim() === '') return null;
  const storage = (/\b(static|inline)\b/.exec(before)?.[1]) ?? '';
  const ret = compact(before.replace(/\b(static|inline|constexpr)\b/g, ''));
  const params = splitTopLevel(m[3] ?? '').map(normalizeParam).filter((p) => p !== '');
  const name = m[2] ?? '';
  return { text: `${ret} ${name}(${params.join(',')})`, name, storage };
}

/**
 * Declarations (statements ending in ';') and definitions (a header followed by
 * a body) found directly in harbor::platform, i.e. at brace depth 2.
 */
function scanPlatformNamespace(source: string): { declarations: Signature[]; definitions: Signature[] } {
  const code = blankNoise(source);
  const declarations: Signature[] = [];
  const definitions: Signature[] = [];
  let depth = 0;
  let parens = 0;
  let statement = '';
  let bodyDepth = -1; // inside a definition's body: skip to its closing brace
  for (const ch of code) {
    if (bodyDepth >= 0) {
      if (ch === '{') depth += 1;
      if (ch === '}') {
        depth -= 1;
        if (depth === bodyDepth) bodyDepth = -1;
      }
      continue;
    }
    if (ch === '(') parens += 1;
    if (ch === ')') parens -= 1;
    if (ch === '{' && parens === 0) {
      if (depth === 2) {
        const signature = parseSignature(statement);
        if (signature) {
          definitions.push(signature);
          bodyDepth = depth;
          depth += 1;
          statement = '';
          continue;
        }
      }
      // A namespace, enum or struct body: nothing in it is part of harbor::platform's surface.
      depth += 1;
      statement = '';
      continue;
    }
    if (ch === '}' && parens === 0) {
      depth -= 1;
      statement = '';
      continue;
    }
    if (ch === ';' && parens === 0 && depth === 2) {
      const signature = parseSignature(statement);
      if (signature) declarations.push(signature);
      statement = '';
      continue;
    }
    if (depth === 2) statement += ch;
  }
  return { declarations, definitions };
}

function sourcesIn(dir: string, pattern: RegExp): { file: string; text: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort()
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

/** What ends up in lib/harbor_platform/src: the adapter's own sources and its shared folders'. */
function adapterSources(id: PlatformAdapterId): { file: string; text: string }[] {
  const shared = PLATFORM_TARGETS[id].sharedSources.flatMap((folder) => sourcesIn(path.join(PLATFORMS_DIR, folder), /\.(cpp|cc|c|h)$/));
  return [...sourcesIn(adapterDir(id), /\.(cpp|cc|c|h)$/), ...shared];
}

/**
 * A #if / #elif condition for an adapter whose build flags define `platformFlag`:
 * true or false when it tests HARBOR_PLATFORM_* alone (shared code keeps each
 * core's part behind those), undefined (may hold) for anything else.
 */
function decide(condition: string, platformFlag: string): boolean | undefined {
  const expr = condition.replace(/\/\/.*$|\/\*.*?\*\//g, '').trim();
  if (!/^[\s()!&|]*(defined\s*\(?\s*HARBOR_PLATFORM_\w+\s*\)?[\s()!&|]*)+$/.test(expr)) return undefined;
  const js = expr.replace(/defined\s*\(?\s*(HARBOR_PLATFORM_\w+)\s*\)?/g, (_m, flag: string) => String(flag === platformFlag));
  return Boolean(new Function(`return (${js});`)());
}

/**
 * The quoted #includes of a source, e.g. "harbor/platform.h", leaving out those
 * in a branch that a HARBOR_PLATFORM_* condition rules out for `platformFlag`.
 */
function quotedIncludes(text: string, platformFlag: string): string[] {
  const includes: string[] = [];
  // Per open #if: whether the current branch may be compiled, and whether an earlier one surely is.
  const stack: { mayCompile: boolean; earlierTaken: boolean }[] = [];
  const enter = (condition: string, earlierTaken: boolean): { mayCompile: boolean; earlierTaken: boolean } => {
    const holds = decide(condition, platformFlag);
    return { mayCompile: !earlierTaken && holds !== false, earlierTaken: earlierTaken || holds === true };
  };
  for (const line of text.split('\n')) {
    const directive = /^[ \t]*#[ \t]*(\w+)(.*)$/.exec(line);
    if (!directive) continue;
    const keyword = directive[1] ?? '';
    const rest = directive[2] ?? '';
    const top = stack[stack.length - 1];
    if (keyword === 'if') stack.push(enter(rest, false));
    else if (keyword === 'ifdef') stack.push(enter(`defined(${rest.trim()})`, false));
    else if (keyword === 'ifndef') stack.push(enter(`!defined(${rest.trim()})`, false));
    else if (keyword === 'elif' && top) stack[stack.length - 1] = enter(rest, top.earlierTaken);
    else if (keyword === 'else' && top) stack[stack.length - 1] = { mayCompile: !top.earlierTaken, earlierTaken: true };
    else if (keyword === 'endif') stack.pop();
    else if (keyword === 'include' && stack.every((level) => level.mayCompile)) {
      const quoted = /^\s*"([^"]+)"/.exec(rest);
      if (quoted) includes.push(quoted[1] ?? '');
    }
  }
  return includes;
}

/** Every way the sources fall short of platform.h; empty when each function is defined once, with its signature. */
function checkAdapterDefinitions(declared: Signature[], sources: { file: string; text: string }[]): string[] {
  const defined = sources.flatMap((s) => scanPlatformNamespace(s.text).definitions);
  const problems: string[] = [];
  for (const decl of declared) {
    const matches = defined.filter((d) => d.text === decl.text);
    if (matches.length === 0) {
      const sameName = defined.filter((d) => d.name === decl.name).map((d) => d.text);
      problems.push(sameName.length > 0 ? `${decl.text} is defined as ${sameName.join(' / ')}` : `${decl.text} is not defined`);
    } else if (matches.length > 1) {
      problems.push(`${decl.text} is defined ${matches.length} times`);
    } else if (matches[0]?.storage) {
      problems.push(`${decl.text} is ${matches[0].storage}: the runtime could not link to it`);
    }
  }
  for (const def of defined) {
    if (!declared.some((d) => d.name === def.name)) problems.push(`${def.text} is not in platform.h`);
  }
  return problems;
}

// ------------------------------------------------------------------ the tests

let declared: Signature[];
beforeAll(() => {
  declared = scanPlatformNamespace(readFileSync(PLATFORM_H, 'utf8')).declarations;
});

describe('the #include reader', () => {
  it('leaves out what a HARBOR_PLATFORM_* condition rules out, and keeps whatever else may be compiled', () => {
    const source = [
      '#include "always.h"',
      '#if defined(HARBOR_PLATFORM_ESP8266)',
      '#include "esp8266.h"',
      '#elif defined(HARBOR_PLATFORM_PICOW) || defined(HARBOR_PLATFORM_ARDUINO_ESP32)',
      '#include "pico-or-esp32.h"',
      '#if SOC_PCNT_SUPPORTED',
      '#include "maybe.h"',
      '#endif',
      '#else',
      '#include "other.h"',
      '#endif',
      '#ifndef HARBOR_PLATFORM_ESP8266',
      '#include "not-esp8266.h"',
      '#endif',
    ].join('\n');
    expect(quotedIncludes(source, 'HARBOR_PLATFORM_ESP8266')).toEqual(['always.h', 'esp8266.h']);
    expect(quotedIncludes(source, 'HARBOR_PLATFORM_ARDUINO_ESP32')).toEqual(['always.h', 'pico-or-esp32.h', 'maybe.h', 'not-esp8266.h']);
    expect(quotedIncludes(source, 'HARBOR_PLATFORM_ESPIDF')).toEqual(['always.h', 'other.h', 'not-esp8266.h']);
  });
});

describe('the platform.h reader', () => {
  it('finds the contract, including the tricky signatures', () => {
    const texts = declared.map((d) => d.text);
    expect(texts).toContain('void beginUplink(const UplinkConfig&)');
    expect(texts).toContain('void macHex(char[13])');
    expect(texts).toContain('bool startSender(void(*)(void*),void*)');
    expect(texts).toContain('HttpResponse httpPost(const char*,const char*,const char*,size_t)');
    // The enums and the struct are not functions.
    expect(declared.map((d) => d.name)).not.toContain('Indicator');
    expect(declared.length).toBeGreaterThanOrEqual(15);
  });

  it('reports a missing function, a wrong signature and a static definition', () => {
    const sources = adapterSources('esp8266');
    const broken = (sources[0]?.text ?? '')
      .replace('void feedWatchdog() {', 'void feedTheDog() {')
      .replace('bool readAnalogMillivolts(int pin, double* millivolts) {', 'bool readAnalogMillivolts(int pin, float* millivolts) {')
      .replace('uint32_t random32() {', 'static uint32_t random32() {');
    const problems = checkAdapterDefinitions(declared, [{ file: 'broken.cpp', text: broken }, ...sources.slice(1)]);
    expect(problems).toEqual([
      'uint32_t random32() is static: the runtime could not link to it',
      'void feedWatchdog() is not defined',
      'bool readAnalogMillivolts(int,double*) is defined as bool readAnalogMillivolts(int,float*)',
      'void feedTheDog() is not in platform.h',
    ]);
  });

  it('ignores helpers in the anonymous namespace and names inside comments and strings', () => {
    const source = `namespace harbor { namespace platform {
      namespace { void begin(int helperWithTheSameName) {} }
      // void restart() {}
      const char* kText = "void restart() {";
      void restart() { if (true) { } }
    } }`;
    expect(scanPlatformNamespace(source).definitions.map((d) => d.text)).toEqual(['void restart()']);
  });
});

describe.each(TARGETS.map((t) => [t.id, t] as const))('adapter %s', (id, target) => {
  it('has a library.json naming it harbor_platform for its framework and platform', () => {
    const manifestPath = path.join(adapterDir(id), 'library.json');
    expect(existsSync(manifestPath)).toBe(true);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      name: string;
      frameworks: string;
      platforms: string;
      build?: { libArchive?: boolean };
    };
    expect(manifest.name).toBe(PLATFORM_LIBRARY_NAME);
    expect(manifest.frameworks).toBe(target.framework);
    expect(manifest.platforms).toBe(pioPlatformOf(target));
    // Linked as objects, not an archive: the runtime's references resolve whatever the link order.
    expect(manifest.build?.libArchive).toBe(false);
  });

  it('defines every function of platform.h exactly once, with its signature', () => {
    const sources = adapterSources(id);
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.some((s) => s.text.includes('#include "harbor/platform.h"'))).toBe(true);
    expect(checkAdapterDefinitions(declared, sources)).toEqual([]);
  });

  it('finds every quoted #include in the runtime, its own sources or a folder in sharedSources', () => {
    // A shared header the adapter includes but sharedSources does not name would be
    // missing from the generated project, and only the board build would notice.
    // Another core's part of a shared source (#if defined(HARBOR_PLATFORM_...)) is not compiled here.
    const platformFlag = (target.buildFlags.find((f) => f.startsWith('-DHARBOR_PLATFORM_')) ?? '').replace(/^-D/, '');
    expect(platformFlag).not.toBe('');
    const sources = adapterSources(id);
    const dirs = [RUNTIME_SRC, ...new Set(sources.map((s) => path.dirname(s.file)))];
    const unresolved = sources.flatMap((s) =>
      quotedIncludes(s.text, platformFlag)
        .filter((inc) => !dirs.some((dir) => existsSync(path.join(dir, inc))))
        .map((inc) => `${path.relative(PLATFORMS_DIR, s.file)}: "${inc}"`),
    );
    expect(unresolved).toEqual([]);
  });

  it('gets its shared sources copied next to its own, without a name clash', () => {
    const files = collectLibraryFiles(id).map((f) => f.path);
    expect(new Set(files).size).toBe(files.length);
    for (const folder of target.sharedSources) {
      for (const shared of sourcesIn(path.join(PLATFORMS_DIR, folder), /./)) {
        expect(files).toContain(`lib/harbor_platform/src/${path.relative(path.join(PLATFORMS_DIR, folder), shared.file).split(path.sep).join('/')}`);
      }
    }
    const copied = files.filter((f) => f.startsWith('lib/harbor_platform/'));
    const own = sourcesIn(adapterDir(id), /./).length;
    const shared = target.sharedSources.reduce((n, folder) => n + sourcesIn(path.join(PLATFORMS_DIR, folder), /./).length, 0);
    expect(copied.length).toBe(own + shared);
  });

  it('is consistent data', () => {
    expect(target.entry).toBe(target.framework);
    expect(target.libDeps).toContain(PLATFORM_LIBRARY_NAME);
    // Anything else in lib_deps must be pinned to one version or commit.
    for (const dep of target.libDeps.filter((d) => d !== PLATFORM_LIBRARY_NAME)) expect(dep).toMatch(/@\d+\.\d+\.\d+$|#[0-9a-f]{40}$/);
    const keys = target.iniOptions.map(([key]) => key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain('platform');
    expect(keys).not.toContain('lib_deps');
    expect(keys).not.toContain('build_flags');
    for (const flag of target.buildFlags) expect(flag).toMatch(/^-D[A-Z0-9_]+(=\S+)?$/);
    expect(target.tlsTrust).toBe(target.framework === 'espidf' ? 'idf-bundle' : 'pem-roots');
    // Shared folders hold sources only: no library.json of their own, and no adapter's folder.
    for (const folder of target.sharedSources) {
      expect(existsSync(path.join(PLATFORMS_DIR, folder)), folder).toBe(true);
      expect(existsSync(path.join(PLATFORMS_DIR, folder, 'library.json')), folder).toBe(false);
      expect(Object.keys(PLATFORM_TARGETS)).not.toContain(folder);
    }
  });
});

function pioPlatformOf(target: PlatformTarget): string {
  const registry = /^platformio\/(\w+)@/.exec(target.platformio);
  if (registry) return registry[1] ?? '';
  const git = /platform-(\w+)\.git#/.exec(target.platformio);
  return git?.[1] ?? '';
}

describeWithShared('pinned platforms', () => {
  let root: string;
  beforeAll(() => {
    root = requireManifestsRoot();
  });

  const sourceOf = (platform: string): { repo: string; commit: string; version: string | null } => {
    const text = readFileSync(path.join(root, platform, 'SOURCE'), 'utf8').trim();
    const m = /^(\S+)\s+([0-9a-f]{40})/.exec(text);
    if (!m) throw new Error(`cannot read ${platform}/SOURCE: ${text}`);
    return { repo: m[1] ?? '', commit: m[2] ?? '', version: /"version":\s*"([^"]+)"/.exec(text)?.[1] ?? null };
  };

  it.each(TARGETS.map((t) => [t.id, t] as const))('%s builds with the platform the board manifests come from', (_id, target) => {
    const platform = pioPlatformOf(target);
    const source = sourceOf(platform);
    expect(source.repo.endsWith(`/platform-${platform}`)).toBe(true);
    if (target.platformio.startsWith('https://')) {
      // A git platform: the exact commit.
      expect(target.platformio).toBe(`https://github.com/${source.repo}.git#${source.commit}`);
    } else if (source.version) {
      expect(target.platformio).toBe(`platformio/${platform}@${source.version}`);
    } else {
      // SOURCE names a commit only (espressif8266): at least an exact registry version.
      expect(target.platformio).toMatch(new RegExp(`^platformio/${platform}@\\d+\\.\\d+\\.\\d+$`));
    }
  });

  it('every board adapter targets the platform of its board', () => {
    for (const board of allBoards()) {
      for (const framework of board.frameworks) {
        const id = board.adapters[framework];
        expect(id, `${board.id}/${framework}`).toBeDefined();
        const target = PLATFORM_TARGETS[id as PlatformAdapterId];
        expect(target.framework, `${board.id}/${framework}`).toBe(framework);
        expect(pioPlatformOf(target), `${board.id}/${framework}`).toBe(board.platform);
      }
    }
  });
});

describe('the ESP-IDF project files', () => {
  const espidf = PLATFORM_TARGETS.espidf;
  const file = (p: string): string => espidf.extraFiles.find((f) => f.path === p)?.content ?? '';
  const sdkconfig = (): Map<string, string> =>
    new Map(
      file('sdkconfig.defaults')
        .split('\n')
        .filter((line) => /^CONFIG_\w+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as [string, string]),
    );

  it('are the ones an ESP-IDF PlatformIO project needs', () => {
    expect(espidf.extraFiles.map((f) => f.path).sort()).toEqual(['CMakeLists.txt', 'sdkconfig.defaults', 'src/CMakeLists.txt']);
    expect(file('CMakeLists.txt')).toContain('include($ENV{IDF_PATH}/tools/cmake/project.cmake)');
    expect(file('src/CMakeLists.txt')).toContain('idf_component_register(SRCS ${app_sources})');
    for (const target of TARGETS.filter((t) => t.id !== 'espidf')) expect(target.extraFiles).toEqual([]);
  });

  it('turn on what the adapter relies on', () => {
    const config = sdkconfig();
    expect(config.get('CONFIG_MBEDTLS_CERTIFICATE_BUNDLE')).toBe('y');
    expect(config.get('CONFIG_ESP_TASK_WDT_PANIC')).toBe('y');
    // The adapter reconfigures the watchdog to its own default; both must agree.
    const adapter = adapterSources('espidf').map((s) => s.text).join('\n');
    const adapterTimeout = /#define HARBOR_WATCHDOG_TIMEOUT_S (\d+)/.exec(adapter)?.[1];
    expect(adapterTimeout).toBeDefined();
    expect(config.get('CONFIG_ESP_TASK_WDT_TIMEOUT_S')).toBe(adapterTimeout);
    // Session tickets only help when the adapter asks esp_http_client to keep the session.
    expect(config.get('CONFIG_ESP_TLS_CLIENT_SESSION_TICKETS')).toBe('y');
    expect(adapter).toContain('save_client_session = true');
  });

  it('flash the partition table the build is sized for', () => {
    const partitions = new Map(espidf.iniOptions).get('board_build.partitions');
    expect(partitions).toBe('partitions_singleapp_large.csv');
    expect(sdkconfig().get('CONFIG_PARTITION_TABLE_SINGLE_APP_LARGE')).toBe('y');
  });
});
