/** Small HTTP helpers for the receiver tests: fetch with the Harbor headers, and raw sockets. */
import { connect } from 'node:net';
import { afterEach } from 'vitest';
import { startReceiver, type Receiver, type ReceiverOptions } from '../../src/receiver/receiver.js';

export interface Answer {
  status: number;
  json: Record<string, unknown>;
  headers: Headers;
}

export const KEY = 'test-key-5f2c';

/** POST to `url`; a string or Buffer body is sent as it is, anything else as JSON. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY, ...headers },
    body: typeof body === 'string' ? body : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
}

const open: Receiver[] = [];

/** A receiver closed after the test. */
export async function receiver(options: Partial<ReceiverOptions> = {}): Promise<Receiver> {
  const started = await startReceiver({ port: 0, apiKey: KEY, ...options });
  open.push(started);
  return started;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

/**
 * Write `request` on a fresh socket and return everything the server sends until it closes or `untilText` shows up.
 * `halfClose` ends our side once the request is written, as `nc -N` or a shell's `exec 3<>/dev/tcp` client does.
 */
export function rawExchange(url: string, request: string | Buffer, untilText = '\r\n\r\n', timeoutMs = 3000, { halfClose = false } = {}): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no "${untilText.trim()}" within ${timeoutMs} ms; got ${JSON.stringify(received)}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(received);
    };
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes(untilText)) done();
    });
    socket.on('close', done);
    socket.on('error', () => {});
    if (halfClose) socket.end(request);
    else socket.write(request);
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
