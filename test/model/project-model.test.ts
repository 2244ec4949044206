import { describe, expect, it } from 'vitest';
import { parseAnswers, type RawAnswers } from '../../src/config/resolve-answers.js';
import { buildProjectModel } from '../../src/model/project-model.js';

const ROOTS = '-----BEGIN CERTIFICATE-----\nROOT\n-----END CERTIFICATE-----\n';
const base: RawAnswers = { board: 'esp32dev', harborId: 'hb', apiKey: 'key', wifiSsid: 'lab', wifiPassword: 'password1', metrics: [{ kind: 'rssi' }] };
const model = (extra: RawAnswers) => buildProjectModel(parseAnswers({ ...base, ...extra }), { caPem: ROOTS });

describe('the project model', () => {
  it('turns metrics into runtime rows with the catalogue defaults', () => {
    const m = model({ metrics: [{ kind: 'analog', pin: 34, scale: 0.5 }, { kind: 'simulated', interval: 0.25 }, { kind: 'uptime', cargo: 'up' }] });
    expect(m.metrics).toEqual([
      expect.objectContaining({ cargo: 'analog_34', source: 'Analog', intervalMs: 10_000, pin: 34, scale: 0.5, offset: 0, amplitude: 0, periodMs: 0 }),
      expect.objectContaining({ cargo: 'simulated', source: 'Simulated', intervalMs: 250, pin: -1, offset: 20, amplitude: 5, periodMs: 600_000 }),
      expect.objectContaining({ cargo: 'up', source: 'Uptime', intervalMs: 300_000 }),
    ]);
    expect(m.wiring).toEqual([{ cargo: 'analog_34', pin: 34, connect: expect.any(String) }]);
  });

  it('derives the ship id from the MAC unless one is given', () => {
    expect(model({}).device).toMatchObject({ shipId: null, shipIdPrefix: 'esp32' });
    expect(model({ board: 'd1_mini', metrics: [{ kind: 'rssi' }] }).device.shipIdPrefix).toBe('esp8266');
    expect(model({ shipId: 'greenhouse-1' }).device.shipId).toBe('greenhouse-1');
  });

  it('compiles root CAs in only where the TLS stack needs them', () => {
    expect(model({}).device.caPem).toBe(ROOTS);
    expect(model({ tls: 'insecure' }).device.caPem).toBeNull();
    expect(model({ endpoint: 'http://10.0.0.2:8000/api/v2/ingest' }).device.caPem).toBeNull();
    // ESP-IDF verifies against its own certificate bundle...
    expect(model({ framework: 'espidf' }).device.caPem).toBeNull();
    // ...unless the user pinned roots of their own.
    expect(model({ framework: 'espidf', caFile: '/some/root.pem' }).device.caPem).toBe(ROOTS);
  });

  it('warns about insecure TLS and strapping pins, without refusing them', () => {
    expect(model({ tls: 'insecure' }).warnings).toContain('TLS verification is off (--tls insecure): anyone on the network path can read the API key.');
    expect(model({ board: 'esp32-c3-devkitm-1', metrics: [{ kind: 'analog', pin: 2 }] }).warnings.join('\n')).toMatch(/GPIO 2 is a strapping pin/);
  });

  it('sizes the buffer and the request body for the board', () => {
    const esp32 = model({});
    expect(esp32.device.bufferRecords).toBe(esp32.buffer.capacity);
    expect(esp32.device.batchBytes).toBe(12_288);
    const d1 = model({ board: 'd1_mini', metrics: [{ kind: 'rssi' }] });
    expect(d1.device.batchBytes).toBe(4096);
    expect(d1.device.bufferRecords).toBeLessThan(esp32.device.bufferRecords);
    expect(model({ batchBytes: 8192 }).device.batchBytes).toBe(8192);
    expect(model({ batchSeconds: 2.5 }).device.batchMaxAgeMs).toBe(2500);
  });

  it('writes the PlatformIO board id the platform knows, with the board\'s flags', () => {
    const superMini = model({ board: 'esp32-c3-super-mini', metrics: [{ kind: 'rssi' }] });
    expect(superMini.ini.board).toBe('esp32-c3-devkitm-1');
    expect(superMini.ini.env).toBe('esp32-c3-super-mini');
    expect(superMini.ini.buildFlags).toEqual(expect.arrayContaining(['-DARDUINO_USB_CDC_ON_BOOT=1', '-DHARBOR_STATUS_LED_PIN=8']));
    expect(model({ board: 'd1_mini', metrics: [{ kind: 'rssi' }] }).ini.buildFlags).toEqual(expect.arrayContaining(['-DHARBOR_STATUS_LED_PIN=2', '-DHARBOR_STATUS_LED_ACTIVE_LOW=1']));
    expect(model({ framework: 'espidf' }).target).toMatchObject({ id: 'espidf', entry: 'espidf' });
  });
});
