/** The wizard's test-point step, answered by a script, against a real local receiver. */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RawAnswers } from '../../src/config/resolve-answers.js';
import { ping, type PingOptions } from '../../src/ping/ping.js';
import { startReceiver, type Receiver } from '../../src/receiver/receiver.js';
import { makeOfferPing, MAX_PING_RETRIES } from '../../src/wizard/ping-step.js';
import type { WizardState } from '../../src/wizard/steps.js';
import { DEFAULT, scriptedPrompts, type ScriptLine } from './scripted-prompts.js';

const KEY = 'hk_live_wizard-7Tq2';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function harbor(): Promise<Receiver> {
  const r = await startReceiver({ port: 0, apiKey: KEY, harborIds: ['hb-1'] });
  cleanups.push(() => r.close());
  return r;
}

/** The real ping, with every call recorded. */
function recordingPing() {
  const calls: PingOptions[] = [];
  const impl: typeof ping = (options) => {
    calls.push(options);
    return ping({ ...options, timeoutMs: 5000 });
  };
  return { impl, calls };
}

/** Runs the step with a script; every line of it must be used. */
async function offer(script: ScriptLine[], raw: RawAnswers, pingImpl: typeof ping = recordingPing().impl) {
  const prompts = scriptedPrompts(script);
  const state: WizardState = { raw: { board: 'esp32dev', ...raw }, out: undefined };
  await makeOfferPing(pingImpl)(prompts, state);
  expect(prompts.remaining(), 'the step stopped before the script ended').toEqual([]);
  return { prompts, state };
}

const YES: ScriptLine = { question: 'Send a test point (ship harbor-connect-ping, cargo connection_test)', answer: DEFAULT };
/** After a failure: press enter on the fix the failure points at. */
const LIKELY_FIX: ScriptLine = { question: 'What now?', answer: DEFAULT };

describe('offerPing', () => {
  it('sends one point (yes is the default) and tells that it was accepted', async () => {
    const r = await harbor();
    const { prompts, state } = await offer([YES], { endpoint: r.url, harborId: 'hb-1', apiKey: KEY });
    expect(prompts.notes).toEqual([expect.stringMatching(/^Harbor accepted the test point/)]);
    expect(r.points()).toMatchObject([{ cargo_id: 'connection_test' }]);
    expect(state.raw).toMatchObject({ harborId: 'hb-1', apiKey: KEY });
  });

  it('offers to type a refused API key again, validates it with the schema, and pings again', async () => {
    const r = await harbor();
    const { prompts, state } = await offer(
      [YES, LIKELY_FIX, { question: 'API key', answer: KEY, refused: [['', 'must not be empty']] }],
      { endpoint: r.url, harborId: 'hb-1', apiKey: 'hk_typo' },
    );
    expect(prompts.notes).toEqual([expect.stringMatching(/^HTTP 401: the API key was refused/), expect.stringMatching(/^Harbor accepted/)]);
    expect(prompts.question('API key').kind).toBe('password');
    expect(state.raw.apiKey).toBe(KEY);
    expect(r.stats().byStatus).toEqual({ 200: 1, 401: 1 });
    expect(prompts.notes.join('\n')).not.toContain(KEY);
  });

  it('offers to type an unknown harbor id again, starting from the one given', async () => {
    const r = await harbor();
    const { prompts, state } = await offer(
      [YES, LIKELY_FIX, { question: 'Harbor id', answer: 'hb-1', refused: [['hb 1', /must be 1 to 100 letters/]] }],
      { endpoint: r.url, harborId: 'hb-l', apiKey: KEY },
    );
    expect(prompts.notes[0]).toMatch(/^HTTP 404: no Harbor with id hb-l/);
    expect(prompts.question('Harbor id').default).toBe('hb-l');
    expect(state.raw.harborId).toBe('hb-1');
    expect(r.stats().byStatus).toEqual({ 200: 1, 404: 1 });
  });

  it('offers the address again when a self-hosted endpoint has no ingest API (404 without harbor id), warning about loopback and http://', async () => {
    const r = await harbor();
    const wrong = r.url.replace('/api/v2/ingest', '/v1/api/v2/ingest');
    const { prompts, state } = await offer(
      [
        YES,
        LIKELY_FIX,
        { question: 'Where is your Harbor?', answer: DEFAULT },
        { question: "Your server's address", answer: r.url, refused: [['  ', 'enter the address the board will send to']] },
        { question: `Use ${r.url} anyway?`, answer: true },
      ],
      { endpoint: wrong, apiKey: KEY },
    );
    expect(prompts.question("Your server's address").default).toBe(wrong);
    expect(prompts.notes).toContainEqual(expect.stringMatching(/127\.0\.0\.1 is this computer's own address, which a board can never reach.*With http:\/\/ the API key travels in clear/));
    expect(state.raw.endpoint).toBe(r.url);
    expect(r.points()).toHaveLength(1);
  });

  it(`stops offering after ${MAX_PING_RETRIES} re-entries and carries on`, async () => {
    const r = await harbor();
    const retry: ScriptLine[] = [
      LIKELY_FIX,
      { question: 'API key', answer: 'still-wrong' },
    ];
    const script = [YES, ...Array.from({ length: MAX_PING_RETRIES }, () => retry).flat()];
    const { prompts } = await offer(script, { endpoint: r.url, harborId: 'hb-1', apiKey: 'wrong' });
    expect(r.stats().byStatus).toEqual({ 401: MAX_PING_RETRIES + 1 });
    expect(prompts.notes.at(-1)).toMatch(/^Carrying on after 4 tries/);
  });

  it('keeps the answer when the user declines to type it again', async () => {
    const r = await harbor();
    const { state } = await offer([YES, { question: 'What now?', answer: 'carry-on' }], { endpoint: r.url, harborId: 'hb-1', apiKey: 'wrong' });
    expect(state.raw.apiKey).toBe('wrong');
    expect(r.stats().requests).toBe(1);
  });

  it('offers the address first when the Harbor cannot be reached (offline), and carries on when asked', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    const endpoint = `http://127.0.0.1:${port}/api/v2/ingest`;
    const { prompts, state } = await offer([YES, { question: 'What now?', answer: 'carry-on' }], { endpoint, apiKey: KEY });
    expect(prompts.notes).toEqual([expect.stringMatching(/^Nothing is listening at 127\.0\.0\.1:\d+/)]);
    expect(prompts.question('What now?').default).toBe('endpoint');
    expect(state.raw).toMatchObject({ endpoint, apiKey: KEY });
  });

  it('pings the base URL the endpoint answer stands for, and nothing when declined', async () => {
    const calls: PingOptions[] = [];
    const offline: typeof ping = async (options) => {
      calls.push(options);
      return { ok: false, status: undefined, message: 'offline' };
    };
    await offer([{ ...YES, answer: false }], { endpoint: 'cloud', harborId: 'hb-1', apiKey: KEY }, offline);
    expect(calls).toEqual([]);
    await offer([YES, { question: 'What now?', answer: 'carry-on' }], { endpoint: 'enterprise:acme', harborId: 'hb-1', apiKey: KEY }, offline);
    expect(calls).toEqual([{ baseUrl: 'https://acme.harbor.harborscale.com/api/v2/ingest', harborId: 'hb-1', apiKey: KEY }]);
  });

  it.each([
    ['no API key yet', { endpoint: 'cloud', harborId: 'hb-1' }],
    ['a cloud endpoint without harbor id', { endpoint: 'cloud', apiKey: KEY }],
    ['an invalid endpoint', { endpoint: 'ftp://x/api/v2/ingest', apiKey: KEY }],
  ])('asks nothing when there is %s', async (_, raw) => {
    const { impl, calls } = recordingPing();
    // An empty script: any question fails the test.
    await offer([], raw, impl);
    expect(calls).toEqual([]);
  });
});
