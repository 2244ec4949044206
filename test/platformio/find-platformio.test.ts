import { chmod, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { HarborError } from '../../src/errors.js';
import { findPlatformIO, platformIOCandidates, platformIOMissingError } from '../../src/platformio/find-platformio.js';
import { FAKE_BIN } from './fake-pio.js';

let root: string;
let emptyHome: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'harbor-find-pio-'));
  emptyHome = path.join(root, 'home');
  await mkdir(emptyHome);
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function executable(file: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await copyFile(path.join(FAKE_BIN, 'pio'), file);
  await chmod(file, 0o755);
  return file;
}

describe('findPlatformIO', () => {
  it('finds pio on PATH', async () => {
    expect(await findPlatformIO({ PATH: FAKE_BIN, HOME: emptyHome })).toBe(path.join(FAKE_BIN, 'pio'));
  });

  it('finds the platformio name when there is no pio', async () => {
    const only = await executable(path.join(root, 'only', 'platformio'));
    expect(await findPlatformIO({ PATH: path.dirname(only), HOME: emptyHome })).toBe(only);
  });

  it('skips a pio that is not executable and looks further along PATH', async () => {
    const notExecutable = path.join(root, 'first', 'pio');
    await mkdir(path.dirname(notExecutable));
    await writeFile(notExecutable, 'not a program');
    await chmod(notExecutable, 0o644);
    const env = { PATH: [path.dirname(notExecutable), FAKE_BIN].join(path.delimiter), HOME: emptyHome };
    expect(await findPlatformIO(env)).toBe(path.join(FAKE_BIN, 'pio'));
  });

  it("finds PlatformIO's default install location (~/.platformio/penv/bin/pio) when PATH has none", async () => {
    const home = path.join(root, 'ana');
    const pio = await executable(path.join(home, '.platformio', 'penv', 'bin', 'pio'));
    expect(await findPlatformIO({ PATH: path.join(root, 'nothing-here'), HOME: home })).toBe(pio);
  });

  it('honours PLATFORMIO_CORE_DIR', async () => {
    const pio = await executable(path.join(root, 'core', 'penv', 'bin', 'pio'));
    expect(await findPlatformIO({ PATH: '', HOME: emptyHome, PLATFORMIO_CORE_DIR: path.join(root, 'core') })).toBe(pio);
  });

  it('prefers PATH over the default location', async () => {
    const home = path.join(root, 'ana');
    await executable(path.join(home, '.platformio', 'penv', 'bin', 'pio'));
    expect(await findPlatformIO({ PATH: FAKE_BIN, HOME: home })).toBe(path.join(FAKE_BIN, 'pio'));
  });

  it('returns null when PlatformIO is nowhere', async () => {
    expect(await findPlatformIO({ PATH: path.join(root, 'nothing-here'), HOME: emptyHome })).toBeNull();
  });
});

describe('platformIOCandidates', () => {
  it('looks for pio.exe under %USERPROFILE% on Windows, reading Path and PATHEXT whatever their case', () => {
    const env = { Path: 'C:\\Tools;C:\\Python\\Scripts', PathExt: '.EXE;.CMD', USERPROFILE: 'C:\\Users\\ana' };
    expect(platformIOCandidates(env, 'win32')).toEqual([
      'C:\\Tools\\pio.exe',
      'C:\\Tools\\pio.cmd',
      'C:\\Tools\\platformio.exe',
      'C:\\Tools\\platformio.cmd',
      'C:\\Python\\Scripts\\pio.exe',
      'C:\\Python\\Scripts\\pio.cmd',
      'C:\\Python\\Scripts\\platformio.exe',
      'C:\\Python\\Scripts\\platformio.cmd',
      'C:\\Users\\ana\\.platformio\\penv\\Scripts\\pio.exe',
    ]);
  });

  it('ends with the penv folders on Linux and macOS', () => {
    expect(platformIOCandidates({ PATH: '/usr/bin', HOME: '/home/ana' }, 'linux')).toEqual([
      '/usr/bin/pio',
      '/usr/bin/platformio',
      '/home/ana/.platformio/penv/bin/pio',
    ]);
  });
});

describe('platformIOMissingError', () => {
  it('says how to install PlatformIO and that the project is still there', () => {
    const error = platformIOMissingError('/home/ana/greenhouse');
    expect(error).toBeInstanceOf(HarborError);
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe(
      'PlatformIO is not installed: there is no pio or platformio on your PATH or in ~/.platformio/penv.',
    );
    expect(error.hint).toBe(
      'Install it with the official installer script (https://docs.platformio.org/en/latest/core/installation/methods/installer-script.html), ' +
        'with "pipx install platformio", or by adding the PlatformIO IDE extension to VS Code; ' +
        'the generated project is still in /home/ana/greenhouse, so run this command again once it is installed.',
    );
  });
});
