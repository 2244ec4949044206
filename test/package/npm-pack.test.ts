/**
 * `npx harbor-connect` must work from the published tarball: the bin, the
 * templates, the firmware sources and the host adapter all have to be in it.
 * Packs the package, installs the tarball into an empty project (dependencies
 * from the npm registry, as a user gets them) and generates and simulates a
 * project with the installed command.
 */
import { execa } from 'execa';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../cli/helpers.js';

describe('the npm package', () => {
  it('installs from its tarball and runs init and simulate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-pack-'));
    await execa('npm', ['pack', '--pack-destination', dir, '--ignore-scripts'], { cwd: REPO });
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    const app = join(dir, 'app');
    await execa('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
    await execa('npm', ['install', '--no-audit', '--no-fund', join(dir, tarball as string)], { cwd: app });

    const bin = join(app, 'node_modules', '.bin', 'harbor-connect');
    const boards = await execa(bin, ['boards', '--json'], { cwd: app });
    expect(JSON.parse(boards.stdout).map((b: { id: string }) => b.id)).toContain('esp32dev');

    const init = await execa(bin, ['init', '--yes', '--board', 'esp32dev', '--harbor-id', 'hb', '--wifi-ssid', 'lab', '--metric', 'simulated:interval=1', '--out', 'proj'], {
      cwd: app,
      env: { HARBOR_API_KEY: 'FAKE-key', WIFI_PASSWORD: 'fake-password' },
    });
    expect(init.exitCode).toBe(0);
    const simulate = await execa(bin, ['simulate', 'proj', '--local', '--speed', 'max', '--duration', '30s'], { cwd: app });
    expect(simulate.stdout).toMatch(/readings sampled 30, delivered 30, dropped 0/);
    expect(simulate.stdout).toContain('The local Harbor stored 30 points');
  }, 240_000);
});
