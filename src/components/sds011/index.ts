/**
 * Nova Fitness SDS011 particulate matter sensor on a UART (driver sds011.h,
 * model sds011_model.h): SDS011 datasheet V1.3 (data frame, range 0.0-999.9
 * ug/m3, 5 V, 1 frame a second) and its Laser Dust Sensor Control Protocol V1.3.
 */
import { wave, type SensorKind } from '../component.js';

export const KINDS: readonly SensorKind[] = [
  {
    kind: 'sds011',
    component: 'sds011',
    title: 'Nova Fitness SDS011 particulate matter sensor',
    group: 'air',
    // Active reporting needs only the sensor's TX; with the board's TX wired the driver also sets that mode.
    bus: { kind: 'uart', baud: 9600, needsTx: false },
    channels: [
      { id: 'pm2_5', title: 'PM2.5', unit: 'µg/m³', resolution: 0.1, wave: wave(12, 4, 2400) },
      { id: 'pm10', title: 'PM10', unit: 'µg/m³', resolution: 0.1, wave: wave(30, 8, 3000) },
    ],
    options: () => ({}),
    defaultIntervalSeconds: 60,
    // A frame is waited for up to 2 s after each slot.
    minIntervalSeconds: 3,
    supply: '5 V',
    // A step writes at most 2 ms of a command (the ESP8266's software UART) and copies what arrived.
    blockingMs: 2,
    wiringNotes: () => [
      'VCC needs 5 V (the fan and laser draw up to 100 mA); its TX is 3.3 V logic and goes straight to the board.',
      "The sensor's RX on a board TX pin lets the driver put it back into active reporting if another program left it in query mode.",
    ],
    driver: {
      files: ['sds011.h', 'sds011.cpp'],
      header: 'sds011.h',
      className: 'harbor::Sds011',
      args: ({ bus, intervalMs }) => [{ code: bus ?? '' }, { uint: intervalMs }],
    },
    model: {
      files: ['sds011_model.h', 'sds011_model.cpp'],
      header: 'sds011_model.h',
      className: 'harbor::host::Sds011Model',
      attach: { kind: 'uart' },
      args: ({ waves }) => waves.map((w) => ({ wave: w })),
    },
  },
];
