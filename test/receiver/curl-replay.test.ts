/**
 * Every curl example in the API reference, replayed against the receiver:
 * with fetch (method, headers and body exactly as written) and with the real
 * curl binary when there is one. Only the origin of the URL changes.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { extractCurlExamples, harborIdOf, ingestPath, parseCurl, type CurlExample } from './curl-examples.js';
import { receiver } from './http-helpers.js';
import { describeWithShared, sharedDataAvailable } from '../shared-data.js';
import { API_REFERENCE } from './reference.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/receiver/curl-examples.md', import.meta.url));
const run = promisify(execFile);
const curlBinary = await run('curl', ['--version']).then(
  () => true,
  () => false,
);

const sources = [
  { name: 'the API reference', shared: true, examples: sharedDataAvailable() ? extractCurlExamples(readFileSync(API_REFERENCE, 'utf8')) : [] },
  { name: 'the curl fixture', shared: false, examples: extractCurlExamples(readFileSync(FIXTURE, 'utf8')) },
];

/** A receiver that knows the example's harbor id and API key, as the user's real Harbor would. */
async function receiverFor(example: CurlExample) {
  const path = ingestPath(example.url);
  const harborId = harborIdOf(path);
  const apiKey = example.headers.find(([name]) => name.toLowerCase() === 'x-api-key')?.[1];
  const r = await receiver({ apiKey, harborIds: harborId ? [harborId] : [] });
  return { r, target: new URL(r.url).origin + path };
}

function expectations(example: CurlExample) {
  const path = ingestPath(example.url);
  const status = path.endsWith('/batch') ? 202 : 200;
  if (path.endsWith('/ttn') || example.body === undefined) return { status, points: undefined };
  const parsed: unknown = JSON.parse(example.body);
  const records = (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[];
  return { status, points: records.map(({ ship_id, cargo_id, value }) => ({ ship_id, cargo_id, value })) };
}

for (const { name, shared, examples } of sources) {
  // The reference may hold no curl example at all: then there is nothing to replay.
  const suite = examples.length === 0 && (!shared || sharedDataAvailable()) ? describe.skip : shared ? describeWithShared : describe;
  suite(`curl examples in ${name}`, () => {
    it.each(examples.map((e) => [e.command.split('\n')[0], e] as const))('replays with fetch: %s', async (_, example) => {
      const { r, target } = await receiverFor(example);
      const response = await fetch(target, { method: example.method, headers: example.headers, body: example.body });
      const expected = expectations(example);
      expect(response.status, await response.text()).toBe(expected.status);
      if (expected.points) expect(r.points().map(({ ship_id, cargo_id, value }) => ({ ship_id, cargo_id, value }))).toEqual(expected.points);
    });

    it.skipIf(!curlBinary).each(examples.map((e) => [e.command.split('\n')[0], e] as const))('replays with the curl binary: %s', async (_, example) => {
      const { r, target } = await receiverFor(example);
      const args = example.args.map((arg) => (arg === example.url ? target : arg));
      const { stdout } = await run('curl', ['-sS', '--noproxy', '*', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '5', ...args]);
      const expected = expectations(example);
      expect(Number(stdout)).toBe(expected.status);
      if (expected.points) expect(r.points().map(({ ship_id, cargo_id, value }) => ({ ship_id, cargo_id, value }))).toEqual(expected.points);
    });
  });
}

describe('curl example extraction', () => {
  it('finds every curl command in the fixture, with continuations and multi-line bodies', () => {
    const [single, batch, selfHosted] = sources[1]?.examples ?? [];
    expect(sources[1]?.examples).toHaveLength(3);
    expect(single).toMatchObject({
      method: 'POST',
      url: 'https://harborscale.com/api/v2/ingest/YOUR_HARBOR_ID',
      headers: [
        ['X-API-Key', 'YOUR_API_KEY'],
        ['Content-Type', 'application/json'],
      ],
      body: '{"ship_id": "ship-01", "cargo_id": "temperature", "value": 23.5}',
    });
    expect(JSON.parse(batch?.body ?? '')).toHaveLength(2);
    expect(selfHosted).toMatchObject({
      url: 'http://localhost:8000/api/v2/ingest/batch',
      headers: [
        ['X-API-Key', 'my key with spaces'],
        ['Content-Type', 'application/json'],
      ],
      body: '[{"ship_id": "pi-garage", "cargo_id": "door", "value": 1}]',
    });
  });

  it('understands --json and defaults the method to POST when there is a body', () => {
    const example = parseCurl(`curl --json '{"ship_id":"a","cargo_id":"b","value":1}' https://x.example/api/v2/ingest`);
    expect(example.method).toBe('POST');
    expect(example.headers).toContainEqual(['Content-Type', 'application/json']);
    expect(harborIdOf(ingestPath(example.url))).toBeUndefined();
    expect(harborIdOf(ingestPath('https://harborscale.com/api/v2/ingest/hb-7/ttn'))).toBe('hb-7');
  });
});
