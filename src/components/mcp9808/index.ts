/**
 * Microchip MCP9808 on I2C (driver mcp9808.h, model mcp9808_model.h):
 * addresses 0x18-0x1F by A2..A0 (datasheet, slave address table), I2C up to
 * 400 kHz, 2.7-5.5 V, 0.0625 degC steps converted every 250 ms.
 */
import { I2C_AT_3V3, I2C_PULLUPS, wave, type SensorKind } from '../component.js';

export const KINDS: readonly SensorKind[] = [
  {
    kind: 'mcp9808',
    component: 'mcp9808',
    title: 'Microchip MCP9808 precision temperature',
    group: 'climate',
    bus: { kind: 'i2c', addresses: [0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f], hz: 400_000 },
    channels: [{ id: 'temperature', title: 'Temperature', unit: '°C', resolution: 0.0625, wave: wave(21, 4, 600) }],
    options: () => ({}),
    defaultIntervalSeconds: 60,
    minIntervalSeconds: 1,
    supply: '3.3 V or 5 V',
    // The longest step is set-up and the first reading (two id reads, a write, the ambient read): 0.4 ms
    // at 400 kHz, 1.7 ms measured on a bus slowed to 100 kHz by another part (SCD30, SPS30),
    // which the generator allows for (sensor-model.ts: blockingMs scales with the bus clock).
    blockingMs: 1,
    wiringNotes: () => [I2C_PULLUPS, I2C_AT_3V3, 'A0, A1 and A2 pick the address: all to GND is 0x18, all to VDD 0x1F.'],
    driver: {
      files: ['mcp9808.h', 'mcp9808.cpp'],
      header: 'mcp9808.h',
      className: 'harbor::Mcp9808',
      args: ({ bus, options, intervalMs }) => [{ code: bus ?? '' }, { hex: options.address as number }, { uint: intervalMs }],
    },
    model: {
      files: ['mcp9808_model.h', 'mcp9808_model.cpp'],
      header: 'mcp9808_model.h',
      className: 'harbor::host::Mcp9808Model',
      attach: { kind: 'i2c' },
      args: ({ waves }) => waves.map((w) => ({ wave: w })),
    },
  },
];
