/**
 * A GPS / GNSS receiver sending NMEA 0183 on a UART (driver gps.h, model
 * gps_model.h): GGA and RMC as the u-blox 8 / M8 Receiver Description
 * describes them; 9600 baud, the default of u-blox NEO-6M/7M/M8N and most
 * modules built on them.
 */
import { wave, type SensorKind } from '../component.js';

export const KINDS: readonly SensorKind[] = [
  {
    kind: 'gps',
    component: 'gps',
    title: 'GPS / GNSS receiver (NMEA, e.g. u-blox NEO-6M, NEO-M8N)',
    group: 'location',
    // It talks by itself; the board's TX is not needed.
    bus: { kind: 'uart', baud: 9600, needsTx: false },
    // Waves slow enough that the sentence after a slot (at most 2.5 s later)
    // holds the slot's value within the resolution.
    channels: [
      { id: 'latitude', title: 'Latitude', unit: '°', resolution: 0.000001, wave: wave(47.285, 0.0001, 3600) },
      { id: 'longitude', title: 'Longitude', unit: '°', resolution: 0.000001, wave: wave(8.565, 0.0001, 3600) },
      { id: 'altitude', title: 'Altitude above sea level', unit: 'm', resolution: 0.1, wave: wave(499.6, 5, 3600) },
      { id: 'satellites', title: 'Satellites used', unit: '', resolution: 1, wave: wave(9, 3, 1800) },
    ],
    options: () => ({}),
    defaultIntervalSeconds: 60,
    // The sentences after a slot are waited for up to 2.5 s.
    minIntervalSeconds: 3,
    supply: '3.3 V or 5 V',
    // Copying what arrived (at most 64 bytes a step); nothing is written.
    blockingMs: 1,
    wiringNotes: () => [
      'Most modules take 3.3 V or 5 V on VCC (they carry a regulator) and send 3.3 V logic; a bare receiver chip needs 3.3 V.',
      'The first fix outdoors takes up to a minute (a cold start); until then its slots are counted as errors, never sent.',
    ],
    driver: {
      files: ['gps.h', 'gps.cpp'],
      header: 'gps.h',
      className: 'harbor::Gps',
      args: ({ bus, intervalMs }) => [{ code: bus ?? '' }, { uint: intervalMs }],
    },
    model: {
      files: ['gps_model.h', 'gps_model.cpp'],
      header: 'gps_model.h',
      className: 'harbor::host::GpsModel',
      attach: { kind: 'uart' },
      // A fix from the start, so the end-to-end run's values are known from the first slot.
      args: ({ waves }) => [...waves.map((w) => ({ wave: w })), { uint: 0 }],
    },
  },
];
