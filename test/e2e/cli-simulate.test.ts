// The user's path with the built CLI: init a project, then
// `harbor-connect simulate <dir> --duration 2m --speed max --local`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startReceiver } from '../../src/receiver/receiver.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const API_KEY = 'hb_cli_e2e_SECRET_key';
const WIFI_PASSWORD = 'cli-e2e-wifi-SECRET';

function runCli(args: string[], cwd: string) {
  return execa('node', [CLI, ...args], {
    cwd,
    env: { NO_COLOR: '1', HARBOR_API_KEY: API_KEY, WIFI_PASSWORD },
    extendEnv: true,
    reject: false,
    stdin: 'ignore',
    timeout: 60_000,
  });
}

describe('harbor-connect simulate --local', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'harbor-e2e-cli-'));
  });

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('builds a freshly generated project, runs two firmware minutes against a local Harbor, and reports every reading stored', async () => {
    const init = await runCli(
      ['init', '--yes', '--board', 'esp32dev', '--metric', 'simulated:cargo=t,interval=1', '--metric', 'simulated:cargo=h,interval=5',
        '--harbor-id', 'hb-cli', '--wifi-ssid', 'lab', '--out', 'proj'],
      root,
    );
    expect(init.exitCode, init.stderr).toBe(0);

    const run = await runCli(['simulate', 'proj', '--duration', '2m', '--speed', 'max', '--local'], root);
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.exitCode, output).toBe(0);
    // Two minutes at 1 s and at 5 s.
    const expected = 120 / 1 + 120 / 5;
    expect(run.stdout).toContain('Simulated 2.0 min of firmware time');
    expect(run.stdout).toContain('every reading was delivered.');
    expect(run.stdout).toContain(`readings sampled ${expected}, delivered ${expected}, dropped 0`);
    expect(run.stdout).toContain('connections opened 1');
    expect(run.stdout).toContain(`The local Harbor stored ${expected} points (0 duplicates dropped).`);
    expect(output).not.toContain(API_KEY);
    expect(output).not.toContain(WIFI_PASSWORD);
  }, 90_000);

  it('cuts the power every few minutes with --power-cut-every, and exits 1 counting what the cuts took from RAM', async () => {
    // The project of the first case: its binary is cached. Readings go to flash by default on the ESP32.
    const run = await runCli(['simulate', 'proj', '--duration', '30m', '--speed', 'max', '--local', '--power-cut-every', '5m', '--seed', '3'], root);
    expect(run.exitCode, run.stderr).toBe(1);
    const cuts = /power cuts (\d+) \((\d+) during a flash page write\): (\d+) readings lost from RAM, (\d+) flash page writes in (\d+) boots/.exec(run.stdout);
    expect(cuts, run.stdout).not.toBeNull();
    const [count, inWrite, lost, , boots] = cuts!.slice(1).map(Number) as [number, number, number, number, number];
    expect(count).toBeGreaterThanOrEqual(4);
    expect(boots).toBe(count + 1);
    expect(inWrite).toBeGreaterThan(0);
    expect(lost).toBeGreaterThan(0);
    expect(run.stderr).toContain(`${lost} readings were in RAM only when the power went`);
    // The Harbor has every reading taken but those.
    const sampled = Number(/readings sampled (\d+)/.exec(run.stdout)?.[1]);
    expect(run.stdout).toMatch(new RegExp(`The local Harbor stored ${sampled - lost} points`));
  }, 90_000);

  it('refuses bad options before building anything, and a fast run toward a real Harbor', async () => {
    const init = await runCli(['init', '--yes', '--board', 'esp32dev', '--harbor-id', 'hb-cli', '--wifi-ssid', 'lab', '--out', 'checks'], root);
    expect(init.exitCode, init.stderr).toBe(0);
    const cases: [string[], RegExp][] = [
      [['--seed', 'abc'], /--seed must be a whole number, not 'abc'\./],
      [['--speed', '0'], /--speed must be a positive number or max, not '0'\./],
      [['--duration', 'soon'], /duration/i],
      [['--local', '--endpoint', 'http://127.0.0.1:1/api/v2/ingest'], /--local and --endpoint both say where to send/],
      [['--speed', 'max'], /would send readings stamped in the future to harborscale\.com/],
      [['--power-cut-every', '0s'], /--power-cut-every must be at least a second, not '0s'\./],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(['simulate', 'checks', ...args], root);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.exitCode, args.join(' ')).toBe(2);
      expect(run.stdout, args.join(' ')).not.toContain('Building the firmware');
    }
  }, 60_000);

  it('exits 1 with the reason when not every reading arrived: a refused key, an unreachable Harbor (and stops by itself)', async () => {
    const init = await runCli(
      ['init', '--yes', '--board', 'esp32dev', '--metric', 'simulated:cargo=t,interval=1', '--harbor-id', 'hb-cli', '--wifi-ssid', 'lab', '--out', 'short'],
      root,
    );
    expect(init.exitCode, init.stderr).toBe(0);
    const other = await startReceiver({ port: 0, host: '127.0.0.1', apiKey: 'hb_another_key', harborIds: ['hb-cli'], clock: 'sim' });
    try {
      const refused = await runCli(['simulate', 'short', '--duration', '1m', '--speed', 'max', '--endpoint', other.url], root);
      expect(refused.exitCode, refused.stderr).toBe(1);
      expect(refused.stdout).toContain('stopped before the buffer drained (config-error), 60 readings still buffered');
      expect(refused.stderr).toContain('Not every reading was delivered: the Harbor refused the API key or the harbor id (60 readings still buffered).');
      expect(`${refused.stdout}${refused.stderr}`).not.toContain(API_KEY);
    } finally {
      await other.close();
    }

    // Nothing listens on port 1: the run stops by itself once the drain bound (a minute here) has passed.
    const unreachable = await runCli(['simulate', 'short', '--duration', '1m', '--speed', 'max', '--endpoint', 'http://127.0.0.1:1/api/v2/ingest'], root);
    expect(unreachable.exitCode, unreachable.stderr).toBe(1);
    expect(unreachable.stdout).toMatch(/Simulated 2\.0 min of firmware time/);
    expect(unreachable.stderr).toContain('Not every reading was delivered: the buffer did not drain in the time allowed (60 readings still buffered).');
    expect(unreachable.stderr).toContain('--drain');
  }, 90_000);
});
