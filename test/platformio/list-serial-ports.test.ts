import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { HarborError } from '../../src/errors.js';
import {
  listSerialPorts,
  parseDeviceListJson,
  suggestSerialPort,
  toSerialPort,
  type SerialPort,
} from '../../src/platformio/list-serial-ports.js';
import { setUpFakePio, type FakePio } from './fake-pio.js';

let fake: FakePio;
beforeEach(async () => {
  fake = await setUpFakePio();
});
afterEach(() => fake.cleanup());

const CP2102 = { vid: 0x10c4, pid: 0xea60 };
const CH340 = { vid: '1A86', pid: '0x7523' };

describe('listSerialPorts', () => {
  it('runs `pio device list --json-output` and reads each port with its USB id', async () => {
    const ports = await listSerialPorts({ env: fake.env(), knownUsbIds: [CP2102] });
    expect((await fake.calls()).map((c) => c.argv)).toEqual([['device', 'list', '--json-output']]);
    expect(ports).toEqual([
      { port: '/dev/ttyS0', description: 'n/a', hwid: 'n/a', vid: null, pid: null, matchesBoard: false },
      {
        port: '/dev/ttyUSB0',
        description: 'CP2102 USB to UART Bridge Controller - CP2102 USB to UART Bridge Controller',
        hwid: 'USB VID:PID=10C4:EA60 SER=0001 LOCATION=1-1.2:1.0',
        vid: '10C4',
        pid: 'EA60',
        matchesBoard: true,
      },
      {
        port: '/dev/ttyUSB1',
        description: 'USB Serial',
        hwid: 'USB VID:PID=1A86:7523 LOCATION=1-1.3:1.0',
        vid: '1A86',
        pid: '7523',
        matchesBoard: false,
      },
      {
        port: '/dev/ttyACM0',
        description: 'USB JTAG/serial debug unit',
        hwid: 'USB VID:PID=303A:1001 SER=F4:12:FA:86:60:F8 LOCATION=1-1.4:1.0',
        vid: '303A',
        pid: '1001',
        matchesBoard: false,
      },
    ]);
  });

  it('suggests the one port whose USB id the board uses', async () => {
    const ports = await listSerialPorts({ env: fake.env(), knownUsbIds: [CH340] });
    expect(suggestSerialPort(ports)).toMatchObject({ port: { port: '/dev/ttyUSB1' }, reason: 'board-usb-id' });
  });

  it('suggests nothing when several ports match: two boards are a doubt', async () => {
    const ports = await listSerialPorts({ env: fake.env(), knownUsbIds: [CP2102, CH340] });
    expect(suggestSerialPort(ports)).toBeNull();
  });

  it('suggests the only USB port when none matches the board', async () => {
    const ports = await listSerialPorts({ env: fake.env('device-list-one-board'), knownUsbIds: [CP2102] });
    expect(suggestSerialPort(ports)).toMatchObject({ port: { port: '/dev/ttyUSB0', vid: '1A86' }, reason: 'only-usb-port' });
  });

  it('suggests nothing when there are several USB ports and none matches', async () => {
    const ports = await listSerialPorts({ env: fake.env() });
    expect(ports.every((p) => !p.matchesBoard)).toBe(true);
    expect(suggestSerialPort(ports)).toBeNull();
  });

  it('says how to install PlatformIO when it is missing', async () => {
    const error = await listSerialPorts({ env: { PATH: path.join(fake.home, 'bin'), HOME: fake.home } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HarborError);
    expect((error as HarborError).message).toBe(
      'PlatformIO is not installed: there is no pio or platformio on your PATH or in ~/.platformio/penv.',
    );
    expect((error as HarborError).hint).toMatch(/VS Code; then run this command again\.$/);
  });

  it('fails clearly when pio device list fails', async () => {
    // Any scenario that exits 1 with an error on stderr will do.
    const error = await listSerialPorts({ env: fake.env('monitor-port-busy') }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as HarborError).message).toBe(
      "PlatformIO could not list the serial ports (exit code 1).\n  Error: [Errno 16] could not open port /dev/ttyUSB0: [Errno 16] Device or resource busy: '/dev/ttyUSB0'",
    );
  });
});

describe('parseDeviceListJson', () => {
  it('skips a notice PlatformIO prints before the JSON', () => {
    const stdout = 'Obsolete PIO Core v6.0.2 is used (previous was 6.1.4a1)\n[{"port": "COM3", "description": "Silicon Labs CP210x USB to UART Bridge (COM3)", "hwid": "USB VID:PID=10C4:EA60 SER=0001"}]\n';
    expect(parseDeviceListJson(stdout)).toEqual([
      { port: 'COM3', description: 'Silicon Labs CP210x USB to UART Bridge (COM3)', hwid: 'USB VID:PID=10C4:EA60 SER=0001' },
    ]);
  });

  it('rejects output that is not a port list', () => {
    expect(() => parseDeviceListJson('{"serial": 3}')).toThrow(
      'PlatformIO listed the serial ports in a form harbor-connect does not understand.',
    );
  });
});

describe('toSerialPort', () => {
  it('matches lower-case and short hex ids', () => {
    const port: SerialPort = toSerialPort({ port: '/dev/ttyACM0', description: 'x', hwid: 'USB VID:PID=303a:1001' }, [
      { vid: '0x303A', pid: 0x1001 },
    ]);
    expect(port).toMatchObject({ vid: '303A', pid: '1001', matchesBoard: true });
  });
});
