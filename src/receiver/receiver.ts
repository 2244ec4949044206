/**
 * A local Harbor: the ingestion API of the shared Harbor API reference
 * (harbor-api.md) on node:http, with real storage semantics and seeded fault injection, so the
 * firmware can be tested against the contract rather than against a mock.
 *
 * One request goes through: faults (outage, injected failure) -> route (404,
 * 405) -> key (403, 401) -> rate limit (429) -> content type (415) -> body size
 * (413) -> UTF-8 and JSON (400) -> field rules (400, 422) -> store (fsync) ->
 * answer (200 single and TTN, 202 batch), or a dropped socket.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { failedError, usageError } from '../errors.js';
import { FaultPlan, RateLimiter, RetryAfter, type FaultOptions, type RateLimit, type RetryAfterForm } from './fault-plan.js';
import { parseIngestBody, type IngestKind, type IngestResult, type StoredPoint } from './ingest-body.js';
import { PointStore } from './point-store.js';
import { formatMicros, isStorableMicros } from './rfc3339.js';
import { mapTtnUplink } from './ttn-uplink.js';

export type { StoredPoint } from './ingest-body.js';
export type { FaultOptions, Outage, RateLimit, RejectablePoint, RetryAfterForm } from './fault-plan.js';
export { formatRequestLine, formatSummary } from './format-request-line.js';
export { parseDuration, parseOutage } from './parse-duration.js';

// The API's own path, not the config's: the receiver stands in for Harbor's server.
const INGEST_PATH = '/api/v2/ingest';
/** Header (epoch ms) through which the firmware's host build tells a 'sim' receiver what time it is. */
export const SIM_TIME_HEADER = 'x-harbor-sim-time';
const DEFAULT_MAX_BATCH = 1000;
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
// A device holds one connection open between batches (30 s by default); never be the side that cuts it.
const KEEP_ALIVE_TIMEOUT_MS = 120_000;
// After a 413 the rest of the body is read and thrown away for a moment, so the
// client sees the answer instead of a reset; then the socket goes.
const LINGER_MS = 500;
const LINGER_BYTES = 1024 * 1024;
const CLOSE_GRACE_MS = 2000;

export interface ReceiverOptions {
  /** 0 = ephemeral. */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** When set, X-API-Key is checked: missing -> 403, wrong -> 401. */
  apiKey?: string;
  /** Harbor ids served on the cloud paths /api/v2/ingest/{id}[/batch|/ttn]; any other id -> 404. */
  harborIds?: string[];
  /** Append-only JSON Lines store, fsync'ed before answering; loaded at start. */
  dataFile?: string;
  /** Batch-size limit (400 above it). Default 1000. */
  maxBatch?: number;
  /** Bodies above this are refused with 413 without being read whole. Default 1 MiB. */
  maxBodyBytes?: number;
  rateLimit?: RateLimit;
  faults?: FaultOptions;
  /** Retry-After form on 429: seconds, HTTP date, or alternating between them (default). */
  retryAfterForm?: RetryAfterForm;
  /** 'sim': "now" is the X-Harbor-Sim-Time request header (epoch ms), falling back to wall time. */
  clock?: 'wall' | 'sim';
  /** Sim-clock epoch ms that outages count from; default: the first X-Harbor-Sim-Time seen. */
  simStartMs?: number;
  onRequest?: (event: RequestEvent) => void;
}

export interface RequestEvent {
  /** Receiver "now" (sim or wall) at arrival, RFC 3339. */
  at: string;
  method: string;
  path: string;
  kind: IngestKind | undefined;
  harborId: string | undefined;
  /** Undefined when the socket was dropped without an answer. */
  status: number | undefined;
  dropped: boolean;
  /** Records in the body (1 for a single point or a TTN uplink). */
  records: number;
  stored: number;
  duplicates: number;
  ships: string[];
  cargos: string[];
  latencyMs: number;
  /** Why the request was refused, as told to the client. */
  error: string | undefined;
  /** The Retry-After header of the answer, when it carried one (so a test can check the client obeyed). */
  retryAfter?: string;
}

export interface ReceiverStats {
  requests: number;
  /** Answers by HTTP status, e.g. { "202": 40, "503": 2 }. */
  byStatus: Record<string, number>;
  /** Requests whose socket was destroyed instead of answered. */
  dropped: number;
  /** Points stored by this run. */
  recordsStored: number;
  /** Points found in the data file at start. */
  recordsLoaded: number;
  duplicatesDropped: number;
  /** TCP connections accepted: a device that reuses its connection keeps this at 1. */
  connectionsOpened: number;
  /** Bytes read from all sockets, headers included. */
  bytesReceived: number;
}

export interface Receiver {
  /** Self-hosted base URL, http://127.0.0.1:PORT/api/v2/ingest. */
  url: string;
  close(): Promise<void>;
  stats(): ReceiverStats;
  points(): StoredPoint[];
}

type Route = { kind: IngestKind; harborId: string | undefined } | { error: string };

interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers?: OutgoingHttpHeaders;
}

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  checkOptions(options);
  const store = await PointStore.open(options.dataFile);
  const faults = new FaultPlan(options.faults);
  const limiter = new RateLimiter(options.rateLimit);
  const retryAfter = new RetryAfter(options.retryAfterForm);
  const clock = new ReceiverClock(options.clock ?? 'wall', options.simStartMs);
  const harborIds = new Set(options.harborIds ?? []);
  const keyDigest = options.apiKey === undefined ? undefined : sha256(options.apiKey);
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  const stats: ReceiverStats = {
    requests: 0,
    byStatus: {},
    dropped: 0,
    recordsStored: 0,
    recordsLoaded: store.loaded,
    duplicatesDropped: 0,
    connectionsOpened: 0,
    bytesReceived: 0,
  };
  const openSockets = new Set<Socket>();
  const inflight = new Set<Promise<void>>();

  async function handle(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): Promise<void> {
    const started = performance.now();
    stats.requests += 1;
    const { nowMs, sinceStartMs } = clock.read(req.headers[SIM_TIME_HEADER]);
    const fate = faults.next();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const event: RequestEvent = {
      at: formatMicros(BigInt(nowMs) * 1000n),
      method: req.method ?? '',
      path,
      kind: undefined,
      harborId: undefined,
      status: undefined,
      dropped: false,
      records: 0,
      stored: 0,
      duplicates: 0,
      ships: [],
      cargos: [],
      latencyMs: 0,
      error: undefined,
    };

    const finish = async ({ status, body, headers }: Reply): Promise<void> => {
      if (faults.latencyMs > 0) await delay(faults.latencyMs);
      // On the simulated clock, the Date header tells the firmware the simulated time,
      // as a Harbor's Date tells a board the real one (it sets its clock when SNTP is silent).
      if (clock.simulated) headers = { ...headers, date: new Date(nowMs).toUTCString() };
      event.latencyMs = Math.round(performance.now() - started);
      if (fate.drop) {
        req.socket.destroy();
        stats.dropped += 1;
        event.dropped = true;
      } else {
        res.writeHead(status, { ...headers, 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
        event.status = status;
        const retryAfterValue = headers?.['retry-after'];
        if (typeof retryAfterValue === 'string') event.retryAfter = retryAfterValue;
        stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
      }
      if (status >= 400) event.error = String(body.error);
      try {
        options.onRequest?.(event);
      } catch {
        // A broken listener must not take the receiver down.
      }
    };
    const refuse = (status: number, error: string, headers?: OutgoingHttpHeaders) => finish({ status, body: { error }, headers });

    if (faults.inSilence(sinceStartMs)) {
      // Read the request, answer nothing; the socket goes when the client gives up.
      req.resume();
      event.dropped = true;
      options.onRequest?.(event);
      return;
    }
    if (faults.inOutage(sinceStartMs)) return refuse(503, 'the Harbor is unavailable (simulated outage)');
    if (fate.failWith !== undefined) {
      const headers = fate.failWith === 429 ? { 'retry-after': retryAfter.value(nowMs, nowMs + fate.retryAfterSeconds * 1000) } : undefined;
      return refuse(fate.failWith, `simulated failure ${fate.failWith}`, headers);
    }

    const route = matchRoute(path, harborIds);
    if ('error' in route) return refuse(404, route.error);
    event.kind = route.kind;
    event.harborId = route.harborId;
    if (req.method !== 'POST') return refuse(405, `use POST on ${path}`, { allow: 'POST' });

    if (keyDigest) {
      const given = req.headers['x-api-key'];
      if (typeof given !== 'string' || given === '') return refuse(403, 'the X-API-Key header is missing');
      if (!timingSafeEqual(sha256(given), keyDigest)) return refuse(401, 'the API key is not valid for this Harbor');
    }

    const reopensAt = limiter.take(route.kind === 'batch' ? 'batch' : 'single', nowMs);
    if (reopensAt !== undefined) {
      return refuse(429, `rate limit exceeded for ${route.kind === 'batch' ? 'batch' : 'single-point'} requests`, {
        'retry-after': retryAfter.value(nowMs, reopensAt),
      });
    }

    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (contentType !== 'application/json') return refuse(415, 'send the body with Content-Type: application/json');
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return refuse(415, `Content-Encoding ${encoding} is not accepted; send plain JSON`);

    const tooLarge = () => {
      lingerThenClose(req);
      return refuse(413, `the body is larger than ${maxBodyBytes} bytes: send smaller batches`);
    };
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) return tooLarge();
    if (expectsContinue) res.writeContinue();
    const raw = await readBody(req, maxBodyBytes);
    if (raw === 'too-large') return tooLarge();
    if (raw === 'aborted') return; // the client left; nobody to answer

    const text = decodeUtf8(raw);
    if (text === undefined) return refuse(400, 'the body is not valid UTF-8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return refuse(400, text.trim() === '' ? 'the body is empty: send a JSON point' : `the body is not valid JSON: ${(error as Error).message}`);
    }

    const arrivalUs = BigInt(nowMs) * 1000n;
    const result: IngestResult = route.kind === 'ttn' ? mapTtnUplink(json, arrivalUs) : parseIngestBody(route.kind, json, arrivalUs, maxBatch);
    event.records = result.records;
    if (!result.ok) return finish({ status: result.status, body: { error: result.message, problems: result.problems } });
    const refused = faults.firstRejected(result.points);
    if (refused >= 0) {
      const record = route.kind === 'batch' ? refused : null;
      return finish({
        status: 400,
        body: {
          error: record === null ? 'the point is refused (simulated bad record)' : `record ${record} is refused (simulated bad record)`,
          problems: [{ record, field: null, message: 'refused by the rejectRecord fault' }],
        },
      });
    }
    event.ships = [...new Set(result.points.map((point) => point.ship_id))];
    event.cargos = [...new Set(result.points.map((point) => point.cargo_id))];

    let added;
    try {
      added = await store.add(result.points);
    } catch (error) {
      return refuse(500, `the receiver could not write its data file: ${(error as Error).message}`);
    }
    stats.recordsStored += added.stored;
    stats.duplicatesDropped += added.duplicates;
    event.stored = added.stored;
    event.duplicates = added.duplicates;
    return finish({ status: route.kind === 'batch' ? 202 : 200, body: { stored: added.stored, duplicates: added.duplicates } });
  }

  const serve = (req: IncomingMessage, res: ServerResponse, expectsContinue: boolean) => {
    const task = handle(req, res, expectsContinue)
      .catch(() => {
        // Unexpected: answer 500 if we still can, never crash.
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'internal receiver error' }));
        } else {
          res.destroy();
        }
      })
      .finally(() => inflight.delete(task));
    inflight.add(task);
  };

  const server = createServer({ noDelay: true, headersTimeout: 20_000, requestTimeout: 60_000 }, (req, res) => serve(req, res, false));
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // A client may shut down its sending side once the request is out (nc -N, some embedded
  // stacks) and still wait for the answer. Node's server ends the socket on that FIN unless
  // this long-standing (if undocumented) switch is on; a test holds it to its word.
  (server as typeof server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  // Answer Expect: 100-continue ourselves, so a refused request is refused before its body is sent.
  server.on('checkContinue', (req, res) => serve(req, res, true));
  server.on('connection', (socket: Socket) => {
    stats.connectionsOpened += 1;
    openSockets.add(socket);
    socket.once('close', () => {
      stats.bytesReceived += socket.bytesRead;
      openSockets.delete(socket);
    });
  });

  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await store.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw failedError(`Port ${options.port} on ${host} is already in use.`, 'Stop the program using it, or pick another port (0 picks a free one).', error);
    if (code === 'EACCES') throw failedError(`Not allowed to listen on port ${options.port}.`, 'Use a port above 1023, or 0 for a free one.', error);
    throw failedError(`The receiver could not listen on ${host}:${options.port}: ${(error as Error).message}.`, 'Check the host and port.', error);
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${port}${INGEST_PATH}`,
    stats: () => ({
      ...stats,
      byStatus: { ...stats.byStatus },
      bytesReceived: stats.bytesReceived + [...openSockets].reduce((sum, socket) => sum + socket.bytesRead, 0),
    }),
    points: () => store.all(),
    close: () =>
      (closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // Let answers already being written (and their fsync) finish, within reason.
        await Promise.race([Promise.allSettled([...inflight]), delay(CLOSE_GRACE_MS, undefined, { ref: false })]);
        server.closeAllConnections();
        await closed;
        await store.close();
      })()),
  };
}

function matchRoute(path: string, harborIds: Set<string>): Route {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (trimmed !== INGEST_PATH && !trimmed.startsWith(`${INGEST_PATH}/`)) {
    return { error: `no such path ${path}: the Harbor API lives under ${INGEST_PATH}` };
  }
  const segments = trimmed.slice(INGEST_PATH.length).split('/').filter((s) => s !== '');
  const [first, second, ...rest] = segments;
  if (first === undefined) return { kind: 'single', harborId: undefined };
  if (second === undefined && (first === 'batch' || first === 'ttn')) return { kind: first, harborId: undefined };
  if (rest.length > 0 || (second !== undefined && second !== 'batch' && second !== 'ttn')) {
    return { error: `no such path ${path}: use ${INGEST_PATH}/{harbor_id}, …/batch or …/ttn` };
  }
  let harborId: string;
  try {
    harborId = decodeURIComponent(first);
  } catch {
    return { error: `no such path ${path}: the harbor id is not valid URL encoding` };
  }
  if (!harborIds.has(harborId)) return { error: `no Harbor with id ${harborId} at this endpoint` };
  return { kind: second ?? 'single', harborId };
}

/** Wall time, or the firmware host build's simulated time when it sends one. */
class ReceiverClock {
  private readonly wallStart = Date.now();

  constructor(
    private readonly mode: 'wall' | 'sim',
    private simStart: number | undefined,
  ) {}

  get simulated(): boolean {
    return this.mode === 'sim';
  }

  read(header: string | string[] | undefined): { nowMs: number; sinceStartMs: number } {
    const given = this.mode === 'sim' && typeof header === 'string' && /^\d{1,16}$/.test(header.trim()) ? Number(header) : undefined;
    // A sim time past year 9999 would stamp points the store cannot write back: wall time instead.
    const sim = given !== undefined && isStorableMicros(BigInt(given) * 1000n) ? given : undefined;
    if (sim === undefined) {
      const now = Date.now();
      return { nowMs: now, sinceStartMs: now - this.wallStart };
    }
    this.simStart ??= sim;
    return { nowMs: sim, sinceStartMs: sim - this.simStart };
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: Buffer | 'too-large' | 'aborted') => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) done('too-large');
      else chunks.push(chunk);
    };
    const onEnd = () => done(Buffer.concat(chunks));
    const onClose = () => done(req.complete ? Buffer.concat(chunks) : 'aborted');
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
    // 'error' (a reset mid-body) is followed by 'close'; the listener keeps it from being thrown.
    req.on('error', () => {});
  });
}

/** Throw away the rest of a refused body for a moment, then drop the socket if it is still coming. */
function lingerThenClose(req: IncomingMessage): void {
  if (req.complete) return;
  let discarded = 0;
  const close = () => req.socket.destroy();
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  req.on('error', () => {});
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > LINGER_BYTES) close();
  });
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function checkOptions(options: ReceiverOptions): void {
  const problems: string[] = [];
  const integer = (name: string, value: number | undefined, min: number, max = Number.MAX_SAFE_INTEGER) => {
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) problems.push(`${name} must be a whole number from ${min} to ${max}`);
  };
  const fraction = (name: string, value: number | undefined) => {
    if (value !== undefined && !(value >= 0 && value <= 1)) problems.push(`${name} must be between 0 and 1`);
  };
  integer('port', options.port, 0, 65535);
  integer('maxBatch', options.maxBatch, 1);
  integer('maxBodyBytes', options.maxBodyBytes, 1);
  integer('rateLimit.singlePerSecond', options.rateLimit?.singlePerSecond, 0);
  integer('rateLimit.batchPerSecond', options.rateLimit?.batchPerSecond, 0);
  integer('simStartMs', options.simStartMs, 0);
  const faults = options.faults ?? {};
  fraction('faults.failRate', faults.failRate);
  fraction('faults.dropConnections', faults.dropConnections);
  integer('faults.latencyMs', faults.latencyMs, 0, 600_000);
  integer('faults.seed', faults.seed, 0, 0xffffffff);
  for (const status of faults.failWith ?? []) integer('faults.failWith', status, 400, 599);
  for (const outage of [...(faults.outages ?? []), ...(faults.silences ?? [])]) {
    if (!(outage.fromMs >= 0 && outage.toMs > outage.fromMs)) problems.push(`the window ${outage.fromMs}..${outage.toMs} ms must start at 0 or later and end after it starts`);
  }
  if (options.apiKey === '') problems.push('apiKey must not be empty (leave it out to accept any key)');
  if (problems.length > 0) {
    throw usageError(`The receiver's settings are not valid: ${problems.join('; ')}.`, 'Fix the value(s) named above.');
  }
}
