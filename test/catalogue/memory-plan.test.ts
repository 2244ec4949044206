import { describe, expect, it } from 'vitest';

import { allBoards, findBoard, type Board } from '../../src/catalogue/boards.js';
import { HarborError } from '../../src/errors.js';
import { formatDuration, MIN_CAPACITY, planBuffer, RECORD_BYTES } from '../../src/model/memory-plan.js';

function board(id: string): Board {
  const found = findBoard(id);
  if (!found) throw new Error(`no board ${id} in the catalogue`);
  return found;
}

const every = (seconds: number, count = 1) => Array.from({ length: count }, () => ({ intervalMs: seconds * 1000 }));

function refusal(run: () => unknown): HarborError {
  try {
    run();
  } catch (error) {
    if (error instanceof HarborError) return error;
    throw error;
  }
  throw new Error('expected planBuffer to refuse');
}

describe('planBuffer', () => {
  it('ESP32 with Arduino: 5,500 readings of 16 bytes (3,600 when a reading took 24)', () => {
    // 320 KB - 40 KB system - 50 KB Wi-Fi - 45 KB TLS - 12 KB batch = 177,152 bytes; half of it / 16 = 5,536.
    const plan = planBuffer(board('esp32dev'), every(10, 4), { framework: 'arduino' });
    expect(plan).toEqual({
      capacity: 5500,
      bytes: 88_000,
      readingsPerMinute: 24,
      outageSeconds: 13_750,
      summary: 'the buffer holds 5,500 readings, about 3 hours 49 minutes of outage at your rates',
    });
    expect(RECORD_BYTES).toBe(16);
    expect(planBuffer(board('esp32dev'), every(10, 4), { framework: 'arduino', recordBytes: 24 }).capacity).toBe(3600);
  });

  it('ESP-IDF leaves more room than Arduino on the same board', () => {
    const idf = planBuffer(board('esp32dev'), every(10, 4), { framework: 'espidf' });
    expect(idf.capacity).toBe(5700);
    expect(idf.capacity).toBeGreaterThan(planBuffer(board('esp32dev'), every(10, 4), { framework: 'arduino' }).capacity);
  });

  it('ESP8266: 190 readings, enough for an hour at two a minute, after our 2 KB of constant data in RAM', () => {
    // 80 KB - 12 - 20 - 36 KB - 2 KB constant data - 4 KB batch = 6,144 bytes; half of it / 16 = 192.
    const plan = planBuffer(board('nodemcuv2'), every(60, 2), { framework: 'arduino' });
    expect(plan).toEqual({
      capacity: 190,
      bytes: 3040,
      readingsPerMinute: 2,
      outageSeconds: 5700,
      summary: 'the buffer holds 190 readings, about 1 hour 35 minutes of outage at your rates',
    });
  });

  it('ESP8266: each sensor driver\'s constant data (128 bytes reserved) comes out of the buffer; elsewhere it stays in flash', () => {
    // (6,144 - 4 x 128) / 2 / 16 = 176.
    expect(planBuffer(board('nodemcuv2'), every(60, 2), { framework: 'arduino', driverFiles: 4 }).capacity).toBe(170);
    expect(planBuffer(board('esp32dev'), every(60, 2), { framework: 'arduino', driverFiles: 4 }).capacity).toBe(5500);
  });

  it('Pico W: 4,000 readings', () => {
    // 256 KB - 24 - 64 - 28 KB - 12 KB batch = 131,072 bytes; half of it / 16 = 4,096.
    const plan = planBuffer(board('rpipicow'), every(5), { framework: 'arduino' });
    expect(plan.capacity).toBe(4000);
    expect(plan.bytes).toBe(4000 * RECORD_BYTES);
    expect(plan.outageSeconds).toBe(20_000);
    expect(plan.summary).toBe('the buffer holds 4,000 readings, about 5 hours 33 minutes of outage at your rates');
  });

  it('defaults to the board\'s first framework and sizes by the record size', () => {
    expect(planBuffer(board('esp32dev'), every(10)).capacity).toBe(5500);
    // 88,576 bytes of buffer / 48 = 1,845 → 1,800.
    const plan = planBuffer(board('esp32dev'), every(10), { framework: 'arduino', recordBytes: 48 });
    expect(plan).toMatchObject({ capacity: 1800, bytes: 86_400 });
  });

  it('sizes the buffer by the chip: the S3 and C6 have more RAM than the ESP32, the S2 less', () => {
    const capacity = (id: string, framework: 'arduino' | 'espidf') => planBuffer(board(id), every(60), { framework }).capacity;
    expect(capacity('esp32dev', 'espidf')).toBe(5700);
    expect(capacity('esp32-s3-devkitc-1', 'espidf')).toBe(6800);
    expect(capacity('esp32-c6-devkitc-1', 'espidf')).toBe(9800);
    expect(capacity('lolin_s2_mini', 'arduino')).toBe(2900);
    // Manifest-only boards get their chip's figure, like the boards we know well.
    expect(capacity('seeed_xiao_esp32s3', 'espidf')).toBe(capacity('esp32-s3-devkitc-1', 'espidf'));
  });

  it('does not count PSRAM, which holds neither the static ring nor the TLS session', () => {
    const withPsram = planBuffer(board('adafruit_feather_esp32s3'), every(60), { framework: 'arduino' });
    expect(withPsram).toEqual(planBuffer(board('esp32-s3-devkitm-1'), every(60), { framework: 'arduino' }));
  });

  it('keeps the buffer under half the RAM on every board and framework, and above one batch', () => {
    for (const b of allBoards()) {
      for (const framework of b.frameworks) {
        const plan = planBuffer(b, every(60), { framework });
        expect(plan.bytes, `${b.id} ${framework}`).toBeLessThanOrEqual(b.ramBytes / 2);
        expect(plan.capacity, `${b.id} ${framework}`).toBeGreaterThanOrEqual(MIN_CAPACITY);
      }
    }
  });

  it('accepts rates that fill the buffer in exactly a minute, and refuses faster ones', () => {
    // 55 metrics every 0.6 s: 5,500 readings a minute for 5,500 records.
    expect(planBuffer(board('esp32dev'), every(0.6, 55), { framework: 'arduino' }).outageSeconds).toBe(60);
    const error = refusal(() => planBuffer(board('esp32dev'), every(0.6, 56), { framework: 'arduino' }));
    expect(error.kind).toBe('usage');
    expect(error.message).toBe(
      "At 5,600 readings a minute the Espressif ESP32 Dev Module's buffer of 5,500 readings fills in 58 seconds, too short to ride out a Wi-Fi reconnect.",
    );
  });

  it('refuses an ESP8266 sampling twice a second per metric, saying what rate fits', () => {
    const error = refusal(() => planBuffer(board('d1_mini'), every(0.5, 3), { framework: 'arduino' }));
    expect(error.kind).toBe('usage');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      "At 360 readings a minute the WeMos D1 R2 and mini's buffer of 190 readings fills in 31 seconds, too short to ride out a Wi-Fi reconnect.",
    );
    expect(error.hint).toBe('Sample less often: at most 190 readings a minute across all metrics, so the buffer covers a minute of outage.');
  });

  it('refuses a framework the board does not have, and a batch that leaves no room', () => {
    expect(refusal(() => planBuffer(board('rpipicow'), every(10), { framework: 'espidf' })).message).toBe(
      'The Raspberry Pi Pico W does not support espidf.',
    );
    expect(refusal(() => planBuffer(board('d1_mini'), every(10), { framework: 'arduino', batchBytes: 9500 })).message).toBe(
      'The WeMos D1 R2 and mini has no room for a reading buffer: after arduino, Wi-Fi, TLS and a 9,500-byte batch, 740 bytes of its 80 KB RAM is left.',
    );
  });

  it('refuses no metrics and nonsense intervals', () => {
    expect(refusal(() => planBuffer(board('esp32dev'), [])).message).toBe('There are no metrics to buffer.');
    expect(refusal(() => planBuffer(board('esp32dev'), [{ intervalMs: 0 }])).message).toBe('A metric interval of 0 ms is not a positive number.');
  });
});

describe('formatDuration', () => {
  it('says minutes, hours and minutes, or days', () => {
    expect(formatDuration(60)).toBe('1 minute');
    expect(formatDuration(11 * 60 + 59)).toBe('11 minutes');
    expect(formatDuration(3600)).toBe('1 hour');
    expect(formatDuration(2 * 3600 + 5 * 60)).toBe('2 hours 5 minutes');
    expect(formatDuration(3 * 86_400 + 7200)).toBe('3 days');
  });
});
