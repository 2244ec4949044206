/** The API key travels in the X-API-Key header: one rule, applied by init, ping and the receiver alike. */
import { describe, expect, it } from 'vitest';
import { receiverOptionsFromFlags, resolvePingTarget } from '../../src/commands/receiver-commands.js';
import { ApiKeySchema } from '../../src/config/answers-schema.js';
import { parseAnswers } from '../../src/config/resolve-answers.js';
import { harborErrorFrom } from '../harbor-error.js';

const RULE = 'must be printable ASCII with no space at either end (it is sent as the X-API-Key header)';

const entryPoints: [string, (apiKey: string) => unknown][] = [
  ['init', (apiKey) => parseAnswers({ board: 'esp32dev', harborId: 'hb', apiKey, wifiSsid: 'lab', wifiPassword: '' })],
  ['ping', (apiKey) => resolvePingTarget(undefined, { endpoint: 'http://127.0.0.1:2/api/v2/ingest', apiKey }, {})],
  ['receiver', (apiKey) => receiverOptionsFromFlags({ apiKey }, {})],
];

describe('an API key', () => {
  // é passes Node's own header check (it goes out as one Latin-1 byte) while the firmware sends
  // UTF-8: the Harbor then refuses every request with 401.
  const refused = ['clé', 'hk_🚢', 'key\u00a0x', 'key\nX-Other: 1', 'hk_key ', ' hk_key', 'hk\tkey', 'hk\u0000key'];
  const accepted = ['hk_live_S3cr3t-KEY', 'two words', '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];

  it.each(entryPoints)('is refused by %s, exit 2, when it cannot travel in an HTTP header', (_name, use) => {
    for (const key of refused) {
      const error = harborErrorFrom(() => use(key));
      expect(error?.message, JSON.stringify(key)).toContain(RULE);
      expect(error?.exitCode).toBe(2);
      expect(`${error?.message} ${error?.hint}`).not.toContain(key);
    }
  });

  it.each(entryPoints)('is taken by %s when it is printable ASCII', (_name, use) => {
    for (const key of accepted) expect(harborErrorFrom(() => use(key)), key).toBeUndefined();
  });

  it('is checked by one schema, the one the wizard prompts validate with', () => {
    expect(ApiKeySchema.safeParse('clé').error?.issues[0]?.message).toBe(RULE);
    expect(ApiKeySchema.safeParse('hk_live').success).toBe(true);
    expect(ApiKeySchema.safeParse('').error?.issues.map((issue) => issue.message)).toEqual(['must not be empty']);
  });
});
