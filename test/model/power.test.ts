import { describe, expect, it } from 'vitest';

import { parseAnswers, type RawAnswers } from '../../src/config/resolve-answers.js';
import { HarborError } from '../../src/errors.js';
import { generateFiles } from '../../src/generate/generate-files.js';

const base: RawAnswers = { harborId: 'hb', apiKey: 'key', wifiSsid: 'lab', wifiPassword: 'password1', metrics: [{ kind: 'uptime' }] };
const refusal = (extra: RawAnswers): HarborError => {
  try {
    generateFiles(parseAnswers({ ...base, ...extra }));
  } catch (error) {
    if (error instanceof HarborError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('--power', () => {
  it('deep sleep: setup() is the whole wake, with the interval, the send rhythm and the chip\'s RTC memory', () => {
    const { model, files } = generateFiles(parseAnswers({ ...base, board: 'd1_mini', power: 'deep-sleep:interval=300,send-every=6' }));
    expect(model.device.sleep).toEqual({ intervalMs: 300_000, sendEvery: 6, sendTimeoutMs: 60_000, rtcBytes: 512 });
    const main = files.find((f) => f.path === 'src/main.cpp')!.content;
    expect(main).toContain('static const harbor::SleepConfig kSleep = { 300000u, 6u, 60000u };');
    expect(main).toContain('void setup() { harbor::runSleepCycle(gDevice, kSleep, gRtcImage, sizeof gRtcImage); }');
    expect(model.warnings).toContain('Deep sleep on the ESP8266 wakes through its RST pin: connect GPIO 16 (D0 on most boards) to RST.');
    // Always on unless asked, and send-every defaults to every wake.
    expect(generateFiles(parseAnswers({ ...base, board: 'd1_mini' })).model.device.sleep).toBeNull();
    expect(generateFiles(parseAnswers({ ...base, board: 'esp32dev', power: 'deep-sleep:interval=60' })).model.device.sleep).toMatchObject({ sendEvery: 1, rtcBytes: 4096 });
  });

  it('refuses a malformed mode, an interval under 10 s, and boards without deep sleep, each in one sentence', () => {
    expect(refusal({ board: 'd1_mini', power: 'deep-sleep:interval=5' }).message).toBe('--power must be always-on or deep-sleep:interval=<10 to 86400 seconds>[,send-every=<1 to 1000 wakes>], e.g. deep-sleep:interval=300,send-every=6.');
    expect(refusal({ board: 'd1_mini', power: 'sleepy' }).exitCode).toBe(2);
    const pico = refusal({ board: 'rpipicow', power: 'deep-sleep:interval=300' });
    expect(pico.message).toBe('Deep sleep is not available on the Raspberry Pi Pico W with this framework yet.');
    expect(pico.exitCode).toBe(2);
  });
});
