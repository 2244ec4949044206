import { describe, expect, it } from 'vitest';

import { parseAnswers, type RawAnswers } from '../../src/config/resolve-answers.js';
import { HarborError } from '../../src/errors.js';
import { generateFiles } from '../../src/generate/generate-files.js';
import { MIN_FLASH_YEARS } from '../../src/model/flash-plan.js';

const base: RawAnswers = { harborId: 'hb', apiKey: 'key', wifiSsid: 'lab', wifiPassword: 'password1' };
const every = (seconds: number, n: number): RawAnswers[] =>
  Array.from({ length: n }, (_, i) => ({ kind: 'simulated', cargo: `m${i}`, interval: seconds }));
const generate = (extra: RawAnswers) => generateFiles(parseAnswers({ ...base, ...extra }));
const refusal = (extra: RawAnswers): HarborError => {
  try {
    generate(extra);
  } catch (error) {
    if (error instanceof HarborError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('the flash buffer plan', () => {
  it('keeps an ESP8266 sending 3 readings every 10 s in flash by default: tens of thousands of readings, 10 s of loss, years of wear', () => {
    const { model, files } = generate({ board: 'd1_mini', metrics: every(10, 3) });
    const flash = model.flash!;
    expect(model.device.storage).toBe('flash');
    // A page holds what 10 s bring: 3 readings; one page write per 10 s.
    expect(flash.recordsPerPage).toBe(3);
    expect(flash.writesPerReading).toBeCloseTo(1 / 3, 9);
    expect(flash.capacity).toBeGreaterThan(20_000);
    expect(flash.capacity).toBeGreaterThan(model.device.bufferRecords * 100);
    // Worked by hand: 8,640 page writes a day, each one 8 KB block copy plus a 64-byte metadata commit,
    // over the 4m2m layout's 2,024 KB (253 blocks of 8 KB): 100,000 x 253 / (8,640 x 1.0078) / 365.25 = 7.95 years.
    expect(flash.lifetimeYears).toBeCloseTo(7.95, 2);
    expect(model.ini.options).toContainEqual(['board_build.ldscript', 'eagle.flash.4m2m.ld']);
    const main = files.find((f) => f.path === 'src/main.cpp')!.content;
    expect(main).toContain('harbor::FlashRing gStore(harbor::platform::flashPages(HARBOR_FLASH_PAGES, HARBOR_FLASH_PAGE_BYTES)');
    expect(model.bufferSummary).toMatch(/fewer than 3 \(about 10 s at your rates\)/);
  });

  it('keeps readings in RAM when asked, and says a power cut loses them', () => {
    const { model, files } = generate({ board: 'd1_mini', metrics: every(10, 3), storage: 'ram' });
    expect(model.flash).toBeNull();
    expect(files.find((f) => f.path === 'src/main.cpp')!.content).toContain('harbor::RecordRing gStore(gRing, HARBOR_BUFFER_RECORDS);');
    expect(model.bufferSummary).toContain('a power cut loses them');
  });

  it(`refuses flash that would wear out within ${MIN_FLASH_YEARS} years, and falls back to RAM with a warning when not asked`, () => {
    // 10 readings a second: pages cap at 31 readings, so 864,000 / 31 = 27,871 page writes a day, each a 4 KB
    // block copy plus a metadata commit over the 352 blocks of arduino-esp32's data partition: 3.4 years.
    const fast = { board: 'esp32dev', metrics: every(1, 10) };
    const error = refusal({ ...fast, storage: 'flash' });
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^At your rates the flash buffer would wear the .+'s flash out in about 3 years \(27,871 page writes a day\)\.$/);
    expect(error.hint).toContain('--storage ram');
    const { model } = generate(fast);
    expect(model.flash).toBeNull();
    expect(model.warnings.some((w) => w.includes('Readings wait in RAM instead'))).toBe(true);
  });

  it('refuses flash on ESP-IDF in one sentence, and uses RAM there by default', () => {
    const error = refusal({ board: 'esp32dev', framework: 'espidf', metrics: every(10, 1), storage: 'flash' });
    expect(error.message).toBe('--storage flash is not available here: ESP-IDF projects have no LittleFS component yet.');
    expect(error.exitCode).toBe(2);
    expect(generate({ board: 'esp32dev', framework: 'espidf', metrics: every(10, 1) }).model.flash).toBeNull();
  });

  it('gives the Pico W 1 MB of LittleFS and the ESP32 its default data partition', () => {
    expect(generate({ board: 'rpipicow', metrics: every(10, 1) }).model.ini.options).toContainEqual(['board_build.filesystem_size', '1m']);
    const esp32 = generate({ board: 'esp32dev', metrics: every(10, 1) }).model;
    expect(esp32.flash).not.toBeNull();
    // Half of arduino-esp32's 0x160000-byte spiffs partition (default.csv) is the buffer file.
    expect(esp32.flash!.fileBytes).toBeLessThanOrEqual(0x160000 / 2);
    expect(esp32.flash!.fileBytes).toBeGreaterThan(0x160000 / 2 - esp32.flash!.pageBytes);
  });
});
