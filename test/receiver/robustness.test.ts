/** Bad and awkward clients: huge, broken, slow, many, and kept-alive. */
import { Agent, request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY, post, rawExchange, receiver, sleep } from './http-helpers.js';

const point = { ship_id: 'esp32-a1b2c3', cargo_id: 'temperature', value: 21.5 };

function head(url: string, extra: string): string {
  const { host, pathname } = new URL(url);
  return `POST ${pathname}/batch HTTP/1.1\r\nHost: ${host}\r\nX-API-Key: ${KEY}\r\nContent-Type: application/json\r\n${extra}\r\n`;
}

describe('half-closed connections', () => {
  it('answers a client that closes its sending side after the request, and logs what it answered', async () => {
    const events: { status: number | undefined; dropped: boolean }[] = [];
    // With a data file the answer waits for fsync, so the client's FIN arrives before it.
    const dataFile = join(await mkdtemp(join(tmpdir(), 'harbor-half-close-')), 'points.jsonl');
    const r = await receiver({ dataFile, onRequest: (event) => events.push({ status: event.status, dropped: event.dropped }) });
    const body = JSON.stringify([point]);
    const answer = await rawExchange(r.url, `${head(r.url, `Content-Length: ${body.length}\r\n`)}${body}`, '"duplicates":0}', 3000, { halfClose: true });
    expect(answer).toMatch(/^HTTP\/1\.1 202 /);
    expect(answer).toContain('{"stored":1,"duplicates":0}');
    expect(r.points()).toHaveLength(1);
    expect(events).toEqual([{ status: 202, dropped: false }]);
    await rm(dirname(dataFile), { recursive: true, force: true });
  });
});

describe('oversized bodies', () => {
  it('refuses a declared 10 GB body with 413 before reading it', async () => {
    const r = await receiver({ maxBodyBytes: 4096 });
    const answer = await rawExchange(r.url, `${head(r.url, 'Content-Length: 10000000000\r\n')}[{"ship_id":`);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(r.stats().bytesReceived).toBeLessThan(4096);
  });

  it('does not invite the body of an oversized Expect: 100-continue request', async () => {
    const r = await receiver({ maxBodyBytes: 4096 });
    const answer = await rawExchange(r.url, head(r.url, 'Content-Length: 5000000\r\nExpect: 100-continue\r\n'));
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).not.toContain('100 Continue');
  });

  it('stops a chunked body once it passes the limit', async () => {
    const r = await receiver({ maxBodyBytes: 4096 });
    const { hostname, port } = new URL(r.url);
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.write(head(r.url, 'Transfer-Encoding: chunked\r\n'));
    const chunk = `[${JSON.stringify(point)},`.repeat(40);
    // Keep streaming (up to ~1 MB) until the answer arrives; it must arrive long before.
    for (let i = 0; i < 400 && !received.includes('\r\n\r\n') && !socket.destroyed; i += 1) {
      socket.write(`${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`);
      await sleep(2);
    }
    socket.destroy();
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(r.points()).toEqual([]);
  });

  it('answers 413 to an ordinary client sending too much', async () => {
    const r = await receiver({ maxBodyBytes: 1024 });
    const answer = await post(`${r.url}/batch`, Array.from({ length: 100 }, () => point));
    expect(answer.status).toBe(413);
    expect(answer.json.error).toBe('the body is larger than 1024 bytes: send smaller batches');
    expect((await post(r.url, point)).status).toBe(200);
  });
});

describe('broken requests', () => {
  it.each([
    ['malformed JSON', '[{"ship_id": "a", "cargo_id": "b", "value": 1}', /^the body is not valid JSON/],
    ['an empty body', '', /^the body is empty/],
    ['invalid UTF-8', Buffer.from([0x5b, 0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x5d]), /^the body is not valid UTF-8$/],
  ])('answers 400 to %s and keeps serving', async (_, body, message) => {
    const r = await receiver();
    const answer = await post(`${r.url}/batch`, body);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatch(message);
    expect((await post(r.url, point)).status).toBe(200);
  });

  it('survives garbage on the wire', async () => {
    const r = await receiver();
    const answer = await rawExchange(r.url, 'this is not http\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    await rawExchange(r.url, Buffer.from([0, 1, 2, 3, 255, 13, 10, 13, 10])).catch(() => '');
    expect((await post(r.url, point)).status).toBe(200);
  });

  it('keeps serving others while a client dribbles its body, then stores that body too', async () => {
    const r = await receiver();
    const body = JSON.stringify([point]);
    const { hostname, port } = new URL(r.url);
    const slow = connect(Number(port), hostname);
    let answer = '';
    slow.on('data', (chunk) => (answer += chunk.toString('latin1')));
    slow.write(head(r.url, `Content-Length: ${Buffer.byteLength(body)}\r\n`));
    for (const [i, char] of [...body].entries()) {
      slow.write(char);
      if (i === 5) expect((await post(r.url, { ...point, cargo_id: 'humidity' })).status).toBe(200);
      await sleep(1);
    }
    for (let i = 0; i < 200 && !answer.includes('\r\n\r\n'); i += 1) await sleep(5);
    slow.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 202 /);
    expect(r.points().map((p) => p.cargo_id).sort()).toEqual(['humidity', 'temperature']);
  });

  it('shrugs off clients that leave before the answer', async () => {
    const r = await receiver({ faults: { latencyMs: 100 } });
    const leaving = Array.from({ length: 5 }, (_, i) =>
      fetch(r.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': KEY },
        body: JSON.stringify({ ...point, value: i }),
        signal: AbortSignal.timeout(30),
      }).catch((error: Error) => error.name),
    );
    expect(await Promise.all(leaving)).toEqual(Array(5).fill('TimeoutError'));
    await sleep(150);
    expect((await post(r.url, point)).status).toBe(200);
  });

  it('takes many devices at once', async () => {
    const r = await receiver();
    const devices = Array.from({ length: 40 }, (_, d) => `device-${d}`);
    const answers = await Promise.all(
      devices.map(async (ship) => {
        const statuses = [];
        for (let b = 0; b < 5; b += 1) {
          const batch = [0, 1, 2].map((i) => ({ ship_id: ship, cargo_id: 'temperature', value: b * 3 + i, time: new Date(Date.UTC(2026, 10, 26, 10, b, i)).toISOString() }));
          statuses.push((await post(`${r.url}/batch`, batch)).status);
        }
        return statuses;
      }),
    );
    expect(answers.flat().every((s) => s === 202)).toBe(true);
    expect(r.points()).toHaveLength(40 * 5 * 3);
    expect(r.stats().byStatus).toEqual({ 202: 200 });
  });
});

describe('connections', () => {
  function postWith(agent: Agent, url: string, body: unknown): Promise<{ status: number; keepAlive: string | undefined }> {
    return new Promise((resolve, reject) => {
      const data = JSON.stringify(body);
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'content-length': Buffer.byteLength(data) } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, keepAlive: res.headers['keep-alive'] as string | undefined }));
      });
      req.on('error', reject);
      req.end(data);
    });
  }

  it('counts one connection for a device that keeps it alive, and one per request otherwise', async () => {
    const r = await receiver();
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < 10; i += 1) expect((await postWith(keepAlive, r.url, { ...point, value: i })).status).toBe(200);
    keepAlive.destroy();
    expect(r.stats().connectionsOpened).toBe(1);

    const fresh = new Agent({ keepAlive: false });
    for (let i = 0; i < 5; i += 1) await postWith(fresh, r.url, { ...point, value: 100 + i });
    fresh.destroy();
    expect(r.stats().connectionsOpened).toBe(6);
  });

  it('keeps idle connections for two minutes, and says so', async () => {
    const r = await receiver();
    const agent = new Agent({ keepAlive: true });
    const answer = await postWith(agent, r.url, point);
    agent.destroy();
    expect(answer.keepAlive).toBe('timeout=120');
  });

  it('counts the bytes it received', async () => {
    const r = await receiver();
    const body = JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ ...point, value: i, time: new Date(i).toISOString() })));
    await post(`${r.url}/batch`, body);
    expect(r.stats().bytesReceived).toBeGreaterThan(Buffer.byteLength(body));
    expect(r.stats().bytesReceived).toBeLessThan(Buffer.byteLength(body) + 1024);
  });

  it('closes promptly with a kept-alive connection still open', async () => {
    const r = await receiver();
    const agent = new Agent({ keepAlive: true });
    await postWith(agent, r.url, point);
    const started = performance.now();
    await r.close();
    agent.destroy();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
