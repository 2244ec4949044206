import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { HarborError } from '../../src/errors.js';
import { monitorProject } from '../../src/platformio/monitor-project.js';
import { setUpFakePio, type FakePio } from './fake-pio.js';

let fake: FakePio;
beforeEach(async () => {
  fake = await setUpFakePio();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fake.cleanup();
});

// The monitor's stdout is the terminal's; the fake keeps it quiet so the test
// output stays readable.
const QUIET = { HARBOR_FAKE_PIO_QUIET: '1' };

describe('monitorProject', () => {
  it('runs `pio device monitor -d <dir> --port P --baud B` and returns when it ends', async () => {
    await monitorProject({ projectDir: fake.projectDir, port: '/dev/ttyUSB0', baud: 115200, env: fake.env(undefined, QUIET) });
    expect(await fake.calls()).toMatchObject([
      { argv: ['device', 'monitor', '-d', fake.projectDir, '--port', '/dev/ttyUSB0', '--baud', '115200'], cwd: fake.projectDir },
    ]);
  });

  it("leaves port and speed to PlatformIO and platformio.ini when not given", async () => {
    await monitorProject({ projectDir: fake.projectDir, env: fake.env(undefined, QUIET) });
    expect((await fake.calls())[0]?.argv).toEqual(['device', 'monitor', '-d', fake.projectDir]);
  });

  it("no longer ignores Ctrl+C once the monitor has ended", async () => {
    const before = process.listenerCount('SIGINT');
    await monitorProject({ projectDir: fake.projectDir, env: fake.env(undefined, QUIET) });
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it("passes PlatformIO's error through and explains a busy port", async () => {
    const forwarded: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      forwarded.push(String(chunk));
      return true;
    });
    const error = await monitorProject({ projectDir: fake.projectDir, env: fake.env('monitor-port-busy') }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HarborError);
    expect((error as HarborError).exitCode).toBe(1);
    expect((error as HarborError).message).toBe('The serial port /dev/ttyUSB0 is busy: another program has it open.');
    expect((error as HarborError).hint).toBe(
      'Close the serial monitor or any other program using the port ("pio device monitor" in another terminal, the Arduino IDE, screen), then start the monitor again.',
    );
    expect(forwarded.join('')).toContain("Error: [Errno 16] could not open port /dev/ttyUSB0: [Errno 16] Device or resource busy: '/dev/ttyUSB0'");
  });

  it('says how to install PlatformIO when it is missing', async () => {
    const error = await monitorProject({ projectDir: fake.projectDir, env: { PATH: path.join(fake.home, 'bin'), HOME: fake.home } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as HarborError).message).toBe(
      'PlatformIO is not installed: there is no pio or platformio on your PATH or in ~/.platformio/penv.',
    );
  });
});
