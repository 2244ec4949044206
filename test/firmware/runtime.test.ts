// Compiles the C++ unit tests of the firmware runtime (firmware-tests/) with
// the flags the boards' toolchains hold us to, runs them, and reports each case.
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { mapOnCores } from '../../src/parallel.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const runtimeSrc = join(repo, 'firmware', 'runtime', 'src');
const testsDir = join(repo, 'firmware-tests');
const componentsDir = join(repo, 'src', 'components');
const hostDir = join(repo, 'firmware', 'platforms', 'host');

interface CaseResult {
  name: string;
  passed: boolean;
  details: string[];
}

/** Reads the harness output: `PASS name`, or `FAIL name` followed by indented detail lines. */
function parseCases(stdout: string): CaseResult[] {
  const cases: CaseResult[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^(PASS|FAIL) (.+)$/.exec(line);
    if (match) {
      cases.push({ name: match[2]!, passed: match[1] === 'PASS', details: [] });
    } else if (line.startsWith('  ') && cases.length > 0) {
      cases[cases.length - 1]!.details.push(line.trim());
    }
  }
  return cases;
}

async function cppFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith('.cpp')).sort().map((f) => join(dir, f));
}

/** Every sensor component's folder (driver, host model and its tests). */
async function componentDirs(): Promise<string[]> {
  const entries = await readdir(componentsDir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => join(componentsDir, e.name)).sort();
}

describe('firmware runtime (C++ unit tests)', () => {
  let workDir: string;
  let binary: string;
  let compile: { exitCode: number | undefined; output: string };

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'harbor-firmware-tests-'));
    binary = join(workDir, 'runtime-tests');
    // Drivers are included as harbor/sensors/<name>.h, where a generated project has them.
    const sensorsInclude = join(workDir, 'include');
    await mkdir(join(sensorsInclude, 'harbor', 'sensors'), { recursive: true });
    const components = await componentDirs();
    for (const dir of components) {
      for (const header of (await readdir(dir)).filter((f) => f.endsWith('.h') && !f.endsWith('_model.h'))) {
        await copyFile(join(dir, header), join(sensorsInclude, 'harbor', 'sensors', header));
      }
    }
    const sources = [
      ...(await cppFiles(testsDir)),
      ...(await cppFiles(join(runtimeSrc, 'harbor'))),
      ...(await cppFiles(join(runtimeSrc, 'harbor', 'bus'))),
      join(hostDir, 'host_buses.cpp'),
      ...(await Promise.all(components.map(cppFiles))).flat(),
    ];
    const flags = ['-std=c++11', '-Wall', '-Wextra', '-Werror', '-pedantic', '-O1',
      '-I', sensorsInclude, '-I', runtimeSrc, '-I', testsDir,
      // The Arduino adapters' shared HTTP exchange, over a scripted HTTPClient: its
      // Arduino.h before the host adapter's, which a sketch built for the host uses.
      '-I', join(testsDir, 'arduino-stubs'), '-I', join(repo, 'firmware', 'platforms', 'arduino-common'),
      '-I', hostDir,
      ...components.flatMap((dir) => ['-I', dir]),
      // The board adapters' bus arithmetic and bit-banged protocols, SDK-free.
      '-I', join(repo, 'firmware', 'platforms', 'board-common')];
    // One object per source, as many at once as there are cores: a single g++ run
    // of every component's tests keeps one core busy for minutes.
    const objects = sources.map((source, i) => join(workDir, `${i}-${source.split('/').at(-1)!.replace(/\.cpp$/, '')}.o`));
    const compiled = await mapOnCores(sources, (source, i) => execa('g++', [...flags, '-c', source, '-o', objects[i]!], { reject: false, all: true }), {
      min: 2,
      stop: (r) => r.exitCode !== 0,
    });
    const outputs = compiled.flatMap((r) => (r?.all ? [r.all] : []));
    const failed = compiled.find((r) => r !== undefined && r.exitCode !== 0)?.exitCode;
    const link = failed === undefined ? await execa('g++', [...objects, '-o', binary], { reject: false, all: true }) : undefined;
    if (link?.all) outputs.push(link.all);
    compile = { exitCode: failed ?? link?.exitCode, output: outputs.join('\n') };
  }, 300_000);

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('compiles with g++ -std=c++11 -Wall -Wextra -Werror -pedantic', () => {
    expect(compile.exitCode, compile.output).toBe(0);
  });

  it('passes every case', async () => {
    expect(compile.exitCode, 'the tests did not compile').toBe(0);
    const run = await execa(binary, [], { reject: false, timeout: 60_000 });
    const cases = parseCases(run.stdout);
    for (const c of cases) {
      console.log(`${c.passed ? 'PASS' : 'FAIL'} ${c.name}${c.details.map((d) => `\n    ${d}`).join('')}`);
    }
    const failed = cases.filter((c) => !c.passed).map((c) => `${c.name}: ${c.details.join(' | ')}`);
    expect(failed).toEqual([]);
    // A crash ends the output early: name the case that was running.
    const summary = /^(\d+) cases, (\d+) failed$/m.exec(run.stdout);
    expect(summary, `the test binary stopped after "${cases.at(-1)?.name ?? '(no case)'}" ` +
      `(exit ${run.exitCode ?? run.signal}): ${run.stderr}`).not.toBeNull();
    expect(Number(summary![1])).toBe(cases.length);
    expect(run.exitCode).toBe(0);
    // Guard against a harness that silently registers nothing.
    expect(cases.length).toBeGreaterThanOrEqual(50);
  }, 120_000);
});
