/**
 * Pure readers of PlatformIO's text output: progress stages, memory usage,
 * compiler errors and upload failures. No IO here, so every pattern is tested
 * line by line against output captured from real PlatformIO/esptool runs
 * (test/fixtures/platformio/README.md says where each came from).
 */

// Colour codes would defeat the anchored patterns below; we ask PlatformIO for
// none (PLATFORMIO_NO_ANSI) but a wrapper script or old core may add them anyway.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Splits a chunk into lines; a bare CR (progress redraw) also ends a line. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

// ---------------------------------------------------------------------------
// Stages

interface StageRule {
  readonly rank: number;
  readonly match: (line: string) => string | null;
}

/** "platformio/toolchain-xtensa-esp32 @ 8.4.0" or a URL -> "toolchain-xtensa-esp32". */
function packageName(spec: string): string {
  const name = spec.split(' @ ')[0]?.trim() ?? spec;
  const last = name.split(/[/\\]/).filter(Boolean).pop() ?? name;
  return last.replace(/\.(zip|tar\.gz|tgz|git)$/, '');
}

// Ranks only grow while one command runs: the spinner shows where PlatformIO is,
// and a late line from an earlier phase must not send it backwards.
const STAGE_RULES: readonly StageRule[] = [
  {
    rank: 1,
    match: (l) =>
      /^Resolving \S+ dependencies\.\.\./.test(l) || /^Library Manager: Resolving dependencies/.test(l)
        ? 'Resolving dependencies'
        : null,
  },
  {
    rank: 1,
    match: (l) => {
      const m = /^(Platform|Tool|Library) Manager: Installing (.+)$/.exec(l);
      if (!m) return null;
      const what = m[1] === 'Platform' ? 'platform ' : m[1] === 'Library' ? 'library ' : '';
      return `Installing ${what}${packageName(m[2] ?? '')}`;
    },
  },
  { rank: 2, match: (l) => (/^Compiling \S/.test(l) ? 'Compiling' : null) },
  { rank: 3, match: (l) => (/^Linking \S/.test(l) ? 'Linking' : null) },
  {
    rank: 4,
    // ESP32 builds print "Building …/bootloader.bin" before compiling the rest:
    // only the application image counts.
    match: (l) => {
      const m = /^Building (\S+\.(?:bin|hex|uf2))$/.exec(l);
      if (!m || /(^|[/\\])bootloader\.bin$/.test(m[1] ?? '')) return null;
      return 'Building image';
    },
  },
  { rank: 5, match: (l) => (/^Looking for upload port/.test(l) ? 'Looking for upload port' : null) },
  {
    rank: 6,
    match: (l) =>
      /^Uploading \S/.test(l) || /^Writing at 0x[0-9a-f]+/i.test(l) || /^avrdude: writing flash/.test(l)
        ? 'Uploading'
        : null,
  },
  {
    rank: 7,
    // esptool checks each region's hash right after writing it ("Hash of data
    // verified."), so it has no separate verify phase; these tools do.
    match: (l) =>
      /^avrdude: verifying/.test(l) || /^Verify\b/.test(l) || /\*\* Verified OK \*\*/.test(l)
        ? 'Verifying'
        : null,
  },
  { rank: 8, match: (l) => (/^Hard resetting via/.test(l) ? 'Resetting the board' : null) },
];

/** Turns output lines into the stage a spinner shows; reports each change once. */
export class StageTracker {
  private rank = 0;
  private current: string | null = null;
  readonly seen: string[] = [];

  constructor(private readonly onStage?: (stage: string) => void) {}

  get stage(): string | null {
    return this.current;
  }

  feed(line: string): void {
    for (const rule of STAGE_RULES) {
      const stage = rule.match(line);
      if (stage === null) continue;
      if (rule.rank < this.rank || stage === this.current) return;
      this.rank = rule.rank;
      this.current = stage;
      this.seen.push(stage);
      this.onStage?.(stage);
      return;
    }
  }
}

// ---------------------------------------------------------------------------
// Memory usage and summary lines

export interface MemoryUsage {
  usedBytes: number;
  totalBytes: number;
  /** As PlatformIO printed it, e.g. 14.1. */
  percent: number;
}

export interface MemoryReport {
  ram: MemoryUsage | null;
  flash: MemoryUsage | null;
}

// "RAM:   [=         ]  14.1% (used 46220 bytes from 327680 bytes)"; older
// cores and AVR boards print DATA/PROGRAM instead of RAM/Flash.
const MEMORY_LINE =
  /^(RAM|Flash|DATA|PROGRAM):\s*\[[^\]]*\]\s*(\d+(?:\.\d+)?)%\s*\(used (\d+) bytes from (\d+) bytes\)/;

export function parseMemoryUsage(lines: readonly string[]): MemoryReport {
  const report: MemoryReport = { ram: null, flash: null };
  for (const line of lines) {
    const m = MEMORY_LINE.exec(line);
    if (!m) continue;
    const usage = { percent: Number(m[2]), usedBytes: Number(m[3]), totalBytes: Number(m[4]) };
    if (m[1] === 'RAM' || m[1] === 'DATA') report.ram = usage;
    else report.flash = usage;
  }
  return report;
}

/** The environment from "Processing esp32dev (platform: …)". */
export function parseEnvironment(lines: readonly string[]): string | null {
  for (const line of lines) {
    const m = /^Processing (\S+) \(/.exec(line);
    if (m) return m[1] ?? null;
  }
  return null;
}

/** The serial port the upload used, as PlatformIO or esptool reported it. */
export function parseUploadPort(lines: readonly string[]): string | null {
  let port: string | null = null;
  for (const line of lines) {
    const m =
      /^Serial port (\S+)/.exec(line) ??
      /^Auto-detected: (\S+)/.exec(line) ??
      /^Using manually specified: (\S+)/.exec(line);
    if (m) port = m[1] ?? port;
  }
  return port;
}

/** "Chip is ESP32-D0WDQ6 (revision 1)" (esptool 3/4) or "Chip type: ESP32-S3 (QFN56) …" (esptool 5). */
export function parseChip(lines: readonly string[]): string | null {
  for (const line of lines) {
    const m = /^Chip is (.+)$/.exec(line) ?? /^Chip type:\s+(.+)$/.exec(line);
    if (m) return m[1]?.trim() ?? null;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Compiler errors

export const MAX_REPORTED_ERRORS = 10;

// gcc/clang: "src/main.cpp:12:5: error: …", also Windows paths ("C:\…\main.cpp:12:5:").
const COMPILER_ERROR = /^(.+?):(\d+)(?::(\d+))?: (?:fatal )?error: .+$/;
// ld: "…/bin/ld: .pio/build/…/main.cpp.o:(.literal…): undefined reference to `foo()'"
const LINKER_ERROR = /(undefined reference to|multiple definition of) /;
const LINKER_PREFIX = /^.*?[/\\]?ld(?:\.exe)?: /;

export interface CompilerErrors {
  /** Unique error lines, in the order the compiler printed them, at most MAX_REPORTED_ERRORS. */
  lines: string[];
  /** How many unique error lines there were in all. */
  total: number;
}

export function extractCompilerErrors(lines: readonly string[]): CompilerErrors {
  const unique: string[] = [];
  const seen = new Set<string>();
  for (const raw of lines) {
    const line = raw.trim();
    let error: string | null = null;
    if (COMPILER_ERROR.test(line)) error = line;
    else if (LINKER_ERROR.test(line)) error = line.replace(LINKER_PREFIX, '');
    if (error === null || seen.has(error)) continue;
    seen.add(error);
    unique.push(error);
  }
  return { lines: unique.slice(0, MAX_REPORTED_ERRORS), total: unique.length };
}

/** PlatformIO's and esptool's own error lines, for failures we have no name for. */
export function extractToolErrors(lines: readonly string[], max = 5): string[] {
  const found: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    // "Error: …", "UnknownPackageError: …", "UnknownBoard: …" (PlatformIO), "A fatal error occurred: …" (esptool).
    if (!/^(?:[A-Za-z]*Error|Unknown[A-Za-z]+|A fatal error occurred): /.test(line)) continue;
    if (!found.includes(line)) found.push(line);
  }
  return found.slice(-max);
}

// ---------------------------------------------------------------------------
// Upload failures

export type UploadFailure =
  | { kind: 'port-busy'; port: string | null }
  | { kind: 'permission-denied'; port: string | null }
  | { kind: 'no-port'; port: string | null; reason: 'no-port-given' | 'no-answer' | 'missing' }
  /** esptool 4.5 and older say "the port doesn't exist" for busy, forbidden and missing ports alike. */
  | { kind: 'port-unavailable'; port: string | null }
  | { kind: 'wrong-chip'; actual: string; expected: string }
  | { kind: 'unknown' };

function portFrom(text: string): string | null {
  const m =
    /could not open port '?([^'\s:]+)'?:/i.exec(text) ??
    /Could not open (\S+?), the port/.exec(text) ??
    /(?:Permission denied|Device or resource busy|Resource busy|No such file or directory): '([^']+)'/.exec(text) ??
    /^Serial port (\S+)/m.exec(text);
  return m?.[1] ?? null;
}

/**
 * Names the reason an upload failed from its whole output. The errno in
 * pyserial's message is the most precise evidence, so it is read first.
 */
export function classifyUploadFailure(output: string): UploadFailure {
  const text = stripAnsi(output);
  const port = portFrom(text);

  // Windows reports a port held by another program as "Access is denied";
  // macOS esptool 4.7+ as "Could not exclusively lock port" (errno 35).
  if (/Errno 16\b|Device or resource busy|Resource busy|Access is denied|Could not exclusively lock port/i.test(text)) {
    return { kind: 'port-busy', port };
  }
  if (/Errno 13\b|Permission denied/i.test(text)) return { kind: 'permission-denied', port };

  const chip = /This chip is ([A-Za-z0-9-]+(?:\([^)]*\))?),? not ([A-Za-z0-9-]+)\. Wrong --?chip argument\?/.exec(text);
  if (chip) return { kind: 'wrong-chip', actual: chip[1] ?? '', expected: chip[2] ?? '' };

  if (/Please specify `upload_port`/.test(text)) return { kind: 'no-port', port: null, reason: 'no-port-given' };
  if (/Errno 2\b|FileNotFoundError|No such file or directory/.test(text)) {
    return { kind: 'no-port', port, reason: 'missing' };
  }
  if (/the port doesn't exist/.test(text)) return { kind: 'port-unavailable', port };
  if (/No serial data received|Timed out waiting for packet header|Failed to connect to /.test(text)) {
    return { kind: 'no-port', port, reason: 'no-answer' };
  }
  return { kind: 'unknown' };
}
