import { execa } from 'execa';
import { z } from 'zod';

import { failedError } from '../errors.js';
import { platformIOMissingError } from './find-platformio.js';
import { extractToolErrors, splitLines, stripAnsi } from './pio-output.js';
import { pioEnvironment, requirePlatformIO } from './run-pio.js';

/** One entry of `pio device list --json-output` (pyserial's comports()). */
export const PioSerialPortSchema = z.object({
  port: z.string().min(1),
  description: z.string(),
  /** "USB VID:PID=10C4:EA60 SER=0001 LOCATION=1-1.2:1.0", or "n/a" for a built-in UART. */
  hwid: z.string(),
});
export type PioSerialPort = z.infer<typeof PioSerialPortSchema>;

export const PioSerialPortListSchema = z.array(PioSerialPortSchema);

/** A USB vendor/product id pair, as a number (0x10c4) or hex text ("10C4", "0x10c4"). */
export const UsbIdSchema = z.object({
  vid: z.union([z.number().int().min(0).max(0xffff), z.string().regex(/^(0x)?[0-9a-fA-F]{1,4}$/)]),
  pid: z.union([z.number().int().min(0).max(0xffff), z.string().regex(/^(0x)?[0-9a-fA-F]{1,4}$/)]),
});
export type UsbId = z.infer<typeof UsbIdSchema>;

export interface SerialPort extends PioSerialPort {
  /** Upper-case four hex digits ("10C4"), or null for ports that are not USB. */
  vid: string | null;
  pid: string | null;
  /** The port's VID:PID is one the board is known to use. */
  matchesBoard: boolean;
}

export interface ListSerialPortsOptions {
  /** USB ids the board (or its USB-serial chip) is known to use. */
  knownUsbIds?: readonly UsbId[];
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

function hex4(value: number | string): string {
  const n = typeof value === 'number' ? value : Number.parseInt(value.replace(/^0x/i, ''), 16);
  return n.toString(16).toUpperCase().padStart(4, '0');
}

export function toSerialPort(entry: PioSerialPort, knownUsbIds: readonly UsbId[] = []): SerialPort {
  const m = /VID:PID=([0-9A-Fa-f]{1,4}):([0-9A-Fa-f]{1,4})/.exec(entry.hwid);
  const vid = m?.[1] ? hex4(m[1]) : null;
  const pid = m?.[2] ? hex4(m[2]) : null;
  const matchesBoard = vid !== null && knownUsbIds.some((id) => hex4(id.vid) === vid && hex4(id.pid) === pid);
  return { ...entry, vid, pid, matchesBoard };
}

/** Reads the JSON array out of pio's stdout, which may carry a notice line before it. */
export function parseDeviceListJson(stdout: string): PioSerialPort[] {
  const text = stripAnsi(stdout).trim();
  const attempts = [text, ...splitLines(text).filter((l) => l.trim().startsWith('[')).reverse()];
  for (const attempt of attempts) {
    let json: unknown;
    try {
      json = JSON.parse(attempt);
    } catch {
      continue;
    }
    const parsed = PioSerialPortListSchema.safeParse(json);
    if (parsed.success) return parsed.data;
  }
  throw failedError(
    'PlatformIO listed the serial ports in a form harbor-connect does not understand.',
    'Run "pio device list" to see the ports, then pass the board\'s port with --port.',
  );
}

/** `pio device list --json-output`, each port marked when its USB id is one of the board's. */
export async function listSerialPorts(options: ListSerialPortsOptions = {}): Promise<SerialPort[]> {
  const env = options.env ?? process.env;
  const pio = await requirePlatformIO(env);
  const result = await execa(pio, ['device', 'list', '--json-output'], {
    env: pioEnvironment(env),
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    ...(options.signal ? { cancelSignal: options.signal } : {}),
  });
  const startError = (result as { code?: string }).code;
  if (startError === 'ENOENT' || startError === 'EACCES') throw platformIOMissingError();
  if (result.isCanceled) throw failedError('Listing the serial ports was stopped.', 'Run the command again.');
  if (result.exitCode !== 0) {
    const errors = extractToolErrors(splitLines(stripAnsi(`${result.stdout}\n${result.stderr}`)));
    throw failedError(
      `PlatformIO could not list the serial ports (exit code ${result.exitCode ?? 'none'}).${errors.map((l) => `\n  ${l}`).join('')}`,
      'Pass the board\'s port with --port instead.',
    );
  }
  return parseDeviceListJson(result.stdout).map((entry) => toSerialPort(entry, options.knownUsbIds));
}

export interface PortSuggestion {
  port: SerialPort;
  /** board-usb-id: the only port with one of the board's USB ids; only-usb-port: the only USB port at all. */
  reason: 'board-usb-id' | 'only-usb-port';
}

/**
 * The port to flash when there is no doubt, else null (the CLI then lists the
 * ports and asks for --port). Two boards of the same kind are a doubt.
 */
export function suggestSerialPort(ports: readonly SerialPort[]): PortSuggestion | null {
  const matching = ports.filter((p) => p.matchesBoard);
  if (matching.length === 1 && matching[0]) return { port: matching[0], reason: 'board-usb-id' };
  if (matching.length > 1) return null;
  const usb = ports.filter((p) => p.vid !== null);
  if (usb.length === 1 && usb[0]) return { port: usb[0], reason: 'only-usb-port' };
  return null;
}
