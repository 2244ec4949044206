/**
 * Aosong DHT11 and DHT22 / AM2302 on one data pin (driver dht.h, model
 * dht_model.h). DHT11 datasheet: 3.3-5.5 V, a reading a second at most;
 * AM2302 datasheet: 3.3-5.5 V, one every 2 s at most.
 */
import { wave, type SensorKind } from '../component.js';

type Variant = 'dht11' | 'dht22' | 'am2302';

const TITLES: Record<Variant, string> = {
  dht11: 'Aosong DHT11 temperature and humidity',
  dht22: 'Aosong DHT22 temperature and humidity',
  am2302: 'Aosong AM2302 (a DHT22 with its pull-up and leads) temperature and humidity',
};

function dht(kind: Variant): SensorKind {
  const dht11 = kind === 'dht11';
  const variant = dht11 ? 'harbor::Dht::Variant::Dht11' : 'harbor::Dht::Variant::Dht22';
  return {
    kind,
    component: 'dht',
    title: TITLES[kind],
    group: 'climate',
    // The driver drives the line low for the start signal: an input-only pin cannot.
    bus: { kind: 'pins', pins: [{ key: 'pin', role: 'digital-out', title: 'data' }] },
    channels: [
      { id: 'temperature', title: 'Temperature', unit: '°C', resolution: 0.1, wave: dht11 ? wave(24, 5, 600) : wave(2, 8, 600) },
      { id: 'humidity', title: 'Relative humidity', unit: '%', resolution: 0.1, wave: wave(55, 20, 900) },
    ],
    options: () => ({}),
    defaultIntervalSeconds: 60,
    minIntervalSeconds: dht11 ? 1 : 2,
    supply: '3.3 V or 5 V',
    // The 40-bit frame: the response and 40 bits of up to 120 us each.
    blockingMs: 5,
    wiringNotes: () => [
      kind === 'am2302' || dht11
        ? 'A 3-pin module or the AM2302 carries its pull-up; a bare 4-pin sensor needs 4.7-10 kΩ from data to VCC.'
        : 'A 3-pin module carries its pull-up; a bare 4-pin DHT22 needs 4.7-10 kΩ from data to VCC.',
      'Powered from 5 V, put the pull-up to 3.3 V, not 5 V: the board\'s pin is not 5 V tolerant.',
      `It answers at most once every ${dht11 ? 1 : 2} s.`,
    ],
    driver: {
      files: ['dht.h', 'dht.cpp'],
      header: 'dht.h',
      className: 'harbor::Dht',
      args: ({ pins, intervalMs }) => [{ int: pins.pin as number }, { code: variant }, { uint: intervalMs }],
    },
    model: {
      files: ['dht_model.h', 'dht_model.cpp'],
      header: 'dht_model.h',
      className: 'harbor::host::DhtModel',
      attach: { kind: 'pin', key: 'pin' },
      args: ({ waves }) => [{ code: variant }, ...[0, 1].map((i) => ({ wave: waves[i] ?? wave(0, 0, 1) }))],
    },
  };
}

export const KINDS: readonly SensorKind[] = [dht('dht11'), dht('dht22'), dht('am2302')];
