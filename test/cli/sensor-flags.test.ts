/**
 * Sensors from the command line, as a user types them: every way a set of
 * sensors cannot work on the board is one sentence naming the flag, exit
 * code 2 and nothing on disk; a set that works is written and its wiring
 * printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { runCli } from './helpers.js';
import { useScratch } from '../scratch.js';

const scratch = useScratch('hc-sensor-flags');
const env = { HARBOR_API_KEY: 'hk_sensor_flags_key', WIFI_PASSWORD: 'sensor-flags-pw' };
const BASE = ['init', '--yes', '--harbor-id', 'hb-1', '--wifi-ssid', 'Lab', '--out', 'proj'];

async function refused(args: string[]): Promise<string> {
  const dir = scratch();
  const result = await runCli([...BASE, ...args], { cwd: dir, env });
  expect(result.exitCode, result.stderr).toBe(2);
  expect(existsSync(join(dir, 'proj')), 'something was written').toBe(false);
  expect(result.stderr).not.toContain(env.HARBOR_API_KEY);
  return result.stderr;
}

describe('sensors the board cannot take', () => {
  it.each([
    [
      'two sensors at one I2C address',
      ['--board', 'esp32dev', '--sensor', 'bme280', '--sensor', 'bmp280:name=inside'],
      "--sensor 2 (bmp280 'inside') address: bme280 1 and bmp280 'inside' are both at I2C address 0x76 on GPIO 21/22: give one of them address 0x77.",
    ],
    [
      'a pin used twice',
      ['--board', 'esp32dev', '--sensor', 'bme280:sda=32,scl=33', '--metric', 'analog:pin=32'],
      "--sensor 1 (bme280) sda: GPIO 32 is used by both metric analog_32 and sensor bme280 1 (SDA).",
    ],
    [
      'an input-only pin asked to drive a bus',
      ['--board', 'esp32dev', '--sensor', 'bme280:sda=34'],
      '--sensor 1 (bme280) sda: GPIO 34 is input-only, so it cannot drive I2C SDA: use another pin.',
    ],
    [
      'an unknown option, with the one meant',
      ['--board', 'esp32dev', '--sensor', 'bme280:addres=0x77'],
      "--sensor 1 (bme280) addres: bme280 has no option 'addres': did you mean address?",
    ],
    [
      'an option far from any',
      ['--board', 'esp32dev', '--sensor', 'bme280:colour=red'],
      "--sensor 1 (bme280) colour: bme280 has no option 'colour': it takes name, interval, channels, address, sda, scl, oversampling.",
    ],
    [
      'an unknown kind',
      ['--board', 'esp32dev', '--sensor', 'bme820'],
      "--sensor 1 (bme820): 'bme820' is not a sensor kind: did you mean bme280?",
    ],
    [
      'an address the part does not have',
      ['--board', 'esp32dev', '--sensor', 'bme280:address=0x40'],
      '--sensor 1 (bme280) address: must be 0x76 or 0x77 for a bme280.',
    ],
    [
      'a cargo id sent twice',
      ['--board', 'esp32dev', '--sensor', 'bme280', '--sensor', 'bmp280:address=0x77'],
      "--sensor 2 (bmp280) name: cargo id 'temperature' of bmp280 2 is already used by bme280 1: give one of them a name= to prefix its cargo ids.",
    ],
    [
      'SDA on a pin of the console UART',
      ['--board', 'esp32dev', '--sensor', 'bme280:sda=1,scl=3'],
      '--sensor 1 (bme280) sda: GPIO 1 is the serial TX line that uploads and logs use: use another pin.',
    ],
    [
      'an RP2040 pin that cannot be SDA',
      ['--board', 'rpipicow', '--sensor', 'bme280:sda=5,scl=4'],
      '--sensor 1 (bme280) sda: GPIO 5 cannot be SDA on the RP2040 (SDA pins are even: GPIO 0, 2, 4, ...).',
    ],
    [
      'a UART sensor on the console UART',
      ['--board', 'esp32dev', '--sensor', 'pms5003:rx=3'],
      '--sensor 1 (pms5003) rx: GPIO 3 is the serial RX line that uploads and logs use: use another pin.',
    ],
    [
      'an ultrasonic trigger on an input-only pin',
      ['--board', 'esp32dev', '--sensor', 'hc_sr04:trigger=34,echo=35'],
      '--sensor 1 (hc_sr04) trigger: GPIO 34 is input-only, so it cannot be an output: use another pin.',
    ],
    [
      'a UART TX on an input-only pin',
      ['--board', 'esp32dev', '--sensor', 'mhz19b:rx=16,tx=34'],
      '--sensor 1 (mhz19b) tx: GPIO 34 is input-only, so it cannot be an output: use another pin.',
    ],
    [
      'more UART sensors than the board has UARTs',
      ['--board', 'nodemcuv2', '--sensor', 'pms5003:rx=13', '--sensor', 'sds011:rx=12,name=outdoor'],
      '--sensor 2 (sds011 \'outdoor\') rx: sds011 \'outdoor\' would need UART 2, but the NodeMCU 1.0 (ESP-12E Module) has 1 for sensors (the console takes one): remove a UART sensor.',
    ],
    [
      'a pulse counter on a pin the chip cannot interrupt on',
      ['--board', 'nodemcuv2', '--sensor', 'pulse_counter:pin=16'],
      '--sensor 1 (pulse_counter) pin: GPIO 16 (D0) has no pin interrupt, so it cannot count pulses or time an echo: use another pin.',
    ],
  ])('%s', async (_case, args, message) => {
    expect(await refused(args)).toContain(message);
  });
});

describe('sensors that fit', () => {
  it('writes the project and prints each sensor\'s wiring', async () => {
    const dir = scratch();
    const result = await runCli([...BASE, '--board', 'd1_mini', '--sensor', 'bme280', '--sensor', 'bmp280:address=0x77,name=inside,channels=pressure'], { cwd: dir, env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain([
      'Wire the Bosch BME280 temperature, humidity and pressure (bme280 1), powered from 3.3 V:',
      '  VCC  to  3V3',
      '  GND  to  GND',
      '  SDA  to  GPIO 4 (D2)',
      '  SCL  to  GPIO 5 (D1)',
    ].join('\n'));
    expect(result.stdout).toContain("Wire the Bosch BMP280 temperature and pressure (bmp280 'inside'), powered from 3.3 V:");
    const answers = JSON.parse(readFileSync(join(dir, 'proj', 'harbor-connect.json'), 'utf8')) as { sensors: unknown[] };
    // With the defaults filled in, as every answer in the file: what the firmware was built with.
    expect(answers.sensors).toEqual([
      { kind: 'bme280', interval: 60, address: '0x76', oversampling: 1 },
      { kind: 'bmp280', name: 'inside', interval: 60, channels: ['pressure'], address: '0x77', oversampling: 1 },
    ]);
    expect(readFileSync(join(dir, 'proj', 'README.md'), 'utf8')).toContain('| SDA | GPIO 4 (D2) |');
  });
});
