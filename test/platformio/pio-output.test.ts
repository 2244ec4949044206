import { describe, expect, it } from 'vitest';

import {
  classifyUploadFailure,
  extractCompilerErrors,
  extractToolErrors,
  MAX_REPORTED_ERRORS,
  parseChip,
  parseEnvironment,
  parseMemoryUsage,
  parseUploadPort,
  splitLines,
  StageTracker,
  stripAnsi,
} from '../../src/platformio/pio-output.js';
import { fixtureText } from './fake-pio.js';

async function fixtureLines(...files: string[]): Promise<string[]> {
  const texts = await Promise.all(files.map(fixtureText));
  return splitLines(texts.join('\n'));
}

function stagesOf(lines: readonly string[]): string[] {
  const reported: string[] = [];
  const tracker = new StageTracker((s) => reported.push(s));
  for (const line of lines) tracker.feed(line);
  expect(tracker.seen).toEqual(reported);
  return reported;
}

describe('StageTracker', () => {
  it('follows a build: compiling, linking, then the image (not the early bootloader.bin)', async () => {
    expect(stagesOf(await fixtureLines('run-build-success.txt'))).toEqual(['Compiling', 'Linking', 'Building image']);
  });

  it('names the platform and packages a first build downloads', async () => {
    expect(stagesOf(await fixtureLines('run-build-first-run.txt'))).toEqual([
      'Resolving dependencies',
      'Installing platform espressif32',
      'Installing toolchain-xtensa-esp32',
      'Installing framework-arduinoespressif32',
      'Installing tool-esptoolpy',
      'Compiling',
      'Linking',
      'Building image',
    ]);
  });

  it('follows an esptool upload without flickering back and forth between regions', async () => {
    expect(stagesOf(await fixtureLines('run-upload-success.txt'))).toEqual([
      'Looking for upload port',
      'Uploading',
      'Resetting the board',
    ]);
  });

  it('reports a separate verify phase for tools that have one (avrdude)', () => {
    const lines = [
      'Uploading .pio/build/uno/firmware.hex',
      'avrdude: writing flash (924 bytes):',
      'avrdude: 924 bytes of flash written',
      'avrdude: verifying flash memory against .pio/build/uno/firmware.hex:',
      'avrdude: 924 bytes of flash verified',
    ];
    expect(stagesOf(lines)).toEqual(['Uploading', 'Verifying']);
  });

  it('never goes back to an earlier stage', () => {
    expect(stagesOf(['Compiling a.o', 'Linking firmware.elf', 'Compiling late.o', 'Library Manager: Installing X'])).toEqual([
      'Compiling',
      'Linking',
    ]);
  });
});

describe('output readers', () => {
  it('reads RAM and flash usage, environment, port and chip from real runs', async () => {
    const build = await fixtureLines('run-build-success.txt');
    expect(parseMemoryUsage(build)).toEqual({
      ram: { usedBytes: 46220, totalBytes: 327680, percent: 14.1 },
      flash: { usedBytes: 806101, totalBytes: 1310720, percent: 61.5 },
    });
    expect(parseEnvironment(build)).toBe('esp32dev');

    const upload = await fixtureLines('run-upload-success.txt');
    expect(parseUploadPort(upload)).toBe('/dev/ttyUSB0');
    expect(parseChip(upload)).toBe('ESP32-D0WDQ6 (revision 1)');
  });

  it('reads the DATA/PROGRAM form of older cores and AVR boards', () => {
    const lines = [
      'DATA:    [=======   ]  66.8% (used 54740 bytes from 81920 bytes)',
      'PROGRAM: [======    ]  58.6% (used 611612 bytes from 1044464 bytes)',
    ];
    expect(parseMemoryUsage(lines)).toEqual({
      ram: { usedBytes: 54740, totalBytes: 81920, percent: 66.8 },
      flash: { usedBytes: 611612, totalBytes: 1044464, percent: 58.6 },
    });
  });

  it('has no usage when the build printed none', () => {
    expect(parseMemoryUsage(['Compiling x.o'])).toEqual({ ram: null, flash: null });
  });

  it('strips colour codes and splits redrawn progress lines', () => {
    expect(stripAnsi('\u001b[32mSUCCESS\u001b[0m')).toBe('SUCCESS');
    expect(splitLines('Writing at 0x1000... (10 %)\rWriting at 0x2000... (20 %)\r\nok')).toEqual([
      'Writing at 0x1000... (10 %)',
      'Writing at 0x2000... (20 %)',
      'ok',
    ]);
  });
});

describe('extractCompilerErrors', () => {
  it('keeps only the compiler error lines, once each, in order', async () => {
    const errors = extractCompilerErrors(await fixtureLines('run-compile-error.stdout.txt', 'run-compile-error.stderr.txt'));
    expect(errors).toEqual({
      lines: [
        "include/sensors.h:9:3: error: 'DHT' does not name a type",
        "src/main.cpp:12:5: error: 'foo' was not declared in this scope",
      ],
      total: 2,
    });
  });

  it('reads fatal errors, Windows paths and linker errors without the toolchain path', () => {
    const errors = extractCompilerErrors([
      'src/main.cpp:3:10: fatal error: DHT.h: No such file or directory',
      "C:\\Users\\ana\\greenhouse\\src\\main.cpp:7:1: error: expected ';' before '}' token",
      "/home/ana/.platformio/packages/toolchain-xtensa-esp32/bin/../lib/gcc/xtensa-esp32-elf/8.4.0/../../../../xtensa-esp32-elf/bin/ld: .pio/build/esp32dev/src/main.cpp.o:(.literal._Z5setupv+0x0): undefined reference to `readSoil()'",
      'collect2: error: ld returned 1 exit status',
      "src/main.cpp:20:3: warning: unused variable 'x' [-Wunused-variable]",
    ]);
    expect(errors.lines).toEqual([
      'src/main.cpp:3:10: fatal error: DHT.h: No such file or directory',
      "C:\\Users\\ana\\greenhouse\\src\\main.cpp:7:1: error: expected ';' before '}' token",
      ".pio/build/esp32dev/src/main.cpp.o:(.literal._Z5setupv+0x0): undefined reference to `readSoil()'",
    ]);
  });

  it(`reports at most ${MAX_REPORTED_ERRORS} errors but counts them all`, () => {
    const lines = Array.from({ length: 14 }, (_, i) => `src/main.cpp:${i + 1}:1: error: 'x${i}' was not declared in this scope`);
    const errors = extractCompilerErrors(lines);
    expect(errors.lines).toHaveLength(MAX_REPORTED_ERRORS);
    expect(errors.lines[0]).toBe(lines[0]);
    expect(errors.total).toBe(14);
  });

  it('finds PlatformIO and esptool error lines for failures without a name', async () => {
    const lines = await fixtureLines('run-build-unknown-board.stdout.txt', 'run-build-unknown-board.stderr.txt');
    expect(extractToolErrors(lines)).toEqual(["Error: Unknown board ID 'esp32devx'"]);
    expect(
      extractToolErrors([
        "UnknownPackageError: Could not find the package with 'x' requirements",
        "UnknownBoard: Unknown board ID 'freenove_esp32_s3_wroom'",
        'Warning! Please install `99-platformio-udev.rules`.',
      ]),
    ).toEqual([
      "UnknownPackageError: Could not find the package with 'x' requirements",
      "UnknownBoard: Unknown board ID 'freenove_esp32_s3_wroom'",
    ]);
  });
});

describe('classifyUploadFailure', () => {
  const fixtures: Array<[string, ReturnType<typeof classifyUploadFailure>]> = [
    ['run-upload-port-busy.stdout.txt', { kind: 'port-busy', port: '/dev/ttyUSB0' }],
    ['run-upload-permission-denied.stdout.txt', { kind: 'permission-denied', port: '/dev/ttyUSB0' }],
    ['run-upload-port-unavailable.stdout.txt', { kind: 'port-unavailable', port: '/dev/ttyUSB0' }],
    ['run-upload-no-port.stderr.txt', { kind: 'no-port', port: null, reason: 'no-port-given' }],
    ['run-upload-no-serial-data.stdout.txt', { kind: 'no-port', port: '/dev/ttyUSB0', reason: 'no-answer' }],
    ['run-upload-timeout.stdout.txt', { kind: 'no-port', port: '/dev/ttyUSB0', reason: 'no-answer' }],
    ['run-upload-wrong-chip.stdout.txt', { kind: 'wrong-chip', actual: 'ESP32-S3', expected: 'ESP32' }],
    ['run-upload-success.txt', { kind: 'unknown' }],
  ];
  it.each(fixtures)('names %s', async (file, expected) => {
    expect(classifyUploadFailure(await fixtureText(file))).toEqual(expected);
  });

  it('reads the other wordings of the same failures', () => {
    expect(classifyUploadFailure("could not open port '/dev/ttyUSB0': [Errno 16] Device or resource busy: '/dev/ttyUSB0'")).toEqual({
      kind: 'port-busy',
      port: '/dev/ttyUSB0',
    });
    expect(classifyUploadFailure("PermissionError: [Errno 13] Permission denied: '/dev/ttyUSB0'")).toEqual({
      kind: 'permission-denied',
      port: '/dev/ttyUSB0',
    });
    // Windows: a port another program holds is "Access is denied".
    expect(
      classifyUploadFailure("A fatal esptool.py error occurred: could not open port 'COM5': PermissionError(13, 'Access is denied.', None, 5)"),
    ).toEqual({ kind: 'port-busy', port: 'COM5' });
    // macOS, esptool 4.8.
    expect(
      classifyUploadFailure(
        'A fatal error occurred: Could not open /dev/tty.usbserial-0001, the port is busy or doesn\'t exist.\n([Errno 35] Could not exclusively lock port /dev/tty.usbserial-0001: [Errno 35] Resource temporarily unavailable)',
      ),
    ).toEqual({ kind: 'port-busy', port: '/dev/tty.usbserial-0001' });
    expect(classifyUploadFailure("FileNotFoundError: [Errno 2] No such file or directory: '/dev/tty.SLAB_USBtoUART'")).toEqual({
      kind: 'no-port',
      port: '/dev/tty.SLAB_USBtoUART',
      reason: 'missing',
    });
    expect(classifyUploadFailure('A fatal error occurred: This chip is ESP32-S3, not ESP32-C3. Wrong --chip argument?')).toEqual({
      kind: 'wrong-chip',
      actual: 'ESP32-S3',
      expected: 'ESP32-C3',
    });
    expect(classifyUploadFailure('A fatal error occurred: This chip is ESP32-S3(beta3) not ESP32. Wrong --chip argument?')).toEqual({
      kind: 'wrong-chip',
      actual: 'ESP32-S3(beta3)',
      expected: 'ESP32',
    });
  });
});
