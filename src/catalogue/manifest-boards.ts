/**
 * Derives the board catalogue's data from PlatformIO's own board manifests
 * (the JSON files of the pinned platforms, kept in ../shared/reference):
 * which boards we support and what the manifest tells about each. The result
 * is committed as generated/manifest-boards.json by `npm run derive-boards`,
 * so neither the installed package nor a clone needs the manifests, and a
 * test re-derives it from ../shared and compares byte for byte.
 *
 * Only the fields the catalogue uses are kept, so the file stays small.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { z } from 'zod';

import type { Chip, Framework, PioPlatform, Psram } from './board-types.js';
import { CHIP_RULES, CYW43_VARIANTS } from './chip-rules.js';

export const PIO_PLATFORMS: readonly PioPlatform[] = ['espressif32', 'espressif8266', 'raspberrypi'];

/** The part of a manifest we read. Anything else in it is ignored. */
const FlagsSchema = z.union([z.string(), z.array(z.string())]).optional();
export const PioManifestSchema = z.object({
  name: z.string().min(1),
  vendor: z.string().min(1),
  frameworks: z.array(z.string()),
  build: z.object({
    mcu: z.string(),
    variant: z.string().optional(),
    extra_flags: FlagsSchema,
    flags: FlagsSchema,
    hwids: z.array(z.tuple([z.string(), z.string()])).optional(),
    psram_type: z.string().optional(),
    arduino: z.object({ memory_type: z.string().optional() }).optional(),
  }),
  upload: z.object({
    maximum_size: z.number().int().positive(),
    maximum_ram_size: z.number().int().positive(),
    flash_size: z.string().optional(),
  }),
});
export type PioManifest = z.infer<typeof PioManifestSchema>;

const FRAMEWORKS = ['arduino', 'espidf'] as const satisfies readonly Framework[];
const CHIPS = ['esp32', 'esp32s2', 'esp32s3', 'esp32c3', 'esp32c6', 'esp8266', 'rp2040'] as const satisfies readonly Chip[];

/** One supported board as the manifest describes it. */
export const ManifestBoardSchema = z.strictObject({
  id: z.string().regex(/^[\w.+-]+$/),
  platform: z.enum(PIO_PLATFORMS as [PioPlatform, ...PioPlatform[]]),
  name: z.string().min(1),
  vendor: z.string().min(1),
  chip: z.enum(CHIPS),
  /** The manifest's frameworks our adapters build for this board, Arduino first. */
  frameworks: z.array(z.enum(FRAMEWORKS)).min(1),
  flashBytes: z.number().int().positive(),
  psram: z.strictObject({ bus: z.enum(['quad', 'octal']), bytes: z.number().int().positive().nullable() }).nullable(),
  /** build.hwids as "vvvv:pppp". */
  usbIds: z.array(z.string().regex(/^[0-9a-f]{4}:[0-9a-f]{4}$/)),
  /** -DARDUINO_USB_CDC_ON_BOOT=1: the Arduino core's Serial is the chip's own USB. */
  consoleOnUsb: z.literal(true).optional(),
  /** -DBOARD_HAS_PIN_REMAP: the Arduino variant numbers pins its own way unless told otherwise. */
  pinRemap: z.literal(true).optional(),
});
export type ManifestBoard = z.infer<typeof ManifestBoardSchema>;

/**
 * Why a manifest's board is not offered.
 * - chip:      its MCU is none our adapters support (e.g. the RP2350).
 * - no-wifi:   an RP2040 board without the CYW43 radio the picow adapter drives.
 * - flash:     an ESP8266 module whose 512 KB flash cannot hold a Wi-Fi and TLS firmware.
 * - framework: its platform builds none of our frameworks for it.
 */
export const UnsupportedReasonSchema = z.enum(['chip', 'no-wifi', 'flash', 'framework']);
export type UnsupportedReason = z.infer<typeof UnsupportedReasonSchema>;

export const UnsupportedBoardSchema = z.strictObject({
  id: z.string(),
  platform: z.enum(PIO_PLATFORMS as [PioPlatform, ...PioPlatform[]]),
  name: z.string(),
  mcu: z.string(),
  reason: UnsupportedReasonSchema,
});
export type UnsupportedBoard = z.infer<typeof UnsupportedBoardSchema>;

export const ManifestCatalogueSchema = z.strictObject({
  about: z.string(),
  /** Each platform's SOURCE file: the repository and commit the manifests come from. */
  sources: z.record(z.string(), z.string()),
  boards: z.array(ManifestBoardSchema),
  unsupported: z.array(UnsupportedBoardSchema),
});
export type ManifestCatalogue = z.infer<typeof ManifestCatalogueSchema>;

const ABOUT = "Derived from PlatformIO's board manifests by `npm run derive-boards` (src/catalogue/manifest-boards.ts). Do not edit.";

const MIB = 1024 * 1024;
/** The manifests' maximum_ram_size for the ESP32 chips; where a PSRAM board says more, the rest is its PSRAM. */
const ESP32_MANIFEST_RAM = 327_680;
/**
 * The smallest ESP8266 flash we offer: 1 MB modules give a sketch about 1 MB less
 * the file system; 512 KB modules leave about 430 KB, less than a firmware with
 * Wi-Fi, BearSSL and the HTTP client needs.
 */
const MIN_ESP8266_FLASH = MIB;

function flagsOf(manifest: PioManifest): string {
  return [manifest.build.extra_flags, manifest.build.flags].flat().filter((f) => f !== undefined).join(' ');
}

const hasFlag = (flags: string, pattern: RegExp): boolean => pattern.test(flags);

/** "4MB" → 4194304; the ESP8266 manifests have no flash_size, and their maximum_size is the flash. */
function flashBytesOf(manifest: PioManifest): number {
  const match = /^(\d+)(KB|MB)$/i.exec(manifest.upload.flash_size ?? '');
  if (!match) return manifest.upload.maximum_size;
  return Number(match[1]) * (match[2]?.toUpperCase() === 'MB' ? MIB : 1024);
}

/** PSRAM size where the manifest says it: "2MB PSRAM" or a module code (N8R2, R8N16) in the name, or maximum_ram_size. */
function psramBytesOf(manifest: PioManifest): number | null {
  const stated =
    /(\d+)\s*MB?\s*PSRAM/i.exec(manifest.name) ??
    /(?<![a-z0-9])N\d+R(\d+)(?![a-z0-9])/i.exec(manifest.name) ??
    /(?<![a-z0-9])R(\d+)N\d+(?![a-z0-9])/i.exec(manifest.name);
  if (stated) return Number(stated[1]) * MIB;
  const beyond = manifest.upload.maximum_ram_size - ESP32_MANIFEST_RAM;
  return beyond > 0 && beyond % MIB === 0 ? beyond : null;
}

function psramOf(chip: Chip, manifest: PioManifest, flags: string): Psram | null {
  const memoryType = manifest.build.arduino?.memory_type ?? '';
  const octal = memoryType.endsWith('_opi') || manifest.build.psram_type === 'opi';
  // Every ESP32-WROVER module carries PSRAM, even where the manifest forgets the flag (ESP-WROVER-KIT).
  const wrover = chip === 'esp32' && /\bwrover\b/i.test(manifest.name);
  if (!hasFlag(flags, /-DBOARD_HAS_PSRAM\b/) && !octal && !wrover) return null;
  return { bus: octal ? 'octal' : 'quad', bytes: psramBytesOf(manifest) };
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

function usbIdsOf(manifest: PioManifest): string[] {
  const ids = (manifest.build.hwids ?? []).map(([vid, pid]) => `${hex4(Number.parseInt(vid, 16))}:${hex4(Number.parseInt(pid, 16))}`);
  return [...new Set(ids)];
}

function isChip(mcu: string): mcu is Chip {
  return (CHIPS as readonly string[]).includes(mcu);
}

export type Derived = { board: ManifestBoard } | { unsupported: UnsupportedBoard };

/** The catalogue entry for one manifest, or why there is none. */
export function deriveBoard(platform: PioPlatform, id: string, manifest: PioManifest): Derived {
  const mcu = manifest.build.mcu;
  const unsupported = (reason: UnsupportedReason): Derived => ({ unsupported: { id, platform, name: manifest.name, mcu, reason } });
  if (!isChip(mcu) || CHIP_RULES[mcu].platform !== platform) return unsupported('chip');
  const chip = mcu;
  if (chip === 'rp2040' && !CYW43_VARIANTS.includes(manifest.build.variant ?? '')) return unsupported('no-wifi');
  if (chip === 'esp8266' && flashBytesOf(manifest) < MIN_ESP8266_FLASH) return unsupported('flash');

  const flags = flagsOf(manifest);
  const consoleOnUsb = hasFlag(flags, /-DARDUINO_USB_CDC_ON_BOOT=1\b/);
  const frameworks = FRAMEWORKS.filter(
    (f) =>
      manifest.frameworks.includes(f) &&
      CHIP_RULES[chip].adapters[f] !== undefined &&
      // The S2 has no USB-Serial-JTAG: on a board whose only USB is the S2's own, ESP-IDF's console
      // (UART0) reaches no port, and uploads rely on the Arduino core's 1200-bps touch.
      !(f === 'espidf' && chip === 'esp32s2' && consoleOnUsb),
  );
  if (frameworks.length === 0) return unsupported('framework');

  const board: ManifestBoard = {
    id,
    platform,
    name: manifest.name,
    vendor: manifest.vendor,
    chip,
    frameworks,
    flashBytes: flashBytesOf(manifest),
    psram: psramOf(chip, manifest, flags),
    usbIds: usbIdsOf(manifest),
    ...(consoleOnUsb ? { consoleOnUsb: true as const } : {}),
    ...(hasFlag(flags, /-DBOARD_HAS_PIN_REMAP\b/) ? { pinRemap: true as const } : {}),
  };
  return { board };
}

export interface ManifestFile {
  platform: PioPlatform;
  id: string;
  text: string;
}

/** Every manifest under `root` (<platform>/<id>.json), in a fixed order, with each platform's SOURCE line. */
export function readManifestFiles(root: string): { files: ManifestFile[]; sources: Record<string, string> } {
  const files: ManifestFile[] = [];
  const sources: Record<string, string> = {};
  for (const platform of PIO_PLATFORMS) {
    const dir = path.join(root, platform);
    if (!existsSync(dir)) throw new Error(`${dir} is missing: expected PlatformIO's ${platform} board manifests there.`);
    const sourceFile = path.join(dir, 'SOURCE');
    sources[platform] = existsSync(sourceFile) ? readFileSync(sourceFile, 'utf8').trim() : 'unknown';
    const ids = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));
    for (const id of ids.sort()) files.push({ platform, id, text: readFileSync(path.join(dir, `${id}.json`), 'utf8') });
  }
  return { files, sources };
}

export function deriveCatalogue(files: readonly ManifestFile[], sources: Record<string, string>): ManifestCatalogue {
  const boards: ManifestBoard[] = [];
  const unsupported: UnsupportedBoard[] = [];
  for (const file of files) {
    const parsed = PioManifestSchema.safeParse(JSON.parse(file.text));
    if (!parsed.success) {
      throw new Error(`${file.platform}/${file.id}.json is not a board manifest we can read: ${parsed.error.issues[0]?.message ?? ''}`);
    }
    const derived = deriveBoard(file.platform, file.id, parsed.data);
    if ('board' in derived) boards.push(derived.board);
    else unsupported.push(derived.unsupported);
  }
  return { about: ABOUT, sources, boards, unsupported };
}

/** The committed file's text: one board per line, so a platform update reads as a small diff. */
export function serializeCatalogue(catalogue: ManifestCatalogue): string {
  const list = (items: readonly unknown[]): string => `[\n${items.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
  return [
    '{',
    `  "about": ${JSON.stringify(catalogue.about)},`,
    `  "sources": ${JSON.stringify(catalogue.sources)},`,
    `  "boards": ${list(catalogue.boards)},`,
    `  "unsupported": ${list(catalogue.unsupported)}`,
    '}',
    '',
  ].join('\n');
}

/** Where the derived file lives in the repository, relative to its root. */
export const GENERATED_PATH = 'src/catalogue/generated/manifest-boards.json';
