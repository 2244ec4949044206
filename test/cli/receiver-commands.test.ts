/**
 * `harbor-connect receiver` and `harbor-connect ping` through the built CLI,
 * as a user runs them: a real process, real sockets on 127.0.0.1, signals.
 */
import { execa } from 'execa';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../src/receiver/receiver.js';
import { cppString } from '../../src/render/cpp-literal.js';
import { parseCurl } from '../receiver/curl-examples.js';
import { CLI, runCli, SECRET_KEY } from './helpers.js';
import { useScratch } from '../scratch.js';

const scratch = useScratch('hc-receiver');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function launchReceiver(args: string[], options: { cwd: string; env?: Record<string, string> }) {
  return execa('node', [CLI, 'receiver', ...args], {
    cwd: options.cwd,
    env: { NO_COLOR: '1', HARBOR_API_KEY: undefined, ...options.env },
    extendEnv: true,
    reject: false,
    stdin: 'ignore',
  });
}

/** A long-running `harbor-connect receiver`, with its output collected as it comes. */
interface Running {
  process: ReturnType<typeof launchReceiver>;
  stdout: () => string;
  /** Resolves with stdout once `pattern` shows up in it (rejects after 10 s). */
  waitFor: (pattern: RegExp) => Promise<string>;
}

function spawnReceiver(args: string[], options: { cwd: string; env?: Record<string, string> }): Running {
  const child = launchReceiver(args, options);
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (out += chunk));
  child.stderr.on('data', (chunk: string) => (err += chunk));
  const waitFor = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        if (pattern.test(out)) return resolve(out);
        if (child.exitCode !== null || Date.now() - started > 10_000) {
          return reject(new Error(`no ${pattern} in the receiver's output:\n${out}\n${err}`));
        }
        setTimeout(check, 20);
      };
      check();
    });
  return { process: child, stdout: () => out, waitFor };
}

async function post(url: string, body: unknown, key: string = SECRET_KEY): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
}

/** The self-hosted base URL the banner prints. */
function selfHostedUrl(banner: string): string {
  const match = /^ {2}self-hosted: {2}(http:\/\/127\.0\.0\.1:(\d+)\/api\/v2\/ingest) /m.exec(banner);
  if (!match) throw new Error(`no self-hosted URL in:\n${banner}`);
  expect(Number(match[2])).toBeGreaterThan(0);
  return match[1] as string;
}

const at = (ms: number) => new Date(Date.UTC(2026, 10, 26, 10, 0, 0, ms)).toISOString();

describe('harbor-connect receiver', () => {
  it('prints its URLs and a working curl example, logs each request, and on SIGINT prints the summary and exits 0', async () => {
    const dir = scratch();
    const running = spawnReceiver(['--port', '0', '--harbor-id', 'hb-1'], { cwd: dir, env: { HARBOR_API_KEY: SECRET_KEY } });
    const banner = await running.waitFor(/Press Ctrl\+C to stop\./);
    const base = selfHostedUrl(banner);
    expect(banner).toContain(`  cloud-style:  ${base}/hb-1 `);
    expect(banner).toMatch(/API key: checked \(from HARBOR_API_KEY\)/);

    expect((await post(`${base}/hb-1`, { ship_id: 'esp32-a1b2c3', cargo_id: 'temperature', value: 21.5, time: at(0) })).status).toBe(200);
    const batch = [
      { ship_id: 'esp32-a1b2c3', cargo_id: 'humidity', value: 40, time: at(1) },
      { ship_id: 'esp32-a1b2c3', cargo_id: 'humidity', value: 41, time: at(2) },
    ];
    expect((await post(`${base}/batch`, batch)).status).toBe(202);
    expect((await post(`${base}/hb-1`, { ship_id: 'x', cargo_id: 'y', value: 1 }, 'not-the-key')).status).toBe(401);
    expect((await post(`${base}/hb-2`, { ship_id: 'x', cargo_id: 'y', value: 1 })).status).toBe(404);

    // The printed example must work as printed once the shell fills in $HARBOR_API_KEY.
    const curlLine = /^ {2}(curl .*)$/m.exec(banner)?.[1] ?? '';
    const example = parseCurl(curlLine);
    expect(example.url).toBe(`${base}/hb-1`);
    const headers = example.headers.map(([name, value]): [string, string] => [name, value.replace('$HARBOR_API_KEY', SECRET_KEY)]);
    expect((await fetch(example.url, { method: example.method, headers, body: example.body })).status).toBe(200);

    const log = await running.waitFor(/(\d\d:\d\d:\d\d\.\d{3} .*\n){5}/);
    const lines = log.split('\n').filter((line) => /^\d\d:\d\d:\d\d\.\d{3} /.test(line));
    expect(lines).toEqual([
      expect.stringMatching(/ 200 single {2}1 record {2}ship esp32-a1b2c3 {2}cargo temperature {2}\d+ ms$/),
      expect.stringMatching(/ 202 batch {2}2 records {2}ship esp32-a1b2c3 {2}cargo humidity {2}\d+ ms$/),
      expect.stringMatching(/ 401 single {2}the API key is not valid for this Harbor {2}\d+ ms$/),
      expect.stringMatching(/ 404 POST {2}no Harbor with id hb-2 at this endpoint {2}\d+ ms$/),
      expect.stringMatching(/ 200 single {2}1 record {2}ship test-ship {2}cargo temperature {2}\d+ ms$/),
    ]);

    running.process.kill('SIGINT');
    const result = await running.process;
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Requests: 5 \(200: 2, 202: 1, 401: 1, 404: 1\)$/m);
    expect(result.stdout).toMatch(/^Points stored: 4; duplicates dropped: 0$/m);
    expect(result.stderr).toBe('');
    expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET_KEY);

    const stored = readFileSync(join(dir, 'harbor-data.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(stored.map(({ ship_id, cargo_id, value }) => [ship_id, cargo_id, value])).toEqual([
      ['esp32-a1b2c3', 'temperature', 21.5],
      ['esp32-a1b2c3', 'humidity', 40],
      ['esp32-a1b2c3', 'humidity', 41],
      ['test-ship', 'temperature', 23.5],
    ]);
    expect(stored[0]?.time).toBe(at(0));
  });

  it('keeps the points of an earlier run in --data, so a resent point is a duplicate; stops on SIGTERM too', async () => {
    const dir = scratch();
    const point = { ship_id: 'pico-1', cargo_id: 'door', value: 1, time: at(5) };
    for (const expected of [{ loaded: 0, stored: 1, duplicates: 0 }, { loaded: 1, stored: 0, duplicates: 1 }]) {
      const running = spawnReceiver(['--port', '0', '--data', 'runs/points.jsonl'], { cwd: dir });
      const banner = await running.waitFor(/Press Ctrl\+C to stop\./);
      expect(banner).toContain(`Data file: ${join('runs', 'points.jsonl')} (${expected.loaded} ${expected.loaded === 1 ? 'point' : 'points'} loaded)`);
      expect(banner).toMatch(/API key: not checked/);
      expect(await (await post(selfHostedUrl(banner), point, 'any')).json()).toEqual({ stored: expected.stored, duplicates: expected.duplicates });
      await running.waitFor(/ 200 single /);
      running.process.kill('SIGTERM');
      const result = await running.process;
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Points stored: ${expected.stored}(, 1 loaded from the data file)?; duplicates dropped: ${expected.duplicates}$`, 'm'));
    }
    expect(readFileSync(join(dir, 'runs/points.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('passes the limits and the simulated clock on to the receiver', async () => {
    const dir = scratch();
    const running = spawnReceiver(['--port', '0', '--max-batch', '2', '--rate-single', '1', '--clock', 'sim', '--retry-after', 'date'], { cwd: dir });
    const base = selfHostedUrl(await running.waitFor(/Press Ctrl\+C to stop\./));
    const simNow = Date.parse('2026-11-26T10:00:00.200Z');
    const single = (value: number) =>
      fetch(base, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-harbor-sim-time': String(simNow) },
        body: JSON.stringify({ ship_id: 's', cargo_id: 'c', value }),
      });
    const three = [1, 2, 3].map((value) => ({ ship_id: 's', cargo_id: 'c', value, time: at(value) }));
    expect((await post(`${base}/batch`, three, 'any')).status).toBe(400);
    expect((await post(`${base}/batch`, three.slice(0, 2), 'any')).status).toBe(202);
    expect((await single(1)).status).toBe(200);
    const limited = await single(2);
    expect(limited.status).toBe(429);
    // Sim time, not wall time: the window reopens at the next whole second of the header's clock.
    expect(Date.parse(limited.headers.get('retry-after') ?? '')).toBe(Date.parse('2026-11-26T10:00:01Z'));
    running.process.kill('SIGINT');
    expect((await running.process).exitCode).toBe(0);
  });

  it('injects the failures and latency asked for', async () => {
    const running = spawnReceiver(['--port', '0', '--fail-rate', '1', '--fail-with', '503', '--latency', '300ms', '--seed', '7'], { cwd: scratch() });
    const banner = await running.waitFor(/Press Ctrl\+C to stop\./);
    expect(banner).toContain('Simulating: fail 100% with 503, 300 ms latency, seed 7');
    const started = performance.now();
    expect((await post(selfHostedUrl(banner), { ship_id: 's', cargo_id: 'c', value: 1 }, 'any')).status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    running.process.kill('SIGINT');
    expect((await running.process).stdout).toMatch(/^Requests: 1 \(503: 1\)$/m);
  });

  it.each([
    [['--fail-rate', '1.5'], /^error: --fail-rate must be a fraction from 0 to 1, such as 0\.3, not "1\.5"\.$/m],
    [['--port', 'http'], /^error: --port must be a whole number from 0 to 65535, not "http"\.$/m],
    [['--latency', '200'], /^error: --latency: "200" is not a duration/m],
    [['--outage', '4m:2m'], /^error: --outage: the outage "4m:2m" ends before it starts/m],
    [['--fail-with', '500,abc'], /^error: --fail-with must be a whole number from 400 to 599, not "abc"\.$/m],
    [['--harbor-id', 'my harbor'], /^error: --harbor-id my harbor must be 1 to 100 letters/m],
    [['--clock', 'moon'], /^error: option '--clock <clock>' argument 'moon' is invalid/m],
    [['--drop-connections', '-0.1'], /^error: --drop-connections must be a fraction from 0 to 1/m],
  ])('refuses %j with exit code 2 and one sentence, before listening or writing', async (args, message) => {
    const dir = scratch();
    const result = await runCli(['receiver', '--port', '0', ...args], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('error:'))).toHaveLength(1);
    expect(result.stdout).not.toContain('listening');
    expect(existsSync(join(dir, 'harbor-data.jsonl'))).toBe(false);
  });

  it('names a busy port and suggests --port (exit 1)', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const port = (server.address() as { port: number }).port;
    const result = await runCli(['receiver', '--port', String(port)], { cwd: scratch() });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use.`);
    expect(result.stderr).toContain('--port');
  });
});

describe('harbor-connect ping', () => {
  let harbor: Receiver;

  async function startHarbor(): Promise<Receiver> {
    harbor = await startReceiver({ port: 0, apiKey: SECRET_KEY, harborIds: ['hb-1'] });
    cleanups.push(() => harbor.close());
    return harbor;
  }

  /** A folder shaped like a generated project: answers file plus the git-ignored secrets header. */
  function project(answers: Record<string, unknown>, apiKey: string): string {
    const dir = join(scratch(), 'proj');
    mkdirSync(join(dir, 'include'), { recursive: true });
    writeFileSync(join(dir, 'harbor-connect.json'), JSON.stringify({ board: 'esp32dev', ...answers }, null, 2));
    writeFileSync(join(dir, 'include/harbor_secrets.h'), `#pragma once\n\n#define HARBOR_API_KEY ${cppString(apiKey)}\n#define HARBOR_WIFI_PASSWORD ""\n`);
    return dir;
  }

  it('sends one test point and exits 0 when it is accepted, with the key from HARBOR_API_KEY', async () => {
    const r = await startHarbor();
    const result = await runCli(['ping', '--endpoint', r.url, '--harbor-id', 'hb-1'], { env: { HARBOR_API_KEY: SECRET_KEY } });
    expect(result.exitCode).toBe(0);
    // Before writing anything into a real Harbor, it says under which ship and cargo.
    expect(result.stdout).toContain(`Sending a test point (ship harbor-connect-ping, cargo connection_test, value 1) to ${r.url}/hb-1 (API key from HARBOR_API_KEY)`);
    expect(result.stdout).toMatch(/Harbor accepted the test point/);
    expect(r.points()).toMatchObject([{ ship_id: 'harbor-connect-ping', cargo_id: 'connection_test', value: 1 }]);
    expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET_KEY);
  });

  it("reads a generated project's answers file and secrets header; flags override them", async () => {
    const r = await startHarbor();
    const dir = project({ endpoint: r.url, harborId: 'hb-1' }, SECRET_KEY);
    const fromDir = await runCli(['ping', dir]);
    expect(fromDir.exitCode).toBe(0);
    expect(fromDir.stdout).toContain('harbor_secrets.h)');
    const fromConfig = await runCli(['ping', '--config', join(dir, 'harbor-connect.json')]);
    expect(fromConfig.exitCode).toBe(0);
    expect(r.points()).toHaveLength(2);
    const overridden = await runCli(['ping', dir, '--harbor-id', 'hb-9']);
    expect(overridden.exitCode).toBe(1);
    expect(overridden.stderr).toContain('no Harbor with id hb-9');
    expect(`${fromDir.stdout}${fromConfig.stdout}${overridden.stdout}${overridden.stderr}`).not.toContain(SECRET_KEY);
  });

  it('pings the project in the current folder when given no folder', async () => {
    const r = await startHarbor();
    const dir = project({ endpoint: r.url, harborId: 'hb-1' }, SECRET_KEY);
    const result = await runCli(['ping'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('(API key from include/harbor_secrets.h)');
    expect(r.points()).toHaveLength(1);
  });

  it('exits 1 and says the key was refused, printing neither key', async () => {
    const r = await startHarbor();
    const result = await runCli(['ping', '--endpoint', r.url, '--harbor-id', 'hb-1', '--api-key', 'hk_wrong_Key-123']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^error: HTTP 401: the API key was refused/m);
    expect(result.stderr).toContain('The key used came from --api-key.');
    expect(`${result.stdout}${result.stderr}`).not.toContain('hk_wrong_Key-123');
    expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET_KEY);
    expect(r.points()).toEqual([]);
  });

  it('exits 1 for an unknown harbor id', async () => {
    const r = await startHarbor();
    const result = await runCli(['ping', '--endpoint', r.url, '--harbor-id', 'hb-404'], { env: { HARBOR_API_KEY: SECRET_KEY } });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^error: HTTP 404: no Harbor with id hb-404 at this endpoint: check the harbor id\.$/m);
  });

  it('exits 1 when nothing listens at the endpoint', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    const result = await runCli(['ping', '--endpoint', `http://127.0.0.1:${port}/api/v2/ingest`], { env: { HARBOR_API_KEY: SECRET_KEY } });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^error: Nothing is listening at 127\.0\.0\.1:\d+ \(connection refused\)/m);
  });

  it('exits 2 listing what is missing or invalid, without sending anything', async () => {
    const r = await startHarbor();
    const noKey = await runCli(['ping', '--endpoint', r.url, '--harbor-id', 'hb-1']);
    expect(noKey.exitCode).toBe(2);
    expect(noKey.stderr).toMatch(/^error: Missing an answer: --api-key \(or HARBOR_API_KEY\)\.$/m);
    const nothing = await runCli(['ping']);
    expect(nothing.exitCode).toBe(2);
    expect(nothing.stderr).toMatch(/^error: Missing 2 answers: --harbor-id, --api-key \(or HARBOR_API_KEY\)\.$/m);
    const badEndpoint = await runCli(['ping', '--endpoint', 'http://127.0.0.1:1/ingest', '--api-key', 'k']);
    expect(badEndpoint.exitCode).toBe(2);
    expect(badEndpoint.stderr).toMatch(/^error: --endpoint the endpoint URL must end in \/api\/v2\/ingest/m);
    const notAProject = await runCli(['ping', scratch()]);
    expect(notAProject.exitCode).toBe(2);
    expect(notAProject.stderr).toMatch(/has no harbor-connect\.json/);
    expect(r.stats().requests).toBe(0);
  });
});
