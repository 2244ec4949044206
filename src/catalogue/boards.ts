/**
 * The boards harbor-connect knows: plain data, checked against the real
 * PlatformIO manifests (ids, frameworks, memory, USB ids) by
 * test/catalogue/boards-manifest.test.ts.
 *
 * Pin facts come from the vendors' user guides and datasheets and from the
 * cores' variant headers (arduino-esp32 variants/*, esp8266 variants/*,
 * arduino-pico variants/rpipicow). Default I2C/SPI/UART pins are the Arduino
 * variant's, so wiring from the usual pinout diagrams matches.
 */
import type {
  AdcPin,
  AdcUnit,
  Board,
  Framework,
  PinRestriction,
  PinRestrictionKind,
  StatusLed,
  UsbId,
} from './board-types.js';

export type * from './board-types.js';

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function adc(unit: AdcUnit, pins: readonly number[]): AdcPin[] {
  return pins.map((pin) => ({ pin, unit }));
}

function restrict(
  kind: PinRestrictionKind,
  severity: PinRestriction['severity'],
  pins: readonly number[],
  reason: string,
): PinRestriction[] {
  return pins.map((pin) => ({ pin, kind, severity, reason }));
}

function strapping(pin: number, bootLevel: 'high' | 'low', reason: string): PinRestriction {
  return { pin, kind: 'strapping', severity: 'warning', reason, bootLevel };
}

const FLASH_REASON = 'is connected to the flash chip';
const LED_REASON = "is wired to the board's built-in LED, which the firmware uses as its status light";

/** Wi-Fi owns ADC2 on the ESP32 (reads fail while it runs) and arbitrates it away on the S2/S3. */
function adc2WifiRestrictions(pins: readonly AdcPin[]): PinRestriction[] {
  return restrict(
    'adc2-wifi',
    'error',
    pins.filter((p) => p.unit === 'ADC2').map((p) => p.pin),
    'is on ADC2, which cannot be read while Wi-Fi is on',
  );
}

/** A plain or RGB LED on a header pin loads whatever else is wired there. The Pico W's LED is on the radio. */
function ledRestrictions(led: StatusLed | null): PinRestriction[] {
  return led && led.drive !== 'wifi-chip' ? restrict('led', 'warning', [led.pin], LED_REASON) : [];
}

const USB = {
  cp210x: { vid: 0x10c4, pid: 0xea60 },
  ch340: { vid: 0x1a86, pid: 0x7523 },
  ch343: { vid: 0x1a86, pid: 0x55d3 },
  ch9102: { vid: 0x1a86, pid: 0x55d4 },
  /** ESP32-C3/S3/C6 built-in USB-Serial-JTAG. */
  espUsbSerialJtag: { vid: 0x303a, pid: 0x1001 },
} as const satisfies Record<string, UsbId>;

const ARDUINO_AND_IDF = {
  frameworks: ['arduino', 'espidf'] as const satisfies readonly Framework[],
  adapters: { arduino: 'arduino-esp32', espidf: 'espidf' } as const,
};

// ---------------------------------------------------------------- ESP32 (WROOM-32 / ESP-32S modules)

/**
 * GPIOs of the ESP32-WROOM-32 module these dev boards carry. GPIO 20, 24 and
 * 28–31 do not exist on the chip; 37 and 38 are not brought out by the module.
 */
const ESP32_MODULE_GPIOS = [...range(0, 19), 21, 22, 23, 25, 26, 27, ...range(32, 36), 39];

const ESP32_ADC = [...adc('ADC1', [32, 33, 34, 35, 36, 39]), ...adc('ADC2', [0, 2, 4, 12, 13, 14, 15, 25, 26, 27])];

const ESP32_RESTRICTIONS: PinRestriction[] = [
  ...restrict('flash', 'error', range(6, 11), FLASH_REASON),
  ...restrict('serial', 'error', [1], 'is the serial TX line that uploads and logs use'),
  ...restrict('serial', 'error', [3], 'is the serial RX line that uploads and logs use'),
  ...restrict('input-only', 'error', [34, 35, 36, 39], 'is input-only'),
  strapping(0, 'high', 'selects the boot mode: held low at reset, the chip starts its bootloader instead of the firmware'),
  strapping(2, 'low', 'must be low or floating at reset for uploads to work'),
  strapping(5, 'high', 'sets the SDIO timing at reset and must be high then'),
  strapping(12, 'low', 'selects the flash voltage: held high at reset, the flash gets 1.8 V and the board does not boot'),
  strapping(15, 'high', 'must be high at reset, or the boot messages are silenced'),
  ...adc2WifiRestrictions(ESP32_ADC),
];

/** The original ESP32's sensor is undocumented and reads a near-constant value; ESP-IDF has no driver for it. */
const ESP32_NO_TEMPERATURE_NOTE = 'No on-chip temperature sensor: the original ESP32 has none that ESP-IDF supports.';

function esp32Board(entry: {
  id: string;
  name: string;
  statusLed: StatusLed | null;
  usbIds: readonly UsbId[];
  pinLabels?: Board['pinLabels'];
  notes?: readonly string[];
}): Board {
  return {
    id: entry.id,
    platformioBoard: entry.id,
    name: entry.name,
    chip: 'esp32',
    platform: 'espressif32',
    ...ARDUINO_AND_IDF,
    buildFlags: {},
    flashBytes: 4 * 1024 * 1024,
    ramBytes: 320 * 1024,
    gpios: ESP32_MODULE_GPIOS,
    pinLabels: entry.pinLabels ?? {},
    adc: ESP32_ADC,
    restrictions: [...ESP32_RESTRICTIONS, ...ledRestrictions(entry.statusLed)],
    hasTemperatureSensor: false,
    i2c: { sda: 21, scl: 22 },
    spi: { mosi: 23, miso: 19, sck: 18, cs: 5 },
    uart: { tx: 1, rx: 3 },
    statusLed: entry.statusLed,
    usbIds: entry.usbIds,
    notes: [ESP32_NO_TEMPERATURE_NOTE, ...(entry.notes ?? [])],
  };
}

const esp32dev = esp32Board({
  id: 'esp32dev',
  name: 'Espressif ESP32 Dev Module',
  // Espressif's DevKitC has only a power LED; clones with an LED on GPIO 2 should pick esp32doit-devkit-v1.
  statusLed: null,
  usbIds: [USB.cp210x, USB.ch340, USB.ch9102],
  notes: ['No status LED: the DevKitC this id stands for has none (many clones have one on GPIO 2).'],
});

const esp32doit = esp32Board({
  id: 'esp32doit-devkit-v1',
  name: 'DOIT ESP32 DEVKIT V1',
  statusLed: { pin: 2, activeLow: false, drive: 'gpio' },
  usbIds: [USB.cp210x, USB.ch340],
});

const nodemcu32s = esp32Board({
  id: 'nodemcu-32s',
  name: 'NodeMCU-32S',
  statusLed: { pin: 2, activeLow: false, drive: 'gpio' },
  usbIds: [USB.cp210x, USB.ch340],
});

const wemosD1Mini32 = esp32Board({
  id: 'wemos_d1_mini32',
  name: 'WEMOS D1 MINI ESP32',
  statusLed: { pin: 2, activeLow: false, drive: 'gpio' },
  usbIds: [USB.cp210x, USB.ch9102, USB.ch340],
  // The D1-mini-compatible inner row (arduino-esp32 variants/d1_mini32).
  pinLabels: { 26: 'D0', 22: 'D1', 21: 'D2', 17: 'D3', 16: 'D4', 18: 'D5', 19: 'D6', 23: 'D7', 5: 'D8' },
});

// ---------------------------------------------------------------- ESP32-S2

const S2_MINI_ADC = [...adc('ADC1', range(1, 10)), ...adc('ADC2', range(11, 18))];
const S2_MINI_LED: StatusLed = { pin: 15, activeLow: false, drive: 'gpio' };

const lolinS2Mini: Board = {
  id: 'lolin_s2_mini',
  platformioBoard: 'lolin_s2_mini',
  name: 'WEMOS LOLIN S2 Mini',
  chip: 'esp32s2',
  platform: 'espressif32',
  frameworks: ['arduino'],
  adapters: { arduino: 'arduino-esp32' },
  buildFlags: {},
  flashBytes: 4 * 1024 * 1024,
  ramBytes: 320 * 1024,
  // The 27 header GPIOs. GPIO 0 is the button, 19/20 the USB-C port, 26–32 the in-package flash and PSRAM.
  gpios: [...range(1, 18), 21, ...range(33, 40)],
  pinLabels: {},
  adc: S2_MINI_ADC,
  restrictions: [...adc2WifiRestrictions(S2_MINI_ADC), ...ledRestrictions(S2_MINI_LED)],
  hasTemperatureSensor: true,
  i2c: { sda: 33, scl: 35 },
  spi: { mosi: 11, miso: 9, sck: 7, cs: 12 },
  uart: { tx: 39, rx: 37 },
  statusLed: S2_MINI_LED,
  // 80C2: the Arduino core's USB CDC; 0002: the ROM's USB download mode (hold 0, press RST).
  usbIds: [{ vid: 0x303a, pid: 0x80c2 }, { vid: 0x303a, pid: 0x0002 }],
  notes: [
    'Arduino only: the console runs over the S2\'s USB-OTG CDC and uploads use the 1200-bps touch, both provided by the Arduino core.',
  ],
};

// ---------------------------------------------------------------- ESP32-S3

const S3_DEVKITC_ADC = [...adc('ADC1', range(1, 10)), ...adc('ADC2', range(11, 20))];

const s3Strapping = [
  strapping(0, 'high', 'selects the boot mode: held low at reset, the chip starts its bootloader instead of the firmware'),
  strapping(45, 'low', 'selects the flash voltage: held high at reset, 3.3 V flash gets 1.8 V and the board does not boot'),
  strapping(46, 'low', 'must be low at reset for uploads to work'),
  // GPIO 3 only selects the JTAG source when an eFuse asks for it, which no retail board does.
];

const esp32s3DevkitC1: Board = {
  id: 'esp32-s3-devkitc-1',
  platformioBoard: 'esp32-s3-devkitc-1',
  name: 'Espressif ESP32-S3-DevKitC-1',
  chip: 'esp32s3',
  platform: 'espressif32',
  ...ARDUINO_AND_IDF,
  buildFlags: {},
  flashBytes: 8 * 1024 * 1024,
  ramBytes: 320 * 1024,
  // Header pins J1/J3 (ESP32-S3-DevKitC-1 user guide v1.1); 22–34 are not brought out.
  gpios: [...range(0, 21), ...range(35, 48)],
  pinLabels: {},
  adc: S3_DEVKITC_ADC,
  restrictions: [
    ...restrict('serial', 'error', [43], 'is the serial TX line that uploads and logs use'),
    ...restrict('serial', 'error', [44], 'is the serial RX line that uploads and logs use'),
    ...restrict('usb', 'warning', [19], "is the D− line of the S3's own USB port"),
    ...restrict('usb', 'warning', [20], "is the D+ line of the S3's own USB port"),
    ...restrict('psram', 'warning', [35, 36, 37], 'is used by the octal PSRAM on the N8R8 and N16R8 versions of this board'),
    ...s3Strapping,
    ...adc2WifiRestrictions(S3_DEVKITC_ADC),
  ],
  hasTemperatureSensor: true,
  i2c: { sda: 8, scl: 9 },
  spi: { mosi: 11, miso: 13, sck: 12, cs: 10 },
  uart: { tx: 43, rx: 44 },
  // The RGB LED is on GPIO 48 on v1.0 boards and GPIO 38 on v1.1: both are sold, so none is assumed.
  statusLed: null,
  usbIds: [USB.espUsbSerialJtag, USB.cp210x, USB.ch343],
  notes: [
    'No status LED: the RGB LED moved from GPIO 48 (v1.0) to GPIO 38 (v1.1) and both versions are sold.',
    'Logs go to the port marked UART (the manifest sets ARDUINO_USB_MODE=1 without CDC on boot).',
  ],
};

// Arduino Nano ESP32: NORA-W106 (ESP32-S3, 16 MB flash, 8 MB octal PSRAM on GPIO 33–37, not brought out).
const NANO_ADC = [...adc('ADC1', range(1, 10)), ...adc('ADC2', [11, 12, 13, 14, 17, 18])];
const NANO_LED: StatusLed = { pin: 48, activeLow: false, drive: 'gpio' };

const arduinoNanoEsp32: Board = {
  id: 'arduino_nano_esp32',
  platformioBoard: 'arduino_nano_esp32',
  name: 'Arduino Nano ESP32',
  chip: 'esp32s3',
  platform: 'espressif32',
  frameworks: ['arduino'],
  adapters: { arduino: 'arduino-esp32' },
  // The manifest turns on Arduino pin numbering (D2 = 2); we speak GPIO numbers everywhere.
  buildFlags: { arduino: ['-DBOARD_USES_HW_GPIO_NUMBERS'] },
  flashBytes: 16 * 1024 * 1024,
  ramBytes: 320 * 1024,
  gpios: [...range(1, 14), 17, 18, 21, 38, 43, 44, 47, 48],
  // arduino-esp32 variants/arduino_nano_nora (GPIO numbering branch).
  pinLabels: {
    44: 'D0', 43: 'D1', 5: 'D2', 6: 'D3', 7: 'D4', 8: 'D5', 9: 'D6', 10: 'D7',
    17: 'D8', 18: 'D9', 21: 'D10', 38: 'D11', 47: 'D12', 48: 'D13',
    1: 'A0', 2: 'A1', 3: 'A2', 4: 'A3', 11: 'A4', 12: 'A5', 13: 'A6', 14: 'A7',
  },
  adc: NANO_ADC,
  restrictions: [...adc2WifiRestrictions(NANO_ADC), ...ledRestrictions(NANO_LED)],
  hasTemperatureSensor: true,
  i2c: { sda: 11, scl: 12 },
  spi: { mosi: 38, miso: 47, sck: 48, cs: 21 },
  uart: { tx: 43, rx: 44 },
  statusLed: NANO_LED,
  usbIds: [{ vid: 0x2341, pid: 0x0070 }],
  notes: [
    'Pins are GPIO numbers (A0 = GPIO 1, D2 = GPIO 5): the build adds -DBOARD_USES_HW_GPIO_NUMBERS to switch off Arduino pin numbering.',
    "Arduino only: the board uploads over DFU into Arduino's partition layout, which the ESP-IDF build does not produce.",
  ],
};

// ---------------------------------------------------------------- ESP32-C3

const C3_ADC = adc('ADC1', range(0, 4)); // GPIO 5 is ADC2, which ESP-IDF refuses on the C3 (errata: unreliable).

const c3Strapping = [
  strapping(2, 'high', 'must be high at reset for the chip to boot'),
  strapping(8, 'high', 'must be high at reset for uploads to work'),
  strapping(9, 'high', 'selects the boot mode: held low at reset, the chip starts its bootloader instead of the firmware'),
];

const C3_DEVKITM_LED: StatusLed = { pin: 8, activeLow: false, drive: 'ws2812' };

const esp32c3DevkitM1: Board = {
  id: 'esp32-c3-devkitm-1',
  platformioBoard: 'esp32-c3-devkitm-1',
  name: 'Espressif ESP32-C3-DevKitM-1',
  chip: 'esp32c3',
  platform: 'espressif32',
  ...ARDUINO_AND_IDF,
  buildFlags: {},
  flashBytes: 4 * 1024 * 1024,
  ramBytes: 320 * 1024,
  // ESP32-C3-MINI-1 pins; 11–17 belong to the in-package flash.
  gpios: [...range(0, 10), ...range(18, 21)],
  pinLabels: {},
  adc: C3_ADC,
  restrictions: [
    ...restrict('serial', 'error', [21], 'is the serial TX line that uploads and logs use'),
    ...restrict('serial', 'error', [20], 'is the serial RX line that uploads and logs use'),
    ...restrict('usb', 'warning', [18], "is the D− line of the C3's USB-Serial-JTAG"),
    ...restrict('usb', 'warning', [19], "is the D+ line of the C3's USB-Serial-JTAG"),
    ...c3Strapping,
    ...ledRestrictions(C3_DEVKITM_LED),
  ],
  hasTemperatureSensor: true,
  i2c: { sda: 8, scl: 9 },
  spi: { mosi: 6, miso: 5, sck: 4, cs: 7 },
  uart: { tx: 21, rx: 20 },
  statusLed: C3_DEVKITM_LED,
  usbIds: [USB.cp210x, USB.ch9102],
  notes: ['GPIO 5 is not offered for analog input: it is on ADC2, which the C3 errata declare unreliable.'],
};

const C3_SUPER_MINI_LED: StatusLed = { pin: 8, activeLow: true, drive: 'gpio' };

/**
 * The ESP32-C3 "Super Mini" (Nologo/MakerGO and clones). PlatformIO's espressif32
 * 6.13.0 has no board for it; the usual recipe, used here, is esp32-c3-devkitm-1
 * (same chip, 4 MB flash, QIO) plus the two flags that put Serial on the C3's
 * USB-Serial-JTAG, the board's only USB. (lolin_c3_mini also builds, but its
 * variant describes a different board: RGB LED on GPIO 7.)
 */
const esp32c3SuperMini: Board = {
  id: 'esp32-c3-super-mini',
  platformioBoard: 'esp32-c3-devkitm-1',
  name: 'ESP32-C3 Super Mini',
  chip: 'esp32c3',
  platform: 'espressif32',
  ...ARDUINO_AND_IDF,
  buildFlags: { arduino: ['-DARDUINO_USB_MODE=1', '-DARDUINO_USB_CDC_ON_BOOT=1'] },
  flashBytes: 4 * 1024 * 1024,
  ramBytes: 320 * 1024,
  // Header pins; 18/19 go to the USB-C port only.
  gpios: [...range(0, 10), 20, 21],
  pinLabels: {},
  adc: C3_ADC,
  restrictions: [...c3Strapping, ...ledRestrictions(C3_SUPER_MINI_LED)],
  hasTemperatureSensor: true,
  i2c: { sda: 8, scl: 9 },
  spi: { mosi: 6, miso: 5, sck: 4, cs: 7 },
  uart: { tx: 21, rx: 20 },
  // Blue LED between 3V3 and GPIO 8, so that it also holds the strapping pin high.
  statusLed: C3_SUPER_MINI_LED,
  usbIds: [USB.espUsbSerialJtag],
  notes: [
    'Built as PlatformIO board esp32-c3-devkitm-1 (PlatformIO has no Super Mini board) with -DARDUINO_USB_MODE=1 -DARDUINO_USB_CDC_ON_BOOT=1 so Serial uses the USB-C port.',
    "With ESP-IDF the log reaches the USB-C port as IDF's secondary console on USB-Serial-JTAG.",
  ],
};

// ---------------------------------------------------------------- ESP32-C6

const C6_ADC = adc('ADC1', range(0, 6));
const C6_DEVKITC_LED: StatusLed = { pin: 8, activeLow: false, drive: 'ws2812' };

const esp32c6DevkitC1: Board = {
  id: 'esp32-c6-devkitc-1',
  platformioBoard: 'esp32-c6-devkitc-1',
  name: 'Espressif ESP32-C6-DevKitC-1',
  chip: 'esp32c6',
  platform: 'espressif32',
  frameworks: ['espidf'],
  adapters: { espidf: 'espidf' },
  buildFlags: {},
  flashBytes: 8 * 1024 * 1024,
  ramBytes: 320 * 1024,
  // Header pins J1/J3 (user guide); the module has no GPIO 14, and 24–30 are its flash.
  gpios: [...range(0, 13), ...range(15, 23)],
  pinLabels: {},
  adc: C6_ADC,
  restrictions: [
    ...restrict('serial', 'error', [16], 'is the serial TX line that uploads and logs use'),
    ...restrict('serial', 'error', [17], 'is the serial RX line that uploads and logs use'),
    ...restrict('usb', 'warning', [12], "is the D− line of the C6's own USB port"),
    ...restrict('usb', 'warning', [13], "is the D+ line of the C6's own USB port"),
    strapping(8, 'high', 'must be high at reset for uploads to work'),
    strapping(9, 'high', 'selects the boot mode: held low at reset, the chip starts its bootloader instead of the firmware'),
    // MTMS (4), MTDI (5) and GPIO 15 strap SDIO edges and the JTAG source only: no effect on a flash boot.
    ...ledRestrictions(C6_DEVKITC_LED),
  ],
  hasTemperatureSensor: true,
  i2c: { sda: 23, scl: 22 },
  spi: { mosi: 19, miso: 20, sck: 21, cs: 18 },
  uart: { tx: 16, rx: 17 },
  statusLed: C6_DEVKITC_LED,
  usbIds: [USB.cp210x, USB.ch343, USB.ch9102, USB.espUsbSerialJtag],
  notes: [
    'ESP-IDF only: platformio/espressif32 6.13.0 lists only espidf for this board; Arduino on the C6 needs arduino-esp32 3.x (the community pioarduino platform), which harbor-connect does not target.',
  ],
};

// ---------------------------------------------------------------- ESP8266

/** ESP8266 Arduino numbering: GPIO 0–16, and 17 for the analog-only A0. */
const ESP8266_A0 = 17;
const ESP8266_LED: StatusLed = { pin: 2, activeLow: true, drive: 'gpio' };

const ESP8266_RESTRICTIONS: PinRestriction[] = [
  ...restrict('serial', 'error', [1], 'is the serial TX line that uploads and logs use'),
  ...restrict('serial', 'error', [3], 'is the serial RX line that uploads and logs use'),
  strapping(0, 'high', 'selects the boot mode: held low at reset, the chip waits for an upload instead of running the firmware'),
  strapping(2, 'high', 'must be high at reset for the chip to boot'),
  strapping(15, 'low', 'must be low at reset for the chip to boot'),
  // The core's I2C and the OneWire library drive pins through the GPIO 0–15 registers; GPIO 16 sits elsewhere.
  ...restrict('no-open-drain', 'error', [16], 'cannot drive an I2C or 1-Wire bus'),
  ...restrict('analog-only', 'error', [ESP8266_A0], 'can only read analog values'),
  ...ledRestrictions(ESP8266_LED),
];

const ESP8266_LABELS = {
  16: 'D0', 5: 'D1', 4: 'D2', 0: 'D3', 2: 'D4', 14: 'D5', 12: 'D6', 13: 'D7', 15: 'D8', 3: 'RX', 1: 'TX', 17: 'A0',
};

function esp8266Board(entry: {
  id: string;
  name: string;
  gpios: readonly number[];
  pinLabels: Board['pinLabels'];
  extraRestrictions: readonly PinRestriction[];
  usbIds: readonly UsbId[];
}): Board {
  return {
    id: entry.id,
    platformioBoard: entry.id,
    name: entry.name,
    chip: 'esp8266',
    platform: 'espressif8266',
    // The manifest also lists the Espressif SDKs (esp8266-rtos-sdk, nonos): no adapter for them.
    frameworks: ['arduino'],
    adapters: { arduino: 'esp8266' },
    // NodeMCU and D1 mini put a 220k/100k divider before A0: 0-3.2 V reads as 0-1023 (the bare chip: 0-1 V).
    buildFlags: { arduino: ['-DHARBOR_ADC_FULL_SCALE_MV=3200'] },
    flashBytes: 4 * 1024 * 1024,
    ramBytes: 80 * 1024,
    gpios: entry.gpios,
    pinLabels: entry.pinLabels,
    adc: adc('ADC', [ESP8266_A0]),
    restrictions: [...ESP8266_RESTRICTIONS, ...entry.extraRestrictions],
    hasTemperatureSensor: false,
    i2c: { sda: 4, scl: 5 },
    spi: { mosi: 13, miso: 12, sck: 14, cs: 15 },
    uart: { tx: 1, rx: 3 },
    statusLed: ESP8266_LED,
    usbIds: entry.usbIds,
    notes: ['The only analog input is A0 (pin 17 in Arduino numbering), 0 to 3.2 V through the board\'s divider.'],
  };
}

const nodemcuv2 = esp8266Board({
  id: 'nodemcuv2',
  name: 'NodeMCU 1.0 (ESP-12E Module)',
  gpios: range(0, ESP8266_A0),
  pinLabels: { ...ESP8266_LABELS, 6: 'CLK', 7: 'SD0', 8: 'SD1', 9: 'SD2', 10: 'SD3', 11: 'CMD' },
  extraRestrictions: [
    // The SD pins are brought out but wired to the module's flash (9 and 10 too: HOLD and WP).
    ...restrict('flash', 'error', range(6, 11), FLASH_REASON),
    ...restrict('led', 'warning', [16], "is wired to the board's second built-in LED"),
  ],
  usbIds: [USB.cp210x, USB.ch340],
});

const d1Mini = esp8266Board({
  id: 'd1_mini',
  name: 'WeMos D1 R2 and mini',
  gpios: [...range(0, 5), ...range(12, ESP8266_A0)],
  pinLabels: ESP8266_LABELS,
  extraRestrictions: [],
  usbIds: [USB.ch340, USB.ch9102],
});

// ---------------------------------------------------------------- Raspberry Pi Pico W

const rpipicow: Board = {
  id: 'rpipicow',
  platformioBoard: 'rpipicow',
  name: 'Raspberry Pi Pico W',
  chip: 'rp2040',
  platform: 'raspberrypi',
  frameworks: ['arduino'],
  adapters: { arduino: 'picow' },
  buildFlags: {},
  flashBytes: 2 * 1024 * 1024,
  ramBytes: 256 * 1024,
  gpios: range(0, 29),
  pinLabels: {},
  adc: adc('ADC', [26, 27, 28]),
  restrictions: [
    ...restrict('radio', 'error', [23], "is the Wi-Fi chip's power enable (WL_ON)"),
    ...restrict('radio', 'error', [24], "is the Wi-Fi chip's SPI data line (WL_D)"),
    ...restrict('radio', 'error', [25], "is the Wi-Fi chip's SPI chip select (WL_CS)"),
    ...restrict('radio', 'error', [29], "is the Wi-Fi chip's SPI clock (WL_CLK), shared with the VSYS sense input"),
  ],
  hasTemperatureSensor: true,
  i2c: { sda: 4, scl: 5 },
  spi: { mosi: 19, miso: 16, sck: 18, cs: 17 },
  uart: { tx: 0, rx: 1 },
  // arduino-pico's LED_BUILTIN at the pinned commit fdd75571 (variants/rpipicow/pins_arduino.h): 32, radio GPIO 0.
  statusLed: { pin: 32, activeLow: false, drive: 'wifi-chip' },
  // 00C0 and F00A from the manifest (arduino-pico's CDC); 0003 is the ROM's BOOTSEL drive.
  usbIds: [{ vid: 0x2e8a, pid: 0x00c0 }, { vid: 0x2e8a, pid: 0xf00a }, { vid: 0x2e8a, pid: 0x0003 }],
  notes: [
    'Arduino core by Earle Philhower (arduino-pico) through the community platform maxgerhardt/platform-raspberrypi (platform = https://github.com/maxgerhardt/platform-raspberrypi.git).',
    'GPIO 23, 24, 25 and 29 run the Wi-Fi chip; the LED hangs off the Wi-Fi chip too.',
  ],
};

export const BOARDS: readonly Board[] = [
  esp32dev,
  esp32doit,
  nodemcu32s,
  wemosD1Mini32,
  lolinS2Mini,
  esp32s3DevkitC1,
  arduinoNanoEsp32,
  esp32c3DevkitM1,
  esp32c3SuperMini,
  esp32c6DevkitC1,
  nodemcuv2,
  d1Mini,
  rpipicow,
];

export function findBoard(id: string): Board | undefined {
  return BOARDS.find((board) => board.id === id);
}
