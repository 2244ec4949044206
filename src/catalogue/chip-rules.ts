/**
 * What every board with a given chip has in common: its GPIOs, ADC channels,
 * the pins it reserves (flash, PSRAM, console, USB, strapping), the buses the
 * Arduino core puts on which pins, the RAM the firmware can use and the
 * frameworks our adapters build for it. A board in the catalogue gets these,
 * narrowed to the pins it brings out where we know them (board-overrides.ts).
 *
 * Sources: the chips' datasheets (GPIO, strapping and ADC tables), ESP-IDF's
 * linker scripts and heap layouts (components/esp_system/ld/<chip>/memory.ld.in,
 * components/heap/port/<chip>/memory_layout.c), arduino-esp32 2.0.x's
 * variants/<chip>/pins_arduino.h and sdkconfig (PSRAM pins), the ESP8266
 * Arduino core and arduino-pico's variants/rpipicow.
 */
import type {
  AdcPin,
  AdcUnit,
  Chip,
  Framework,
  I2cPins,
  PinRestriction,
  PinRestrictionKind,
  PioPlatform,
  PlatformAdapterId,
  Psram,
  SpiPins,
  StatusLed,
  UartPins,
  UsbId,
} from './board-types.js';

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function adc(unit: AdcUnit, pins: readonly number[]): AdcPin[] {
  return pins.map((pin) => ({ pin, unit }));
}

export function restrict(
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
const TX_REASON = 'is the serial TX line that uploads and logs use';
const RX_REASON = 'is the serial RX line that uploads and logs use';
const BOOT_MODE_REASON = 'selects the boot mode: held low at reset, the chip starts its bootloader instead of the firmware';
const LED_REASON = "is wired to the board's built-in LED, which the firmware uses as its status light";

/**
 * The console's UART is refused. Where the console is the chip's own USB
 * (-DARDUINO_USB_CDC_ON_BOOT=1), UART0 only carries the boot ROM's messages
 * at reset (and ESP-IDF's log, where that is offered): worth a warning.
 */
function serialPins(uart: UartPins, consoleOnUsb: boolean): PinRestriction[] {
  if (consoleOnUsb) {
    return [
      ...restrict('serial', 'warning', [uart.tx], "is UART0's TX line, where the boot ROM prints at reset"),
      ...restrict('serial', 'warning', [uart.rx], "is UART0's RX line, which the boot ROM listens on at reset"),
    ];
  }
  return [...restrict('serial', 'error', [uart.tx], TX_REASON), ...restrict('serial', 'error', [uart.rx], RX_REASON)];
}

function usbPins(dMinus: number, dPlus: number, what: string): PinRestriction[] {
  return [
    ...restrict('usb', 'warning', [dMinus], `is the D− line of the ${what}`),
    ...restrict('usb', 'warning', [dPlus], `is the D+ line of the ${what}`),
  ];
}

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
export function ledRestrictions(led: StatusLed | null): PinRestriction[] {
  return led && led.drive !== 'wifi-chip' ? restrict('led', 'warning', [led.pin], LED_REASON) : [];
}

/** The pin facts of a chip (or of one board, once narrowed), before the board's LED is added. */
export interface PinFacts {
  readonly gpios: readonly number[];
  readonly adc: readonly AdcPin[];
  readonly restrictions: readonly PinRestriction[];
  readonly i2c: I2cPins;
  readonly spi: SpiPins;
  readonly uart: UartPins;
}

export interface ChipRule {
  /** How people write the chip: "ESP32-S3". */
  readonly label: string;
  readonly platform: PioPlatform;
  /** The adapter for each framework we build for this chip, default framework first. */
  readonly adapters: Readonly<Partial<Record<Framework, PlatformAdapterId>>>;
  /** See Board.ramBytes; the comments in CHIP_RULES say where each figure comes from. */
  readonly ramBytes: number;
  readonly hasTemperatureSensor: boolean;
  /** USB-serial bridges and built-in USB ids boards of this chip usually show, for port detection. */
  readonly usbIds: readonly UsbId[];
  /** Why a chip-wide choice was made, for the board's notes. */
  readonly notes: readonly string[];
  /** What a user of a board we only know from its manifest should check; the overrides say it for theirs. */
  readonly unverifiedNotes?: readonly string[];
  readonly pins: (psram: Psram | null, consoleOnUsb: boolean) => PinFacts;
}

const KB = 1024;

export const USB = {
  cp210x: { vid: 0x10c4, pid: 0xea60 },
  ch340: { vid: 0x1a86, pid: 0x7523 },
  ch343: { vid: 0x1a86, pid: 0x55d3 },
  ch9102: { vid: 0x1a86, pid: 0x55d4 },
  /** ESP32-C3/S3/C6 built-in USB-Serial-JTAG. */
  espUsbSerialJtag: { vid: 0x303a, pid: 0x1001 },
  /** The ESP32-S2/S3 ROM's USB download mode (hold 0, press RST). */
  espRomDownload: { vid: 0x303a, pid: 0x0002 },
} as const satisfies Record<string, UsbId>;

const ESP32_FAMILY = { arduino: 'arduino-esp32', espidf: 'espidf' } as const;

/**
 * On the chips whose code and data share one SRAM (S2, S3, C3, C6) the code
 * ESP-IDF keeps in IRAM (interrupt handlers, Wi-Fi and flash-cache-safe paths)
 * comes out of the same RAM. 64 KB is a round figure for a Wi-Fi and TLS
 * firmware; the ESP32 has a separate IRAM and does not pay it.
 */
const SHARED_SRAM_CODE_BYTES = 64 * KB;

// ---------------------------------------------------------------- ESP32

const ESP32_ADC = [...adc('ADC1', range(32, 39)), ...adc('ADC2', [0, 2, 4, 12, 13, 14, 15, 25, 26, 27])];

/** 20, 24 and 28–31 do not exist; 37 and 38 are input-only and only some packages bring them out. */
const ESP32_GPIOS = [...range(0, 19), 21, 22, 23, 25, 26, 27, ...range(32, 39)];

function esp32Pins(psram: Psram | null, consoleOnUsb: boolean): PinFacts {
  const uart = { tx: 1, rx: 3 };
  return {
    gpios: ESP32_GPIOS,
    adc: ESP32_ADC,
    restrictions: [
      ...restrict('flash', 'error', range(6, 11), FLASH_REASON),
      // arduino-esp32's sdkconfig: CONFIG_D0WD_PSRAM_CS_IO 16, CONFIG_D0WD_PSRAM_CLK_IO 17 (WROVER modules).
      ...(psram
        ? [
            ...restrict('psram', 'error', [16], "is the chip select of the board's PSRAM"),
            ...restrict('psram', 'error', [17], "is the clock of the board's PSRAM"),
          ]
        : []),
      ...serialPins(uart, consoleOnUsb),
      ...restrict('input-only', 'error', range(34, 39), 'is input-only'),
      strapping(0, 'high', BOOT_MODE_REASON),
      strapping(2, 'low', 'must be low or floating at reset for uploads to work'),
      strapping(5, 'high', 'sets the SDIO timing at reset and must be high then'),
      strapping(12, 'low', 'selects the flash voltage: held high at reset, the flash gets 1.8 V and the board does not boot'),
      strapping(15, 'high', 'must be high at reset, or the boot messages are silenced'),
      ...adc2WifiRestrictions(ESP32_ADC),
    ],
    i2c: { sda: 21, scl: 22 },
    spi: { mosi: 23, miso: 19, sck: 18, cs: 5 },
    uart,
  };
}

// ---------------------------------------------------------------- ESP32-S2 and ESP32-S3

/** SPI flash lines SPIHD, SPIWP, SPICS0, SPICLK, SPIQ, SPID (S2 and S3 alike). */
const S2_S3_FLASH = range(27, 32);
/** SPICS1: the PSRAM's chip select where there is PSRAM, a plain GPIO otherwise. */
const S2_S3_PSRAM_CS = 26;

const S2_S3_ADC = [...adc('ADC1', range(1, 10)), ...adc('ADC2', range(11, 20))];

function psramChipSelect(psram: Psram | null): PinRestriction[] {
  return psram ? restrict('psram', 'error', [S2_S3_PSRAM_CS], "is the chip select of the board's PSRAM") : [];
}

function s2Pins(psram: Psram | null, consoleOnUsb: boolean): PinFacts {
  const uart = { tx: 43, rx: 44 };
  return {
    gpios: [...range(0, 21), ...range(26, 46)],
    adc: S2_S3_ADC,
    restrictions: [
      ...restrict('flash', 'error', S2_S3_FLASH, FLASH_REASON),
      ...psramChipSelect(psram),
      ...serialPins(uart, consoleOnUsb),
      ...usbPins(19, 20, "S2's own USB port"),
      ...restrict('input-only', 'error', [46], 'is input-only'),
      strapping(0, 'high', BOOT_MODE_REASON),
      strapping(45, 'low', 'selects the flash voltage: held high at reset, 3.3 V flash gets 1.8 V and the board does not boot'),
      strapping(46, 'low', 'must be low at reset for uploads to work'),
      ...adc2WifiRestrictions(S2_S3_ADC),
    ],
    // arduino-esp32 variants/esp32s2/pins_arduino.h.
    i2c: { sda: 8, scl: 9 },
    spi: { mosi: 35, miso: 37, sck: 36, cs: 34 },
    uart,
  };
}

function s3Pins(psram: Psram | null, consoleOnUsb: boolean): PinFacts {
  const uart = { tx: 43, rx: 44 };
  return {
    // 22–25 do not exist.
    gpios: [...range(0, 21), ...range(26, 48)],
    adc: S2_S3_ADC,
    restrictions: [
      ...restrict('flash', 'error', S2_S3_FLASH, FLASH_REASON),
      ...psramChipSelect(psram),
      // SPIIO4–7 and SPIDQS: octal PSRAM (and octal flash) need four more data lines and a strobe.
      ...(psram?.bus === 'octal' ? restrict('psram', 'error', range(33, 37), "is a data line of the board's octal PSRAM") : []),
      ...serialPins(uart, consoleOnUsb),
      ...usbPins(19, 20, "S3's own USB port"),
      strapping(0, 'high', BOOT_MODE_REASON),
      strapping(45, 'low', 'selects the flash voltage: held high at reset, 3.3 V flash gets 1.8 V and the board does not boot'),
      strapping(46, 'low', 'must be low at reset for uploads to work'),
      // GPIO 3 only selects the JTAG source when an eFuse asks for it, which no retail board does.
      ...adc2WifiRestrictions(S2_S3_ADC),
    ],
    // arduino-esp32 variants/esp32s3/pins_arduino.h.
    i2c: { sda: 8, scl: 9 },
    spi: { mosi: 11, miso: 13, sck: 12, cs: 10 },
    uart,
  };
}

// ---------------------------------------------------------------- ESP32-C3 and ESP32-C6

function c3Pins(_psram: Psram | null, consoleOnUsb: boolean): PinFacts {
  const uart = { tx: 21, rx: 20 };
  return {
    gpios: range(0, 21),
    // GPIO 5 is ADC2, which ESP-IDF refuses on the C3 (errata: unreliable).
    adc: adc('ADC1', range(0, 4)),
    restrictions: [
      // 11 is VDD_SPI (the flash's supply) unless an eFuse is burnt; 12–17 are the SPI flash lines.
      ...restrict('flash', 'error', range(11, 17), FLASH_REASON),
      ...serialPins(uart, consoleOnUsb),
      ...usbPins(18, 19, "C3's USB-Serial-JTAG"),
      strapping(2, 'high', 'must be high at reset for the chip to boot'),
      strapping(8, 'high', 'must be high at reset for uploads to work'),
      strapping(9, 'high', BOOT_MODE_REASON),
    ],
    // arduino-esp32 variants/esp32c3/pins_arduino.h.
    i2c: { sda: 8, scl: 9 },
    spi: { mosi: 6, miso: 5, sck: 4, cs: 7 },
    uart,
  };
}

function c6Pins(_psram: Psram | null, consoleOnUsb: boolean): PinFacts {
  const uart = { tx: 16, rx: 17 };
  return {
    gpios: range(0, 30),
    adc: adc('ADC1', range(0, 6)),
    restrictions: [
      // SPICS0, SPIQ, SPIWP, VDD_SPI, SPIHD, SPICLK, SPID.
      ...restrict('flash', 'error', range(24, 30), FLASH_REASON),
      ...serialPins(uart, consoleOnUsb),
      ...usbPins(12, 13, "C6's own USB port"),
      strapping(8, 'high', 'must be high at reset for uploads to work'),
      strapping(9, 'high', BOOT_MODE_REASON),
      // MTMS (4), MTDI (5) and GPIO 15 strap SDIO edges and the JTAG source only: no effect on a flash boot.
    ],
    // arduino-esp32 3.x variants/esp32c6/pins_arduino.h, so wiring diagrams match.
    i2c: { sda: 23, scl: 22 },
    spi: { mosi: 19, miso: 20, sck: 21, cs: 18 },
    uart,
  };
}

// ---------------------------------------------------------------- ESP8266

/** ESP8266 Arduino numbering: GPIO 0–16, and 17 for the analog-only A0. */
export const ESP8266_A0 = 17;

function esp8266Pins(_psram: Psram | null, consoleOnUsb: boolean): PinFacts {
  const uart = { tx: 1, rx: 3 };
  return {
    gpios: range(0, ESP8266_A0),
    adc: adc('ADC', [ESP8266_A0]),
    restrictions: [
      // SD0–SD3, CLK and CMD: brought out on some boards, wired to the module's flash on all.
      ...restrict('flash', 'error', range(6, 11), FLASH_REASON),
      ...serialPins(uart, consoleOnUsb),
      strapping(0, 'high', 'selects the boot mode: held low at reset, the chip waits for an upload instead of running the firmware'),
      strapping(2, 'high', 'must be high at reset for the chip to boot'),
      strapping(15, 'low', 'must be low at reset for the chip to boot'),
      // The core's I2C and the OneWire library drive pins through the GPIO 0–15 registers; GPIO 16 sits elsewhere.
      ...restrict('no-open-drain', 'error', [16], 'cannot drive an I2C or 1-Wire bus'),
      // Core 3.1.2 core_esp8266_wiring_digital.cpp: __attachInterruptArg() only acts on pin < 16.
      ...restrict('no-interrupt', 'error', [16], 'has no pin interrupt, so it cannot count pulses or time an echo'),
      ...restrict('analog-only', 'error', [ESP8266_A0], 'can only read analog values'),
    ],
    i2c: { sda: 4, scl: 5 },
    spi: { mosi: 13, miso: 12, sck: 14, cs: 15 },
    uart,
  };
}

// ---------------------------------------------------------------- RP2040 with a CYW43 (Pico W)

function picoWPins(): PinFacts {
  return {
    gpios: range(0, 29),
    adc: adc('ADC', [26, 27, 28]),
    restrictions: [
      ...restrict('radio', 'error', [23], "is the Wi-Fi chip's power enable (WL_ON)"),
      ...restrict('radio', 'error', [24], "is the Wi-Fi chip's SPI data line (WL_D)"),
      ...restrict('radio', 'error', [25], "is the Wi-Fi chip's SPI chip select (WL_CS)"),
      ...restrict('radio', 'error', [29], "is the Wi-Fi chip's SPI clock (WL_CLK), shared with the VSYS sense input"),
    ],
    // arduino-pico variants/rpipicow/pins_arduino.h: Wire on 4/5, SPI0 on 16–19, Serial1 on 0/1.
    i2c: { sda: 4, scl: 5 },
    spi: { mosi: 19, miso: 16, sck: 18, cs: 17 },
    uart: { tx: 0, rx: 1 },
  };
}

/** The original ESP32's sensor is undocumented and reads a near-constant value; ESP-IDF has no driver for it. */
const ESP32_NO_TEMPERATURE_NOTE = 'No on-chip temperature sensor: the original ESP32 has none that ESP-IDF supports.';

/**
 * RAM figures: what ESP-IDF's heap layout (components/heap/port/<chip>/memory_layout.c)
 * hands to data and heap, less SHARED_SRAM_CODE_BYTES where code shares it.
 */
export const CHIP_RULES: Readonly<Record<Chip, ChipRule>> = {
  esp32: {
    label: 'ESP32',
    platform: 'espressif32',
    adapters: ESP32_FAMILY,
    // DRAM 0x3FFAE000–0x3FFFFFFF less the ROM's 8 KB: the 320 KB of its 520 KB SRAM that hold data.
    ramBytes: 320 * KB,
    hasTemperatureSensor: false,
    usbIds: [USB.cp210x, USB.ch340, USB.ch9102],
    notes: [ESP32_NO_TEMPERATURE_NOTE],
    pins: esp32Pins,
  },
  esp32s2: {
    label: 'ESP32-S2',
    platform: 'espressif32',
    adapters: ESP32_FAMILY,
    // D/IRAM 0x3FFB4000–0x3FFFFFFF with 8 KB each of instruction and data cache: 304 KB.
    ramBytes: 304 * KB - SHARED_SRAM_CODE_BYTES,
    hasTemperatureSensor: true,
    usbIds: [USB.cp210x, USB.ch340, USB.ch9102, USB.espRomDownload],
    notes: [],
    pins: s2Pins,
  },
  esp32s3: {
    label: 'ESP32-S3',
    platform: 'espressif32',
    adapters: ESP32_FAMILY,
    // D/IRAM 0x3FC88000–0x3FCEFFFF: 416 KB (more with small caches).
    ramBytes: 416 * KB - SHARED_SRAM_CODE_BYTES,
    hasTemperatureSensor: true,
    usbIds: [USB.espUsbSerialJtag, USB.cp210x, USB.ch340, USB.ch343, USB.ch9102, USB.espRomDownload],
    notes: [],
    pins: s3Pins,
  },
  esp32c3: {
    label: 'ESP32-C3',
    platform: 'espressif32',
    adapters: ESP32_FAMILY,
    // D/IRAM 0x3FC80000–0x3FCDFFFF (400 KB SRAM less the fixed 16 KB cache): 384 KB.
    ramBytes: 384 * KB - SHARED_SRAM_CODE_BYTES,
    hasTemperatureSensor: true,
    usbIds: [USB.espUsbSerialJtag, USB.cp210x, USB.ch340, USB.ch343, USB.ch9102],
    notes: ['GPIO 5 is not offered for analog input: it is on ADC2, which the C3 errata declare unreliable.'],
    pins: c3Pins,
  },
  esp32c6: {
    label: 'ESP32-C6',
    platform: 'espressif32',
    // Arduino on the C6 needs arduino-esp32 3.x, which platformio/espressif32 6.x does not ship.
    adapters: { espidf: 'espidf' },
    // HP SRAM 0x40800000–0x4087FFFF: 512 KB.
    ramBytes: 512 * KB - SHARED_SRAM_CODE_BYTES,
    hasTemperatureSensor: true,
    usbIds: [USB.espUsbSerialJtag, USB.cp210x, USB.ch340, USB.ch343, USB.ch9102],
    notes: [
      'ESP-IDF only: platformio/espressif32 6.13.0 lists only espidf for C6 boards; Arduino on the C6 needs arduino-esp32 3.x (the community pioarduino platform), which harbor-connect does not target.',
    ],
    pins: c6Pins,
  },
  esp8266: {
    label: 'ESP8266',
    platform: 'espressif8266',
    // The manifests also list the Espressif SDKs (esp8266-rtos-sdk, nonos): no adapter for them.
    adapters: { arduino: 'esp8266' },
    // The 80 KB of user data RAM; code runs from IRAM and flash.
    ramBytes: 80 * KB,
    hasTemperatureSensor: false,
    usbIds: [USB.cp210x, USB.ch340, USB.ch9102],
    notes: [],
    unverifiedNotes: [
      'The only analog input is A0 (pin 17 in Arduino numbering), read as 0 to 1 V, the bare chip\'s range: on a board with a divider before A0 (NodeMCU, D1 mini: 0 to 3.2 V) set the metric\'s scale.',
    ],
    pins: esp8266Pins,
  },
  rp2040: {
    label: 'RP2040',
    platform: 'raspberrypi',
    adapters: { arduino: 'picow' },
    // The 256 KB striped main SRAM; arduino-pico keeps the cores' stacks in the two 4 KB banks.
    ramBytes: 256 * KB,
    hasTemperatureSensor: true,
    usbIds: [{ vid: 0x2e8a, pid: 0x0003 }],
    notes: [
      'Arduino core by Earle Philhower (arduino-pico) through the community platform maxgerhardt/platform-raspberrypi.',
    ],
    pins: picoWPins,
  },
};

/**
 * The arduino-pico variants whose boards carry the CYW43 Wi-Fi chip our picow
 * adapter drives (the variant's pins_arduino.h includes cyw43_wrappers.h). The
 * manifests do not name the radio; other "WiFi" RP2040 boards talk to an ESP
 * or u-blox module over AT commands or SPI instead.
 */
export const CYW43_VARIANTS: readonly string[] = ['rpipicow'];

const pinsMemo = new Map<string, PinFacts>();

/** The chip's pin facts for a board with `psram` and its console on UART0 or USB, shared by every board alike. */
export function chipPins(chip: Chip, psram: Psram | null, consoleOnUsb: boolean): PinFacts {
  const key = `${chip}/${psram?.bus ?? 'none'}/${consoleOnUsb}`;
  let facts = pinsMemo.get(key);
  if (!facts) {
    facts = CHIP_RULES[chip].pins(psram, consoleOnUsb);
    pinsMemo.set(key, facts);
  }
  return facts;
}
