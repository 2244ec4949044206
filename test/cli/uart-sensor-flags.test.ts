/**
 * UART sensors from the command line: a mode that needs the board's TX, the
 * console's UART, one UART too many, an ESP8266 RX pin without an interrupt and a bad Modbus address are each refused with one sentence,
 * exit code 2 and nothing on disk.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { runCli } from './helpers.js';
import { useScratch } from '../scratch.js';

const scratch = useScratch('hc-uart-sensor-flags');
const env = { HARBOR_API_KEY: 'hk_uart_flags_key', WIFI_PASSWORD: 'uart-flags-pw' };
const BASE = ['init', '--yes', '--harbor-id', 'hb-1', '--wifi-ssid', 'Lab', '--out', 'proj'];

describe('UART sensors the board cannot take', () => {
  it.each([
    [
      'passive mode with no TX pin to ask with',
      ['--board', 'esp32-c3-devkitm-1', '--sensor', 'pms5003:mode=passive,rx=4'],
      '--sensor 1 (pms5003) rx: pms5003 1 needs rx= and tx=: the Espressif ESP32-C3-DevKitM-1 has no default pins for a UART.',
    ],
    [
      'a UART sensor on the console UART',
      ['--board', 'esp32dev', '--sensor', 'pms5003:rx=3'],
      '--sensor 1 (pms5003) rx: GPIO 3 is the serial RX line that uploads and logs use: use another pin.',
    ],
    [
      'one UART sensor more than the board has UARTs',
      ['--board', 'esp32dev', '--sensor', 'pms5003', '--sensor', 'pms7003:rx=25,name=b', '--sensor', 'pms5003:rx=27,name=c'],
      "--sensor 3 (pms5003 'c') rx: pms5003 'c' would need UART 3, but the Espressif ESP32 Dev Module has 2 for sensors (the console takes one): remove a UART sensor.",
    ],
    [
      'an ESP8266 pin without an interrupt as the software UART\'s RX',
      ['--board', 'nodemcuv2', '--sensor', 'pms5003:rx=16'],
      "--sensor 1 (pms5003) rx: GPIO 16 has no pin interrupt, so the ESP8266's software UART cannot receive on it: use another pin (GPIO 14 is the default).",
    ],
    [
      'a Modbus address beyond the general one',
      ['--board', 'esp32dev', '--sensor', 'pzem004t:address=0xF9'],
      '--sensor 1 (pzem004t) address: must be a Modbus address from 0x01 to 0xF7, or 0xF8 for the only device on the line.',
    ],
  ])('%s', async (_case, args, message) => {
    const dir = scratch();
    const result = await runCli([...BASE, ...args], { cwd: dir, env });
    expect(result.exitCode, result.stderr).toBe(2);
    expect(existsSync(join(dir, 'proj')), 'something was written').toBe(false);
    expect(result.stderr).toContain(message);
  });

  it('active mode needs only the sensor\'s TX wired', async () => {
    const dir = scratch();
    const result = await runCli([...BASE, '--board', 'esp32-c3-devkitm-1', '--sensor', 'pms5003:rx=4'], { cwd: dir, env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/TX +to +GPIO 4 \(RX\)/);
    expect(result.stdout).not.toContain('(TX)');
  });
});
