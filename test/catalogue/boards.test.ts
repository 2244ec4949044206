import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { allBoards, findBoard, unknownBoardMessage, type Board, type Framework, type PinRestrictionKind } from '../../src/catalogue/boards.js';
import { CHIP_RULES } from '../../src/catalogue/chip-rules.js';
import { GENERATED_PATH, ManifestCatalogueSchema } from '../../src/catalogue/manifest-boards.js';
import { validatePins, type PinUse } from '../../src/catalogue/pins.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';

function board(id: string): Board {
  const found = findBoard(id);
  if (!found) throw new Error(`no board ${id} in the catalogue`);
  return found;
}

const restricted = (b: Board, kind: PinRestrictionKind): number[] =>
  b.restrictions.filter((r) => r.kind === kind).map((r) => r.pin).sort((x, y) => x - y);

const errors = (b: Board, uses: PinUse[]): string[] =>
  validatePins(b, uses, { wifi: true }).filter((i) => i.severity === 'error').map((i) => i.message);

/** Runs `check` on every board and collects what fails, so one assertion names every board at fault. */
function everyBoard(check: (b: Board) => string | undefined): string[] {
  return allBoards().flatMap((b) => {
    const problem = check(b);
    return problem === undefined ? [] : [`${b.id}: ${problem}`];
  });
}

/** In the catalogue's order: the popular ones first. */
const VERIFIED = [
  'esp32dev', 'esp32-s3-devkitc-1', 'esp32-c3-devkitm-1', 'd1_mini', 'nodemcuv2', 'rpipicow', 'esp32doit-devkit-v1', 'nodemcu-32s',
  'wemos_d1_mini32', 'lolin_s2_mini', 'arduino_nano_esp32', 'esp32-c3-super-mini', 'esp32-c6-devkitc-1',
];

describe('board catalogue', () => {
  it('has every supported board of the manifests, the ones we know well marked as verified', () => {
    expect(allBoards().length).toBeGreaterThan(250);
    expect(allBoards().filter((b) => b.verifiedPins).map((b) => b.id)).toEqual(VERIFIED);
    for (const id of ['esp32-s2-saola-1', 'seeed_xiao_esp32c3', 'adafruit_feather_esp32s3', 'lolin_d32', 'esp-wrover-kit']) {
      expect(board(id).verifiedPins, id).toBe(false);
    }
    const perChip = new Map<string, number>();
    for (const b of allBoards()) perChip.set(b.chip, (perChip.get(b.chip) ?? 0) + 1);
    expect(Object.fromEntries(perChip)).toMatchObject({ esp32: 136, esp32s2: 28, esp32s3: 57, esp32c3: 17, esp32c6: 5, esp8266: 41, rp2040: 1 });
  });

  it('loads its data from the committed file, which is well formed, sorted and small', () => {
    const text = readFileSync(path.join(PACKAGE_ROOT, GENERATED_PATH), 'utf8');
    const data = ManifestCatalogueSchema.parse(JSON.parse(text));
    const keys = data.boards.map((b) => `${b.platform}/${b.id}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
    // Only the fields the catalogue uses: npm pack and start-up stay small.
    expect(text.length).toBeLessThan(100_000);
  });

  it('finds each board by its id, and nothing for an unknown id', () => {
    expect(new Set(allBoards().map((b) => b.id)).size).toBe(allBoards().length);
    for (const b of allBoards()) expect(findBoard(b.id)).toBe(b);
    expect(findBoard('esp32-imaginary')).toBeUndefined();
  });

  it('says why a PlatformIO board is left out, and that an unknown id is unknown', () => {
    expect(unknownBoardMessage('pico')).toBe(
      "'pico' (Raspberry Pi Pico) is a PlatformIO board harbor-connect cannot run on: it has no CYW43 Wi-Fi chip, the only radio the RP2040 firmware drives (the Pico W has one)",
    );
    expect(unknownBoardMessage('rpipico2')).toBe("'rpipico2' (Pico 2) is a PlatformIO board harbor-connect cannot run on: its RP2350 is not a chip harbor-connect has firmware for");
    expect(unknownBoardMessage('esp01')).toMatch(/its 512 KB of flash cannot hold a firmware with Wi-Fi and TLS$/);
    expect(unknownBoardMessage('esp32-imaginary')).toBe("'esp32-imaginary' is not a board harbor-connect knows");
  });

  it('builds the C3 Super Mini as esp32-c3-devkitm-1 with Serial on the USB port', () => {
    const mini = board('esp32-c3-super-mini');
    expect(mini.platformioBoard).toBe('esp32-c3-devkitm-1');
    expect(mini.buildFlags.arduino).toEqual(['-DARDUINO_USB_MODE=1', '-DARDUINO_USB_CDC_ON_BOOT=1']);
  });

  it('uses GPIO numbers on the Nano ESP32, switching off Arduino pin numbering', () => {
    expect(board('arduino_nano_esp32').buildFlags.arduino).toEqual(['-DBOARD_USES_HW_GPIO_NUMBERS']);
  });

  it('offers only ESP-IDF on the C6, only Arduino on the ESP8266, the Pico W and S2 boards whose console is the S2 USB', () => {
    for (const b of allBoards().filter((x) => x.chip === 'esp32c6')) expect(b.frameworks, b.id).toEqual(['espidf']);
    for (const b of allBoards().filter((x) => x.chip === 'esp8266' || x.chip === 'rp2040')) expect(b.frameworks, b.id).toEqual(['arduino']);
    for (const id of ['lolin_s2_mini', 'adafruit_feather_esp32s2', 'um_tinys2']) expect(board(id).frameworks, id).toEqual(['arduino']);
    expect(board('esp32-s2-saola-1').frameworks).toEqual(['arduino', 'espidf']);
    expect(board('esp32-s2-franzininho').frameworks).toEqual(['espidf']);
  });

  it('gives each chip its real RAM: more than 320 KB on the S3 and C6', () => {
    expect(board('esp32dev').ramBytes).toBe(320 * 1024);
    expect(board('esp32-s3-devkitc-1').ramBytes).toBeGreaterThan(320 * 1024);
    expect(board('esp32-c6-devkitc-1').ramBytes).toBeGreaterThan(board('esp32-s3-devkitc-1').ramBytes);
    expect(board('lolin_s2_mini').ramBytes).toBeLessThan(320 * 1024);
    for (const b of allBoards()) expect(b.ramBytes, b.id).toBe(CHIP_RULES[b.chip].ramBytes);
  });

  it('knows PSRAM from the manifest: its flag, an octal memory type, a WROVER module, and its size where stated', () => {
    expect(board('esp-wrover-kit').psram).toEqual({ bus: 'quad', bytes: null });
    expect(board('adafruit_feather_esp32s3').psram).toEqual({ bus: 'quad', bytes: 2 * 1024 * 1024 });
    expect(board('seeed_xiao_esp32s3').psram).toEqual({ bus: 'octal', bytes: null });
    expect(board('m5stack-core2').psram).toEqual({ bus: 'quad', bytes: 4 * 1024 * 1024 });
    expect(board('lolin_d32').psram).toBeNull();
    expect(board('esp32-s3-devkitc-1').psram).toBeNull();
  });

  it('tells manifest-only boards that their pins are the chip defaults', () => {
    expect(board('lolin_d32').notes[0]).toBe(
      "Pins not verified: harbor-connect knows this board from its PlatformIO manifest only, so it offers the ESP32's pins (I2C SDA 21/SCL 22, serial TX 1/RX 3); check the board's pinout for the pins it brings out.",
    );
    expect(board('esp32dev').notes.some((n) => n.startsWith('Pins not verified'))).toBe(false);
  });
});

describe('every board', () => {
  it('has one adapter per framework, the one for its chip', () => {
    const expected = (b: Board, f: Framework): string => (f === 'espidf' ? 'espidf' : b.chip === 'esp8266' ? 'esp8266' : b.chip === 'rp2040' ? 'picow' : 'arduino-esp32');
    expect(everyBoard((b) => {
      if (Object.keys(b.adapters).sort().join() !== [...b.frameworks].sort().join()) return `adapters ${Object.keys(b.adapters).join()}`;
      const wrong = b.frameworks.find((f) => b.adapters[f] !== expected(b, f));
      if (wrong) return `${wrong} uses ${b.adapters[wrong]}`;
      return Object.keys(b.buildFlags).find((f) => !b.frameworks.includes(f as Framework));
    })).toEqual([]);
  });

  it('only names pins it has', () => {
    expect(everyBoard((b) => {
      if ([...b.gpios].join() !== [...new Set(b.gpios)].sort((x, y) => x - y).join()) return 'gpios not ascending and unique';
      const named = [
        ...b.adc.map((a) => a.pin),
        ...b.restrictions.map((r) => r.pin),
        ...Object.keys(b.pinLabels).map(Number),
        b.i2c.sda, b.i2c.scl, b.spi.mosi, b.spi.miso, b.spi.sck, b.spi.cs, b.uart.tx, b.uart.rx,
        ...(b.statusLed && b.statusLed.drive !== 'wifi-chip' ? [b.statusLed.pin] : []),
      ];
      const missing = named.filter((pin) => !b.gpios.includes(pin));
      return missing.length > 0 ? `names GPIO ${missing.join(', ')}` : undefined;
    })).toEqual([]);
  });

  it('can read an analog value with Wi-Fi on', () => {
    expect(everyBoard((b) => (b.adc.some((a) => errors(b, [{ pin: a.pin, role: 'analog-in', owner: 'x' }]).length === 0) ? undefined : 'no usable ADC pin'))).toEqual([]);
  });

  it('takes a sensor on its default I2C and SPI pins without errors', () => {
    expect(everyBoard((b) => {
      const found = [
        ...errors(b, [{ pin: b.i2c.sda, role: 'i2c-sda', owner: 'i2c' }, { pin: b.i2c.scl, role: 'i2c-scl', owner: 'i2c' }]),
        ...errors(b, [
          { pin: b.spi.mosi, role: 'digital-out', owner: 'spi' },
          { pin: b.spi.sck, role: 'digital-out', owner: 'spi' },
          { pin: b.spi.cs, role: 'digital-out', owner: 'spi' },
          { pin: b.spi.miso, role: 'digital-in', owner: 'spi' },
        ]),
      ];
      return found.length > 0 ? found.join('; ') : undefined;
    })).toEqual([]);
  });

  it('marks every ADC2 pin of an ESP32, S2 or S3 as blocked by Wi-Fi, and has no ADC2 elsewhere', () => {
    expect(everyBoard((b) => {
      const adc2 = b.adc.filter((a) => a.unit === 'ADC2').map((a) => a.pin).sort((x, y) => x - y);
      const expected = ['esp32', 'esp32s2', 'esp32s3'].includes(b.chip) ? adc2 : [];
      return restricted(b, 'adc2-wifi').join() === expected.join() && (expected.length > 0 || adc2.length === 0) ? undefined : `ADC2 ${adc2.join()}`;
    })).toEqual([]);
  });

  it('gives strapping pins a boot level and a warning, and hard reservations an error', () => {
    expect(everyBoard((b) => {
      for (const r of b.restrictions) {
        if (r.kind === 'strapping' && (r.severity !== 'warning' || !r.bootLevel)) return `strapping GPIO ${r.pin}`;
        if (['flash', 'radio', 'input-only', 'analog-only', 'adc2-wifi'].includes(r.kind) && r.severity !== 'error') return `${r.kind} GPIO ${r.pin}`;
        // The console's UART is refused, unless the console is the chip's own USB: then only the boot ROM prints there.
        if (r.kind === 'serial' && r.severity !== 'error' && !r.reason.includes('boot ROM')) return `serial GPIO ${r.pin}`;
      }
      return undefined;
    })).toEqual([]);
  });

  it('has USB ids for port detection and sane memory figures', () => {
    expect(everyBoard((b) => {
      if (b.usbIds.length === 0) return 'no USB ids';
      if (b.ramBytes < 80 * 1024) return `ramBytes ${b.ramBytes}`;
      return b.flashBytes < 1024 * 1024 ? `flashBytes ${b.flashBytes}` : undefined;
    })).toEqual([]);
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
    // A board we only know from its manifest gets the chip's: 37 and 38 are input-only ADC1 pins too.
    expect(restricted(board('lolin_d32'), 'input-only')).toEqual([34, 35, 36, 37, 38, 39]);
  });

  it('PSRAM takes GPIO 16 and 17 on the ESP32, 26 on the S2 and S3, and 33–37 with octal PSRAM', () => {
    expect(restricted(board('esp-wrover-kit'), 'psram')).toEqual([16, 17]);
    expect(restricted(board('lolin_d32'), 'psram')).toEqual([]);
    expect(restricted(board('adafruit_feather_esp32s2'), 'psram')).toEqual([26]);
    expect(restricted(board('adafruit_feather_esp32s3'), 'psram')).toEqual([26]);
    expect(restricted(board('seeed_xiao_esp32s3'), 'psram')).toEqual([26, 33, 34, 35, 36, 37]);
    expect(board('seeed_xiao_esp32s3').restrictions.filter((r) => r.kind === 'psram').every((r) => r.severity === 'error')).toBe(true);
  });

  it('ESP8266: A0 is pin 17 and the only analog input', () => {
    for (const b of allBoards().filter((x) => x.chip === 'esp8266')) expect(b.adc, b.id).toEqual([{ pin: 17, unit: 'ADC' }]);
    for (const id of ['nodemcuv2', 'd1_mini']) expect(board(id).pinLabels[17]).toBe('A0');
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
    expect(restricted(board('lolin_s2_mini'), 'usb')).toEqual([]);
  });

  it('the console UART is refused, and only warned about where the console is the chip USB', () => {
    const severity = (b: Board, pin: number) => b.restrictions.find((r) => r.kind === 'serial' && r.pin === pin)?.severity;
    expect(severity(board('esp32-c3-devkitm-1'), 21)).toBe('error');
    expect(severity(board('seeed_xiao_esp32c3'), 21)).toBe('warning');
    expect(severity(board('esp32-c3-super-mini'), 20)).toBe('warning');
  });

  it('only the original ESP32 and the ESP8266 lack a temperature sensor', () => {
    const without = allBoards().filter((b) => !b.hasTemperatureSensor).map((b) => b.chip);
    expect(new Set(without)).toEqual(new Set(['esp32', 'esp8266']));
  });
});
