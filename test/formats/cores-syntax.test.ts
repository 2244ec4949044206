/**
 * The sketch and the library, as the Arduino IDE compiles them, against the
 * stand-in SDK headers of each core (test/fixtures/adapters/stubs, each
 * naming the real header and version it follows): arduino-esp32 2.0.17 (what
 * PlatformIO's espressif32 6.x ships) and 3.x (what the Arduino IDE's Boards
 * Manager installs), the ESP8266 core 3.1.x and arduino-pico. No -D flag of
 * ours and no include path into the sketch: only the core's macros
 * (ARDUINO_ARCH_*) and its headers. Like the adapters' own syntax check, it
 * cannot catch a mismatch with the real SDKs, which only a board build shows.
 */
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { PlatformAdapterId } from '../../src/catalogue/platforms.js';
import { parseAnswers } from '../../src/config/resolve-answers.js';
import { generateFiles, generateSnippet } from '../../src/generate/generate-files.js';
import { LIBRARY_NAME } from '../../src/generate/formats/library.js';
import { ARDUINO_ESP32_V3_STUBS, stubIncludes } from '../fixtures/adapters/stand-ins.js';
import { useScratch } from '../scratch.js';
import { cppFilesBelow, snippetParts, writeFiles } from './host-sketch.js';

const scratch = useScratch('hc-cores-syntax');
const ACCOUNT = { harborId: 'hb-1', apiKey: 'k', wifiSsid: 'Lab', wifiPassword: '' };

interface Core {
  name: string;
  adapter: PlatformAdapterId;
  board: string;
  /** What the core's platform.txt and boards.txt define for every file. */
  defines: string[];
  std: 'gnu++11' | 'gnu++17';
  stubs?: string[];
}

const CORES: Core[] = [
  { name: 'arduino-esp32 2.0.17', adapter: 'arduino-esp32', board: 'esp32dev', defines: ['ARDUINO=10819', 'ARDUINO_ARCH_ESP32', 'ESP32', 'CONFIG_IDF_TARGET_ESP32=1'], std: 'gnu++11' },
  { name: 'arduino-esp32 3.x', adapter: 'arduino-esp32', board: 'esp32dev', defines: ['ARDUINO=10819', 'ARDUINO_ARCH_ESP32', 'ESP32', 'CONFIG_IDF_TARGET_ESP32=1'], std: 'gnu++17', stubs: ARDUINO_ESP32_V3_STUBS },
  { name: 'arduino-esp32 3.x on the ESP32-S3', adapter: 'arduino-esp32', board: 'esp32-s3-devkitc-1', defines: ['ARDUINO=10819', 'ARDUINO_ARCH_ESP32', 'ESP32', 'CONFIG_IDF_TARGET_ESP32S3=1'], std: 'gnu++17', stubs: ARDUINO_ESP32_V3_STUBS },
  { name: 'ESP8266 core 3.1.x', adapter: 'esp8266', board: 'd1_mini', defines: ['ARDUINO=10819', 'ARDUINO_ARCH_ESP8266', 'ESP8266'], std: 'gnu++17' },
  { name: 'arduino-pico', adapter: 'picow', board: 'rpipicow', defines: ['ARDUINO=10819', 'ARDUINO_ARCH_RP2040'], std: 'gnu++17' },
];

async function syntaxCheck(core: Core, includes: string[], sources: string[]): Promise<void> {
  const result = await execa(
    'g++',
    ['-fsyntax-only', `-std=${core.std}`, '-Wall', '-Wextra', '-Werror', ...core.defines.map((d) => `-D${d}`), ...stubIncludes(core.adapter, core.stubs), ...includes.flatMap((d) => ['-I', d]), ...sources],
    { reject: false, all: true, timeout: 120_000 },
  );
  expect(result.all ?? '').toBe('');
  expect(result.exitCode).toBe(0);
}

describe('the sketch on each core (stand-in headers)', () => {
  it.each(CORES)('$name: $board sketch', async (core) => {
    const name = `sketch_${core.board.replace(/-/g, '_')}`;
    const dir = join(scratch(), name);
    const sensors = core.adapter !== 'arduino-esp32' ? [] : core.board === 'esp32dev' ? [{ kind: 'bme280', sda: 21, scl: 22 }] : [{ kind: 'bme280', sda: 8, scl: 9 }];
    const { files, model } = generateFiles(parseAnswers({ ...ACCOUNT, board: core.board, sensors, metrics: [{ kind: 'rssi' }, { kind: 'uptime' }], format: 'sketch' }), dir);
    expect(model.target.id).toBe(core.adapter);
    writeFiles(dir, files);
    await syntaxCheck(core, [], ['-x', 'c++', join(dir, `${name}.ino`), '-x', 'none', ...cppFilesBelow(join(dir, 'src'))]);
  }, 120_000);
});

/** A sketch of the user's own with the snippet pasted where its headings say. */
function pasted(snippetText: string): string {
  const parts = snippetParts(snippetText);
  return `#include <Arduino.h>\n${parts.get(1)}\n${parts.get(2)}\nvoid setup() {\n${parts.get(3)}}\n\nvoid loop() {\n${parts.get(4)}  delay(1000);\n}\n`;
}

describe('the library, its example and the snippet on each core (stand-in headers)', () => {
  // One compile per core (syntax only, so the two setup()s never meet a linker): the whole library,
  // its family's example, and a sketch of the user's own with the snippet pasted in.
  it.each(CORES)('$name: the library, the example of its family and the $board snippet', async (core) => {
    const dir = scratch();
    const answers = { ...ACCOUNT, board: core.board, metrics: [{ kind: 'rssi' }, { kind: 'free_heap' }, { kind: 'uptime' }, { kind: 'dropped' }] };
    writeFiles(dir, generateFiles(parseAnswers({ ...answers, format: 'library' })).files);
    const { snippet } = generateSnippet(parseAnswers({ ...answers, format: 'snippet' }));
    writeFiles(join(dir, 'mine'), [{ path: 'mine.ino', content: pasted(snippet.text) }, ...snippet.files]);
    const root = join(dir, LIBRARY_NAME);
    const family = { 'arduino-esp32': 'ESP32', esp8266: 'ESP8266', picow: 'RP2040', espidf: '' }[core.adapter];
    const sketches = [join(root, 'examples', family, `${family}.ino`), join(dir, 'mine', 'mine.ino')];
    await syntaxCheck(core, [join(root, 'src')], ['-x', 'c++', ...sketches, '-x', 'none', ...cppFilesBelow(join(root, 'src'))]);
  }, 120_000);

  // The same folder as an ESP-IDF component: ESP_PLATFORM without ARDUINO, so the ESP-IDF adapter builds.
  it('ESP-IDF 5.5: the whole library as a component', async () => {
    const dir = scratch();
    writeFiles(dir, generateFiles(parseAnswers({ ...ACCOUNT, board: 'esp32dev', framework: 'espidf', metrics: [{ kind: 'uptime' }], format: 'library' })).files);
    const src = join(dir, LIBRARY_NAME, 'src');
    await syntaxCheck({ name: 'ESP-IDF 5.5', adapter: 'espidf', board: 'esp32dev', defines: ['ESP_PLATFORM=1', 'CONFIG_IDF_TARGET_ESP32=1'], std: 'gnu++17' }, [src], cppFilesBelow(src));
  }, 120_000);
});
