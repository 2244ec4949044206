/**
 * Plantower PMS5003 and PMS7003 particulate matter sensors on a UART
 * (driver pms.h, model pms_model.h). Frame and commands: PMS5003 manual V2.3,
 * appendices I and II (the PMS7003's manual has the same); 9600 baud, 5 V
 * supply for the fan, 3.3 V logic on TX/RX (technical index, pin definition).
 */
import { z } from 'zod';

import { wave, type SensorKind } from '../component.js';

const MODE = () =>
  z
    .enum(['active', 'passive'])
    .default('active')
    .meta({ description: 'active: the sensor sends a frame every 0.2-2.3 s and the driver takes the one after each slot; passive: the driver asks for each reading (needs tx=).' });

function plantower(kind: 'pms5003' | 'pms7003'): SensorKind {
  return {
    kind,
    component: 'pms',
    title: `Plantower ${kind.toUpperCase()} particulate matter sensor`,
    group: 'air',
    bus: { kind: 'uart', baud: 9600, needsTx: { option: 'mode', value: 'passive' } },
    // Atmospheric-environment concentrations (data 4-6), whole ug/m3.
    channels: [
      { id: 'pm1', title: 'PM1.0', unit: 'µg/m³', resolution: 1, wave: wave(8, 3, 1800) },
      { id: 'pm2_5', title: 'PM2.5', unit: 'µg/m³', resolution: 1, wave: wave(15, 3, 2400) },
      { id: 'pm10', title: 'PM10', unit: 'µg/m³', resolution: 1, wave: wave(25, 5, 3000) },
    ],
    options: () => ({ mode: MODE() }),
    defaultIntervalSeconds: 60,
    // A frame is waited for up to 3 s after each slot.
    minIntervalSeconds: 5,
    supply: '5 V',
    // A step writes at most 2 ms of a command (the ESP8266's software UART) and copies what arrived.
    blockingMs: 2,
    wiringNotes: (_board, pins) => [
      'VCC needs 5 V (the fan draws up to 100 mA); TX and RX are 3.3 V logic and go straight to the board.',
      pins.tx === undefined
        ? "Only the sensor's TX is wired (active mode); mode=passive also needs its RX on a board TX pin."
        : "SET and RESET may stay unconnected: the sensor pulls them high (working).",
    ],
    driver: {
      files: ['pms.h', 'pms.cpp'],
      header: 'pms.h',
      className: 'harbor::Pms',
      args: ({ bus, options, intervalMs }) => [
        { code: bus ?? '' },
        { code: options.mode === 'passive' ? 'harbor::Pms::Mode::Passive' : 'harbor::Pms::Mode::Active' },
        { uint: intervalMs },
      ],
    },
    model: {
      files: ['pms_model.h', 'pms_model.cpp'],
      header: 'pms_model.h',
      className: 'harbor::host::PmsModel',
      attach: { kind: 'uart' },
      args: ({ waves }) => waves.map((w) => ({ wave: w })),
    },
  };
}

export const KINDS: readonly SensorKind[] = [plantower('pms5003'), plantower('pms7003')];
