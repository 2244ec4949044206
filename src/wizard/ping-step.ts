/**
 * Wizard step: once endpoint, harbor id and API key are known, offer to send
 * one test point, so a mistyped key or harbor id is caught now rather than
 * after flashing. A refused key or unknown harbor id can be typed again; any
 * other trouble (offline, server error) only warns, since the project can be
 * generated without a connection.
 */
import { ApiKeySchema, EndpointSchema, HarborIdSchema } from '../config/answers-schema.js';
import { resolveBaseUrl } from '../config/endpoint.js';
import { ping, type PingResult } from '../ping/ping.js';
import { validateWith, type Prompts } from './prompts.js';
import type { WizardState, WizardStep } from './steps.js';

/** Re-entries offered after the first refusal; then the wizard moves on. */
export const MAX_PING_RETRIES = 3;

type Fix = 'apiKey' | 'harborId' | 'endpoint';

export function makeOfferPing(pingImpl: typeof ping = ping): WizardStep {
  return async (prompts, state) => {
    if (!readyToPing(state)) return;
    if (!(await prompts.confirm({ message: 'Send a test point to check the endpoint and API key now?', default: true }))) return;

    for (let retries = 0; ; retries += 1) {
      const result = await send(pingImpl, state);
      // ping's messages say in plain words what happened and what to do; no secret is in them.
      prompts.note(result.message);
      if (result.ok) return;
      const fix = fixFor(result, state);
      if (fix === undefined) {
        // Offline or server trouble: nothing the user can correct here.
        prompts.note('Carrying on: the project does not need a connection now. Check later with harbor-connect ping <project folder>.');
        return;
      }
      if (retries >= MAX_PING_RETRIES) {
        prompts.note(`Carrying on with the answer as given after ${MAX_PING_RETRIES + 1} tries; fix it later and check with harbor-connect ping <project folder>.`);
        return;
      }
      if (!(await prompts.confirm({ message: `Enter the ${LABELS[fix]} again?`, default: true }))) return;
      await reenter(prompts, state, fix);
    }
  };
}

export const offerPing: WizardStep = makeOfferPing();

const LABELS: Record<Fix, string> = { apiKey: 'API key', harborId: 'harbor id', endpoint: 'endpoint URL' };

/** Only when every answer the ping needs is present and valid; otherwise the schema reports it later. */
function readyToPing(state: WizardState): boolean {
  const { endpoint = 'cloud', harborId, apiKey } = state.raw;
  if (!EndpointSchema.safeParse(endpoint).success || !ApiKeySchema.safeParse(apiKey).success) return false;
  if (harborId !== undefined) return HarborIdSchema.safeParse(harborId).success;
  return String(endpoint).startsWith('http');
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

function fixFor(result: PingResult, state: WizardState): Fix | undefined {
  if (result.status === 401 || result.status === 403) return 'apiKey';
  if (result.status !== 404) return undefined;
  if (state.raw.harborId !== undefined) return 'harborId';
  // A 404 without a harbor id: the self-hosted URL itself is wrong.
  return String(state.raw.endpoint ?? '').startsWith('http') ? 'endpoint' : undefined;
}

async function reenter(prompts: Prompts, state: WizardState, fix: Fix): Promise<void> {
  if (fix === 'apiKey') {
    state.raw.apiKey = await prompts.password({ message: 'API key', validate: validateWith(ApiKeySchema) });
  } else if (fix === 'harborId') {
    state.raw.harborId = await prompts.input({ message: "Harbor id (from your Harbor's details)", default: String(state.raw.harborId), validate: validateWith(HarborIdSchema) });
  } else {
    // Stay self-hosted: switching to cloud here would need a harbor id the wizard has already passed.
    state.raw.endpoint = await prompts.input({
      message: 'Base URL',
      default: String(state.raw.endpoint),
      validate: (value) => (value.startsWith('http') ? validateWith(EndpointSchema)(value) : 'must be a URL such as http://my-server:8000/api/v2/ingest'),
    });
  }
}
