/**
 * The library zip against the rules of the formats it claims, written from
 * their specifications (not from our output):
 *  - Arduino library specification rev. 2.2
 *    (https://arduino.github.io/arduino-cli/latest/library-specification/):
 *    library.properties fields, the src/ ("recursive") layout, examples/, keywords.txt;
 *    with the sketch specification
 *    (https://arduino.github.io/arduino-cli/latest/sketch-specification/) for each example.
 *  - ESP-IDF component manifest
 *    (https://docs.espressif.com/projects/idf-component-manager/en/latest/reference/manifest_file.html)
 *    and the build system's component CMakeLists.txt
 *    (https://docs.espressif.com/projects/esp-idf/en/stable/esp32/api-guides/build-system.html).
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAnswers } from '../../src/config/resolve-answers.js';
import { generateFiles } from '../../src/generate/generate-files.js';
import { zipFiles } from '../../src/generate/formats/library.js';

const ANSWERS = { board: 'esp32dev', harborId: 'hb-1', apiKey: 'k-SECRET', wifiSsid: 'Lab', wifiPassword: '', format: 'library', metrics: [{ kind: 'uptime' }], sensors: [{ kind: 'bme280', sda: 21, scl: 22 }] };
const zip = zipFiles(generateFiles(parseAnswers(ANSWERS)).files);
const entries = new Map(Object.entries(unzipSync(zip)).map(([path, bytes]) => [path, Buffer.from(bytes).toString('utf8')]));
const roots = new Set([...entries.keys()].map((p) => p.split('/')[0]));
const [ROOT] = [...roots];
const inLibrary = (path: string) => entries.get(`${ROOT}/${path}`);
const libraryPaths = [...entries.keys()].map((p) => p.slice(`${ROOT}/`.length));

/** key=value lines; the specification's properties format (UTF-8, one per line). */
function properties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    expect(eq, `not key=value: ${line}`).toBeGreaterThan(0);
    out.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return out;
}

describe('Arduino library specification', () => {
  it('has one root folder, named as a library folder may be: letters, digits, _ . - and at most 63 characters', () => {
    expect(roots.size).toBe(1);
    expect(ROOT).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/);
  });

  it('library.properties has every required field, with values the specification allows', () => {
    const props = properties(inLibrary('library.properties') as string);
    for (const field of ['name', 'version', 'author', 'maintainer', 'sentence', 'paragraph', 'category', 'url', 'architectures']) {
      expect(props.get(field)?.trim(), field).toBeTruthy();
    }
    const name = props.get('name') as string;
    // Starts with a letter or number; letters, numbers, spaces, _ . -; 63 at most; not "Arduino…" (reserved).
    expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,62}$/);
    expect(name).not.toMatch(/^Arduino/i);
    expect(name.replace(/ /g, '_')).toBe(ROOT);
    expect(props.get('version')).toMatch(/^\d+\.\d+\.\d+$/);
    expect(['Display', 'Communication', 'Signal Input/Output', 'Sensors', 'Device Control', 'Timing', 'Data Storage', 'Data Processing', 'Other']).toContain(props.get('category'));
    expect(() => new URL(props.get('url') as string)).not.toThrow();
    expect((props.get('architectures') as string).split(',').sort()).toEqual(['esp32', 'esp8266', 'rp2040']);
    // includes: headers added by Sketch > Include Library, so each must be at the top of src/.
    for (const header of (props.get('includes') ?? '').split(',').filter(Boolean)) expect(libraryPaths).toContain(`src/${header.trim()}`);
  });

  it('keeps every source under src/ (the recursive layout: no sources in the root, no utility folder)', () => {
    const sources = libraryPaths.filter((p) => /\.(c|cpp|cc|h|hpp|S)$/.test(p) && !p.startsWith('examples/'));
    expect(sources.length).toBeGreaterThan(20);
    for (const path of sources) expect(path.startsWith('src/'), path).toBe(true);
    expect(libraryPaths.some((p) => p.startsWith('utility/'))).toBe(false);
  });

  it('has one example per board family, each a sketch folder holding an .ino of its own name', () => {
    const folders = [...new Set(libraryPaths.filter((p) => p.startsWith('examples/')).map((p) => p.split('/')[1] as string))].sort();
    expect(folders).toEqual(['ESP32', 'ESP8266', 'RP2040']);
    for (const folder of folders) {
      expect(folder).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/);
      expect(libraryPaths).toContain(`examples/${folder}/${folder}.ino`);
      expect(inLibrary(`examples/${folder}/${folder}.ino`)).toContain('#include <Harbor.h>');
    }
  });

  it('keywords.txt: one keyword, a single tab, and its kind per line', () => {
    const lines = (inLibrary('keywords.txt') as string).split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^[A-Za-z_][A-Za-z0-9_]*\t(KEYWORD1|KEYWORD2|KEYWORD3|LITERAL1|LITERAL2)$/);
  });
});

describe('ESP-IDF component and PlatformIO library', () => {
  it('idf_component.yml: a semantic version, a description, an SPDX license and an idf version range', () => {
    const yml = inLibrary('idf_component.yml') as string;
    const field = (key: string) => new RegExp(`^${key}:\\s*"?([^"\\n]+)"?$`, 'm').exec(yml)?.[1];
    expect(field('version')).toMatch(/^\d+\.\d+\.\d+$/);
    expect(field('description')?.length).toBeGreaterThan(0);
    expect(['MIT', 'Apache-2.0', 'BSD-3-Clause']).toContain(field('license'));
    // dependencies: idf: "<range>", a version spec of the manifest's scheme.
    expect(/^dependencies:\n {2}idf: "([^"]+)"$/m.exec(yml)?.[1]).toMatch(/^(>=|>|<=|<|==|~|\^)?\d+(\.\d+){0,2}$/);
  });

  it('CMakeLists.txt registers the component with its sources and the src include folder', () => {
    const cmake = inLibrary('CMakeLists.txt') as string;
    expect(cmake).toMatch(/idf_component_register\(SRCS \$\{harbor_sources\}\s+INCLUDE_DIRS "src"/);
    expect(cmake).toContain('file(GLOB_RECURSE harbor_sources "${CMAKE_CURRENT_LIST_DIR}/src/*.cpp")');
  });

  it('library.json names the same version and the src folder for PlatformIO', () => {
    const json = JSON.parse(inLibrary('library.json') as string) as { name: string; version: string; build: { srcDir: string } };
    const props = properties(inLibrary('library.properties') as string);
    expect(json.version).toBe(props.get('version'));
    expect(json.name).toBe(props.get('name'));
    expect(json.build.srcDir).toBe('src');
  });
});

describe('several adapters in one library', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hc-library-layout-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const [path, content] of entries) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const src = join(dir, ROOT as string, 'src');
  const ARCHS = ['ARDUINO_ARCH_ESP32', 'ARDUINO_ARCH_ESP8266', 'ARDUINO_ARCH_RP2040', 'ESP_PLATFORM'];
  // Which cores each adapter's and each shared folder's .cpp files are for (firmware/platforms, catalogue/platforms.ts).
  const FOR: Record<string, string[]> = {
    'harbor_platform_esp32.cpp': ['ARDUINO_ARCH_ESP32'],
    'harbor_platform_esp8266.cpp': ['ARDUINO_ARCH_ESP8266'],
    'harbor_platform_picow.cpp': ['ARDUINO_ARCH_RP2040'],
    'harbor_platform_espidf.cpp': ['ESP_PLATFORM'],
    'harbor_espidf_buses.cpp': ['ESP_PLATFORM'],
    'harbor_arduino_buses.cpp': ['ARDUINO_ARCH_ESP32', 'ARDUINO_ARCH_ESP8266', 'ARDUINO_ARCH_RP2040'],
    'harbor_arduino_flash.cpp': ['ARDUINO_ARCH_ESP32', 'ARDUINO_ARCH_ESP8266', 'ARDUINO_ARCH_RP2040'],
    'harbor_esp32_tasks.cpp': ['ARDUINO_ARCH_ESP32', 'ESP_PLATFORM'],
    'harbor_esp32_clock.cpp': ['ARDUINO_ARCH_ESP32', 'ESP_PLATFORM'],
    'harbor_esp32_pcnt.cpp': ['ARDUINO_ARCH_ESP32', 'ESP_PLATFORM'],
  };

  it('knows every .cpp file of the adapters', () => {
    expect(libraryPaths.filter((p) => p.startsWith('src/harbor_platform/') && p.endsWith('.cpp')).map((p) => p.split('/').pop()).sort()).toEqual(
      [...Object.keys(FOR), 'harbor_system_clock.cpp'].sort(),
    );
  });

  it.each(ARCHS)("on a core defining %s, the other cores' adapter files compile to nothing", async (arch) => {
    for (const [file, cores] of Object.entries(FOR)) {
      if (cores.includes(arch)) continue;
      // Preprocessing alone: a guarded-out file never reaches its SDK's headers, which are not here.
      const result = await execa('g++', ['-E', '-P', '-x', 'c++', `-D${arch}=1`, ...(arch === 'ESP_PLATFORM' ? [] : ['-DARDUINO=10819']), '-I', src, join(src, 'harbor_platform', file)], { reject: false });
      expect(result.stderr, `${file} on ${arch}`).toBe('');
      expect(result.stdout.trim(), `${file} on ${arch}`).toBe('');
    }
  });
});
