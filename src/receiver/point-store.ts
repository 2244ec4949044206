/**
 * The receiver's table: points keyed by (time, ship_id, cargo_id) with
 * ON CONFLICT DO NOTHING semantics, kept in memory and, when a data file is
 * given, appended to it as JSON Lines and fsync'ed before a request is
 * answered, so a kill -9 loses no acknowledged point.
 */
import { open, mkdir, readFile, truncate, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { failedError } from '../errors.js';
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

  private constructor(
    private readonly file: FileHandle | undefined,
    readonly loaded: number,
  ) {}

  /** Open (or create) the data file and load what it holds, so collisions survive restarts. */
  static async open(path?: string): Promise<PointStore> {
    if (path === undefined) return new PointStore(undefined, 0);
    const existing = await readExisting(path);
    const handle = await open(path, 'a');
    const store = new PointStore(handle, existing.length);
    for (const point of existing) store.remember(point);
    return store;
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

async function readExisting(path: string): Promise<KeyedPoint[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw failedError(`Cannot read the receiver's data file ${path}: ${(error as Error).message}.`, 'Check its permissions or pass another --data.', error);
    }
    await mkdir(dirname(path), { recursive: true });
    return [];
  }
  // A line without its newline is a write cut short by a crash; it was never
  // acknowledged, so it goes, and later appends start on a fresh line.
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length) {
    await truncate(path, Buffer.byteLength(text.slice(0, end)));
    text = text.slice(0, end);
  }
  const points: KeyedPoint[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const point = parseLine(line);
    if (!point) {
      throw failedError(
        `Line ${index + 1} of the receiver's data file ${path} is not a stored point.`,
        'The receiver only appends to this file: move it away, or remove that line, and start again.',
      );
    }
    points.push(point);
  });
  return points;
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
