/**
 * Wizard step: once endpoint, harbor id and API key are known, offer to send
 * one test point, so a mistyped key or harbor id is caught now rather than
 * after flashing. After any failure the user can correct the endpoint, the
 * harbor id or the key and try again, or carry on: the project can be
 * generated without a connection.
 */
import { createHash } from 'node:crypto';
import { ApiKeySchema, EndpointSchema, HarborIdSchema } from '../config/answers-schema.js';
import { resolveBaseUrl } from '../config/endpoint.js';
import { ping, PING_CARGO_ID, PING_SHIP_ID, type PingResult } from '../ping/ping.js';
import { validateWith, type Prompts } from './prompts.js';
import { askEndpoint, type WizardState, type WizardStep } from './steps.js';

/** Tries after the first before the wizard stops offering (the user can still carry on at any time). */
export const MAX_PING_RETRIES = 3;

type Fix = 'apiKey' | 'harborId' | 'endpoint';
type Next = Fix | 'again' | 'carry-on';

export function makeOfferPing(pingImpl: typeof ping = ping): WizardStep {
  return async (prompts, state) => {
    if (!readyToPing(state)) return;
    // Offered once per endpoint, harbor id and key: going round again after the review does not repeat it.
    const offer = `ping:${fingerprint(state)}`;
    if (state.offered?.has(offer)) return;
    (state.offered ??= new Set()).add(offer);
    const question = `Send a test point (ship ${PING_SHIP_ID}, cargo ${PING_CARGO_ID}) to your Harbor to check the endpoint and API key now?`;
    if (!(await prompts.confirm({ message: question, default: true }))) return;

    for (let retries = 0; ; retries += 1) {
      const result = await send(pingImpl, state);
      // ping's messages say in plain words what happened and what to do; no secret is in them.
      prompts.note(result.message);
      if (result.ok) break;
      if (retries >= MAX_PING_RETRIES) {
        prompts.note(`Carrying on after ${MAX_PING_RETRIES + 1} tries; fix the answer at the review, or later check with harbor-connect ping in the project folder.`);
        break;
      }
      const next = await prompts.select<Next>({
        message: 'What now?',
        choices: [
          { name: 'Enter the API key again', value: 'apiKey' },
          ...(state.raw.harborId !== undefined || !String(state.raw.endpoint ?? 'cloud').startsWith('http') ? [{ name: 'Enter the harbor id again', value: 'harborId' as const }] : []),
          { name: 'Change where the Harbor is', value: 'endpoint' },
          { name: 'Send the test point again', value: 'again' },
          { name: 'Carry on without a working test', value: 'carry-on' },
        ],
        default: likelyFix(result, state),
      });
      if (next === 'carry-on') break;
      if (next !== 'again') await reenter(prompts, state, next);
      if (!readyToPing(state)) break;
    }
    state.offered.add(`ping:${fingerprint(state)}`);
  };
}

export const offerPing: WizardStep = makeOfferPing();

/** Only when every answer the ping needs is present and valid; otherwise the schema reports it later. */
function readyToPing(state: WizardState): boolean {
  const { endpoint = 'cloud', harborId, apiKey } = state.raw;
  if (!EndpointSchema.safeParse(endpoint).success || !ApiKeySchema.safeParse(apiKey).success) return false;
  if (harborId !== undefined) return HarborIdSchema.safeParse(harborId).success;
  return String(endpoint).startsWith('http');
}

/** A hash, so the key itself is not kept around in another field. */
function fingerprint(state: WizardState): string {
  const { endpoint = 'cloud', harborId = '', apiKey = '' } = state.raw;
  return createHash('sha256').update(JSON.stringify([endpoint, harborId, apiKey])).digest('hex');
}

async function send(pingImpl: typeof ping, state: WizardState): Promise<PingResult> {
  const { endpoint = 'cloud', harborId, apiKey } = state.raw;
  try {
    return await pingImpl({ baseUrl: resolveBaseUrl(String(endpoint)), harborId: harborId as string | undefined, apiKey: String(apiKey) });
  } catch (error) {
    // ping only throws for a URL it cannot use; the wizard must still finish.
    return { ok: false, status: undefined, message: (error as Error).message };
  }
}

/** The answer the failure points at, offered first. */
function likelyFix(result: PingResult, state: WizardState): Next {
  if (result.status === 401 || result.status === 403) return 'apiKey';
  if (result.status === 404) return state.raw.harborId !== undefined ? 'harborId' : 'endpoint';
  // No answer at all (name not found, refused, timed out): the address is the likely culprit.
  if (result.status === undefined) return 'endpoint';
  return 'again';
}

async function reenter(prompts: Prompts, state: WizardState, fix: Fix): Promise<void> {
  if (fix === 'apiKey') {
    state.raw.apiKey = await prompts.password({ message: 'API key (it is not shown as you type)', validate: validateWith(ApiKeySchema) });
  } else if (fix === 'harborId') {
    state.raw.harborId = await prompts.input({ message: "Harbor id (from your Harbor's details)", default: state.raw.harborId === undefined ? undefined : String(state.raw.harborId), validate: validateWith(HarborIdSchema) });
  } else {
    state.raw.endpoint = await askEndpoint(prompts, state.raw.endpoint === undefined ? undefined : String(state.raw.endpoint));
    // Cloud and enterprise need a harbor id; a self-hosted server may have none.
    if (!String(state.raw.endpoint).startsWith('http') && state.raw.harborId === undefined) await reenter(prompts, state, 'harborId');
  }
  state.sources ??= {};
  state.sources[fix] = 'asked';
}
