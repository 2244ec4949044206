import { describe, expect, it } from 'vitest';

import { BOARDS, findBoard, type Board, type Framework, type PinRestrictionKind } from '../../src/catalogue/boards.js';
import { validatePins, type PinUse } from '../../src/catalogue/pins.js';

function board(id: string): Board {
  const found = findBoard(id);
  if (!found) throw new Error(`no board ${id} in the catalogue`);
  return found;
}

const restricted = (b: Board, kind: PinRestrictionKind): number[] =>
  b.restrictions.filter((r) => r.kind === kind).map((r) => r.pin).sort((x, y) => x - y);

const errors = (b: Board, uses: PinUse[]): string[] =>
  validatePins(b, uses, { wifi: true }).filter((i) => i.severity === 'error').map((i) => i.message);

describe('board catalogue', () => {
  it('has the boards users ask for', () => {
    expect(BOARDS.map((b) => b.id)).toEqual(
      expect.arrayContaining([
        'esp32dev', 'esp32doit-devkit-v1', 'nodemcu-32s', 'wemos_d1_mini32', 'lolin_s2_mini', 'esp32-s3-devkitc-1',
        'esp32-c3-devkitm-1', 'esp32-c3-super-mini', 'esp32-c6-devkitc-1', 'arduino_nano_esp32', 'nodemcuv2',
        'd1_mini', 'rpipicow',
      ]),
    );
  });

  it('finds each board by its id, and nothing for an unknown id', () => {
    expect(new Set(BOARDS.map((b) => b.id)).size).toBe(BOARDS.length);
    for (const b of BOARDS) expect(findBoard(b.id)).toBe(b);
    expect(findBoard('esp32-imaginary')).toBeUndefined();
  });

  it('builds the C3 Super Mini as esp32-c3-devkitm-1 with Serial on the USB port', () => {
    const mini = board('esp32-c3-super-mini');
    expect(mini.platformioBoard).toBe('esp32-c3-devkitm-1');
    expect(mini.buildFlags.arduino).toEqual(['-DARDUINO_USB_MODE=1', '-DARDUINO_USB_CDC_ON_BOOT=1']);
  });

  it('uses GPIO numbers on the Nano ESP32, switching off Arduino pin numbering', () => {
    expect(board('arduino_nano_esp32').buildFlags.arduino).toContain('-DBOARD_USES_HW_GPIO_NUMBERS');
  });

  it('offers only ESP-IDF on the C6, and only Arduino on the ESP8266 and Pico W', () => {
    expect(board('esp32-c6-devkitc-1').frameworks).toEqual(['espidf']);
    for (const id of ['nodemcuv2', 'd1_mini', 'rpipicow']) expect(board(id).frameworks).toEqual(['arduino']);
  });

  describe.each(BOARDS.map((b) => [b.id, b] as const))('%s', (_id, b) => {
    it('has one adapter per framework, the one for its chip', () => {
      expect(Object.keys(b.adapters).sort()).toEqual([...b.frameworks].sort());
      for (const framework of b.frameworks) {
        const expected: Record<Framework, string> = {
          arduino: b.chip === 'esp8266' ? 'esp8266' : b.chip === 'rp2040' ? 'picow' : 'arduino-esp32',
          espidf: 'espidf',
        };
        expect(b.adapters[framework]).toBe(expected[framework]);
      }
      for (const framework of Object.keys(b.buildFlags)) expect(b.frameworks).toContain(framework);
    });

    it('only names pins it has', () => {
      expect([...b.gpios]).toEqual([...new Set(b.gpios)].sort((x, y) => x - y));
      const named = [
        ...b.adc.map((a) => a.pin),
        ...b.restrictions.map((r) => r.pin),
        ...Object.keys(b.pinLabels).map(Number),
        b.i2c.sda, b.i2c.scl, b.spi.mosi, b.spi.miso, b.spi.sck, b.spi.cs, b.uart.tx, b.uart.rx,
      ];
      for (const pin of named) expect(b.gpios, `pin ${pin}`).toContain(pin);
      if (b.statusLed && b.statusLed.drive !== 'wifi-chip') expect(b.gpios).toContain(b.statusLed.pin);
    });

    it('can read an analog value with Wi-Fi on', () => {
      const readable = b.adc.filter((a) => errors(b, [{ pin: a.pin, role: 'analog-in', owner: 'x' }]).length === 0);
      expect(readable.length).toBeGreaterThan(0);
    });

    it('takes a sensor on its default I2C and SPI pins without errors', () => {
      expect(errors(b, [
        { pin: b.i2c.sda, role: 'i2c-sda', owner: 'i2c' },
        { pin: b.i2c.scl, role: 'i2c-scl', owner: 'i2c' },
      ])).toEqual([]);
      expect(errors(b, [
        { pin: b.spi.mosi, role: 'digital-out', owner: 'spi' },
        { pin: b.spi.sck, role: 'digital-out', owner: 'spi' },
        { pin: b.spi.cs, role: 'digital-out', owner: 'spi' },
        { pin: b.spi.miso, role: 'digital-in', owner: 'spi' },
      ])).toEqual([]);
    });

    it('marks every ADC2 pin of an ESP32, S2 or S3 as blocked by Wi-Fi', () => {
      const adc2 = b.adc.filter((a) => a.unit === 'ADC2').map((a) => a.pin).sort((x, y) => x - y);
      if (['esp32', 'esp32s2', 'esp32s3'].includes(b.chip)) expect(restricted(b, 'adc2-wifi')).toEqual(adc2);
      else expect(adc2).toEqual([]);
    });

    it('gives strapping pins a boot level and a warning, and hard reservations an error', () => {
      for (const r of b.restrictions) {
        if (r.kind === 'strapping') {
          expect(r.severity).toBe('warning');
          expect(r.bootLevel).toMatch(/^(high|low)$/);
        }
        if (['flash', 'radio', 'serial', 'input-only', 'analog-only', 'adc2-wifi'].includes(r.kind)) expect(r.severity).toBe('error');
      }
    });

    it('has USB ids for port detection and sane memory figures', () => {
      expect(b.usbIds.length).toBeGreaterThan(0);
      expect(b.ramBytes).toBeGreaterThanOrEqual(80 * 1024);
      expect(b.flashBytes).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    });
  });
});

describe('pin facts', () => {
  const esp32Ids = ['esp32dev', 'esp32doit-devkit-v1', 'nodemcu-32s', 'wemos_d1_mini32'];

  it('ESP32 modules: flash on 6–11, input-only 34–39, ADC1 on 32–39', () => {
    for (const id of esp32Ids) {
      const b = board(id);
      expect(restricted(b, 'flash')).toEqual([6, 7, 8, 9, 10, 11]);
      expect(restricted(b, 'input-only')).toEqual([34, 35, 36, 39]);
      expect(b.adc.filter((a) => a.unit === 'ADC1').map((a) => a.pin)).toEqual([32, 33, 34, 35, 36, 39]);
      expect(restricted(b, 'strapping')).toEqual([0, 2, 5, 12, 15]);
    }
  });

  it('ESP8266: A0 is pin 17 and the only analog input', () => {
    for (const id of ['nodemcuv2', 'd1_mini']) {
      expect(board(id).adc).toEqual([{ pin: 17, unit: 'ADC' }]);
      expect(board(id).pinLabels[17]).toBe('A0');
    }
  });

  it('Pico W: ADC on 26–28, GPIO 23, 24, 25 and 29 belong to the radio', () => {
    const pico = board('rpipicow');
    expect(pico.adc.map((a) => a.pin)).toEqual([26, 27, 28]);
    expect(restricted(pico, 'radio')).toEqual([23, 24, 25, 29]);
  });

  it('native USB lines are marked where they reach a header', () => {
    expect(restricted(board('esp32-s3-devkitc-1'), 'usb')).toEqual([19, 20]);
    expect(restricted(board('esp32-c3-devkitm-1'), 'usb')).toEqual([18, 19]);
    expect(restricted(board('esp32-c6-devkitc-1'), 'usb')).toEqual([12, 13]);
  });

  it('only the original ESP32 and the ESP8266 lack a temperature sensor', () => {
    const without = BOARDS.filter((b) => !b.hasTemperatureSensor).map((b) => b.chip);
    expect(new Set(without)).toEqual(new Set(['esp32', 'esp8266']));
  });
});
