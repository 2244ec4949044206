/**
 * Types of the board catalogue. Plain data, no zod: the catalogue is derived
 * from PlatformIO's manifests by our own tool (catalogue/manifest-boards.ts),
 * not parsed from users, and test/catalogue checks it against the manifests.
 *
 * Pin numbers are always the chip's GPIO numbers (what ESP-IDF, the ESP32 and
 * ESP8266 Arduino cores and arduino-pico take), never silkscreen labels; the
 * labels live in `pinLabels` for messages.
 */

export type Chip = 'esp32' | 'esp32s2' | 'esp32s3' | 'esp32c3' | 'esp32c6' | 'esp8266' | 'rp2040';

/** PlatformIO platform the board's manifest comes from. */
export type PioPlatform = 'espressif32' | 'espressif8266' | 'raspberrypi';

export type Framework = 'arduino' | 'espidf';

/** firmware/platforms/<id>: the adapter that implements harbor/platform.h. */
export type PlatformAdapterId = 'arduino-esp32' | 'espidf' | 'esp8266' | 'picow';

/** 'ADC' for chips with a single converter (ESP8266, RP2040). */
export type AdcUnit = 'ADC1' | 'ADC2' | 'ADC';

export interface AdcPin {
  readonly pin: number;
  readonly unit: AdcUnit;
}

/**
 * Why a pin should not be used (or only with care).
 * - flash:        wired to the SPI flash; any use crashes the board.
 * - psram:        wired to the board's PSRAM (or to PSRAM on some variants of the board).
 * - radio:        wired to the Wi-Fi chip (Pico W).
 * - serial:       the UART the console and uploads run on.
 * - usb:          the chip's native USB data lines.
 * - input-only:   has no output driver (ESP32 GPIO 34–39): no outputs, no buses.
 * - analog-only:  not a GPIO at all (ESP8266 A0).
 * - no-open-drain: cannot drive an I2C or 1-Wire bus (ESP8266 GPIO 16).
 * - no-interrupt: has no pin interrupt, so it cannot count pulses or time an echo (ESP8266 GPIO 16).
 * - strapping:    sampled at reset; what is wired to it can stop the boot.
 * - adc2-wifi:    on ADC2, which Wi-Fi takes over on the ESP32, S2 and S3.
 * - led:          wired to a built-in LED.
 */
export type PinRestrictionKind =
  | 'flash'
  | 'psram'
  | 'radio'
  | 'serial'
  | 'usb'
  | 'input-only'
  | 'analog-only'
  | 'no-open-drain'
  | 'no-interrupt'
  | 'strapping'
  | 'adc2-wifi'
  | 'led';

export interface PinRestriction {
  readonly pin: number;
  readonly kind: PinRestrictionKind;
  /** How bad it is when the restriction applies to a use (see validatePins for which roles it applies to). */
  readonly severity: 'error' | 'warning';
  /** Completes "GPIO n …", e.g. "is connected to the flash chip". */
  readonly reason: string;
  /** Strapping pins only: the level the pin must have at reset for a normal boot. */
  readonly bootLevel?: 'high' | 'low';
}

export interface I2cPins {
  readonly sda: number;
  readonly scl: number;
}

export interface SpiPins {
  readonly mosi: number;
  readonly miso: number;
  readonly sck: number;
  readonly cs: number;
}

export interface UartPins {
  readonly tx: number;
  readonly rx: number;
}

/**
 * The built-in LED the firmware uses as its status light.
 * - gpio:      a plain LED on `pin`.
 * - ws2812:    an addressable RGB LED whose data line is `pin` (needs an RMT/neopixel write, not digitalWrite).
 * - wifi-chip: an LED on the Wi-Fi chip (Pico W: CYW43 WL_GPIO0); `pin` is arduino-pico's LED_BUILTIN
 *              number (32 in the pinned core, 64 from 4.3.0), whose digitalWrite forwards pins >= 32 to
 *              the radio. No RP2040 GPIO is used; the build passes LED_BUILTIN itself, so the core decides.
 */
export interface StatusLed {
  readonly pin: number;
  readonly activeLow: boolean;
  readonly drive: 'gpio' | 'ws2812' | 'wifi-chip';
}

export interface UsbId {
  readonly vid: number;
  readonly pid: number;
}

/**
 * External PSRAM, as the manifest tells it (-DBOARD_HAS_PSRAM, an `_opi`
 * memory type, a WROVER module). `bytes` is null when the manifest does not
 * say how much.
 */
export interface Psram {
  /** Octal PSRAM (ESP32-S3) takes GPIO 33–37 on top of the quad lines. */
  readonly bus: 'quad' | 'octal';
  readonly bytes: number | null;
}

export interface Board {
  /** What the user picks (`--board`). The PlatformIO board id, except where `platformioBoard` says otherwise. */
  readonly id: string;
  /** `board = …` in platformio.ini; the manifest this entry is checked against. */
  readonly platformioBoard: string;
  /** The manifest's name, or ours for a board PlatformIO does not have (see platformioBoard). */
  readonly name: string;
  readonly vendor: string;
  readonly chip: Chip;
  readonly platform: PioPlatform;
  /** Frameworks we support on this board, default first; always a subset of the manifest's. */
  readonly frameworks: readonly Framework[];
  /** The platform adapter for each supported framework (same keys as `frameworks`). */
  readonly adapters: Readonly<Partial<Record<Framework, PlatformAdapterId>>>;
  /** Extra build_flags this board needs with a framework, on top of the adapter's. */
  readonly buildFlags: Readonly<Partial<Record<Framework, readonly string[]>>>;
  /** The flash chip: manifest upload.flash_size, or upload.maximum_size where that is missing (ESP8266). */
  readonly flashBytes: number;
  /**
   * Internal RAM the firmware's data and heap can use, from the chip (chip-rules.ts), not the
   * manifest's upload.maximum_ram_size, which says 320 KB for every ESP32 chip.
   */
  readonly ramBytes: number;
  readonly psram: Psram | null;
  /**
   * True for the boards we know well (board-overrides.ts): their LED, labels and the pins they
   * bring out are checked. The others get the chip's pins and default buses.
   */
  readonly verifiedPins: boolean;
  /** Every GPIO the board brings out (or that exists on its module), ascending, including restricted ones. */
  readonly gpios: readonly number[];
  /** Silkscreen names where they differ from the GPIO number (D1 → 5 on a D1 mini). */
  readonly pinLabels: Readonly<Partial<Record<number, string>>>;
  readonly adc: readonly AdcPin[];
  readonly restrictions: readonly PinRestriction[];
  readonly hasTemperatureSensor: boolean;
  readonly i2c: I2cPins;
  readonly spi: SpiPins;
  readonly uart: UartPins;
  readonly statusLed: StatusLed | null;
  /** USB ids of the board's own USB or of its usual USB-serial bridges, for port detection. */
  readonly usbIds: readonly UsbId[];
  /** Choices made for this entry that a user or maintainer should know. */
  readonly notes: readonly string[];
}
