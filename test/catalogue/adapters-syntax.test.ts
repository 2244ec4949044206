/**
 * Compiles every board adapter (its own sources plus its shared sources) with
 * the host g++ -fsyntax-only against stand-in SDK headers that declare only the
 * part of each SDK the adapters use (test/fixtures/adapters/stubs, see the
 * README there). It catches syntax errors and inconsistencies inside our code,
 * e.g. a shared helper called with the wrong arguments or a constant left
 * behind by a refactor; it cannot catch a mismatch with the real SDKs, which
 * only a board build shows.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

import { PLATFORM_TARGETS, type PlatformAdapterId } from '../../src/catalogue/platforms.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { ARDUINO_ESP32_V3_STUBS, STUBS_DIR, stubIncludes } from '../fixtures/adapters/stand-ins.js';

const PLATFORMS_DIR = path.join(PACKAGE_ROOT, 'firmware/platforms');
const RUNTIME_SRC = path.join(PACKAGE_ROOT, 'firmware/runtime/src');

interface Variant {
  name: string;
  /** arduino-esp32 2.0.x compiles C++ as gnu++11, the other cores as gnu++17 or later. */
  std: 'gnu++11' | 'gnu++17';
  defines: string[];
  /** Stand-in folders other than the adapter's own (arduino-esp32 3.x). */
  stubs?: string[];
}

/** arduino-esp32 3.x (what the Arduino IDE installs), on ESP-IDF 5.5 unless the defines say otherwise. */
const v3 = (name: string, defines: string[]): Variant => ({ name: `3.x: ${name}`, std: 'gnu++17', defines, stubs: ARDUINO_ESP32_V3_STUBS });

// The configurations the generator produces that take different #if branches.
const VARIANTS: Record<PlatformAdapterId, Variant[]> = {
  'arduino-esp32': [
    { name: 'ESP32 with a status LED', std: 'gnu++17', defines: ['CONFIG_IDF_TARGET_ESP32=1', 'HARBOR_STATUS_LED_PIN=2', 'HARBOR_STATUS_LED_ACTIVE_LOW=0'] },
    { name: 'ESP32 as gnu++11, the core\'s own standard', std: 'gnu++11', defines: ['CONFIG_IDF_TARGET_ESP32=1', 'HARBOR_STATUS_LED_PIN=2', 'HARBOR_STATUS_LED_ACTIVE_LOW=0'] },
    { name: 'ESP32-S3 (chip temperature), no LED, gnu++11', std: 'gnu++11', defines: ['CONFIG_IDF_TARGET_ESP32S3=1'] },
    { name: 'ESP32-C3 (no PCNT, one I2C controller, two UARTs), gnu++11', std: 'gnu++11', defines: ['CONFIG_IDF_TARGET_ESP32C3=1'] },
    v3('ESP32 with a status LED', ['CONFIG_IDF_TARGET_ESP32=1', 'HARBOR_STATUS_LED_PIN=2', 'HARBOR_STATUS_LED_ACTIVE_LOW=0']),
    v3('ESP32-S3 (chip temperature)', ['CONFIG_IDF_TARGET_ESP32S3=1']),
    v3('ESP32-C3 (no PCNT, no Wire1, no Serial2)', ['CONFIG_IDF_TARGET_ESP32C3=1']),
    v3('3.0.7 on ESP-IDF 5.1 (Wire on the legacy I2C driver)', ['CONFIG_IDF_TARGET_ESP32=1', 'ESP_ARDUINO_VERSION_MINOR=0', 'ESP_ARDUINO_VERSION_PATCH=7', 'ESP_IDF_VERSION_MINOR=1', 'ESP_IDF_VERSION_PATCH=4']),
  ],
  espidf: [
    { name: 'ESP32 (line-fitting ADC calibration), no LED', std: 'gnu++17', defines: ['CONFIG_IDF_TARGET_ESP32=1'] },
    { name: 'ESP32-S3 (chip temperature, curve fitting), active-low LED', std: 'gnu++17', defines: ['CONFIG_IDF_TARGET_ESP32S3=1', 'HARBOR_STATUS_LED_PIN=48', 'HARBOR_STATUS_LED_ACTIVE_LOW=1'] },
    { name: 'ESP32-C3 (no PCNT: pulses by interrupt; one I2C controller)', std: 'gnu++17', defines: ['CONFIG_IDF_TARGET_ESP32C3=1'] },
  ],
  esp8266: [
    { name: 'bare module, no LED', std: 'gnu++17', defines: [] },
    { name: 'D1 mini: divider on A0, active-low LED', std: 'gnu++17', defines: ['HARBOR_ADC_FULL_SCALE_MV=3200', 'HARBOR_STATUS_LED_PIN=2', 'HARBOR_STATUS_LED_ACTIVE_LOW=1'] },
  ],
  picow: [
    { name: 'no LED', std: 'gnu++17', defines: [] },
    { name: 'LED on the Wi-Fi chip', std: 'gnu++17', defines: ['HARBOR_STATUS_LED_PIN=LED_BUILTIN', 'HARBOR_STATUS_LED_ACTIVE_LOW=0'] },
  ],
};

function filesIn(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

interface Build {
  sources: string[];
  includeDirs: string[];
}

/** What lib/harbor_platform/src holds for the adapter, and where its #includes resolve. */
function adapterBuild(id: PlatformAdapterId): Build {
  const ownSrc = path.join(PLATFORMS_DIR, id, 'src');
  const shared = PLATFORM_TARGETS[id].sharedSources.map((folder) => path.join(PLATFORMS_DIR, folder));
  return {
    sources: [ownSrc, ...shared].flatMap((dir) => filesIn(dir, /\.(cpp|cc)$/)),
    includeDirs: [ownSrc, ...shared],
  };
}

async function syntaxCheck(id: PlatformAdapterId, variant: Variant, build: Build): Promise<{ ok: boolean; output: string }> {
  const defines = [...PLATFORM_TARGETS[id].buildFlags.map((f) => f.replace(/^-D/, '')), ...variant.defines];
  const includes = [RUNTIME_SRC, ...build.includeDirs];
  const result = await execa(
    'g++',
    ['-fsyntax-only', `-std=${variant.std}`, '-Wall', '-Wextra', '-Werror',
      ...defines.map((d) => `-D${d}`), ...stubIncludes(id, variant.stubs), ...includes.flatMap((dir) => ['-I', dir]), ...build.sources],
    { reject: false, all: true, timeout: 60_000 },
  );
  return { ok: result.exitCode === 0, output: result.all ?? '' };
}

const cases = (Object.keys(VARIANTS) as PlatformAdapterId[]).flatMap((id) => VARIANTS[id].map((variant) => ({ id, variant })));

describe('adapter sources parse and type-check against stand-in SDK headers (not the real SDKs)', () => {
  it('covers every adapter in the catalogue', () => {
    expect(Object.keys(VARIANTS).sort()).toEqual(Object.keys(PLATFORM_TARGETS).sort());
    for (const id of Object.keys(PLATFORM_TARGETS) as PlatformAdapterId[]) expect(adapterBuild(id).sources.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [`${c.id}: ${c.variant.name}`, c] as const))('%s', async (_name, { id, variant }) => {
    const { ok, output } = await syntaxCheck(id, variant, adapterBuild(id));
    expect(output).toBe('');
    expect(ok).toBe(true);
  });

  it('says where each stand-in comes from', () => {
    const headers = filesIn(STUBS_DIR, /\.h$/);
    expect(headers.length).toBeGreaterThan(20);
    const unsourced = headers.filter((file) => !/^\/\/ Stand-in/.test(readFileSync(file, 'utf8'))).map((f) => path.relative(STUBS_DIR, f));
    expect(unsourced).toEqual([]);
  });

  describe('fails where it should', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'hc-adapter-syntax-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    /** The adapter with one edit in the one source (its own or a shared one) that has `from`, compiled like the real one. */
    async function checkEdited(id: PlatformAdapterId, from: string, to: string, variant = VARIANTS[id][0] as Variant): Promise<{ ok: boolean; output: string }> {
      const original = adapterBuild(id);
      const dir = mkdtempSync(path.join(scratch, `${id}-`));
      const holders = original.sources.filter((s) => readFileSync(s, 'utf8').includes(from));
      expect(holders).toHaveLength(1);
      const source = holders[0] as string;
      const edited = path.join(dir, path.basename(source));
      writeFileSync(edited, readFileSync(source, 'utf8').replace(from, to));
      const sources = original.sources.map((s) => (s === source ? edited : s));
      // The copy's quoted includes resolve from the original's folder, as they would beside it.
      return syntaxCheck(id, variant, { sources, includeDirs: [path.dirname(source), ...original.includeDirs] });
    }

    const variantNamed = (id: PlatformAdapterId, prefix: string): Variant => {
      const found = VARIANTS[id].find((v) => v.name.startsWith(prefix));
      expect(found, prefix).toBeDefined();
      return found as Variant;
    };

    it('rejects a bus API misuse: the I2C bus handle where ESP-IDF\'s i2c_master wants a device handle', async () => {
      const { ok, output } = await checkEdited('espidf', 'i2c_master_transmit(device, tx,', 'i2c_master_transmit(b.handle, tx,');
      expect(ok).toBe(false);
      expect(output).toMatch(/i2c_master_transmit/);
    });

    it('rejects a bus another core has: Wire1 on the ESP8266, whose one I2C bus is in software', async () => {
      const { ok, output } = await checkEdited('esp8266', "return bus == 0 ? &Wire : nullptr;", "return bus == 0 ? &Wire : &Wire1;");
      expect(ok).toBe(false);
      expect(output).toMatch(/Wire1/);
    });

    it('tells arduino-esp32 2.0.17 from 3.x: each rejects the other\'s pulse counter driver', async () => {
      // 2.0.17 (ESP-IDF 4.4) has no driver/pulse_cnt.h; 3.x (ESP-IDF 5) keeps driver/pcnt.h only as a deprecated header.
      const onV2 = await checkEdited('arduino-esp32', '#if ESP_IDF_VERSION_MAJOR >= 5\n#include <driver/pulse_cnt.h>', '#if 1\n#include <driver/pulse_cnt.h>');
      expect(onV2.ok).toBe(false);
      expect(onV2.output).toMatch(/driver\/pulse_cnt\.h/);
      const onV3 = await checkEdited('arduino-esp32', '#if ESP_IDF_VERSION_MAJOR >= 5\n#include <driver/pulse_cnt.h>', '#if 0\n#include <driver/pulse_cnt.h>', variantNamed('arduino-esp32', '3.x: ESP32 with'));
      expect(onV3.ok).toBe(false);
      expect(onV3.output).toMatch(/legacy pcnt driver is deprecated/);
    });

    it('rejects 2.0.17\'s task watchdog call against 3.x (ESP-IDF 5 takes a config struct)', async () => {
      const { ok, output } = await checkEdited('arduino-esp32', '#if ESP_IDF_VERSION_MAJOR >= 5\n  esp_task_wdt_config_t wdt', '#if 0\n  esp_task_wdt_config_t wdt', variantNamed('arduino-esp32', '3.x: ESP32 with'));
      expect(ok).toBe(false);
      expect(output).toMatch(/esp_task_wdt_init/);
    });

    it('rejects an SDK call the core does not have (HTTPClient::setConnectTimeout on the ESP8266)', async () => {
      const { ok, output } = await checkEdited('esp8266', 'gHttp.configure(kHttpTimeoutMs);', 'gHttp.configure(kHttpTimeoutMs);\n  gHttp.client().setConnectTimeout(5000);');
      expect(ok).toBe(false);
      expect(output).toMatch(/setConnectTimeout/);
    });

    it.each([
      ['5.2.3', false], ['5.3.3', false], ['5.3.4', true], ['5.4.1', false], ['5.4.2', true], ['5.5.0', true],
    ] as const)('builds the ESP-IDF adapter for %s only where every call it makes exists (%s)', async (version, builds) => {
      const [major, minor, patch] = version.split('.');
      const variant: Variant = {
        ...(VARIANTS.espidf[0] as Variant),
        defines: [...(VARIANTS.espidf[0] as Variant).defines, `ESP_IDF_VERSION_MAJOR=${major}`, `ESP_IDF_VERSION_MINOR=${minor}`, `ESP_IDF_VERSION_PATCH=${patch}`],
      };
      const { ok, output } = await syntaxCheck('espidf', variant, adapterBuild('espidf'));
      expect(ok, output).toBe(builds);
      if (!builds) expect(output).toContain('needs ESP-IDF 5.3.4 or later in 5.3, 5.4.2 or later in 5.4, or 5.5 and newer');
    });

    it('rejects a shared helper called with the wrong arguments', async () => {
      const { ok, output } = await checkEdited('picow', 'gHttp.send(gTls, gPlain, s.tlsReady, url,', 'gHttp.send(gTls, s.tlsReady, url,');
      expect(ok).toBe(false);
      expect(output).toMatch(/send/);
    });

    it('rejects what a refactor leaves behind inside a function: an unused local', async () => {
      // -fsyntax-only stops before the unused-function and unused-constant warnings of
      // file-level names; locals are checked.
      const { ok, output } = await checkEdited('arduino-esp32', '  s.ownWifi = true;', '  s.ownWifi = true;\n  const uint32_t leftOver = 2000;');
      expect(ok).toBe(false);
      expect(output).toMatch(/leftOver/);
    });

    it('needs the shared sources: without them the Arduino adapters do not compile', async () => {
      const original = adapterBuild('esp8266');
      const dir = mkdtempSync(path.join(scratch, 'no-shared-'));
      const own = original.sources[0] as string;
      copyFileSync(own, path.join(dir, path.basename(own)));
      const { ok, output } = await syntaxCheck('esp8266', VARIANTS.esp8266[0] as Variant, { sources: [path.join(dir, path.basename(own))], includeDirs: [dir] });
      expect(ok).toBe(false);
      expect(output).toMatch(/harbor_arduino_\w+\.h: No such file/);
    });
  });
});
