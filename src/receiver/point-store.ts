/**
 * The receiver's table: points keyed by (time, ship_id, cargo_id) with
 * ON CONFLICT DO NOTHING semantics, kept in memory and, when a data file is
 * given, appended to it as JSON Lines and fsync'ed before a request is
 * answered, so a kill -9 loses no acknowledged point.
 */
import { createReadStream } from 'node:fs';
import { open, mkdir, truncate, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { failedError, HarborError } from '../errors.js';
import { isStorableMicros, parseRfc3339Micros } from './rfc3339.js';
import { idProblem, isObject, type KeyedPoint, type StoredPoint } from './ingest-body.js';

interface PendingWrite {
  text: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface AddResult {
  stored: number;
  duplicates: number;
}

export class PointStore {
  private readonly keys = new Set<string>();
  private readonly rows: StoredPoint[] = [];
  private pending: PendingWrite[] = [];
  private flushing: Promise<void> | undefined;

  private file: FileHandle | undefined;
  private loadedCount = 0;

  private constructor() {}

  /** Open (or create) the data file and load what it holds, so collisions survive restarts. */
  static async open(path?: string): Promise<PointStore> {
    const store = new PointStore();
    if (path === undefined) return store;
    store.loadedCount = await readExisting(path, (point) => store.remember(point));
    store.file = await open(path, 'a');
    return store;
  }

  /** Points found in the data file when it was opened. */
  get loaded(): number {
    return this.loadedCount;
  }

  /** Insert what does not collide; resolves once the new points are on disk. */
  async add(points: KeyedPoint[]): Promise<AddResult> {
    const fresh = points.filter((point) => this.reserve(point));
    const rows = fresh.map(({ timeUs: _key, ...row }) => row);
    if (this.file && rows.length > 0) {
      try {
        await this.persist(rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
      } catch (error) {
        for (const point of fresh) this.keys.delete(keyOf(point));
        throw error;
      }
    }
    this.rows.push(...rows);
    return { stored: rows.length, duplicates: points.length - rows.length };
  }

  all(): StoredPoint[] {
    return this.rows.map((row) => ({ ...row }));
  }

  async close(): Promise<void> {
    await this.flushing;
    await this.file?.close();
  }

  private remember(point: KeyedPoint): void {
    if (this.reserve(point)) {
      const { timeUs: _key, ...row } = point;
      this.rows.push(row);
    }
  }

  private reserve(point: KeyedPoint): boolean {
    const key = keyOf(point);
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    return true;
  }

  // Group commit: requests arriving while a write+fsync runs share the next one.
  private persist(text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ text, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    const file = this.file;
    while (file && this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        await file.appendFile(batch.map((write) => write.text).join(''));
        await file.sync();
        for (const write of batch) write.resolve();
      } catch (error) {
        for (const write of batch) write.reject(error);
      }
    }
    this.flushing = undefined;
  }
}

function keyOf(point: KeyedPoint): string {
  return JSON.stringify([String(point.timeUs), point.ship_id, point.cargo_id]);
}

// The receiver writes lines of a few hundred bytes; one far longer means a file that is not ours.
const MAX_LINE_BYTES = 1024 * 1024;

/**
 * Reads the file line by line as a stream: a file past 512 MiB cannot become
 * one string, and one need not fit in memory beside the points it holds.
 */
async function readExisting(path: string, keep: (point: KeyedPoint) => void): Promise<number> {
  const notPoint = (line: number) =>
    failedError(
      `Line ${line} of the receiver's data file ${path} is not a stored point.`,
      'The receiver only appends to this file: move it away, or remove that line, and start again.',
    );
  let count = 0;
  let lineNumber = 0;
  let complete = 0; // bytes up to and including the last newline
  let partial: Buffer[] = [];
  let partialBytes = 0;
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      let start = 0;
      for (let end = chunk.indexOf(0x0a); end >= 0; end = chunk.indexOf(0x0a, start)) {
        const piece = chunk.subarray(start, end);
        const line = partialBytes > 0 ? Buffer.concat([...partial, piece]) : piece;
        lineNumber += 1;
        complete += line.length + 1;
        partial = [];
        partialBytes = 0;
        start = end + 1;
        const text = line.toString('utf8');
        if (text.trim() === '') continue;
        const point = line.length <= MAX_LINE_BYTES ? parseLine(text) : undefined;
        if (!point) throw notPoint(lineNumber);
        keep(point);
        count += 1;
      }
      if (start < chunk.length) {
        partial.push(chunk.subarray(start));
        partialBytes += chunk.length - start;
        if (partialBytes > MAX_LINE_BYTES) throw notPoint(lineNumber + 1);
      }
    }
  } catch (error) {
    if (error instanceof HarborError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw failedError(`Cannot read the receiver's data file ${path}: ${(error as Error).message}.`, 'Check its permissions or pass another --data.', error);
    }
    await mkdir(dirname(path), { recursive: true });
    return 0;
  }
  // A line without its newline is a write cut short by a crash; it was never
  // acknowledged, so it goes, and later appends start on a fresh line.
  if (partialBytes > 0) await truncate(path, complete);
  return count;
}

function parseLine(line: string): KeyedPoint | undefined {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(row) || idProblem(row.ship_id) || idProblem(row.cargo_id)) return undefined;
  if (typeof row.value !== 'number' || typeof row.time !== 'string') return undefined;
  const timeUs = parseRfc3339Micros(row.time);
  if (timeUs === undefined || !isStorableMicros(timeUs)) return undefined;
  return { timeUs, time: row.time, ship_id: row.ship_id as string, cargo_id: row.cargo_id as string, value: row.value, stamped: row.stamped === true };
}
