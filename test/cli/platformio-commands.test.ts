/**
 * build, flash, monitor and init --build/--flash through the built CLI, with
 * the fake pio of test/fixtures/platformio standing in for PlatformIO.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CLI } from './helpers.js';
import { API_KEY, harborFiles, INIT_ARGS, setUpPioWorld, WIFI_PASSWORD, type CliResult, type PioWorld } from './pio-helpers.js';

let world: PioWorld;

beforeAll(async () => {
  world = await setUpPioWorld();
});

afterAll(async () => {
  await world?.cleanup();
});

/** Neither secret in what the user saw, nor in any file of the project's .harbor folder. */
async function expectNoSecrets(result: CliResult, projectDir?: string): Promise<void> {
  for (const secret of [API_KEY, WIFI_PASSWORD]) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
    if (projectDir === undefined) continue;
    for (const [name, text] of await harborFiles(projectDir)) expect(text, `.harbor/${name}`).not.toContain(secret);
  }
}

/** Everything the user read: the CLI prints an error's hint after it, on either stream. */
const said = (result: CliResult): string => `${result.stderr}\n${result.stdout}`;

async function argvs(): Promise<string[][]> {
  return (await world.calls()).map((c) => c.argv);
}

/** The index of each needle in the text, to check they come in order. */
function positions(text: string, needles: string[]): number[] {
  return needles.map((n) => {
    const at = text.indexOf(n);
    expect(at, `"${n}" in:\n${text}`).toBeGreaterThanOrEqual(0);
    return at;
  });
}

const ascending = (xs: number[]): boolean => xs.every((x, i) => i === 0 || x > (xs[i - 1] ?? -1));

describe('harbor-connect build', () => {
  it('builds the project, one line per stage, then its RAM and flash use and how long it took', async () => {
    const dir = await world.project();
    await world.clearCalls();
    const result = await world.run(['build', dir]);

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(await argvs()).toEqual([['run', '-d', dir]]);
    expect(ascending(positions(result.stdout, ['Compiling...', 'Linking...', 'Building image...', 'Built the firmware']))).toBe(true);
    expect(result.stdout).toMatch(/RAM: +14\.1% used \(46,220 of 327,680 bytes\)/);
    expect(result.stdout).toMatch(/Flash: +61\.5% used \(806,101 of 1,310,720 bytes\)/);
    expect(result.stdout).toMatch(/Built the firmware in \d+\.\d s\./);
    // Without --verbose PlatformIO's own lines stay in the log.
    expect(result.stdout).not.toContain('Linking .pio/build/esp32dev/firmware.elf');
    expect(await readFile(path.join(dir, '.harbor/pio-build.log'), 'utf8')).toContain('Linking .pio/build/esp32dev/firmware.elf');
    await expectNoSecrets(result, dir);
  });

  it('builds the current folder when none is given, and shows every PlatformIO line with --verbose', async () => {
    const dir = await world.project();
    await world.clearCalls();
    const result = await world.run(['build', '--verbose'], { cwd: dir });

    expect(result.exitCode).toBe(0);
    expect(await argvs()).toEqual([['run', '-d', dir]]);
    for (const line of ['Linking .pio/build/esp32dev/firmware.elf', 'RAM:   [=         ]  14.1% (used 46220 bytes from 327680 bytes)']) {
      expect(result.stdout).toContain(line);
    }
    await expectNoSecrets(result, dir);
  });

  it('keeps the secrets out of the terminal and the log even when PlatformIO prints them', async () => {
    const dir = await world.project();
    const echo = `xtensa-esp32-elf-g++ -DHARBOR_API_KEY="${API_KEY}" -DPASS="${WIFI_PASSWORD}" src/main.cpp`;
    const result = await world.run(['build', dir, '--verbose'], { echo });

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('xtensa-esp32-elf-g++ -DHARBOR_API_KEY="***" -DPASS="***" src/main.cpp');
    expect(await readFile(path.join(dir, '.harbor/pio-build.log'), 'utf8')).toContain('-DHARBOR_API_KEY="***"');
    await expectNoSecrets(result, dir);
  });

  it('fails with exit code 1 on a compile error, naming the file:line of each error and the log', async () => {
    const dir = await world.project();
    const result = await world.run(['build', dir], { scenario: 'build-compile-error' });

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('Compiling...');
    expect(result.stdout).not.toContain('Built the firmware');
    expect(result.stderr).toContain('The firmware failed to compile');
    expect(result.stderr).toContain("src/main.cpp:12:5: error: 'foo' was not declared in this scope");
    expect(result.stderr).toContain("include/sensors.h:9:3: error: 'DHT' does not name a type");
    const log = path.join(dir, '.harbor', 'pio-build.log');
    expect(said(result)).toContain(log);
    expect(await readFile(log, 'utf8')).toContain('note: suggested alternative');
    await expectNoSecrets(result, dir);
  });

  it('stops PlatformIO on Ctrl+C and says so, exit code 1', async () => {
    const dir = await world.project();
    const child = world.start(['build', dir], { scenario: 'hang' });
    let seen = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "Building" line; got: ${seen}`)), 10_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('Building')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGINT');
    const result = await child;

    expect(result.exitCode).toBe(1);
    expect(String(result.stderr)).toContain('PlatformIO was stopped before it finished.');
  });

  it.runIf(process.platform === 'linux' && existsSync('/usr/bin/script'))('shows the stage on one spinner line on a terminal, and gives the cursor back', async () => {
    const dir = await world.project();
    const command = [process.execPath, CLI, 'build', dir].map((a) => `'${a}'`).join(' ');
    // script(1) runs the CLI on a pseudo-terminal.
    const result = await execa('/usr/bin/script', ['-qec', command, '/dev/null'], {
      env: world.env(),
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
      timeout: 30_000,
    });
    const screen = String(result.stdout);

    expect(result.exitCode).toBe(0);
    expect(screen).toContain('\u001b[?25l');
    expect(screen.lastIndexOf('\u001b[?25h')).toBeGreaterThan(screen.lastIndexOf('\u001b[?25l'));
    expect(screen).toMatch(/Compiling \(\d+ s\)/);
    expect(screen).not.toContain('Compiling...');
    expect(screen).toMatch(/Flash: +61\.5% used/);
  });
});

describe('harbor-connect flash', () => {
  it('builds and uploads to the port given with --port', async () => {
    const dir = await world.project();
    await world.clearCalls();
    const result = await world.run(['flash', dir, '--port', '/dev/ttyFAKE0']);

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(await argvs()).toEqual([['run', '-d', dir, '-t', 'upload', '--upload-port', '/dev/ttyFAKE0']]);
    expect(ascending(positions(result.stdout, ['Looking for upload port...', 'Uploading...', 'Resetting the board...', 'Flashed the board on /dev/ttyFAKE0 (ESP32-D0WDQ6 (revision 1))']))).toBe(true);
    expect(result.stdout).toMatch(/Flash: +61\.5% used/);
    expect(result.stdout).toMatch(/Next: (node \S+cli\.js|harbor-connect) monitor /);
    await expectNoSecrets(result, dir);
  });

  it("picks the port with the board's USB id and says why", async () => {
    const dir = await world.project();
    await world.clearCalls();
    const result = await world.run(['flash', dir], { deviceList: 'device-list-one-board' });

    expect(result.exitCode).toBe(0);
    expect(await argvs()).toEqual([
      ['device', 'list', '--json-output'],
      ['run', '-d', dir, '-t', 'upload', '--upload-port', '/dev/ttyUSB0'],
    ]);
    expect(result.stdout).toMatch(/Using \/dev\/ttyUSB0 \(USB Serial\): its USB id 1A86:7523 is one the .+ uses\./);
    await expectNoSecrets(result, dir);
  });

  it('lets PlatformIO choose when two ports look like the board, listing them', async () => {
    const dir = await world.project();
    await world.clearCalls();
    const result = await world.run(['flash', dir]);

    expect(result.exitCode).toBe(0);
    expect(await argvs()).toEqual([
      ['device', 'list', '--json-output'],
      ['run', '-d', dir, '-t', 'upload'],
    ]);
    expect(result.stdout).toContain('/dev/ttyUSB0 (CP2102 USB to UART Bridge Controller)');
    expect(result.stdout).toContain('/dev/ttyUSB1 (USB Serial)');
    expect(result.stdout).not.toContain('/dev/ttyS0');
    expect(result.stdout).toContain('Pass --port');
  });

  const failures: { scenario: string; args: string[]; problem: string; advice: string }[] = [
    {
      scenario: 'upload-port-busy',
      args: ['--port', '/dev/ttyUSB3'],
      problem: 'The serial port /dev/ttyUSB3 is busy: another program has it open.',
      advice: 'Close the serial monitor',
    },
    {
      scenario: 'upload-permission-denied',
      args: ['--port', '/dev/ttyUSB3'],
      problem: 'You do not have permission to open the serial port /dev/ttyUSB3.',
      advice: 'dialout',
    },
    // No --port, and two candidate ports: PlatformIO looks, and finds no board.
    { scenario: 'upload-no-port', args: [], problem: 'No board was found on any serial port.', advice: 'USB data cable' },
    {
      scenario: 'upload-wrong-chip',
      args: ['--port', '/dev/ttyUSB3'],
      problem: 'The board has an ESP32-S3 chip but the project was built for ESP32.',
      advice: 'regenerate the project with the right --board',
    },
  ];

  it.each(failures)('fails with exit code 1 and says what to do: $scenario', async ({ scenario, args, problem, advice }) => {
    const dir = await world.project();
    const result = await world.run(['flash', dir, ...args], { scenario });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(problem);
    expect(said(result)).toContain(advice);
    expect(said(result)).toContain(path.join(dir, '.harbor', 'pio-flash.log'));
    expect(result.stdout).not.toContain('Flashed');
    await expectNoSecrets(result, dir);
  });
});

describe('harbor-connect monitor', () => {
  it('runs the serial monitor on the port and speed given, passing its output through', async () => {
    const dir = await world.project();
    await world.clearCalls();
    const result = await world.run(['monitor', dir, '--port', '/dev/ttyUSB1', '--baud', '9600']);

    expect(result.exitCode).toBe(0);
    expect(await argvs()).toEqual([['device', 'monitor', '-d', dir, '--port', '/dev/ttyUSB1', '--baud', '9600']]);
    expect(result.stdout).toContain('rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)');
    expect(result.stdout).toContain('Ctrl+C');
  });

  it('says the port is busy when it is', async () => {
    const dir = await world.project();
    const result = await world.run(['monitor', dir], { scenario: 'monitor-port-busy' });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('The serial port /dev/ttyUSB0 is busy');
  });

  it('rejects a --baud that is not a speed, exit code 2, without starting PlatformIO', async () => {
    const dir = await world.project();
    await world.clearCalls();
    const result = await world.run(['monitor', dir, '--baud', 'fast']);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--baud');
    expect(await argvs()).toEqual([]);
  });
});

describe('without PlatformIO', () => {
  it('build fails with exit code 1, says how to install it, and leaves the project alone', async () => {
    const dir = await world.project();
    const result = await world.run(['build', dir], { noPio: true });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('PlatformIO is not installed');
    expect(said(result)).toContain('pipx install platformio');
    expect(result.stdout).not.toContain('Building');
    expect(existsSync(path.join(dir, 'platformio.ini'))).toBe(true);
  });

  it('init --flash still writes the project and says it is there', async () => {
    const out = path.join(world.root, 'init-no-pio');
    const result = await world.run([...INIT_ARGS, '--out', out, '--flash'], { noPio: true });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('PlatformIO is not installed');
    expect(said(result)).toContain(`the generated project is still in ${out}`);
    for (const file of ['platformio.ini', 'src/main.cpp', 'include/harbor_secrets.h']) expect(existsSync(path.join(out, file)), file).toBe(true);
    await expectNoSecrets(result, out);
  });
});

describe('harbor-connect init with --build or --flash', () => {
  it('--build builds the project right after generating it', async () => {
    const out = path.join(world.root, 'init-build');
    await world.clearCalls();
    const result = await world.run([...INIT_ARGS, '--out', out, '--build']);

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(await argvs()).toEqual([['run', '-d', out]]);
    expect(ascending(positions(result.stdout, ['Created', 'Compiling...', 'Built the firmware']))).toBe(true);
    expect(result.stdout).toMatch(/RAM: +14\.1% used/);
    await expectNoSecrets(result, out);
  });

  it('--flash --port builds and flashes in one PlatformIO run', async () => {
    const out = path.join(world.root, 'init-flash');
    await world.clearCalls();
    const result = await world.run([...INIT_ARGS, '--out', out, '--flash', '--port', '/dev/ttyFAKE1']);

    expect(result.exitCode).toBe(0);
    expect(await argvs()).toEqual([['run', '-d', out, '-t', 'upload', '--upload-port', '/dev/ttyFAKE1']]);
    expect(result.stdout).toContain('Flashed the board on /dev/ttyFAKE1');
    await expectNoSecrets(result, out);
  });
});

describe('a folder that is not a generated project', () => {
  it.each(['build', 'flash', 'monitor'])('%s fails with exit code 2, saying to cd into the project or pass its folder', async (command) => {
    const dir = path.join(world.root, `not-a-project-${command}`);
    await mkdir(dir);
    await world.clearCalls();
    const result = await world.run([command], { cwd: dir });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('is not a harbor-connect project');
    expect(said(result)).toContain('cd into');
    expect(await argvs()).toEqual([]);
  });

  it('a folder that does not exist is a usage error too', async () => {
    const result = await world.run(['build', path.join(world.root, 'nowhere')]);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('does not exist');
  });
});
