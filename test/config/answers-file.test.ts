/** The answers file as input: it may hold secrets, so what it says is checked strictly and never echoed. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAnswersFile } from '../../src/config/answers-file.js';
import { mergeAnswerSources, parseAnswers } from '../../src/config/resolve-answers.js';
import { HarborError } from '../../src/errors.js';
import { useScratch } from '../scratch.js';

const scratch = useScratch('hc-answers-file');
const base = { board: 'esp32dev', harborId: 'hb', wifiSsid: 'lab', metrics: [{ kind: 'rssi' }] };
const secrets = { HARBOR_API_KEY: 'hk_env_key', WIFI_PASSWORD: 'password1' };

function fileWith(text: string): string {
  const path = join(scratch(), 'harbor-connect.json');
  writeFileSync(path, text);
  return path;
}

/** What init makes of an answers file: read, merged with the environment, validated. */
function answersFrom(path: string) {
  return parseAnswers(mergeAnswerSources({ file: readAnswersFile(path), env: secrets }));
}

function refusal(run: () => unknown): HarborError {
  try {
    run();
  } catch (error) {
    if (error instanceof HarborError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('unknown keys in an answers file', () => {
  it('refuses __proto__ like any unknown key, so it cannot set the endpoint', () => {
    // Written as text: in an object literal `__proto__` would set the prototype, not a key.
    const path = fileWith(`${JSON.stringify(base).slice(0, -1)},"__proto__":{"endpoint":"https://evil.example.com/api/v2/ingest"}}`);
    const error = refusal(() => answersFrom(path));
    expect(error.message).toBe("'__proto__' is not an option: see harbor-connect init --help.");
    expect(error.exitCode).toBe(2);
  });

  it('refuses __proto__ inside a metric', () => {
    const path = fileWith('{"board":"esp32dev","harborId":"hb","wifiSsid":"lab","metrics":[{"kind":"analog","__proto__":{"pin":34}}]}');
    expect(refusal(() => answersFrom(path)).message).toMatch(/'__proto__' is not an option/);
  });
});
