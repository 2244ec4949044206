/**
 * The generated src/main.cpp, compiled the way each Arduino core compiles it
 * (against that core's stand-in headers, which declare setup()/loop() and
 * PROGMEM as the real core does: test/fixtures/adapters/README.md), then read
 * back with nm and objdump: the symbols the core's main() calls must exist
 * with the core's linkage, and on the ESP8266 constant data must sit in
 * flash sections, because its linker script puts .rodata in RAM.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseAnswers, type RawAnswers } from '../../src/config/resolve-answers.js';
import { generateFiles } from '../../src/generate/generate-files.js';
import type { PlatformAdapterId } from '../../src/catalogue/platforms.js';
import { stubIncludes } from '../fixtures/adapters/stand-ins.js';

const ANSWERS: RawAnswers = {
  shipId: 'auto',
  metrics: [{ kind: 'rssi' }, { kind: 'free_heap' }, { kind: 'analog', pin: 17, cargo: 'soil' }, { kind: 'dropped' }],
  endpoint: 'cloud',
  harborId: 'hb-linkage',
  apiKey: 'hb_linkage_key_that_is_longer_than_thirty_two_bytes',
  wifiSsid: 'greenhouse',
  wifiPassword: 'a wifi password',
};

interface Compiled {
  symbols: { name: string; section: string; size: number; kind: string }[];
  sections: { name: string; size: number }[];
}

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'harbor-linkage-'));
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** Generates the project for `board`, compiles its src/main.cpp to an object file and reads its tables. */
async function compileMain(board: string, extra: RawAnswers = {}): Promise<Compiled & { adapter: PlatformAdapterId }> {
  const raw: RawAnswers = { ...ANSWERS, board, ...extra };
  if (board !== 'nodemcuv2' && board !== 'd1_mini') raw.metrics = (raw.metrics as RawAnswers[]).filter((m) => m.kind !== 'analog');
  const { model, files } = generateFiles(parseAnswers(raw));
  const dir = await mkdtemp(path.join(root, `${board}-`));
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file.path)), { recursive: true });
    await writeFile(path.join(dir, file.path), file.content);
  }
  const object = path.join(dir, 'main.o');
  // No PIC: like the boards' toolchains, so tables of pointers land in .rodata, not .data.rel.ro.
  const compile = await execa('g++', [
    '-std=gnu++17', '-Os', '-fno-pic', '-fno-pie', '-Wall', '-Wextra', '-Werror', '-c', 'src/main.cpp', '-o', object,
    ...model.ini.buildFlags, ...stubIncludes(model.target.id),
    // What the core's sdkconfig.h says on a real build (the stand-in asks for it).
    `-DCONFIG_IDF_TARGET_${model.board.chip.toUpperCase()}=1`,
    '-I', 'include', '-I', 'lib/harbor_runtime/src',
  ], { cwd: dir, reject: false, all: true });
  expect(compile.exitCode, compile.all).toBe(0);

  const table = await execa('objdump', ['-t', '-w', object]);
  const symbols = table.stdout.split('\n').flatMap((line) => {
    // 0000000000000000 l     O .irom.text.…harbor_ca.h.9.0	0000000000004162 _ZL12kHarborCaPem
    const m = /^[0-9a-f]+ (.{7}) (\S+)\t([0-9a-f]+) (.+)$/.exec(line);
    return m ? [{ kind: (m[1] ?? '').trim(), section: m[2] ?? '', size: parseInt(m[3] ?? '0', 16), name: m[4] ?? '' }] : [];
  });
  const headers = await execa('objdump', ['-h', '-w', object]);
  const sections = headers.stdout.split('\n').flatMap((line) => {
    const m = /^\s*\d+\s+(\S+)\s+([0-9a-f]+)\s/.exec(line);
    return m ? [{ name: m[1] ?? '', size: parseInt(m[2] ?? '0', 16) }] : [];
  });
  return { adapter: model.target.id, symbols, sections };
}

function defined(compiled: Compiled, name: string): boolean {
  return compiled.symbols.some((s) => s.name === name && s.section !== '*UND*' && s.kind.includes('F'));
}

describe('setup() and loop() carry the linkage each core\'s main() calls', () => {
  it.each([
    ['nodemcuv2', 'esp8266'],
    ['d1_mini', 'esp8266'],
    ['rpipicow', 'picow'],
  ] as const)('%s (%s): C symbols, as in Arduino.h\'s extern "C" block', async (board, adapter) => {
    const compiled = await compileMain(board);
    expect(compiled.adapter).toBe(adapter);
    expect(defined(compiled, 'setup'), 'setup').toBe(true);
    expect(defined(compiled, 'loop'), 'loop').toBe(true);
    expect(defined(compiled, '_Z5setupv')).toBe(false);
  });

  it('esp32dev (arduino-esp32): C++ symbols, as its Arduino.h declares them', async () => {
    const compiled = await compileMain('esp32dev');
    expect(compiled.adapter).toBe('arduino-esp32');
    expect(defined(compiled, '_Z5setupv')).toBe(true);
    expect(defined(compiled, '_Z4loopv')).toBe(true);
  });
});

describe('on the ESP8266, constant data stays in flash', () => {
  it.each(['nodemcuv2', 'd1_mini'])('%s: the root CAs are in a PROGMEM section, not .rodata', async (board) => {
    const compiled = await compileMain(board);
    const ca = compiled.symbols.find((s) => s.name.includes('kHarborCaPem'));
    expect(ca, 'the CA bundle symbol').toBeDefined();
    expect(ca?.size).toBeGreaterThan(10_000);
    expect(ca?.section).toMatch(/^\.irom\.text\./);
  });
});

describe('the Pico W status LED', () => {
  it('is the LED_BUILTIN of the core the pinned platform builds with, a radio GPIO that exists', async () => {
    const { model } = generateFiles(parseAnswers({ ...ANSWERS, board: 'rpipicow', metrics: [{ kind: 'rssi' }] }));
    // The stand-in follows the arduino-pico commit that this platform commit pins; a new pin needs a new look.
    expect(model.ini.platform).toContain('#2d445020acf8b792768a5fa5ba1870ac9607c11c');
    const dir = await mkdtemp(path.join(root, 'led-'));
    const probe = path.join(dir, 'led.cpp');
    // arduino-pico's digitalWrite(pin >= 32) drives CYW43 GPIO pin - 32; the CYW43439 has WL_GPIO 0-2 (CYW43_WL_GPIO_COUNT 3).
    await writeFile(probe, '#include <Arduino.h>\nstatic_assert(HARBOR_STATUS_LED_PIN >= 32 && HARBOR_STATUS_LED_PIN - 32 < 3, "no such radio GPIO");\nint pin = HARBOR_STATUS_LED_PIN;\n');
    const result = await execa('g++', ['-std=gnu++17', '-fsyntax-only', ...model.ini.buildFlags, ...stubIncludes('picow'), probe], { reject: false, all: true });
    expect(result.all).toBe('');
    expect(model.ini.buildFlags).toContain('-DHARBOR_STATUS_LED_PIN=LED_BUILTIN');
  });
});
