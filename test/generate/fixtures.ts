import type { RawAnswers } from '../../src/config/resolve-answers.js';

/** Fake secrets: the snapshot tests never write the secrets header into a snapshot. */
export const FAKE_SECRETS = { apiKey: 'FAKE-api-key', wifiPassword: 'fake-password' };

/** Answer sets that cover the generator's branches: frameworks, endpoints, TLS modes, odd strings. */
export const FIXTURES: Record<string, RawAnswers> = {
  'esp32dev-arduino-cloud': {
    board: 'esp32dev',
    shipId: 'greenhouse-1',
    metrics: [{ kind: 'rssi' }, { kind: 'analog', pin: 34, cargo: 'soil', interval: 10, scale: 0.5, offset: -12.25 }, { kind: 'simulated', cargo: 'temperature', interval: 5 }, { kind: 'dropped' }],
    endpoint: 'cloud',
    harborId: 'hb_123',
    wifiSsid: 'Greenhouse',
    ...FAKE_SECRETS,
  },
  'odd-strings': {
    board: 'esp32dev',
    shipId: 'ship "quoted" \\ ??= */ tab\there',
    metrics: [{ kind: 'uptime', cargo: 'Temperatur Gewächshaus 温度 🌡️' }, { kind: 'simulated', cargo: 'line\nbreak' }],
    endpoint: 'enterprise:acme',
    harborId: 'hb-9',
    wifiSsid: 'Café "Wi-Fi" \\ ??/',
    apiKey: 'FAKE "key" \\ ??= */',
    wifiPassword: '',
  },
  'esp32s3-espidf-selfhosted': {
    board: 'esp32-s3-devkitc-1',
    framework: 'espidf',
    shipId: 'auto',
    metrics: [{ kind: 'chip_temp', interval: 30 }, { kind: 'free_heap' }, { kind: 'analog', pin: 4 }],
    endpoint: 'http://192.168.1.10:8000/api/v2/ingest',
    wifiSsid: 'lab',
    batchRecords: 100,
    batchSeconds: 60,
    ...FAKE_SECRETS,
  },
  'd1-mini-insecure': {
    board: 'd1_mini',
    metrics: [{ kind: 'analog', pin: 17, cargo: 'light', scale: 0.1 }, { kind: 'rssi', interval: 120 }],
    endpoint: 'https://harbor.example.org/api/v2/ingest',
    harborId: 'home',
    wifiSsid: 'home',
    tls: 'insecure',
    ...FAKE_SECRETS,
  },
  'picow-cloud': {
    board: 'rpipicow',
    metrics: [{ kind: 'chip_temp' }, { kind: 'analog', pin: 26 }],
    harborId: 'hb_123',
    wifiSsid: 'pico',
    ...FAKE_SECRETS,
  },
};
