/**
 * The boards harbor-connect knows: every board of the pinned PlatformIO
 * platforms whose chip and framework our adapters support, as derived from
 * the platforms' manifests (generated/manifest-boards.json, see
 * manifest-boards.ts), with each chip's pin rules (chip-rules.ts) and, for
 * the boards we know well, their own wiring (board-overrides.ts).
 */
import catalogue from './generated/manifest-boards.json' with { type: 'json' };

import type { Board, Framework, UsbId } from './board-types.js';
import { BOARD_ALIASES, BOARD_OVERRIDES, type BoardOverride } from './board-overrides.js';
import { CHIP_RULES, chipPins, ledRestrictions } from './chip-rules.js';
import type { ManifestBoard, ManifestCatalogue, UnsupportedBoard } from './manifest-boards.js';

export type * from './board-types.js';

// The file is our own tool's output, validated by test/catalogue; parsing it again at every start would only cost time.
const DATA = catalogue as unknown as ManifestCatalogue;

const CHIP_ORDER = Object.keys(CHIP_RULES);

function parseUsbId(text: string): UsbId {
  const [vid = '', pid = ''] = text.split(':');
  return { vid: Number.parseInt(vid, 16), pid: Number.parseInt(pid, 16) };
}

function uniqueUsbIds(ids: readonly UsbId[]): UsbId[] {
  const seen = new Set<string>();
  return ids.filter((id) => {
    const key = `${id.vid}:${id.pid}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Manifest names of arduino-pico boards leave out the vendor ("Pico W"); most others start with it. */
function displayName(manifest: ManifestBoard): string {
  const firstWord = manifest.vendor.split(/\s+/)[0]?.toLowerCase() ?? '';
  return manifest.name.toLowerCase().includes(firstWord) ? manifest.name : `${manifest.vendor} ${manifest.name}`;
}

interface BoardSource {
  manifest: ManifestBoard;
  override: BoardOverride | undefined;
  id?: string;
  platformioBoard?: string;
  name?: string;
  vendor?: string;
  consoleOnUsb?: boolean;
}

function makeBoard({ manifest, override, ...alias }: BoardSource): Board {
  const rule = CHIP_RULES[manifest.chip];
  const consoleOnUsb = alias.consoleOnUsb ?? manifest.consoleOnUsb === true;
  const facts = chipPins(manifest.chip, manifest.psram, consoleOnUsb);
  const gpios = override?.gpios ?? facts.gpios;
  const onBoard = new Set(gpios);
  const frameworks = manifest.frameworks.filter((f) => !override?.frameworks || override.frameworks.includes(f));
  const statusLed = override?.statusLed ?? null;
  const uart = override?.uart ?? facts.uart;

  // A board that brings out fewer pins than its chip keeps the rules of those it has; the others share the chip's arrays.
  const chipRestrictions = override?.gpios ? facts.restrictions.filter((r) => onBoard.has(r.pin)) : facts.restrictions;

  const buildFlags: Partial<Record<Framework, readonly string[]>> = { ...override?.buildFlags };
  // We speak GPIO numbers everywhere; a variant with its own numbering (the Nano ESP32's D2 = 2) is told to use them too.
  const remapPins = manifest.pinRemap === true && frameworks.includes('arduino');
  if (remapPins) buildFlags.arduino = [...(buildFlags.arduino ?? []), '-DBOARD_USES_HW_GPIO_NUMBERS'];

  const notes: string[] = [];
  if (!override) {
    notes.push(
      `Pins not verified: harbor-connect knows this board from its PlatformIO manifest only, so it offers the ${rule.label}'s pins ` +
        `(I2C SDA ${facts.i2c.sda}/SCL ${facts.i2c.scl}, serial TX ${uart.tx}/RX ${uart.rx}); check the board's pinout for the pins it brings out.`,
    );
  }
  notes.push(...rule.notes, ...(override ? [] : (rule.unverifiedNotes ?? [])));
  if (remapPins) {
    notes.push("Pins are GPIO numbers: the build adds -DBOARD_USES_HW_GPIO_NUMBERS to switch off the variant's own pin numbering.");
  }
  // manifest-boards.ts leaves ESP-IDF out for these.
  if (manifest.chip === 'esp32s2' && manifest.consoleOnUsb) {
    notes.push("Arduino only: the console runs over the S2's own USB and uploads use the 1200-bps touch, both provided by the Arduino core.");
  }
  notes.push(...(override?.notes ?? []));

  return {
    id: alias.id ?? manifest.id,
    platformioBoard: alias.platformioBoard ?? manifest.id,
    name: alias.name ?? displayName(manifest),
    vendor: alias.vendor ?? manifest.vendor,
    chip: manifest.chip,
    platform: manifest.platform,
    frameworks,
    adapters: Object.fromEntries(frameworks.map((f) => [f, rule.adapters[f]])),
    buildFlags,
    flashBytes: manifest.flashBytes,
    ramBytes: rule.ramBytes,
    psram: manifest.psram,
    verifiedPins: override !== undefined,
    gpios,
    pinLabels: override?.pinLabels ?? {},
    adc: override?.gpios ? facts.adc.filter((a) => onBoard.has(a.pin)) : facts.adc,
    restrictions: override ? [...chipRestrictions, ...(override.restrictions ?? []), ...ledRestrictions(statusLed)] : chipRestrictions,
    hasTemperatureSensor: rule.hasTemperatureSensor,
    i2c: override?.i2c ?? facts.i2c,
    spi: override?.spi ?? facts.spi,
    uart,
    statusLed,
    usbIds: uniqueUsbIds([...manifest.usbIds.map(parseUsbId), ...(override?.usbIds ?? rule.usbIds)]),
    notes,
  };
}

/**
 * The boards people ask for most, in the order the wizard offers them: the
 * ones we know well, then popular manifest-only ones. Editorial, not data.
 */
export const POPULAR_BOARD_IDS: readonly string[] = [
  'esp32dev',
  'esp32-s3-devkitc-1',
  'esp32-c3-devkitm-1',
  'd1_mini',
  'nodemcuv2',
  'rpipicow',
  'esp32doit-devkit-v1',
  'nodemcu-32s',
  'wemos_d1_mini32',
  'lolin_s2_mini',
  'arduino_nano_esp32',
  'esp32-c3-super-mini',
  'esp32-c6-devkitc-1',
  'seeed_xiao_esp32c3',
  'seeed_xiao_esp32s3',
  'seeed_xiao_esp32c6',
  'adafruit_feather_esp32s3',
  'adafruit_qtpy_esp32c3',
  'lolin_d32',
  'lolin_c3_mini',
  'lolin_s3',
  'esp32-s2-saola-1',
  'esp-wrover-kit',
  'm5stack-atom',
  'm5stack-core-esp32',
  'ttgo-t1',
  'heltec_wifi_kit_32',
];

/** Every board's id and sources in the listing's order: verified boards first, then by chip and id, so it reads in families. */
function orderSources(): [string, BoardSource][] {
  const fromManifests = DATA.boards.map((manifest): BoardSource => ({ manifest, override: BOARD_OVERRIDES[manifest.id] }));
  const aliases = BOARD_ALIASES.map((alias): BoardSource => {
    const manifest = DATA.boards.find((m) => m.id === alias.platformioBoard);
    if (!manifest) throw new Error(`Board alias ${alias.id} is built as ${alias.platformioBoard}, which the derived catalogue lacks.`);
    return { manifest, override: alias, ...alias };
  });
  const popular = new Map(POPULAR_BOARD_IDS.map((id, index) => [id, index]));
  const rank = (id: string): number => popular.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...fromManifests, ...aliases]
    .map((source) => ({ source, id: source.id ?? source.manifest.id, verified: source.override !== undefined }))
    .sort(
      (a, b) =>
        Number(b.verified) - Number(a.verified) ||
        (a.verified ? rank(a.id) - rank(b.id) : 0) ||
        CHIP_ORDER.indexOf(a.source.manifest.chip) - CHIP_ORDER.indexOf(b.source.manifest.chip) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map(({ source, id }): [string, BoardSource] => [id, source]);
}

// A board is made when first asked for: init needs one of the ~300, and making them all cost it 4 ms.
const SOURCES = new Map<string, BoardSource>();
for (const [id, source] of orderSources()) {
  if (SOURCES.has(id)) throw new Error(`Board ${id} is in the catalogue twice (an alias named as a manifest board?).`);
  SOURCES.set(id, source);
}
const made = new Map<string, Board>();

/** Every board id, in the listing's order. */
export const BOARD_IDS: readonly string[] = [...SOURCES.keys()];

export function findBoard(id: string): Board | undefined {
  let board = made.get(id);
  if (board === undefined) {
    const source = SOURCES.get(id);
    if (source === undefined) return undefined;
    board = makeBoard(source);
    made.set(id, board);
  }
  return board;
}

let all: readonly Board[] | undefined;
/** Every board, in the listing's order. */
export function allBoards(): readonly Board[] {
  all ??= BOARD_IDS.map((id) => findBoard(id) as Board);
  return all;
}

/** The popular boards, in POPULAR_BOARD_IDS order. */
export function popularBoards(): Board[] {
  return POPULAR_BOARD_IDS.map((id) => findBoard(id)).filter((b): b is Board => b !== undefined);
}

/** Lower case, letters and digits only: "ESP32-S3" and "esp32s3" compare equal. */
const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** What a search matches against, built on the first search: `boards` and `init` never need it. */
let haystack: Map<Board, string> | undefined;
function haystackOf(b: Board): string {
  haystack ??= new Map(allBoards().map((x) => [x, [x.id, x.name, x.vendor, x.chip, CHIP_RULES[x.chip].label].map(squash).join(' ')]));
  return haystack.get(b) ?? '';
}

/**
 * Boards matching every word of `query` in their id, name, vendor or chip
 * ("xiao c3", "ESP32-S3 feather", "wemos"), best first: the exact id, then
 * the popular boards, the verified ones, and the rest in catalogue order. An
 * empty query gives every board, popular ones first.
 */
export function searchBoards(query: string): Board[] {
  const words = query.split(/\s+/).map(squash).filter((w) => w !== '');
  const exact = squash(query);
  const popular = new Map(POPULAR_BOARD_IDS.map((id, index) => [id, index]));
  const score = (b: Board): number => {
    if (squash(b.id) === exact) return -1;
    const p = popular.get(b.id);
    return p !== undefined ? p : b.verifiedPins ? POPULAR_BOARD_IDS.length : POPULAR_BOARD_IDS.length + 1;
  };
  return allBoards().filter((b) => words.every((w) => haystackOf(b).includes(w)))
    .map((b, order) => ({ b, order, score: score(b) }))
    .sort((x, y) => x.score - y.score || x.order - y.order)
    .map(({ b }) => b);
}

const UNSUPPORTED = new Map(DATA.unsupported.map((u) => [u.id, u]));

const UNSUPPORTED_WHY: Record<UnsupportedBoard['reason'], (u: UnsupportedBoard) => string> = {
  chip: (u) => `its ${u.mcu.toUpperCase()} is not a chip harbor-connect has firmware for`,
  'no-wifi': () => 'it has no CYW43 Wi-Fi chip, the only radio the RP2040 firmware drives (the Pico W has one)',
  flash: () => 'its 512 KB of flash cannot hold a firmware with Wi-Fi and TLS',
  framework: () => 'its PlatformIO platform builds neither Arduino nor ESP-IDF for it',
};

/**
 * Why `id` cannot be used, in one sentence without a full stop: for a
 * PlatformIO board we leave out, the reason; otherwise that we do not know it.
 */
export function unknownBoardMessage(id: string): string {
  const known = UNSUPPORTED.get(id);
  if (known) return `'${id}' (${known.name}) is a PlatformIO board harbor-connect cannot run on: ${UNSUPPORTED_WHY[known.reason](known)}`;
  return `'${id}' is not a board harbor-connect knows`;
}
