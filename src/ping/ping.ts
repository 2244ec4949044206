/**
 * `harbor-connect ping`: send one test point to the single-point path, the way
 * the Harbor reference's curl example does, and say in plain words what the
 * answer means and what to do about it. Never throws for network trouble; the
 * result carries the outcome.
 */
import { usageError } from '../errors.js';

export interface PingOptions {
  /** Base URL ending in /api/v2/ingest (cloud, enterprise or self-hosted). */
  baseUrl: string;
  /** Cloud and enterprise Harbors; self-hosted servers have none. */
  harborId?: string;
  apiKey: string;
  /** Default `harbor-connect-ping`. */
  shipId?: string;
  fetchImpl?: typeof fetch;
  /** Default 10 000. */
  timeoutMs?: number;
}

export interface PingResult {
  ok: boolean;
  /** HTTP status, or undefined when no answer came. */
  status: number | undefined;
  message: string;
}

export const PING_CARGO_ID = 'connection_test';
/** The ship a test point is written under, unless told otherwise: said to the user before sending. */
export const PING_SHIP_ID = 'harbor-connect-ping';
const DEFAULT_TIMEOUT_MS = 10_000;

export async function ping(options: PingOptions): Promise<PingResult> {
  const url = pingUrl(options.baseUrl, options.harborId);
  const fetchImpl = options.fetchImpl ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const shipId = options.shipId ?? PING_SHIP_ID;
  const scrub = (text: string) => (options.apiKey ? text.split(options.apiKey).join('***') : text);

  let response: Response;
  let detail = '';
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'X-API-Key': options.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ship_id: shipId, cargo_id: PING_CARGO_ID, value: 1 }),
      // A POST that follows a redirect turns into a GET elsewhere; report the redirect instead.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    detail = await readDetail(response);
  } catch (error) {
    return { ok: false, status: undefined, message: scrub(networkMessage(error, url, timeoutMs)) };
  }
  const status = response.status;
  return { ok: status >= 200 && status < 300, status, message: scrub(statusMessage(status, response, detail, options, url, shipId)) };
}

/** The single-point URL a ping posts to: the base URL, then the harbor id when there is one. */
export function pingUrl(baseUrl: string, harborId: string | undefined): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.replace(/\/+$/, '') + (harborId ? `/${encodeURIComponent(harborId)}` : ''));
  } catch {
    throw usageError(`"${baseUrl}" is not a URL.`, 'Give the endpoint as cloud, enterprise:<tenant> or a URL such as http://my-server:8000/api/v2/ingest.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`"${baseUrl}" is not an http:// or https:// URL.`, 'Give the Harbor endpoint, e.g. https://harborscale.com/api/v2/ingest.');
  }
  return url;
}

function statusMessage(status: number, response: Response, detail: string, options: PingOptions, url: URL, shipId: string): string {
  const said = detail ? ` (it said: ${detail})` : '';
  if (status >= 200 && status < 300) {
    return `Harbor accepted the test point (ship ${shipId}, cargo ${PING_CARGO_ID}, HTTP ${status}): the endpoint${options.harborId ? ', harbor id' : ''} and API key work.`;
  }
  if (status >= 300 && status < 400) {
    const location = response.headers.get('location');
    return `The endpoint answered with a redirect (HTTP ${status})${location ? ` to ${location}` : ''}: use the final URL as the endpoint, since devices do not follow redirects.`;
  }
  switch (status) {
    case 401:
      return `HTTP 401: the API key was refused: check it in your Harbor's details.`;
    case 403:
      return options.apiKey
        ? `HTTP 403: the API key is missing, expired or not allowed for this Harbor: check it in your Harbor's details.`
        : `HTTP 403: no API key was sent: give the key from your Harbor's details.`;
    case 404:
      return options.harborId
        ? `HTTP 404: no Harbor with id ${options.harborId} at this endpoint: check the harbor id.`
        : `HTTP 404: no Harbor ingest API at ${url.href}: check the endpoint URL (cloud Harbors need a harbor id).`;
    case 400:
    case 422:
      return `HTTP ${status}: the Harbor rejected the point's format${said}: check that the endpoint is a Harbor ingest URL and the harbor type takes plain points.`;
    case 429:
      return `HTTP 429: the Harbor is rate-limiting requests${retryAfterWords(response)}: wait and ping again; if devices already send to this Harbor, they may be using up the plan's limit.`;
  }
  if (status >= 500) {
    return `HTTP ${status}: the Harbor had a server error${said}: nothing is wrong with your settings that we can tell; try again in a few minutes.`;
  }
  return `HTTP ${status}: the Harbor refused the test point${said}: check the endpoint URL.`;
}

function retryAfterWords(response: Response): string {
  const value = response.headers.get('retry-after');
  return value ? ` and asks to wait (Retry-After: ${value})` : '';
}

/** The server's own words, when it gave some, shortened. */
async function readDetail(response: Response): Promise<string> {
  if (response.status < 400) {
    await response.body?.cancel();
    return '';
  }
  const text = await response.text();
  let said = text;
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object') {
      const fields = json as Record<string, unknown>;
      const found = [fields.error, fields.message, fields.detail].find((v) => typeof v === 'string');
      if (typeof found === 'string') said = found;
    }
  } catch {
    // Not JSON: use the text as it is.
  }
  said = said.replace(/\s+/g, ' ').trim();
  return said.length > 200 ? `${said.slice(0, 199)}…` : said;
}

const TLS_CODE = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/;

function networkMessage(error: unknown, url: URL, timeoutMs: number): string {
  const codes: string[] = [];
  const names: string[] = [];
  for (let e: unknown = error; e && typeof e === 'object' && codes.length < 8; e = (e as { cause?: unknown }).cause) {
    const { code, name } = e as { code?: unknown; name?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof name === 'string') names.push(name);
  }
  const host = url.host;
  const seconds = Math.round(timeoutMs / 100) / 10;
  if (names.includes('TimeoutError') || codes.some((c) => c === 'ETIMEDOUT' || (c.startsWith('UND_ERR_') && c.endsWith('TIMEOUT')))) {
    return `No answer from ${host} within ${seconds} s: check the network connection and the endpoint, and that no firewall blocks it.`;
  }
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN' || c === 'EAI_NONAME')) {
    return `The host name ${url.hostname} could not be found (DNS): check the endpoint for typos and that this computer is online.`;
  }
  if (codes.includes('ECONNREFUSED')) {
    return `Nothing is listening at ${host} (connection refused): check the endpoint's host and port, and that the Harbor server is running.`;
  }
  const tls = codes.find((c) => TLS_CODE.test(c));
  if (tls) {
    return `The secure connection to ${host} failed (${tls}): check that the endpoint uses https:// only if the server speaks TLS, and that this computer's clock is right.`;
  }
  if (codes.some((c) => c === 'EHOSTUNREACH' || c === 'ENETUNREACH')) {
    return `${host} cannot be reached from this network: check the network connection and the endpoint's address.`;
  }
  if (codes.some((c) => c === 'ECONNRESET' || c === 'EPIPE' || c === 'UND_ERR_SOCKET')) {
    return `The connection to ${host} was closed before an answer came: try again; if it keeps happening, check proxies or firewalls in between.`;
  }
  // fetch's own message is "fetch failed"; the reason (e.g. "bad port") is in its cause.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  const what = [error instanceof Error ? error.message : String(error), cause].filter(Boolean).join(': ');
  return `Could not reach ${host} (${[what, ...codes].join(', ')}): check the endpoint and the network connection.`;
}
