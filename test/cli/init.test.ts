import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESP32_FLAGS, REPO, runCli, SECRET_KEY, SECRET_WIFI, snapshotTree } from './helpers.js';
import { useScratch } from '../scratch.js';

const scratch = useScratch('hc-init');
const secretsEnv = { HARBOR_API_KEY: SECRET_KEY, WIFI_PASSWORD: SECRET_WIFI };

describe('harbor-connect init --yes', () => {
  it('generates a complete esp32dev project from flags alone, secrets only in the ignored header', async () => {
    const dir = scratch();
    const result = await runCli([...ESP32_FLAGS, '--out', 'proj'], { cwd: dir, env: secretsEnv });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const tree = snapshotTree(join(dir, 'proj'));
    for (const path of ['platformio.ini', 'src/main.cpp', 'include/harbor_config.h', 'include/harbor_secrets.h', 'include/harbor_ca.h', '.gitignore', 'README.md', 'harbor-connect.json', 'lib/harbor_runtime/library.json', 'lib/harbor_platform/library.json', '.harbor/manifest.json']) {
      expect(tree.has(path), path).toBe(true);
    }
    expect(readFileSync(join(dir, 'proj/.gitignore'), 'utf8')).toMatch(/^include\/harbor_secrets\.h$/m);
    for (const [path, { content }] of tree) {
      if (path === 'include/harbor_secrets.h') continue;
      expect(content.includes(SECRET_KEY), `${path} holds the API key`).toBe(false);
      expect(content.includes('P@ss'), `${path} holds the Wi-Fi password`).toBe(false);
    }
    expect(result.stdout).not.toContain(SECRET_KEY);
    expect(readFileSync(join(dir, 'proj/include/harbor_secrets.h'), 'utf8')).toContain(`"${SECRET_KEY}"`);
    const ini = readFileSync(join(dir, 'proj/platformio.ini'), 'utf8');
    expect(ini).toMatch(/^board = esp32dev$/m);
    expect(ini).toMatch(/^framework = arduino$/m);
    expect(ini).toMatch(/^platform = \S+@\S+$/m);
  });

  it('changes no file when the same command runs again, or when regenerated from its answers file', async () => {
    const dir = scratch();
    await runCli([...ESP32_FLAGS, '--out', 'proj'], { cwd: dir, env: secretsEnv });
    const before = snapshotTree(join(dir, 'proj'));
    const again = await runCli([...ESP32_FLAGS, '--out', 'proj'], { cwd: dir, env: secretsEnv });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('up to date');
    // No secrets in the environment: they are read back from the project's header.
    const fromFile = await runCli(['init', '--yes', '--config', 'proj/harbor-connect.json'], { cwd: dir });
    expect(fromFile.stderr).toBe('');
    expect(fromFile.exitCode).toBe(0);
    const after = snapshotTree(join(dir, 'proj'));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [path, file] of before) {
      expect(after.get(path)?.content.equals(file.content), path).toBe(true);
      expect(after.get(path)?.mtimeMs, path).toBe(file.mtimeMs);
    }
  });

  it('keeps secrets out of the answers file', async () => {
    const dir = scratch();
    await runCli([...ESP32_FLAGS, '--out', 'proj', '--api-key', SECRET_KEY, '--wifi-password', SECRET_WIFI], { cwd: dir });
    const answers = JSON.parse(readFileSync(join(dir, 'proj/harbor-connect.json'), 'utf8')) as Record<string, unknown>;
    expect(answers).not.toHaveProperty('apiKey');
    expect(answers).not.toHaveProperty('wifiPassword');
    expect(answers).toMatchObject({ board: 'esp32dev', shipId: 'greenhouse-1', harborId: 'hb_123', wifiSsid: 'Greenhouse WiFi' });
  });

  it('writes nothing with --dry-run', async () => {
    const dir = scratch();
    const result = await runCli([...ESP32_FLAGS, '--out', 'proj', '--dry-run'], { cwd: dir, env: secretsEnv });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('create    src/main.cpp');
    expect(result.stdout).not.toContain(SECRET_KEY);
    expect(existsSync(join(dir, 'proj'))).toBe(false);
  });

  it('regenerates a project whose CA file was given relative to where init ran', async () => {
    const dir = scratch();
    const ca = join(dir, 'our-root.pem');
    writeFileSync(ca, readFileSync(join(REPO, 'test/fixtures/catalogue/ca/private-root.pem')));
    const first = await runCli([...ESP32_FLAGS, '--out', 'proj', '--ca-file', 'our-root.pem'], { cwd: dir, env: secretsEnv });
    expect(first.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'proj/harbor-connect.json'), 'utf8')).caFile).toBe('../our-root.pem');
    const again = await runCli(['init', '--yes', '--config', 'harbor-connect.json'], { cwd: join(dir, 'proj') });
    expect(again.stderr).toBe('');
    expect(again.stdout).toContain('up to date');
  });

  it('exits 2 from a dry run that a real run would refuse, and writes nothing', async () => {
    const dir = scratch();
    await runCli([...ESP32_FLAGS, '--out', 'proj'], { cwd: dir, env: secretsEnv });
    writeFileSync(join(dir, 'proj/platformio.ini'), '; edited by hand\n');
    const result = await runCli([...ESP32_FLAGS, '--out', 'proj', '--ship-id', 'other', '--dry-run'], { cwd: dir, env: secretsEnv });
    expect(result.stdout).toContain('update    platformio.ini');
    expect(result.stderr).toMatch(/You edited a file that regenerating would overwrite: platformio.ini/);
    expect(result.exitCode).toBe(2);
    expect(readFileSync(join(dir, 'proj/platformio.ini'), 'utf8')).toBe('; edited by hand\n');
  });

  it('lists every missing answer at once', async () => {
    const dir = scratch();
    const result = await runCli(['init', '--yes', '--out', 'proj'], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Missing 5 answers: --board, --harbor-id, --api-key (or HARBOR_API_KEY), --wifi-ssid, --wifi-password (or WIFI_PASSWORD).');
    expect(existsSync(join(dir, 'proj'))).toBe(false);
  });
});

describe('bad input: one clear sentence, exit code 2, nothing on disk', () => {
  const cases: [string, string[], RegExp][] = [
    ['an SSID over 32 bytes', ['--wifi-ssid', 'x'.repeat(33)], /--wifi-ssid must be 1 to 32 bytes/],
    ['an SSID of 11 three-byte characters', ['--wifi-ssid', '温'.repeat(11)], /--wifi-ssid must be 1 to 32 bytes/],
    ['a short password', ['--wifi-password', 'short'], /--wifi-password must be 8 to 63 characters/],
    ['a long password', ['--wifi-password', 'p'.repeat(64)], /--wifi-password must be 8 to 63 characters/],
    ['a ship id over 100 characters', ['--ship-id', 's'.repeat(101)], /--ship-id must be 1 to 100 characters/],
    ['an empty cargo id', ['--metric', 'uptime:cargo='], /--metric \d+ \(uptime .*\) cargo: must be 1 to 100 characters/],
    ['a pin the board does not have', ['--metric', 'analog:pin=40,cargo=x'], /GPIO 40 does not exist/],
    ['two metrics with one cargo id', ['--metric', 'uptime:cargo=soil'], /cargo id 'soil' is already used by metric 2/],
    ['an unknown board', ['--board', 'teapot-9000'], /'teapot-9000' is not a board harbor-connect knows: run harbor-connect boards/],
    ['an unknown metric kind', ['--metric', 'humidity'], /'humidity' is not a metric kind: use one of/],
    ['an unknown metric option', ['--metric', 'rssi:pin=3'], /rssi has no option 'pin'/],
    ['an unknown option', ['--colour', 'blue'], /unknown option '--colour'/],
    ['a bad framework', ['--framework', 'zephyr'], /argument 'zephyr' is invalid/],
    ['an endpoint without the ingest path', ['--endpoint', 'http://localhost:8000/'], /must end in \/api\/v2\/ingest/],
    ['a batch size that is not a number', ['--batch-records', 'abc'], /--batch-records must be a whole number from 1 to 500\./],
    ['two malformed metrics, both reported', ['--metric', 'analog:pin', '--metric', 'rssi:interval=1,interval=2'], /2 --metric options are malformed:\n.*'pin' is not key=value\.\n.*'interval' is given twice\./],
    ['insecure TLS with ESP-IDF', ['--framework', 'espidf', '--tls', 'insecure'], /--tls is not available with ESP-IDF/],
  ];
  it.each(cases)('%s', async (_name, extra, message) => {
    const dir = scratch();
    const result = await runCli([...ESP32_FLAGS, '--out', 'proj', ...extra], { cwd: dir, env: secretsEnv });
    expect(result.stderr).toMatch(message);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).not.toContain(SECRET_KEY);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'proj'))).toBe(false);
  });

  it('refuses an output folder that harbor-connect did not make', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'proj'));
    writeFileSync(join(dir, 'proj', 'mine.txt'), 'keep me');
    const result = await runCli([...ESP32_FLAGS, '--out', 'proj'], { cwd: dir, env: secretsEnv });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/already exists and was not made by harbor-connect/);
    expect(snapshotTree(join(dir, 'proj')).size).toBe(1);
  });
});
