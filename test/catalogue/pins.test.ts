import { describe, expect, it } from 'vitest';

import { allBoards, findBoard, type Board } from '../../src/catalogue/boards.js';
import { formatPinList, suitablePins, validatePins, type PinRole, type PinUse } from '../../src/catalogue/pins.js';

function board(id: string): Board {
  const found = findBoard(id);
  if (!found) throw new Error(`no board ${id} in the catalogue`);
  return found;
}

const esp32 = board('esp32dev');
const WIFI = { wifi: true };

function one(b: Board, pin: number, role: PinRole, wifi = true) {
  return validatePins(b, [{ pin, role, owner: 'metric soil' }], { wifi });
}

describe('validatePins', () => {
  it('accepts good pins without a word', () => {
    expect(validatePins(esp32, [
      { pin: 34, role: 'analog-in', owner: 'metric soil' },
      { pin: 4, role: 'digital-out', owner: 'relay' },
      { pin: 21, role: 'i2c-sda', owner: 'bme280' },
      { pin: 22, role: 'i2c-scl', owner: 'bme280' },
    ], WIFI)).toEqual([]);
  });

  it('rejects a pin the board does not have, listing pins that work', () => {
    expect(one(esp32, 40, 'digital-in')).toEqual([{
      severity: 'error',
      pin: 40,
      owner: 'metric soil',
      message: 'GPIO 40 does not exist on the Espressif ESP32 Dev Module: use one of GPIO 4, 13, 14, 16–19, 21–23, 25–27, 32–36, 39',
    }]);
    // Outputs are not suggested input-only pins.
    expect(one(esp32, 40, 'digital-out')[0]?.message).toBe(
      'GPIO 40 does not exist on the Espressif ESP32 Dev Module: use one of GPIO 4, 13, 14, 16–19, 21–23, 25–27, 32, 33',
    );
  });

  it('rejects ADC2 while Wi-Fi is on, suggesting the ADC1 pins', () => {
    expect(one(esp32, 26, 'analog-in')).toEqual([{
      severity: 'error',
      pin: 26,
      owner: 'metric soil',
      message: 'GPIO 26 is on ADC2, which cannot be read while Wi-Fi is on: use one of GPIO 32–36, 39',
    }]);
    expect(one(esp32, 26, 'analog-in', false)).toEqual([]);
    expect(one(board('esp32-s3-devkitc-1'), 15, 'analog-in')[0]?.message).toBe(
      'GPIO 15 is on ADC2, which cannot be read while Wi-Fi is on: use one of GPIO 1–10',
    );
  });

  it('rejects analog input on a pin without ADC, listing the ADC pins', () => {
    expect(one(esp32, 16, 'analog-in')).toEqual([{
      severity: 'error',
      pin: 16,
      owner: 'metric soil',
      message: 'GPIO 16 has no analog input: use one of GPIO 32–36, 39',
    }]);
    // Without Wi-Fi the ADC2 pins are fine too (strapping pins are not suggested).
    expect(one(esp32, 16, 'analog-in', false)[0]?.message).toBe('GPIO 16 has no analog input: use one of GPIO 4, 13, 14, 25–27, 32–36, 39');
    expect(one(board('rpipicow'), 22, 'analog-in')[0]?.message).toBe('GPIO 22 has no analog input: use one of GPIO 26–28');
    expect(one(board('d1_mini'), 5, 'analog-in')[0]?.message).toBe('GPIO 5 (D1) has no analog input: use A0 (pin 17)');
  });

  it('rejects the flash pins', () => {
    expect(one(esp32, 6, 'digital-in')).toEqual([{
      severity: 'error',
      pin: 6,
      owner: 'metric soil',
      message: 'GPIO 6 is connected to the flash chip: use another pin',
    }]);
  });

  it('rejects one pin used by two owners, but lets bus devices share their bus', () => {
    expect(validatePins(esp32, [
      { pin: 34, role: 'analog-in', owner: 'metric a' },
      { pin: 34, role: 'analog-in', owner: 'metric b' },
    ], WIFI)).toEqual([{ severity: 'error', pin: 34, owner: 'metric b', message: 'GPIO 34 is used by both metric a and metric b' }]);

    expect(validatePins(esp32, [
      { pin: 21, role: 'i2c-sda', owner: 'bme280' },
      { pin: 22, role: 'i2c-scl', owner: 'bme280' },
      { pin: 21, role: 'i2c-sda', owner: 'sht31' },
      { pin: 22, role: 'i2c-scl', owner: 'sht31' },
      { pin: 4, role: 'onewire', owner: 'ds18b20 a' },
      { pin: 4, role: 'onewire', owner: 'ds18b20 b' },
    ], WIFI)).toEqual([]);

    expect(validatePins(esp32, [
      { pin: 21, role: 'i2c-sda', owner: 'bme280' },
      { pin: 21, role: 'digital-out', owner: 'relay' },
    ], WIFI).map((i) => i.message)).toEqual(['GPIO 21 is used by both bme280 and relay']);
  });

  it('warns about strapping pins, according to what holds them at reset', () => {
    expect(one(esp32, 12, 'digital-out')).toEqual([{
      severity: 'warning',
      pin: 12,
      owner: 'metric soil',
      message: 'GPIO 12 is a strapping pin: as an output it can stop the board from booting',
    }]);
    expect(one(esp32, 12, 'digital-in')[0]?.message).toBe(
      'GPIO 12 is a strapping pin: a sensor that holds it high at power-up can stop the board from booting',
    );
    expect(one(esp32, 0, 'digital-in')[0]?.message).toBe(
      'GPIO 0 is a strapping pin: a sensor that holds it low at power-up can stop the board from booting',
    );
    // GPIO 12 must be low at reset: an I2C pull-up breaks the boot. GPIO 0 must be high: a pull-up is what it wants.
    expect(one(esp32, 12, 'i2c-sda')[0]?.message).toBe(
      'GPIO 12 is a strapping pin: the bus pull-up holds it high at power-up, which can stop the board from booting',
    );
    expect(one(esp32, 0, 'onewire')).toEqual([]);
    expect(one(board('d1_mini'), 15, 'onewire')[0]?.message).toBe(
      'GPIO 15 (D8) is a strapping pin: the bus pull-up holds it high at power-up, which can stop the board from booting',
    );
  });

  it('rejects driving an input-only pin', () => {
    expect(one(esp32, 34, 'digital-out')).toEqual([{
      severity: 'error',
      pin: 34,
      owner: 'metric soil',
      message: 'GPIO 34 is input-only, so it cannot be an output: use another pin',
    }]);
    expect(one(esp32, 35, 'i2c-sda')[0]?.message).toBe('GPIO 35 is input-only, so it cannot drive I2C SDA: use another pin');
    expect(one(esp32, 36, 'onewire')[0]?.message).toBe('GPIO 36 is input-only, so it cannot drive a 1-Wire bus: use another pin');
    expect(one(esp32, 39, 'digital-in')).toEqual([]);
  });

  it('rejects the serial console pins', () => {
    expect(one(esp32, 1, 'digital-out')).toEqual([{
      severity: 'error',
      pin: 1,
      owner: 'metric soil',
      message: 'GPIO 1 is the serial TX line that uploads and logs use: use another pin',
    }]);
  });

  it('rejects the Pico W radio pins', () => {
    expect(one(board('rpipicow'), 23, 'digital-in')).toEqual([{
      severity: 'error',
      pin: 23,
      owner: 'metric soil',
      message: "GPIO 23 is the Wi-Fi chip's power enable (WL_ON): use another pin",
    }]);
    expect(one(board('rpipicow'), 29, 'analog-in').map((i) => i.message)).toEqual([
      'GPIO 29 has no analog input: use one of GPIO 26–28',
      "GPIO 29 is the Wi-Fi chip's SPI clock (WL_CLK), shared with the VSYS sense input: use another pin",
    ]);
  });

  it('ESP8266: A0 is analog only, GPIO 16 cannot carry a bus', () => {
    const d1 = board('d1_mini');
    expect(one(d1, 17, 'analog-in')).toEqual([]);
    expect(one(d1, 17, 'digital-in')).toEqual([{
      severity: 'error',
      pin: 17,
      owner: 'metric soil',
      message: 'A0 (pin 17) can only read analog values, so it cannot be an input: use one of GPIO 4 (D2), 5 (D1), 12 (D6), 13 (D7), 14 (D5), 16 (D0)',
    }]);
    expect(one(d1, 16, 'i2c-scl')[0]?.message).toBe('GPIO 16 (D0) cannot drive an I2C or 1-Wire bus: use another pin');
    expect(one(d1, 16, 'digital-out')).toEqual([]);
  });

  it('ESP8266: GPIO 16 has no interrupt, so it cannot count pulses', () => {
    const d1 = board('d1_mini');
    expect(one(d1, 16, 'pulse-in')[0]?.message).toBe('GPIO 16 (D0) has no pin interrupt, so it cannot count pulses or time an echo: use another pin');
    expect(one(d1, 16, 'digital-in')).toEqual([]);
    expect(suitablePins(d1, 'pulse-in', { wifi: true })).not.toContain(16);
    expect(one(d1, 14, 'pulse-in')).toEqual([]);
  });

  it('warns about USB data lines, PSRAM and the status LED', () => {
    expect(one(board('esp32-c3-devkitm-1'), 18, 'digital-in')).toEqual([{
      severity: 'warning',
      pin: 18,
      owner: 'metric soil',
      message: "GPIO 18 is the D− line of the C3's USB-Serial-JTAG: prefer another pin",
    }]);
    expect(one(board('esp32-s3-devkitc-1'), 36, 'digital-in')[0]?.message).toBe(
      'GPIO 36 is used by the octal PSRAM on the N8R8 and N16R8 versions of this board: prefer another pin',
    );
    expect(one(board('arduino_nano_esp32'), 48, 'digital-in')).toEqual([{
      severity: 'warning',
      pin: 48,
      owner: 'metric soil',
      message: "GPIO 48 (D13) is wired to the board's built-in LED, which the firmware uses as its status light: prefer another pin",
    }]);
  });

  it('refuses the PSRAM pins of a PSRAM board, saying why', () => {
    const wrover = board('esp-wrover-kit');
    expect(one(wrover, 16, 'digital-in')).toEqual([{
      severity: 'error',
      pin: 16,
      owner: 'metric soil',
      message: "GPIO 16 is the chip select of the board's PSRAM: use another pin",
    }]);
    expect(one(wrover, 17, 'digital-out')[0]?.message).toBe("GPIO 17 is the clock of the board's PSRAM: use another pin");
    // The same pins are free on an ESP32 board without PSRAM.
    expect(one(board('lolin_d32'), 16, 'digital-in')).toEqual([]);
    expect(one(board('seeed_xiao_esp32s3'), 35, 'i2c-sda')[0]?.message).toBe(
      "GPIO 35 is a data line of the board's octal PSRAM: use another pin",
    );
  });

  it('refuses every ADC2 pin while Wi-Fi is on, on every ESP32, S2 and S3 board', () => {
    const esp32Family = allBoards().filter((b) => ['esp32', 'esp32s2', 'esp32s3'].includes(b.chip));
    expect(esp32Family.length).toBeGreaterThan(200);
    const accepted: string[] = [];
    for (const b of esp32Family) {
      const adc2 = b.adc.filter((a) => a.unit === 'ADC2');
      if (adc2.length === 0) accepted.push(`${b.id} has no ADC2 pin`);
      for (const { pin } of adc2) {
        const refusal = one(b, pin, 'analog-in').find((i) => i.severity === 'error' && i.message.includes('is on ADC2, which cannot be read while Wi-Fi is on: use '));
        if (!refusal) accepted.push(`${b.id} GPIO ${pin}`);
        if (one(b, pin, 'analog-in', false).some((i) => i.message.includes('ADC2'))) accepted.push(`${b.id} GPIO ${pin} without Wi-Fi`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('reports issues in the order of the uses', () => {
    const issues = validatePins(esp32, [
      { pin: 6, role: 'digital-in', owner: 'first' },
      { pin: 40, role: 'digital-in', owner: 'second' },
      { pin: 26, role: 'analog-in', owner: 'third' },
    ], WIFI);
    expect(issues.map((i) => i.owner)).toEqual(['first', 'second', 'third']);
  });

  it('never suggests a pin it would complain about', () => {
    const roles: PinRole[] = ['analog-in', 'digital-in', 'digital-out', 'i2c-sda', 'i2c-scl', 'onewire'];
    for (const b of allBoards()) {
      for (const role of roles) {
        for (const wifi of [true, false]) {
          for (const pin of suitablePins(b, role, { wifi })) {
            const uses: PinUse[] = [{ pin, role, owner: 'x' }];
            expect(validatePins(b, uses, { wifi }), `${b.id} GPIO ${pin} as ${role}`).toEqual([]);
          }
        }
      }
    }
  });
});

describe('formatPinList', () => {
  it('collapses runs of three or more and keeps labels', () => {
    expect(formatPinList(esp32, [39, 32, 33, 34, 35, 36, 4, 13, 14])).toBe('GPIO 4, 13, 14, 32–36, 39');
    expect(formatPinList(board('nodemcuv2'), [5, 4, 17])).toBe('GPIO 4 (D2), 5 (D1), A0 (pin 17)');
  });
});
