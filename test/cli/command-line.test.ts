/** Mistyped commands, options, board ids and metric kinds: a "did you mean", exit code 2, nothing written. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useScratch } from '../scratch.js';
import { ESP32_FLAGS, runCli } from './helpers.js';

const scratch = useScratch('hc-cli');
const secretsEnv = { HARBOR_API_KEY: 'test-key', WIFI_PASSWORD: 'test-password' };
const INIT = [...ESP32_FLAGS, '--out', 'proj'];

describe('did you mean', () => {
  const cases: [string, string[], RegExp][] = [
    ['a word that is no command', ['bogus'], /'bogus' is not a harbor-connect command: did you mean one of init, .*simulate.*\?/],
    ['a typo of simulate, whose options are not taken for init\'s', ['simulte', '--local'], /'simulte' is not a harbor-connect command: did you mean simulate\?/],
    ['a typo of an option', [...INIT, '--bord', 'esp32dev'], /unknown option '--bord'\n\(Did you mean --board\?\)/],
    ['a board id with a dash too many', [...INIT, '--board', 'esp32-dev'], /'esp32-dev' is not a board harbor-connect knows: did you mean esp32dev\?/],
    ['a metric kind with a letter too many', [...INIT, '--metric', 'rssii'], /--metric \d+ \(rssii\): 'rssii' is not a metric kind: did you mean rssi\?/],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const dir = scratch();
    const result = await runCli(args, { cwd: dir, env: secretsEnv });
    expect(result.stderr).toMatch(message);
    expect(result.exitCode).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names a mistyped board id and metric kind together with the answers still missing', async () => {
    const dir = scratch();
    const result = await runCli(['init', '--yes', '--board', 'esp32-dev', '--metric', 'rssii', '--out', 'proj'], { cwd: dir, env: {} });
    expect(result.stderr).toContain('The answers have 3 problems:');
    expect(result.stderr).toMatch(/'esp32-dev' is not a board harbor-connect knows: did you mean esp32dev\?/);
    expect(result.stderr).toMatch(/'rssii' is not a metric kind: did you mean rssi\?/);
    expect(result.stderr).toMatch(/Missing 4 answers: --harbor-id, --api-key \(or HARBOR_API_KEY\), --wifi-ssid, --wifi-password \(or WIFI_PASSWORD\)\./);
    expect(result.exitCode).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('still runs init when the command is left out and init\'s flags come first', async () => {
    const dir = scratch();
    const result = await runCli([...INIT.slice(1), '--dry-run'], { cwd: dir, env: secretsEnv });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Dry run: nothing is written.');
    expect(result.exitCode).toBe(0);
  });
});
