import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { HarborError } from '../../src/errors.js';
import { buildProject } from '../../src/platformio/build-project.js';
import { FIXTURES, fixtureText, NODE_DIR, setUpFakePio, type FakePio } from './fake-pio.js';

let fake: FakePio;
beforeEach(async () => {
  fake = await setUpFakePio();
});
afterEach(() => fake.cleanup());

async function rejection(promise: Promise<unknown>): Promise<HarborError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HarborError);
  return error as HarborError;
}

describe('buildProject', () => {
  it('runs `pio run -d <dir>` in the project with plain output switched on', async () => {
    await buildProject({ projectDir: fake.projectDir, env: fake.env() });
    expect(await fake.calls()).toEqual([
      {
        name: 'pio',
        argv: ['run', '-d', fake.projectDir],
        cwd: fake.projectDir,
        flags: { PLATFORMIO_NO_ANSI: 'true', PLATFORMIO_DISABLE_PROGRESSBAR: 'true' },
      },
    ]);
  });

  it('passes an absolute project path even when given a relative one', async () => {
    const relative = path.relative(process.cwd(), fake.projectDir);
    await buildProject({ projectDir: relative, env: fake.env() });
    expect((await fake.calls())[0]?.argv).toEqual(['run', '-d', fake.projectDir]);
  });

  it('reports stages in order and returns memory usage, environment and log path', async () => {
    const stages: string[] = [];
    const result = await buildProject({ projectDir: fake.projectDir, env: fake.env(), onStage: (s) => stages.push(s) });
    expect(stages).toEqual(['Compiling', 'Linking', 'Building image']);
    expect(result.environment).toBe('esp32dev');
    expect(result.ram).toEqual({ usedBytes: 46220, totalBytes: 327680, percent: 14.1 });
    expect(result.flash).toEqual({ usedBytes: 806101, totalBytes: 1310720, percent: 61.5 });
    expect(result.logPath).toBe(path.join(fake.projectDir, '.harbor', 'pio-build.log'));
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports the downloads of a first build as stages', async () => {
    const stages: string[] = [];
    await buildProject({ projectDir: fake.projectDir, env: fake.env('build-first-run'), onStage: (s) => stages.push(s) });
    expect(stages.slice(0, 2)).toEqual(['Resolving dependencies', 'Installing platform espressif32']);
    expect(stages.slice(-3)).toEqual(['Compiling', 'Linking', 'Building image']);
  });

  it('always saves the full output to .harbor/pio-build.log, without environment values', async () => {
    const secret = 'wifi-pass-7f3a91';
    const result = await buildProject({ projectDir: fake.projectDir, env: fake.env(undefined, { HARBOR_WIFI_PASSWORD: secret }) });
    const log = await readFile(result.logPath, 'utf8');
    const replayed = (await fixtureText('run-build-success.txt')).trimEnd();
    expect(log).toContain(replayed);
    expect(log).toMatch(/^# \S+pio run -d \S+greenhouse\n# in \S+greenhouse\n# started /);
    expect(log).toMatch(/# exit code 0 after \d+ ms\n$/);
    expect(log).not.toContain(secret);
    expect(log).not.toContain('HARBOR_WIFI_PASSWORD');
  });

  it('overwrites the previous log instead of appending to it', async () => {
    await buildProject({ projectDir: fake.projectDir, env: fake.env('build-first-run') });
    const result = await buildProject({ projectDir: fake.projectDir, env: fake.env() });
    expect(await readFile(result.logPath, 'utf8')).not.toContain('Platform Manager');
  });

  it('streams every line to onLine when verbose, and none otherwise', async () => {
    const quiet: string[] = [];
    await buildProject({ projectDir: fake.projectDir, env: fake.env(), onLine: (l) => quiet.push(l) });
    expect(quiet).toEqual([]);

    const loud: string[] = [];
    await buildProject({ projectDir: fake.projectDir, env: fake.env(), verbose: true, onLine: (l) => loud.push(l) });
    expect(loud).toContain('RAM:   [=         ]  14.1% (used 46220 bytes from 327680 bytes)');
    expect(loud).toContain('========================= [SUCCESS] Took 7.81 seconds =========================');
  });

  it('keeps redacted values out of the log and the streamed lines', async () => {
    const lines: string[] = [];
    const result = await buildProject({
      projectDir: fake.projectDir,
      env: fake.env(),
      verbose: true,
      onLine: (l) => lines.push(l),
      redact: ['WiFiClientSecure'],
    });
    expect(lines).toContain('|-- *** @ 2.0.0');
    expect(await readFile(result.logPath, 'utf8')).not.toContain('WiFiClientSecure');
  });

  it("throws the compiler's error lines, once each, with the log path", async () => {
    const error = await rejection(buildProject({ projectDir: fake.projectDir, env: fake.env('build-compile-error') }));
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe(
      'The firmware failed to compile:\n' +
        "  include/sensors.h:9:3: error: 'DHT' does not name a type\n" +
        "  src/main.cpp:12:5: error: 'foo' was not declared in this scope",
    );
    const logPath = path.join(fake.projectDir, '.harbor', 'pio-build.log');
    expect(error.hint).toBe(`Fix the code at the lines above. PlatformIO's full output is in ${logPath}.`);
    expect(await readFile(logPath, 'utf8')).toContain('*** [.pio/build/esp32dev/src/main.cpp.o] Error 1');
  });

  it("shows PlatformIO's own error for failures that are not compile errors", async () => {
    const error = await rejection(buildProject({ projectDir: fake.projectDir, env: fake.env('build-unknown-board') }));
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe("Building the firmware failed (PlatformIO exit code 1).\n  Error: Unknown board ID 'esp32devx'");
    expect(error.hint).toBe(`PlatformIO's full output is in ${path.join(fake.projectDir, '.harbor', 'pio-build.log')}.`);
  });

  it('says how to install PlatformIO when it is missing, and writes no log', async () => {
    const error = await rejection(
      buildProject({ projectDir: fake.projectDir, env: { PATH: path.join(fake.home, 'bin'), HOME: fake.home } }),
    );
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe('PlatformIO is not installed: there is no pio or platformio on your PATH or in ~/.platformio/penv.');
    expect(error.hint).toContain(`the generated project is still in ${fake.projectDir}`);
    await expect(stat(path.join(fake.projectDir, '.harbor'))).rejects.toThrow();
  });

  it("runs PlatformIO from its default install location when it is not on PATH", async () => {
    const pio = path.join(fake.home, '.platformio', 'penv', 'bin', 'pio');
    await mkdir(path.dirname(pio), { recursive: true });
    const fakeScript = pathToFileURL(path.join(FIXTURES, 'fake-pio.mjs')).href;
    await writeFile(pio, `#!/usr/bin/env node\nimport(${JSON.stringify(fakeScript)});\n`);
    await chmod(pio, 0o755);

    const result = await buildProject({ projectDir: fake.projectDir, env: fake.env(undefined, { PATH: NODE_DIR }) });
    expect(result.ram?.usedBytes).toBe(46220);
    expect(await fake.calls()).toMatchObject([{ name: 'pio', argv: ['run', '-d', fake.projectDir] }]);
  });

  it('fails before running PlatformIO when the log cannot be written', async () => {
    await writeFile(path.join(fake.projectDir, '.harbor'), 'a file where the folder should be');
    const error = await rejection(buildProject({ projectDir: fake.projectDir, env: fake.env() }));
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe(`Could not write PlatformIO's log to ${path.join(fake.projectDir, '.harbor', 'pio-build.log')}.`);
    expect(await fake.calls()).toEqual([]);
  });

  it('stops PlatformIO and rethrows when a progress callback throws', async () => {
    const boom = new Error('renderer failed');
    const run = buildProject({
      projectDir: fake.projectDir,
      env: fake.env('hang'),
      onStage: () => undefined,
      verbose: true,
      onLine: () => {
        throw boom;
      },
    });
    await expect(run).rejects.toBe(boom);
  });

  it('refuses a folder that is not a PlatformIO project (usage error, exit 2)', async () => {
    await rm(path.join(fake.projectDir, 'platformio.ini'));
    const error = await rejection(buildProject({ projectDir: fake.projectDir, env: fake.env() }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`${fake.projectDir} is not a PlatformIO project: it has no platformio.ini.`);
    expect(await fake.calls()).toEqual([]);
  });

  it('refuses a folder that does not exist', async () => {
    const missing = path.join(fake.home, 'nope');
    const error = await rejection(buildProject({ projectDir: missing, env: fake.env() }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`The project folder ${missing} does not exist.`);
  });

  it('stops PlatformIO when the signal aborts, and says so', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = buildProject({
      projectDir: fake.projectDir,
      env: fake.env('hang'),
      verbose: true,
      // The hang scenario prints its first lines, then waits 30 s.
      onLine: (line) => {
        if (line.startsWith('Processing')) controller.abort();
      },
      signal: controller.signal,
    });
    const error = await rejection(run);
    expect(error.message).toBe('PlatformIO was stopped before it finished.');
    expect(error.hint).toBe(`What it printed until then is in ${path.join(fake.projectDir, '.harbor', 'pio-build.log')}.`);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
