/** Storage semantics: the (time, ship_id, cargo_id) key, arrival stamping, the JSON Lines file, kill -9. */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { appendFile, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarborError } from '../../src/errors.js';
import { PointStore } from '../../src/receiver/point-store.js';
import { startReceiver } from '../../src/receiver/receiver.js';
import { post, receiver } from './http-helpers.js';
import { CLI } from '../cli/helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'harbor-receiver-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The URL and the loaded-points count a `harbor-connect receiver` child announces, within 10 s. */
async function bannerOf(child: ChildProcessByStdio<null, Readable, null>): Promise<{ url: string; loaded: number }> {
  let url: string | undefined;
  return Promise.race([
    (async () => {
      for await (const l of createInterface({ input: child.stdout })) {
        url ??= /self-hosted:\s+(\S+)/.exec(l)?.[1];
        const loaded = /^Data file: .* \((\d+) points? loaded\)$/.exec(l)?.[1];
        if (url && loaded !== undefined) return { url, loaded: Number(loaded) };
      }
      throw new Error(`the receiver exited (${child.exitCode ?? child.signalCode}) before it listened`);
    })(),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the receiver did not start within 10 s')), 10_000)),
  ]);
}

const reading = (cargo: string, value: number, time?: string) => ({ ship_id: 'esp32-a1b2c3', cargo_id: cargo, value, ...(time ? { time } : {}) });

describe('the (time, ship_id, cargo_id) key', () => {
  it('stamps a timeless batch once, so two readings of one cargo collide and one survives', async () => {
    const r = await receiver();
    const answer = await post(`${r.url}/batch`, [reading('temperature', 1), reading('temperature', 2), reading('humidity', 3)]);
    expect(answer).toMatchObject({ status: 202, json: { stored: 2, duplicates: 1 } });
    expect(r.points().map((p) => [p.cargo_id, p.value])).toEqual([
      ['temperature', 1],
      ['humidity', 3],
    ]);
    expect(new Set(r.points().map((p) => p.time)).size).toBe(1);
    expect(r.stats()).toMatchObject({ recordsStored: 2, duplicatesDropped: 1 });
  });

  it('keeps readings of one cargo that carry their own times, and collapses a resent batch', async () => {
    const r = await receiver();
    const batch = [reading('temperature', 1, '2026-11-26T10:00:00.000Z'), reading('temperature', 2, '2026-11-26T10:00:30.000Z')];
    expect((await post(`${r.url}/batch`, batch)).json).toEqual({ stored: 2, duplicates: 0 });
    expect((await post(`${r.url}/batch`, batch)).json).toEqual({ stored: 0, duplicates: 2 });
    // Same instant written another way is the same key.
    expect((await post(r.url, reading('temperature', 9, '2026-11-26T11:00:00+01:00'))).json).toEqual({ stored: 0, duplicates: 1 });
    expect(r.points().map((p) => p.value)).toEqual([1, 2]);
  });

  it('gives separate requests separate arrival stamps', async () => {
    const r = await receiver({ clock: 'sim' });
    const simNow = Date.parse('2026-11-26T10:00:00Z');
    await post(r.url, reading('temperature', 1), { 'x-harbor-sim-time': String(simNow) });
    await post(r.url, reading('temperature', 2), { 'x-harbor-sim-time': String(simNow + 1) });
    expect(r.points().map((p) => [p.time, p.stamped])).toEqual([
      ['2026-11-26T10:00:00.000Z', true],
      ['2026-11-26T10:00:00.001Z', true],
    ]);
  });
});

describe('the data file', () => {
  it('survives a restart: points are loaded and still collide', async () => {
    const file = join(dir, 'restart', 'points.jsonl');
    const first = await startReceiver({ port: 0, dataFile: file });
    await post(`${first.url}/batch`, [reading('temperature', 1, '2026-11-26T10:00:00Z'), reading('humidity', 2, '2026-11-26T10:00:00Z')]);
    await first.close();

    const lines = (await readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual(first.points());

    const second = await startReceiver({ port: 0, dataFile: file });
    try {
      expect(second.points()).toEqual(first.points());
      expect(second.stats().recordsLoaded).toBe(2);
      const again = await post(`${second.url}/batch`, [reading('temperature', 1, '2026-11-26T10:00:00Z'), reading('temperature', 5, '2026-11-26T10:01:00Z')]);
      expect(again.json).toEqual({ stored: 1, duplicates: 1 });
    } finally {
      await second.close();
    }
  });

  it('resolves add() only once the new points are in the file', async () => {
    const file = join(dir, 'ordering.jsonl');
    const store = await PointStore.open(file);
    for (let i = 0; i < 20; i += 1) {
      const time = new Date(Date.UTC(2026, 10, 26, 10, 0, i)).toISOString();
      await store.add([{ ...reading('temperature', i, time), time, timeUs: BigInt(Date.parse(time)) * 1000n, stamped: false }]);
      // Synchronous read right after the promise resolves: no chance for a late write to catch up.
      expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(i + 1);
    }
    await store.close();
  });

  it('drops a line cut short by a crash and appends cleanly after it', async () => {
    const file = join(dir, 'torn.jsonl');
    const first = await startReceiver({ port: 0, dataFile: file });
    await post(first.url, reading('temperature', 1, '2026-11-26T10:00:00Z'));
    await first.close();
    await appendFile(file, '{"time":"2026-11-26T10:00:30.000Z","ship_id":"esp32-a1b2c3","carg');

    const second = await startReceiver({ port: 0, dataFile: file });
    await post(second.url, reading('temperature', 2, '2026-11-26T10:01:00Z'));
    await second.close();
    const third = await startReceiver({ port: 0, dataFile: file });
    expect(third.points().map((p) => p.value)).toEqual([1, 2]);
    await third.close();
  });

  it('reopens a data file twice the size of its heap, reading it as a stream', async () => {
    // A file past 512 MiB could not even become one string. Cheaper to show: with a 64 MiB heap,
    // 128 MiB of points (each padded to 256 KiB with JSON whitespace) load only if never held whole.
    const file = join(dir, 'large.jsonl');
    const lines = 512;
    const handle = await open(file, 'w');
    try {
      const line = Buffer.alloc(256 * 1024, ' ');
      line[line.length - 1] = 0x0a;
      for (let i = 0; i < lines; i += 1) {
        const point = `{"time":"2026-11-26T10:00:00.000Z","ship_id":"esp32-a1b2c3","cargo_id":"c${i}","value":${i},"stamped":false`;
        line.write(point, 0);
        line[line.length - 2] = 0x7d; // the closing brace, after the padding
        await handle.write(line);
      }
    } finally {
      await handle.close();
    }
    const child = spawn(process.execPath, ['--max-old-space-size=64', CLI, 'receiver', '--port', '0', '--data', file], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      expect((await bannerOf(child)).loaded).toBe(lines);
    } finally {
      child.kill('SIGKILL');
      await rm(file, { force: true });
    }
  });

  it('refuses to start on a file with a line that is not a point', async () => {
    const file = join(dir, 'corrupt.jsonl');
    await writeFile(file, '{"time":"2026-11-26T10:00:00.000Z","ship_id":"s","cargo_id":"c","value":1}\nhello\n');
    const started = startReceiver({ port: 0, dataFile: file });
    await expect(started).rejects.toBeInstanceOf(HarborError);
    await expect(started).rejects.toThrow(/Line 2 of the receiver's data file/);
  });

  it('loses no acknowledged point when the process is killed with SIGKILL', async () => {
    // The receiver command exactly as a user runs it, from the build `npm test` makes first.
    const file = join(dir, 'killed.jsonl');
    const child = spawn(process.execPath, [CLI, 'receiver', '--port', '0', '--data', file], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const url = (await bannerOf(child)).url;

      // Four devices send concurrently; the kill lands while requests are in flight.
      const acked: number[] = [];
      let killed = false;
      const device = async (d: number) => {
        for (let i = 0; i < 200 && !killed; i += 1) {
          const value = d * 1000 + i;
          try {
            const answer = await post(`${url}/batch`, [reading(`cargo-${d}`, value, new Date(Date.UTC(2026, 10, 26, 10, 0, 0, i)).toISOString())]);
            if (answer.status === 202) acked.push(value);
          } catch {
            return; // the connection died with the process
          }
          if (acked.length >= 60 && !killed) {
            killed = true;
            child.kill('SIGKILL');
          }
        }
      };
      await Promise.all([0, 1, 2, 3].map(device));
      expect(killed).toBe(true);
      await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));

      const after = await startReceiver({ port: 0, dataFile: file });
      const stored = new Set(after.points().map((p) => p.value));
      await after.close();
      expect(acked.filter((value) => !stored.has(value))).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('times it stores', () => {
  it('accepts only times it can write and read back exactly, so a restart loads every stored point', async () => {
    const file = join(dir, 'extreme-times.jsonl');
    const first = await startReceiver({ port: 0, dataFile: file });
    const kept = [
      ['9999-12-31T23:59:59.999999Z', '9999-12-31T23:59:59.999999Z'],
      ['0000-01-01T00:00:00Z', '0000-01-01T00:00:00.000Z'],
      // Past 2255 a double cannot hold every microsecond; the digits must survive all the same.
      ['2300-01-01T00:00:00.000017Z', '2300-01-01T00:00:00.000017Z'],
      ['2026-11-26T10:00:00.000017Z', '2026-11-26T10:00:00.000017Z'],
      ['2026-11-26T10:00:00.123456789Z', '2026-11-26T10:00:00.123456Z'],
    ];
    for (const [i, [time]] of kept.entries()) {
      expect((await post(first.url, reading(`c${i}`, i, time))).status, time).toBe(200);
    }
    // In UTC these fall in year 10000 and year -1, which no four-digit RFC 3339 time can write.
    for (const time of ['9999-12-31T23:59:59-01:00', '0000-01-01T00:00:00+00:01']) {
      const answer = await post(first.url, reading('out-of-range', 1, time));
      expect(answer.status, time).toBe(400);
      expect(String(answer.json.error), time).toMatch(/\$\.time must fall between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59\.999999Z/);
    }
    expect(first.points().map((p) => p.time)).toEqual(kept.map(([, stored]) => stored));
    await first.close();

    const second = await startReceiver({ port: 0, dataFile: file });
    try {
      expect(second.points()).toEqual(first.points());
      // The same instants still collide after the restart.
      const again = await post(`${second.url}/batch`, kept.map(([time], i) => reading(`c${i}`, 99, time)));
      expect(again.json).toEqual({ stored: 0, duplicates: kept.length });
    } finally {
      await second.close();
    }
  });
});
