// Builds the fixture project for the host and runs it against a small local
// HTTP server, checking what the firmware actually sends.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { HarborError } from '../../src/errors.js';
import { buildHostFirmware, hostFirmwareArgs, runHostFirmware } from '../../src/simulate/host-build.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const fixture = path.join(repo, 'test', 'fixtures', 'firmware', 'project');
const START_UTC = Date.UTC(2026, 10, 26, 10, 0, 0); // 2026-11-26T10:00:00Z
const API_KEY = 'hb_fixture_SECRET_api_key';
const WIFI_PASSWORD = 'fixture-wifi-SECRET';

interface Received {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  bytes: number;
}

interface Reading {
  ship_id: string;
  cargo_id: string;
  value: number;
  time?: string;
}

/** A project as the generator lays it out: the fixture plus the runtime copied into lib/. */
async function makeProject(root: string): Promise<string> {
  const dir = path.join(root, 'project');
  await cp(fixture, dir, { recursive: true });
  await cp(path.join(repo, 'firmware', 'runtime'), path.join(dir, 'lib', 'harbor_runtime'), { recursive: true });
  // Written here rather than kept in git: no secrets header is ever tracked, fake or not.
  await writeFile(
    path.join(dir, 'include', 'harbor_secrets.h'),
    `#pragma once\n#define HARBOR_API_KEY "${API_KEY}"\n#define HARBOR_WIFI_SSID "fixture-wifi"\n#define HARBOR_WIFI_PASSWORD "${WIFI_PASSWORD}"\n`,
  );
  return dir;
}

/** 202 to everything; keeps what arrived. */
async function startServer(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ url: req.url ?? '', headers: req.headers, body: body.toString('utf8'), bytes: body.length });
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end('{"status":"accepted"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v2/ingest`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('host firmware build', () => {
  let root: string;
  let project: string;
  let binary: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'harbor-host-build-'));
    project = await makeProject(root);
    const lines: string[] = [];
    const result = await buildHostFirmware(project, { log: (l) => lines.push(l) });
    binary = result.binary;
    expect(result.cached).toBe(false);
    expect(lines.some((l) => l.startsWith('Compiling'))).toBe(true);
  }, 120_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('reuses the binary while the sources are unchanged and rebuilds when one changes', async () => {
    const lines: string[] = [];
    const again = await buildHostFirmware(project, { log: (l) => lines.push(l) });
    expect(again).toEqual({ binary, cached: true });
    expect(lines.some((l) => l.startsWith('Compiling'))).toBe(false);

    // A copy, so the other tests keep the original binary.
    const copy = await makeProject(path.join(root, 'changed'));
    const config = path.join(copy, 'include', 'harbor_config.h');
    await writeFile(config, (await readFile(config, 'utf8')).replace('30000', '20000'));
    const changed = await buildHostFirmware(copy);
    expect(changed.cached).toBe(false);
    expect(path.basename(changed.binary)).not.toBe(path.basename(binary));
  }, 120_000);

  it('runs a few virtual minutes and delivers every reading on time over one connection', async () => {
    const server = await startServer();
    const lines: string[] = [];
    try {
      const durationMs = 5 * 60_000;
      const summary = await runHostFirmware(binary, {
        durationMs,
        speed: 'max',
        endpoint: server.url,
        startUtcMs: START_UTC,
        timeoutMs: 30_000,
        onLine: (l) => lines.push(l),
      });

      expect(server.received.length).toBeGreaterThan(0);
      const byCargo = new Map<string, number[]>();
      let total = 0;
      let lastSimTime = START_UTC;
      for (const request of server.received) {
        expect(request.url).toBe('/api/v2/ingest/hb-fixture-0001/batch');
        expect(request.headers['x-api-key']).toBe(API_KEY);
        expect(request.headers['content-type']).toBe('application/json');
        expect(Number(request.headers['content-length'])).toBe(request.bytes);
        expect(request.bytes).toBeLessThanOrEqual(12288);
        const simTime = Number(request.headers['x-harbor-sim-time']);
        expect(simTime).toBeGreaterThanOrEqual(lastSimTime);
        lastSimTime = simTime;

        const readings = JSON.parse(request.body) as Reading[];
        expect(readings.length).toBeGreaterThan(0);
        expect(readings.length).toBeLessThanOrEqual(50);
        for (const r of readings) {
          expect(r.ship_id).toBe('esp32-a1b2c3'); // prefix + last 6 hex digits of 02:00:00:a1:b2:c3
          expect(typeof r.value).toBe('number');
          expect(r.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
          const t = Date.parse(r.time!);
          // Sent after it was taken, and within the 30 s age limit.
          expect(t).toBeLessThanOrEqual(simTime);
          expect(simTime - t).toBeLessThanOrEqual(30_000 + 1_000);
          byCargo.set(r.cargo_id, [...(byCargo.get(r.cargo_id) ?? []), t]);
          total += 1;
        }
      }

      // Each metric on its own interval from boot, no drift, none lost or repeated.
      const intervals: Record<string, number> = { rssi: 10_000, free_heap: 30_000, uptime: 60_000, temperature: 5_000 };
      expect([...byCargo.keys()].sort()).toEqual(Object.keys(intervals).sort());
      for (const [cargo, interval] of Object.entries(intervals)) {
        const times = byCargo.get(cargo)!;
        expect(times, cargo).toEqual(Array.from({ length: durationMs / interval }, (_, i) => START_UTC + i * interval));
      }

      expect(summary.reason).toBe('drained');
      expect(summary.drained).toBe(true);
      expect(summary.sampled).toBe(total);
      expect(summary.delivered).toBe(total);
      expect(summary.dropped).toBe(0);
      expect(summary.rejected).toBe(0);
      expect(summary.buffered).toBe(0);
      expect(summary.requests).toBe(server.received.length);
      expect(summary.sendFailures).toBe(0);
      expect(summary.connections).toBe(1); // keep-alive: one connection for every batch
      expect(summary.virtualMs).toBeGreaterThanOrEqual(durationMs);
      expect(summary.virtualMs).toBeLessThan(durationMs + 60_000);

      // Serial output: the banner, one status line per request, no secrets.
      expect(lines.some((l) => l.includes('ship esp32-a1b2c3'))).toBe(true);
      expect(lines.filter((l) => / -> 202 in \d+ ms \| buffer /.test(l))).toHaveLength(server.received.length);
      expect(lines.join('\n')).not.toContain(API_KEY);
      expect(lines.join('\n')).not.toContain(WIFI_PASSWORD);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('sends readings taken before the clock synced with their true time', async () => {
    const server = await startServer();
    try {
      const summary = await runHostFirmware(binary, {
        durationMs: 120_000,
        speed: 'max',
        endpoint: server.url,
        startUtcMs: START_UTC,
        sntpDelayMs: 45_000,
        mac: '02:00:00:00:00:07',
        timeoutMs: 30_000,
      });
      const readings = server.received.flatMap((r) => JSON.parse(r.body) as Reading[]);
      expect(summary.delivered).toBe(readings.length);
      expect(readings.every((r) => r.ship_id === 'esp32-000007')).toBe(true);
      const rssi = readings.filter((r) => r.cargo_id === 'rssi').map((r) => Date.parse(r.time!));
      expect(rssi).toEqual(Array.from({ length: 12 }, (_, i) => START_UTC + i * 10_000));
      // Nothing went out before the clock synced.
      expect(Number(server.received[0]!.headers['x-harbor-sim-time'])).toBeGreaterThanOrEqual(START_UTC + 45_000);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('keeps the data and backs off while the Harbor is unreachable', async () => {
    // A port with nothing listening: every attempt is a connect error.
    const server = await startServer();
    await server.close();
    const lines: string[] = [];
    const summary = await runHostFirmware(binary, {
      durationMs: 60_000,
      speed: 'max',
      endpoint: server.url,
      startUtcMs: START_UTC,
      maxDrainMs: 10 * 60_000,
      timeoutMs: 30_000,
      onLine: (l) => lines.push(l),
    });
    expect(summary.reason).toBe('drain-timeout');
    expect(summary.drained).toBe(false);
    expect(summary.delivered).toBe(0);
    expect(summary.buffered).toBe(summary.sampled);
    // Nothing was ever written to a server, so no request counts; every attempt failed.
    expect(summary.requests).toBe(0);
    // Full-jitter backoff up to 5 min: a handful of attempts in 11 minutes, not hundreds.
    expect(summary.sendFailures).toBeGreaterThan(2);
    expect(summary.sendFailures).toBeLessThan(40);
    expect(lines.some((l) => /-> connect error in \d+ ms, retry in /.test(l))).toBe(true);
  }, 60_000);

  it('runs an ESP-IDF style firmware whose app_main returns after begin()', async () => {
    const idf = await makeProject(path.join(root, 'idf'));
    const main = path.join(idf, 'src', 'main.cpp');
    const source = (await readFile(main, 'utf8')).replace(
      /void setup\(\) \{[^}]*\}\nvoid loop\(\) \{[^}]*\}/,
      'extern "C" void app_main() { gDevice.begin(); }',
    );
    expect(source).toContain('app_main');
    expect(source).not.toContain('void loop()');
    await writeFile(main, source);
    const built = await buildHostFirmware(idf);
    const server = await startServer();
    try {
      const summary = await runHostFirmware(built.binary, {
        durationMs: 60_000,
        speed: 'max',
        endpoint: server.url,
        startUtcMs: START_UTC,
        timeoutMs: 30_000,
      });
      expect(summary.drained).toBe(true);
      expect(summary.delivered).toBeGreaterThan(0);
      expect(summary.delivered).toBe(server.received.flatMap((r) => JSON.parse(r.body) as Reading[]).length);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('reports compiler errors with their file and line', async () => {
    const broken = await makeProject(path.join(root, 'broken'));
    const main = path.join(broken, 'src', 'main.cpp');
    await writeFile(main, `${await readFile(main, 'utf8')}\nint broken = ;\n`);
    const error = await buildHostFirmware(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarborError);
    expect((error as HarborError).kind).toBe('failed');
    expect((error as HarborError).message).toMatch(/^The firmware failed to compile for the host:\n  src\/main\.cpp:\d+:\d+: error: /);
    expect((error as HarborError).hint).toContain('build.log');
  }, 120_000);

  it('says what to install when the compiler is missing', async () => {
    const error = await buildHostFirmware(project, { cxx: 'g++-that-does-not-exist' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarborError);
    expect((error as HarborError).hint).toContain('apt-get install g++');
  });

  it('says what to install when the libcurl headers are missing', async () => {
    // A stand-in compiler that fails the way g++ does without libcurl4-openssl-dev.
    const cxx = path.join(root, 'fake-g++');
    await writeFile(
      cxx,
      '#!/bin/sh\n[ "$1" = --version ] && { echo fake-g++ 1.0; exit 0; }\n' +
        'echo "host_http.cpp:6:10: fatal error: curl/curl.h: No such file or directory" >&2\nexit 1\n',
      { mode: 0o755 },
    );
    const error = await buildHostFirmware(project, { cxx, outDir: path.join(root, 'fake-out') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarborError);
    expect((error as HarborError).message).toContain('libcurl');
    expect((error as HarborError).hint).toContain('apt-get install libcurl4-openssl-dev');
  });

  it('refuses a folder that is not a firmware project', async () => {
    const error = await buildHostFirmware(path.join(root, 'nothing-here')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarborError);
    expect((error as HarborError).kind).toBe('usage');
  });

  it('kills a run that outlasts its timeout', async () => {
    const started = Date.now();
    const error = await runHostFirmware(binary, {
      durationMs: 3_600_000,
      speed: 1,
      endpoint: 'http://127.0.0.1:9/api/v2/ingest',
      timeoutMs: 500,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarborError);
    expect((error as HarborError).message).toContain('did not finish');
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 20_000);

  it('builds the command line and rejects impossible options', () => {
    expect(hostFirmwareArgs({ durationMs: 1000, speed: 'max', endpoint: 'http://x/api', seed: 3 })).toEqual([
      '--duration', '1000', '--speed', 'max', '--endpoint', 'http://x/api', '--seed', '3',
    ]);
    expect(() => hostFirmwareArgs({ durationMs: 1000, speed: 0 })).toThrow(HarborError);
    expect(() => hostFirmwareArgs({ durationMs: -5, speed: 2 })).toThrow(HarborError);
  });
});
