import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { HarborError } from '../../src/errors.js';
import { flashProject, refinePortFailure } from '../../src/platformio/flash-project.js';
import { uploadFailedError } from '../../src/platformio/pio-errors.js';
import { REPO } from '../cli/helpers.js';
import { setUpFakePio, type FakePio } from './fake-pio.js';

let fake: FakePio;
let logPath: string;
beforeEach(async () => {
  fake = await setUpFakePio();
  logPath = path.join(fake.projectDir, '.harbor', 'pio-flash.log');
});
afterEach(() => fake.cleanup());

async function flashError(scenario: string, port?: string): Promise<HarborError> {
  const error = await flashProject({ projectDir: fake.projectDir, env: fake.env(scenario), ...(port ? { port } : {}) }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HarborError);
  expect((error as HarborError).exitCode).toBe(1);
  return error as HarborError;
}

describe('flashProject', () => {
  it('runs `pio run -d <dir> -t upload --upload-port P` and reports the upload', async () => {
    const stages: string[] = [];
    const result = await flashProject({
      projectDir: fake.projectDir,
      port: '/dev/ttyUSB0',
      env: fake.env(),
      onStage: (s) => stages.push(s),
    });
    expect(await fake.calls()).toMatchObject([
      { argv: ['run', '-d', fake.projectDir, '-t', 'upload', '--upload-port', '/dev/ttyUSB0'], cwd: fake.projectDir },
    ]);
    expect(stages).toEqual(['Looking for upload port', 'Uploading', 'Resetting the board']);
    expect(result).toMatchObject({
      port: '/dev/ttyUSB0',
      chip: 'ESP32-D0WDQ6 (revision 1)',
      environment: 'esp32dev',
      ram: { usedBytes: 46220, totalBytes: 327680, percent: 14.1 },
      logPath,
    });
    const log = await readFile(logPath, 'utf8');
    expect(log).toContain('Using manually specified: /dev/ttyUSB0');
    expect(log).toContain('Writing at 0x00010000... (3 %)');
    expect(log).toContain('Hard resetting via RTS pin...');
  });

  it('lets PlatformIO find the port when none is given, and reports the one it used', async () => {
    const result = await flashProject({ projectDir: fake.projectDir, env: fake.env() });
    expect((await fake.calls())[0]?.argv).toEqual(['run', '-d', fake.projectDir, '-t', 'upload']);
    expect(result.port).toBe('/dev/ttyUSB0');
  });

  it('explains a busy port', async () => {
    const error = await flashError('upload-port-busy', '/dev/ttyUSB0');
    expect(error.message).toBe('The serial port /dev/ttyUSB0 is busy: another program has it open.');
    expect(error.hint).toBe(
      'Close the serial monitor or any other program using the port ("pio device monitor" in another terminal, the Arduino IDE, screen), ' +
        `then flash again. PlatformIO's full output is in ${logPath}.`,
    );
  });

  it('explains a port the user may not open', async () => {
    const error = await flashError('upload-permission-denied');
    expect(error.message).toBe('You do not have permission to open the serial port /dev/ttyUSB0.');
    expect(error.hint).toBe(
      'On Linux add yourself to the dialout group ("sudo usermod -a -G dialout $USER"; on Arch the group is uucp), ' +
        `then log out and back in, and flash again. PlatformIO's full output is in ${logPath}.`,
    );
  });

  const noPortHint =
    'Plug the board in with a USB data cable (charge-only cables have no data wires), ' +
    'install the CP210x or CH34x USB-serial driver if your computer lacks it, ' +
    'or pass --port with the board\'s port (see "pio device list").';

  it('explains that no board was found when PlatformIO asks for upload_port', async () => {
    const error = await flashError('upload-no-port');
    expect(error.message).toBe('No board was found on any serial port.');
    expect(error.hint).toBe(`${noPortHint} PlatformIO's full output is in ${logPath}.`);
  });

  it.each(['upload-no-serial-data', 'upload-timeout'])('explains a board that does not answer (%s)', async (scenario) => {
    const error = await flashError(scenario);
    expect(error.message).toBe('The board on /dev/ttyUSB0 did not answer.');
    expect(error.hint).toBe(
      `${noPortHint} If it still does not answer, hold the BOOT button while flashing starts. PlatformIO's full output is in ${logPath}.`,
    );
  });

  it('explains a chip that does not match the board id', async () => {
    const error = await flashError('upload-wrong-chip');
    expect(error.message).toBe('The board has an ESP32-S3 chip but the project was built for ESP32.');
    expect(error.hint).toBe(
      'The board id does not match the chip: regenerate the project with the right --board (one with an ESP32-S3), ' +
        `then flash again. PlatformIO's full output is in ${logPath}.`,
    );
  });

  it("tells esptool 4.5's \"the port doesn't exist\" apart: a missing port", async () => {
    const missing = path.join(fake.home, 'ttyUSB9');
    const error = await flashError('upload-port-unavailable', missing);
    expect(error.message).toBe(`The serial port ${missing} does not exist.`);
    expect(error.hint).toBe(`${noPortHint} PlatformIO's full output is in ${logPath}.`);
  });

  it("tells esptool 4.5's \"the port doesn't exist\" apart: a port that exists and opens is busy", async () => {
    const port = path.join(fake.home, 'ttyUSB0');
    await writeFile(port, '');
    const error = await flashError('upload-port-unavailable', port);
    expect(error.message).toBe(`The serial port ${port} is busy: another program has it open.`);
  });

  it('reports compile errors when the build before the upload fails', async () => {
    const error = await flashError('build-compile-error', '/dev/ttyUSB0');
    expect(error.message).toBe(
      'The firmware failed to compile:\n' +
        "  include/sensors.h:9:3: error: 'DHT' does not name a type\n" +
        "  src/main.cpp:12:5: error: 'foo' was not declared in this scope",
    );
    expect(error.hint).toBe(`Fix the code at the lines above. PlatformIO's full output is in ${logPath}.`);
  });
});

describe('refinePortFailure', () => {
  it('calls a port without read/write access a permission problem', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hc-port-'));
    await chmod(dir, 0o755);
    const port = path.join(dir, 'ttyUSB0');
    await writeFile(port, '');
    await chmod(port, 0o000);
    if (process.getuid?.() !== 0) {
      expect(await refinePortFailure({ kind: 'port-unavailable', port }, 'linux')).toEqual({ kind: 'permission-denied', port });
      return;
    }
    // Root may open anything, as CI runs: ask as an unprivileged user instead, through the built module.
    const module = pathToFileURL(path.join(REPO, 'dist/platformio/flash-project.js')).href;
    const script = `import(${JSON.stringify(module)}).then(async (m) => console.log(JSON.stringify(await m.refinePortFailure({ kind: 'port-unavailable', port: ${JSON.stringify(port)} }, 'linux'))))`;
    const { stdout } = await execa('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', script]);
    expect(JSON.parse(stdout)).toEqual({ kind: 'permission-denied', port });
  });

  it('leaves Windows COM ports and other failures as they are', async () => {
    expect(await refinePortFailure({ kind: 'port-unavailable', port: 'COM4' }, 'win32')).toEqual({
      kind: 'port-unavailable',
      port: 'COM4',
    });
    expect(await refinePortFailure({ kind: 'port-busy', port: '/dev/nope' }, 'linux')).toEqual({ kind: 'port-busy', port: '/dev/nope' });
  });
});

describe('uploadFailedError', () => {
  it('names all three causes when the port cannot be told apart (Windows, esptool 4.5)', () => {
    const error = uploadFailedError({ kind: 'port-unavailable', port: 'COM4' }, 1, [], { retry: 'flash again', logPath: 'C:\\p\\.harbor\\pio-flash.log' });
    expect(error.message).toBe('The serial port COM4 could not be opened: it is busy, you lack permission to use it, or it does not exist.');
    expect(error.hint).toBe(
      'Close any serial monitor using it; on Linux add yourself to the dialout group ("sudo usermod -a -G dialout $USER"; on Arch the group is uucp), ' +
        "then log out and back in; check the board is plugged in with a data cable, or pass --port. PlatformIO's full output is in C:\\p\\.harbor\\pio-flash.log.",
    );
  });

  it('falls back to PlatformIO\'s own error lines for upload failures without a name', () => {
    const error = uploadFailedError({ kind: 'unknown' }, 2, ['A fatal error occurred: Invalid head of packet (0x1B)'], {
      retry: 'flash again',
      logPath: '/p/.harbor/pio-flash.log',
    });
    expect(error.message).toBe('Flashing the board failed (PlatformIO exit code 2).\n  A fatal error occurred: Invalid head of packet (0x1B)');
    expect(error.hint).toBe("PlatformIO's full output is in /p/.harbor/pio-flash.log.");
  });
});
