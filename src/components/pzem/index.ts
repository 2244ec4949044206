/**
 * Peacefair PZEM-004T v3.0 (10 A shunt or 100 A transformer) on a UART,
 * Modbus RTU (driver pzem.h, model pzem_model.h): PZEM-004T V3.0 user manual,
 * sections 1 (ranges, resolutions) and 2 (9600 8N1, addresses, registers).
 */
import { z } from 'zod';

import { wave, type SensorKind } from '../component.js';

const ADDRESS_MESSAGE = 'must be a Modbus address from 0x01 to 0xF7, or 0xF8 for the only device on the line';

/** "0xF8" or "248" → 248. */
const MODBUS_ADDRESS = () =>
  z
    .preprocess((v) => (typeof v === 'string' && /^0x[0-9a-f]+$/i.test(v.trim()) ? Number.parseInt(v.trim(), 16) : v), z.coerce.number())
    .pipe(z.number().int({ message: ADDRESS_MESSAGE }).min(0x01, { message: ADDRESS_MESSAGE }).max(0xf8, { message: ADDRESS_MESSAGE }))
    .default(0xf8)
    .meta({ description: 'Its Modbus address: 0xF8 (the general address) answers whatever address the one module on the line has.' });

export const KINDS: readonly SensorKind[] = [
  {
    kind: 'pzem004t',
    component: 'pzem',
    title: 'Peacefair PZEM-004T v3.0 AC energy monitor',
    group: 'power',
    // Every reading is asked for.
    bus: { kind: 'uart', baud: 9600, needsTx: true },
    channels: [
      { id: 'voltage', title: 'Voltage', unit: 'V', resolution: 0.1, wave: wave(230, 3, 600) },
      { id: 'current', title: 'Current', unit: 'A', resolution: 0.001, wave: wave(2.5, 1.5, 900) },
      { id: 'power', title: 'Active power', unit: 'W', resolution: 0.1, wave: wave(500, 300, 900) },
      { id: 'energy', title: 'Active energy', unit: 'Wh', resolution: 1, wave: wave(1500, 200, 3600) },
      { id: 'frequency', title: 'Frequency', unit: 'Hz', resolution: 0.1, wave: wave(50, 0.2, 1200) },
      { id: 'power_factor', title: 'Power factor', unit: '', resolution: 0.01, wave: wave(0.9, 0.08, 1500) },
    ],
    options: () => ({ address: MODBUS_ADDRESS() }),
    defaultIntervalSeconds: 60,
    minIntervalSeconds: 1,
    supply: '5 V',
    // A step writes at most 2 ms of the request (the ESP8266's software UART) and copies what arrived.
    blockingMs: 2,
    wiringNotes: () => [
      'Its 5 V pin only powers the optocouplers of the TTL side: the module measures only while its AC terminals carry mains voltage. Mains wiring is dangerous; keep it enclosed.',
      "Its TTL side's levels follow the voltage on its 5V pin: with 5 V there, put a divider on the module's TX before the board's RX.",
    ],
    driver: {
      files: ['pzem.h', 'pzem.cpp'],
      header: 'pzem.h',
      className: 'harbor::Pzem',
      args: ({ bus, options, intervalMs }) => [{ code: bus ?? '' }, { hex: options.address as number }, { uint: intervalMs }],
    },
    model: {
      files: ['pzem_model.h', 'pzem_model.cpp'],
      header: 'pzem_model.h',
      className: 'harbor::host::PzemModel',
      attach: { kind: 'uart' },
      // The model's own address: the driver's, unless it uses the general address.
      args: ({ options, waves }) => [{ hex: options.address === 0xf8 ? 0x01 : (options.address as number) }, ...waves.map((w) => ({ wave: w }))],
    },
  },
];
