/**
 * The boards we know well: what each wires its own way on top of its chip
 * (catalogue/chip-rules.ts) and its PlatformIO manifest. Boards listed here
 * show as "verified pins"; every other board gets its chip's pins.
 *
 * Pin facts come from the vendors' user guides and schematics and from the
 * cores' variant headers (arduino-esp32 variants/*, esp8266 variants/*,
 * arduino-pico variants/rpipicow). Default I2C/SPI/UART pins are the Arduino
 * variant's, so wiring from the usual pinout diagrams matches.
 */
import type { Board, Framework, PinRestriction, StatusLed, UsbId } from './board-types.js';
import { ESP8266_A0, range, restrict, USB } from './chip-rules.js';

export interface BoardOverride {
  /** The pins the board brings out, when fewer than its chip has. */
  readonly gpios?: readonly number[];
  readonly pinLabels?: Board['pinLabels'];
  /** The built-in LED the firmware blinks, or null for a board that has none it can use. */
  readonly statusLed: StatusLed | null;
  readonly i2c?: Board['i2c'];
  readonly spi?: Board['spi'];
  readonly uart?: Board['uart'];
  /** Restrictions on top of the chip's, e.g. a second LED. */
  readonly restrictions?: readonly PinRestriction[];
  /** Frameworks we offer, when fewer than the manifest's. */
  readonly frameworks?: readonly Framework[];
  readonly buildFlags?: Board['buildFlags'];
  /** The board's USB ids besides the manifest's, instead of the chip's usual bridges. */
  readonly usbIds?: readonly UsbId[];
  readonly notes?: readonly string[];
}

/**
 * A board PlatformIO has no manifest for, built as one it has (`platformioBoard`)
 * with flags of its own.
 */
export interface BoardAlias extends BoardOverride {
  readonly id: string;
  readonly platformioBoard: string;
  readonly name: string;
  readonly vendor: string;
  /** The alias's flags put the Arduino console on the chip's own USB. */
  readonly consoleOnUsb?: boolean;
}

/** The GPIOs of the ESP32-WROOM-32 / ESP-32S modules these dev boards carry: 37 and 38 are not brought out. */
const ESP32_MODULE_GPIOS = [...range(0, 19), 21, 22, 23, 25, 26, 27, ...range(32, 36), 39];

const ESP8266_LABELS = {
  16: 'D0', 5: 'D1', 4: 'D2', 0: 'D3', 2: 'D4', 14: 'D5', 12: 'D6', 13: 'D7', 15: 'D8', 3: 'RX', 1: 'TX', [ESP8266_A0]: 'A0',
};
const ESP8266_LED: StatusLed = { pin: 2, activeLow: true, drive: 'gpio' };
const ESP8266_DIVIDER = {
  // NodeMCU and D1 mini put a 220k/100k divider before A0: 0-3.2 V reads as 0-1023 (the bare chip: 0-1 V).
  buildFlags: { arduino: ['-DHARBOR_ADC_FULL_SCALE_MV=3200'] },
  notes: ["The only analog input is A0 (pin 17 in Arduino numbering), 0 to 3.2 V through the board's divider."],
};

const C3_WS2812: StatusLed = { pin: 8, activeLow: false, drive: 'ws2812' };

export const BOARD_OVERRIDES: Readonly<Record<string, BoardOverride>> = {
  esp32dev: {
    gpios: ESP32_MODULE_GPIOS,
    // Espressif's DevKitC has only a power LED; clones with an LED on GPIO 2 should pick esp32doit-devkit-v1.
    statusLed: null,
    usbIds: [USB.cp210x, USB.ch340, USB.ch9102],
    notes: ['No status LED: the DevKitC this id stands for has none (many clones have one on GPIO 2).'],
  },
  'esp32doit-devkit-v1': {
    gpios: ESP32_MODULE_GPIOS,
    statusLed: { pin: 2, activeLow: false, drive: 'gpio' },
    usbIds: [USB.cp210x, USB.ch340],
  },
  'nodemcu-32s': {
    gpios: ESP32_MODULE_GPIOS,
    statusLed: { pin: 2, activeLow: false, drive: 'gpio' },
    usbIds: [USB.cp210x, USB.ch340],
  },
  wemos_d1_mini32: {
    gpios: ESP32_MODULE_GPIOS,
    statusLed: { pin: 2, activeLow: false, drive: 'gpio' },
    usbIds: [USB.cp210x, USB.ch9102, USB.ch340],
    // The D1-mini-compatible inner row (arduino-esp32 variants/d1_mini32).
    pinLabels: { 26: 'D0', 22: 'D1', 21: 'D2', 17: 'D3', 16: 'D4', 18: 'D5', 19: 'D6', 23: 'D7', 5: 'D8' },
  },
  lolin_s2_mini: {
    // The 27 header GPIOs. GPIO 0 is the button, 19/20 the USB-C port, 26–32 the in-package flash and PSRAM.
    gpios: [...range(1, 18), 21, ...range(33, 40)],
    statusLed: { pin: 15, activeLow: false, drive: 'gpio' },
    i2c: { sda: 33, scl: 35 },
    spi: { mosi: 11, miso: 9, sck: 7, cs: 12 },
    uart: { tx: 39, rx: 37 },
    // 80C2: the Arduino core's USB CDC; 0002: the ROM's USB download mode (hold 0, press RST).
    usbIds: [USB.espRomDownload],
  },
  'esp32-s3-devkitc-1': {
    // Header pins J1/J3 (ESP32-S3-DevKitC-1 user guide v1.1); 22–34 are not brought out.
    gpios: [...range(0, 21), ...range(35, 48)],
    restrictions: restrict('psram', 'warning', [35, 36, 37], 'is used by the octal PSRAM on the N8R8 and N16R8 versions of this board'),
    // The RGB LED is on GPIO 48 on v1.0 boards and GPIO 38 on v1.1: both are sold, so none is assumed.
    statusLed: null,
    usbIds: [USB.cp210x, USB.ch343],
    notes: [
      'No status LED: the RGB LED moved from GPIO 48 (v1.0) to GPIO 38 (v1.1) and both versions are sold.',
      'Logs go to the port marked UART (the manifest sets ARDUINO_USB_MODE=1 without CDC on boot).',
    ],
  },
  // Arduino Nano ESP32: NORA-W106 (ESP32-S3, 16 MB flash, 8 MB octal PSRAM on GPIO 33–37, not brought out).
  arduino_nano_esp32: {
    frameworks: ['arduino'],
    gpios: [...range(1, 14), 17, 18, 21, 38, 43, 44, 47, 48],
    // arduino-esp32 variants/arduino_nano_nora (GPIO numbering branch).
    pinLabels: {
      44: 'D0', 43: 'D1', 5: 'D2', 6: 'D3', 7: 'D4', 8: 'D5', 9: 'D6', 10: 'D7',
      17: 'D8', 18: 'D9', 21: 'D10', 38: 'D11', 47: 'D12', 48: 'D13',
      1: 'A0', 2: 'A1', 3: 'A2', 4: 'A3', 11: 'A4', 12: 'A5', 13: 'A6', 14: 'A7',
    },
    statusLed: { pin: 48, activeLow: false, drive: 'gpio' },
    i2c: { sda: 11, scl: 12 },
    spi: { mosi: 38, miso: 47, sck: 48, cs: 21 },
    uart: { tx: 43, rx: 44 },
    usbIds: [],
    notes: ["Arduino only: the board uploads over DFU into Arduino's partition layout, which the ESP-IDF build does not produce."],
  },
  'esp32-c3-devkitm-1': {
    // ESP32-C3-MINI-1 pins; 11–17 belong to the in-package flash.
    gpios: [...range(0, 10), ...range(18, 21)],
    statusLed: C3_WS2812,
    usbIds: [USB.cp210x, USB.ch9102],
  },
  'esp32-c6-devkitc-1': {
    // Header pins J1/J3 (user guide); the module has no GPIO 14, and 24–30 are its flash.
    gpios: [...range(0, 13), ...range(15, 23)],
    statusLed: { pin: 8, activeLow: false, drive: 'ws2812' },
    usbIds: [USB.cp210x, USB.ch343, USB.ch9102, USB.espUsbSerialJtag],
  },
  nodemcuv2: {
    pinLabels: { ...ESP8266_LABELS, 6: 'CLK', 7: 'SD0', 8: 'SD1', 9: 'SD2', 10: 'SD3', 11: 'CMD' },
    restrictions: restrict('led', 'warning', [16], "is wired to the board's second built-in LED"),
    statusLed: ESP8266_LED,
    usbIds: [USB.cp210x, USB.ch340],
    ...ESP8266_DIVIDER,
  },
  d1_mini: {
    gpios: [...range(0, 5), ...range(12, ESP8266_A0)],
    pinLabels: ESP8266_LABELS,
    statusLed: ESP8266_LED,
    usbIds: [USB.ch340, USB.ch9102],
    ...ESP8266_DIVIDER,
  },
  rpipicow: {
    // arduino-pico's LED_BUILTIN at the pinned commit fdd75571 (variants/rpipicow/pins_arduino.h): 32, radio GPIO 0.
    statusLed: { pin: 32, activeLow: false, drive: 'wifi-chip' },
    // 0003 is the ROM's BOOTSEL drive; the manifest has arduino-pico's CDC ids.
    usbIds: [{ vid: 0x2e8a, pid: 0x0003 }],
    notes: ['GPIO 23, 24, 25 and 29 run the Wi-Fi chip; the LED hangs off the Wi-Fi chip too.'],
  },
};

/**
 * The ESP32-C3 "Super Mini" (Nologo/MakerGO and clones). PlatformIO's espressif32
 * 6.13.0 has no board for it; the usual recipe, used here, is esp32-c3-devkitm-1
 * (same chip, 4 MB flash, QIO) plus the two flags that put Serial on the C3's
 * USB-Serial-JTAG, the board's only USB. (lolin_c3_mini also builds, but its
 * variant describes a different board: RGB LED on GPIO 7.)
 */
export const BOARD_ALIASES: readonly BoardAlias[] = [
  {
    id: 'esp32-c3-super-mini',
    platformioBoard: 'esp32-c3-devkitm-1',
    name: 'ESP32-C3 Super Mini',
    vendor: 'Generic',
    consoleOnUsb: true,
    buildFlags: { arduino: ['-DARDUINO_USB_MODE=1', '-DARDUINO_USB_CDC_ON_BOOT=1'] },
    // Header pins; 18/19 go to the USB-C port only.
    gpios: [...range(0, 10), 20, 21],
    // Blue LED between 3V3 and GPIO 8, so that it also holds the strapping pin high.
    statusLed: { pin: 8, activeLow: true, drive: 'gpio' },
    usbIds: [USB.espUsbSerialJtag],
    notes: [
      'Built as PlatformIO board esp32-c3-devkitm-1 (PlatformIO has no Super Mini board) with -DARDUINO_USB_MODE=1 -DARDUINO_USB_CDC_ON_BOOT=1 so Serial uses the USB-C port.',
      "With ESP-IDF the log reaches the USB-C port as IDF's secondary console on USB-Serial-JTAG.",
    ],
  },
];
