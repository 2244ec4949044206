/** The answers file as input: it may hold secrets, so what it says is checked strictly and never echoed. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAnswersFile } from '../../src/config/answers-file.js';
import { mergeAnswerSources, parseAnswers } from '../../src/config/resolve-answers.js';
import { HarborError } from '../../src/errors.js';
import { harborErrorFrom } from '../harbor-error.js';
import { runCli, SECRET_KEY, SECRET_WIFI } from '../cli/helpers.js';
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
  const error = harborErrorFrom(run);
  expect(error, 'expected a refusal').toBeInstanceOf(HarborError);
  return error as HarborError;
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

describe('an answers file that is not valid JSON', () => {
  const broken: [string, string, RegExp][] = [
    ['an unquoted key value', '{\n  "board": "esp32dev",\n  "apiKey": hk_LEAKME_1\n}\n', /line 3, column 13/],
    ['a comma too many', '{\n  "apiKey": "hk_LEAKME_2",\n}\n', /line 3, column 1/],
    ['a string cut by a line break', '{"apiKey": "hk_LEAK\nME_3"}', /line 1, column 12/],
    ['a missing comma', '{"apiKey": "hk_LEAKME_4" "wifiPassword": "hk_LEAKME_5"}', /line 1, column 26/],
  ];
  it.each(broken)('says where the mistake is without quoting the file (%s)', (_name, text, where) => {
    const path = fileWith(text);
    const error = refusal(() => readAnswersFile(path));
    expect(error.message).toMatch(/^The answers file .* is not valid JSON at line \d+, column \d+: .+\.$/);
    expect(error.message).toMatch(where);
    expect(`${error.message} ${error.hint}`).not.toMatch(/LEAK|ME_|hk_/);
    expect(error.cause).toBeUndefined();
    expect(error.exitCode).toBe(2);
  });
});

describe('secrets in an answers file', () => {
  it('uses them with a one-line warning that they belong in the environment or the secrets header', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'answers.json'), JSON.stringify({ ...base, apiKey: SECRET_KEY, wifiPassword: SECRET_WIFI }));
    const result = await runCli(['init', '--yes', '--config', 'answers.json', '--out', 'proj'], { cwd: dir });
    expect(result.exitCode, result.stderr).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning:'));
    expect(warnings).toEqual([
      'warning: answers.json holds the API key and the Wi-Fi password, which belong in HARBOR_API_KEY and WIFI_PASSWORD or the project\'s include/harbor_secrets.h, not in a file others may read.',
    ]);
    expect(readFileSync(join(dir, 'proj/include/harbor_secrets.h'), 'utf8')).toContain(SECRET_KEY);
    expect(readFileSync(join(dir, 'proj/harbor-connect.json'), 'utf8')).not.toContain(SECRET_KEY);
    expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET_KEY);
  });

  it('warns when ping takes the key from an answers file, too', async () => {
    const path = fileWith(JSON.stringify({ endpoint: 'http://127.0.0.1:2/api/v2/ingest', apiKey: SECRET_KEY }));
    const result = await runCli(['ping', '--config', path]);
    expect(result.stderr).toMatch(/^warning: .*harbor-connect\.json holds the API key, which belongs in HARBOR_API_KEY or the project's include\/harbor_secrets\.h, not in a file others may read\.$/m);
    expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET_KEY);
  });
});
