/**
 * On the ESP8266 the core's linker script (tools/sdk/ld/eagle.app.v6.common.ld.h
 * in core 3.1.2) puts every .rodata section except C++ vtables in DRAM, so our
 * constant data costs RAM there unless it is PROGMEM (HARBOR_FLASH) or a PSTR
 * (HARBOR_TEXT). This compiles a generated ESP8266 project's sources, and
 * every sensor driver, the way that core compiles them (no RTTI, no exceptions,
 * a section per object) against its stand-in headers, and holds what lands in
 * .rodata to the figures the memory plan reserves for it.
 *
 * Measured with g++ for x86-64, which is an upper bound for the Xtensa build:
 * pointer tables are twice as wide, and floating-point constant pools
 * (.rodata.cst*) are left out because the Xtensa toolchain keeps them as
 * literals in the code (-mtext-section-literals).
 */
import { copyFile, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SENSOR_KINDS } from '../../src/components/index.js';
import { COMPONENTS_DIR } from '../../src/package-root.js';
import { parseAnswers, type RawAnswers } from '../../src/config/resolve-answers.js';
import { generateFiles } from '../../src/generate/generate-files.js';
import { RESERVES } from '../../src/model/memory-plan.js';
import { stubIncludes } from '../fixtures/adapters/stand-ins.js';

const ANSWERS: RawAnswers = {
  board: 'nodemcuv2',
  shipId: 'auto',
  metrics: [
    { kind: 'rssi' }, { kind: 'free_heap' }, { kind: 'uptime' }, { kind: 'dropped' }, { kind: 'missed' },
    { kind: 'send_failures' }, { kind: 'analog', pin: 17, cargo: 'soil' }, { kind: 'simulated', cargo: 'sim' },
  ],
  endpoint: 'cloud',
  harborId: 'hb-const-ram',
  apiKey: 'hb_const_ram_key_of_some_length',
  wifiSsid: 'greenhouse',
  wifiPassword: 'a wifi password',
};

/** The ESP8266 core's compile flags that change where data goes (platformio's espressif8266 builder). */
const CORE_FLAGS = ['-std=gnu++17', '-Os', '-fno-rtti', '-fno-exceptions', '-fno-pic', '-fno-pie', '-ffunction-sections', '-fdata-sections'];

interface Section {
  name: string;
  size: number;
}

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'harbor-const-ram-'));
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function sections(object: string): Promise<Section[]> {
  const { stdout } = await execa('objdump', ['-h', '-w', object]);
  return stdout.split('\n').flatMap((line) => {
    const m = /^\s*\d+\s+(\S+)\s+([0-9a-f]+)\s/.exec(line);
    return m ? [{ name: m[1] ?? '', size: parseInt(m[2] ?? '0', 16) }] : [];
  });
}

/** Sections the ESP8266's linker script would place in DRAM. */
function inRam(list: readonly Section[]): Section[] {
  return list.filter((s) => s.name.startsWith('.rodata') && !s.name.startsWith('.rodata._ZTV') && !s.name.startsWith('.rodata.cst') && s.size > 0);
}

const total = (list: readonly Section[]) => list.reduce((sum, s) => sum + s.size, 0);

async function compile(source: string, object: string, cwd: string, flags: readonly string[]): Promise<Section[]> {
  const result = await execa('g++', [...CORE_FLAGS, ...flags, '-c', source, '-o', object], { cwd, reject: false, all: true });
  expect(result.exitCode, result.all).toBe(0);
  return sections(object);
}

describe('ESP8266 constant data in RAM', () => {
  it('the runtime, the adapter and main.cpp stay within the memory plan\'s reserve, and main.cpp keeps every table in flash', async () => {
    const { model, files } = generateFiles(parseAnswers(ANSWERS));
    expect(model.target.id).toBe('esp8266');
    const dir = path.join(root, 'project');
    for (const file of files) {
      await mkdir(path.dirname(path.join(dir, file.path)), { recursive: true });
      await writeFile(path.join(dir, file.path), file.content);
    }
    const flags = [...model.ini.buildFlags, ...stubIncludes('esp8266'), '-I', 'include', '-I', 'lib/harbor_runtime/src', '-I', 'lib/harbor_platform/src'];
    const sources = files.map((f) => f.path).filter((p) => p.endsWith('.cpp') && !p.startsWith('.harbor/'));
    expect(sources).toContain('src/main.cpp');
    const perFile = new Map<string, Section[]>();
    // Two compilers at a time: the machine has two cores.
    for (let i = 0; i < sources.length; i += 2) {
      await Promise.all(sources.slice(i, i + 2).map(async (source, j) => {
        perFile.set(source, inRam(await compile(source, path.join(root, `p${i + j}.o`), dir, flags)));
      }));
    }

    const all = [...perFile.values()].flat();
    const reserve = RESERVES.esp8266.constData;
    expect(total(all), all.map((s) => `${s.name} ${s.size}`).join('\n')).toBeLessThanOrEqual(reserve);
    // main.cpp: the cargo ids, configuration, metric tables and root CAs are all HARBOR_FLASH.
    const mainRam = perFile.get('src/main.cpp') ?? [];
    expect(mainRam.filter((s) => s.size > 32)).toEqual([]);
  }, 120_000);

  it('each sensor driver stays within the per-driver reserve', async () => {
    const include = path.join(root, 'drivers-include');
    await mkdir(path.join(include, 'harbor', 'sensors'), { recursive: true });
    const drivers = [...new Set(SENSOR_KINDS.flatMap((kind) => kind.driver.files.map((file) => path.join(COMPONENTS_DIR, kind.component, file))))];
    for (const file of drivers.filter((f) => f.endsWith('.h'))) await copyFile(file, path.join(include, 'harbor', 'sensors', path.basename(file)));
    const runtime = path.join(COMPONENTS_DIR, '..', '..', 'firmware', 'runtime', 'src');
    const flags = ['-DHARBOR_PLATFORM_ESP8266', ...stubIncludes('esp8266'), '-I', include, '-I', runtime];
    const sources = drivers.filter((f) => f.endsWith('.cpp'));
    expect(sources.length).toBeGreaterThan(0);
    const over: string[] = [];
    for (const [i, source] of sources.entries()) {
      const ram = inRam(await compile(source, path.join(root, `d${i}.o`), root, flags));
      if (total(ram) > RESERVES.esp8266.constDataPerDriver) over.push(`${path.basename(source)}: ${total(ram)} bytes (${ram.map((s) => `${s.name} ${s.size}`).join(', ')})`);
    }
    expect(over).toEqual([]);
  }, 120_000);
});
