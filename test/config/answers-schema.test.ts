import { describe, expect, it } from 'vitest';
import { missingAnswers, parseAnswers, type RawAnswers } from '../../src/config/resolve-answers.js';
import { resolveBaseUrl } from '../../src/config/endpoint.js';

const base: RawAnswers = { board: 'esp32dev', harborId: 'hb', apiKey: 'key', wifiSsid: 'lab', wifiPassword: 'password1', metrics: [{ kind: 'rssi' }] };
const parse = (extra: RawAnswers) => parseAnswers({ ...base, ...extra });
const problem = (extra: RawAnswers): string => {
  try {
    parse(extra);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the answers to be refused');
};

describe('the answers schema', () => {
  it('fills the documented defaults', () => {
    const { metrics: _metrics, ...rest } = base;
    const answers = parseAnswers(rest);
    expect(answers).toMatchObject({ framework: 'arduino', shipId: 'auto', endpoint: 'cloud', batchRecords: 50, batchSeconds: 30, tls: 'verify' });
    expect(answers.metrics.map((m) => m.kind)).toEqual(['rssi', 'free_heap', 'uptime', 'dropped']);
    expect(answers.batchBytes).toBeUndefined(); // chosen per board by the model
  });

  it('takes numbers as flags give them, as text', () => {
    const answers = parse({ batchRecords: '75', batchSeconds: '2.5', metrics: [{ kind: 'analog', pin: '34', interval: '0.5', scale: '-1e-3' }] });
    expect(answers.batchRecords).toBe(75);
    expect(answers.batchSeconds).toBe(2.5);
    expect(answers.metrics[0]).toMatchObject({ pin: 34, interval: 0.5, scale: -0.001 });
  });

  it('counts id lengths in characters, SSIDs in bytes', () => {
    expect(parse({ shipId: '🌡'.repeat(100) }).shipId).toHaveLength(200);
    expect(problem({ shipId: '🌡'.repeat(101) })).toBe('--ship-id must be 1 to 100 characters.');
    expect(parse({ wifiSsid: 'é'.repeat(16) }).wifiSsid).toBe('é'.repeat(16));
    expect(problem({ wifiSsid: 'é'.repeat(16) + 'x' })).toBe('--wifi-ssid must be 1 to 32 bytes (a Wi-Fi limit).');
  });

  it('takes a WPA2 password of 8 to 63 characters, or none for an open network', () => {
    for (const ok of ['', 'p'.repeat(8), 'p'.repeat(63)]) expect(parse({ wifiPassword: ok }).wifiPassword).toBe(ok);
    for (const bad of ['p'.repeat(7), 'p'.repeat(64)]) expect(problem({ wifiPassword: bad })).toMatch(/^--wifi-password must be 8 to 63 characters/);
  });

  it('needs a harbor id for the cloud and enterprise, not for a self-hosted URL', () => {
    expect(problem({ harborId: undefined })).toMatch(/^--harbor-id is required for the cloud endpoint/);
    expect(problem({ harborId: undefined, endpoint: 'enterprise:acme' })).toMatch(/^--harbor-id is required for the enterprise endpoint/);
    expect(parse({ harborId: undefined, endpoint: 'http://10.0.0.2:8000/api/v2/ingest' }).harborId).toBeUndefined();
    expect(missingAnswers({ endpoint: 'http://10.0.0.2:8000/api/v2/ingest' })).not.toContain('--harbor-id');
    expect(missingAnswers({})).toContain('--harbor-id');
  });

  it('knows the three kinds of endpoint', () => {
    expect(resolveBaseUrl(parse({}).endpoint)).toBe('https://harborscale.com/api/v2/ingest');
    expect(resolveBaseUrl(parse({ endpoint: 'enterprise:acme' }).endpoint)).toBe('https://acme.harbor.harborscale.com/api/v2/ingest');
    expect(resolveBaseUrl(parse({ endpoint: 'http://10.0.0.2:8000/api/v2/ingest/' }).endpoint)).toBe('http://10.0.0.2:8000/api/v2/ingest');
    expect(problem({ endpoint: 'enterprise:Bad_Tenant' })).toMatch(/enterprise tenant must be a host name label/);
    expect(problem({ endpoint: 'ftp://x/api/v2/ingest' })).toMatch(/must start with http:\/\/ or https:\/\//);
    expect(problem({ endpoint: 'https://user:pw@x/api/v2/ingest' })).toMatch(/must not carry a query, fragment or credentials/);
  });

  it('checks metrics against the board', () => {
    expect(problem({ metrics: [{ kind: 'chip_temp' }] })).toMatch(/Espressif ESP32 Dev Module has no on-chip temperature sensor/);
    expect(parse({ board: 'esp32-s3-devkitc-1', metrics: [{ kind: 'chip_temp' }] }).metrics).toHaveLength(1);
    expect(problem({ metrics: [{ kind: 'analog' }] })).toMatch(/analog needs a pin, e.g. analog:pin=34/);
    expect(problem({ metrics: [{ kind: 'analog', pin: 26 }] })).toMatch(/GPIO 26 is on ADC2, which cannot be read while Wi-Fi is on/);
    expect(problem({ metrics: [{ kind: 'rssi' }, { kind: 'rssi' }] })).toMatch(/cargo id 'rssi' is already used by metric 1/);
  });

  it('refuses options it does not know, in an answers file too', () => {
    expect(problem({ colour: 'blue' })).toMatch(/'colour' is not an option/);
    expect(problem({ metrics: [{ kind: 'rssi', colour: 'blue' }] })).toMatch(/'colour' is not an option of metrics/);
  });
});
