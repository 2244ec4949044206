/** ping's plain-words verdicts, against a real local receiver wherever one can produce the case. */
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PING_CARGO_ID, ping, type PingResult } from '../../src/ping/ping.js';
import { startReceiver, type Receiver, type ReceiverOptions } from '../../src/receiver/receiver.js';

const KEY = 'hk_live_9Qz4-secret';
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function harbor(options: Partial<ReceiverOptions> = {}): Promise<Receiver> {
  const r = await startReceiver({ port: 0, apiKey: KEY, harborIds: ['hb-1'], ...options });
  cleanups.push(() => r.close());
  return r;
}

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

function expectNoKey(result: PingResult): void {
  expect(result.message).not.toContain(KEY);
}

describe('ping against a receiver', () => {
  it('sends one point to the single-point path and reports success', async () => {
    const r = await harbor();
    const result = await ping({ baseUrl: r.url, harborId: 'hb-1', apiKey: KEY, shipId: 'esp32-a1b2c3' });
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.message).toMatch(/^Harbor accepted the test point/);
    expect(r.points()).toMatchObject([{ ship_id: 'esp32-a1b2c3', cargo_id: PING_CARGO_ID, value: 1 }]);
    expect(r.stats().byStatus).toEqual({ 200: 1 });
    expectNoKey(result);
  });

  it('works on a self-hosted path without harbor id, and with a trailing slash', async () => {
    const r = await harbor();
    expect(await ping({ baseUrl: `${r.url}/`, apiKey: KEY })).toMatchObject({ ok: true, status: 200 });
  });

  it('401: the key was refused', async () => {
    const r = await harbor();
    const result = await ping({ baseUrl: r.url, harborId: 'hb-1', apiKey: 'wrong-key' });
    expect(result).toMatchObject({ ok: false, status: 401 });
    expect(result.message).toContain("the API key was refused: check it in your Harbor's details");
  });

  it('403: no key was sent', async () => {
    const r = await harbor();
    const result = await ping({ baseUrl: r.url, harborId: 'hb-1', apiKey: '' });
    expect(result).toMatchObject({ ok: false, status: 403 });
    expect(result.message).toContain('no API key was sent');
  });

  it('404: unknown harbor id', async () => {
    const r = await harbor();
    const result = await ping({ baseUrl: r.url, harborId: 'hb-2', apiKey: KEY });
    expect(result).toMatchObject({ ok: false, status: 404 });
    expect(result.message).toContain('no Harbor with id hb-2 at this endpoint: check the harbor id');
  });

  it("400: the point's format was rejected, with the Harbor's own words", async () => {
    const r = await harbor();
    const result = await ping({ baseUrl: r.url, apiKey: KEY, shipId: 'x'.repeat(101) });
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(result.message).toContain("the Harbor rejected the point's format (it said: $.ship_id must be 1 to 100 characters, got 101)");
  });

  it('429: rate limited, with the wait asked for', async () => {
    const r = await harbor({ rateLimit: { singlePerSecond: 0, batchPerSecond: 0 }, retryAfterForm: 'seconds' });
    const result = await ping({ baseUrl: r.url, apiKey: KEY });
    expect(result).toMatchObject({ ok: false, status: 429 });
    expect(result.message).toContain('rate-limiting requests and asks to wait (Retry-After: 1)');
  });

  it('5xx: server trouble, try again later', async () => {
    const r = await harbor({ faults: { failRate: 1, failWith: [503], seed: 1 } });
    const result = await ping({ baseUrl: r.url, apiKey: KEY });
    expect(result).toMatchObject({ ok: false, status: 503 });
    expect(result.message).toContain('server error');
    expect(result.message).toContain('try again in a few minutes');
  });

  it('connection refused: nothing listening', async () => {
    const r = await startReceiver({ port: 0 });
    await r.close();
    const result = await ping({ baseUrl: r.url, apiKey: KEY });
    expect(result).toMatchObject({ ok: false, status: undefined });
    expect(result.message).toMatch(/^Nothing is listening at 127\.0\.0\.1:\d+ \(connection refused\): check the endpoint's host and port, and that the Harbor server is running\.$/);
  });

  it('TLS error: https:// to a plain HTTP server', async () => {
    const r = await harbor();
    const result = await ping({ baseUrl: r.url.replace('http://', 'https://'), apiKey: KEY });
    expect(result).toMatchObject({ ok: false, status: undefined });
    expect(result.message).toMatch(/^The secure connection to 127\.0\.0\.1:\d+ failed \(ERR_SSL_[A-Z_]+\): check that the endpoint uses https:\/\/ only if the server speaks TLS/);
  });

  it('timeout: a server that never answers', async () => {
    const silent = createTcpServer(() => {});
    const sockets: import('node:net').Socket[] = [];
    silent.on('connection', (socket) => sockets.push(socket));
    cleanups.push(() => sockets.forEach((s) => s.destroy()));
    const port = await listen(silent);
    const result = await ping({ baseUrl: `http://127.0.0.1:${port}/api/v2/ingest`, apiKey: KEY, timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, status: undefined });
    expect(result.message).toBe(`No answer from 127.0.0.1:${port} within 0.3 s: check the network connection and the endpoint, and that no firewall blocks it.`);
  });

  it('reports a redirect instead of following it', async () => {
    const server = createHttpServer((_, res) => res.writeHead(301, { location: 'https://harborscale.com/api/v2/ingest/hb-1' }).end());
    const port = await listen(server);
    const result = await ping({ baseUrl: `http://127.0.0.1:${port}/api/v2/ingest`, harborId: 'hb-1', apiKey: KEY });
    expect(result).toMatchObject({ ok: false, status: 301 });
    expect(result.message).toContain('redirect (HTTP 301) to https://harborscale.com/api/v2/ingest/hb-1');
  });
});

describe('ping with a stubbed fetch', () => {
  const failingFetch = (cause: object): typeof fetch => async () => {
    throw new TypeError('fetch failed', { cause });
  };

  it('DNS failure: the host name could not be found', async () => {
    const result = await ping({ baseUrl: 'https://harbor.example.invalid/api/v2/ingest', harborId: 'hb-1', apiKey: KEY, fetchImpl: failingFetch({ code: 'ENOTFOUND', syscall: 'getaddrinfo' }) });
    expect(result.message).toBe('The host name harbor.example.invalid could not be found (DNS): check the endpoint for typos and that this computer is online.');
  });

  it('422: the point does not fit the harbor type', async () => {
    const fetchImpl: typeof fetch = async () => new Response(JSON.stringify({ message: 'payload does not match harbor type' }), { status: 422 });
    const result = await ping({ baseUrl: 'https://harborscale.com/api/v2/ingest', harborId: 'hb-1', apiKey: KEY, fetchImpl });
    expect(result).toMatchObject({ ok: false, status: 422 });
    expect(result.message).toContain("the Harbor rejected the point's format (it said: payload does not match harbor type)");
  });

  it('sends the request the reference describes', async () => {
    let seen: { url: string; init: RequestInit | undefined } | undefined;
    const fetchImpl: typeof fetch = async (url, init) => {
      seen = { url: String(url), init };
      return new Response('{}', { status: 200 });
    };
    await ping({ baseUrl: 'https://harborscale.com/api/v2/ingest', harborId: 'hb-1', apiKey: KEY, fetchImpl });
    expect(seen?.url).toBe('https://harborscale.com/api/v2/ingest/hb-1');
    expect(seen?.init).toMatchObject({ method: 'POST', headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json' } });
    expect(JSON.parse(String(seen?.init?.body))).toEqual({ ship_id: 'harbor-connect-ping', cargo_id: PING_CARGO_ID, value: 1 });
  });

  it('never repeats the key, even when the server echoes it', async () => {
    const fetchImpl: typeof fetch = async () => new Response(JSON.stringify({ error: `key ${KEY} is not valid` }), { status: 400 });
    const result = await ping({ baseUrl: 'https://harborscale.com/api/v2/ingest', harborId: 'hb-1', apiKey: KEY, fetchImpl });
    expectNoKey(result);
    expect(result.message).toContain('key *** is not valid');
  });

  it('refuses a base URL that is not http(s) as a usage error', async () => {
    await expect(ping({ baseUrl: 'ftp://example.com/api/v2/ingest', apiKey: KEY })).rejects.toMatchObject({ kind: 'usage' });
    await expect(ping({ baseUrl: 'not a url', apiKey: KEY })).rejects.toMatchObject({ kind: 'usage' });
  });
});
