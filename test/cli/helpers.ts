import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(REPO, 'dist', 'cli.js');

/** A copy of the built package in `root`, as a second install would be: its CLI. */
export function copyOfPackage(root: string): string {
  cpSync(join(REPO, 'dist'), join(root, 'dist'), { recursive: true });
  cpSync(join(REPO, 'package.json'), join(root, 'package.json'));
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  return join(root, 'dist', 'cli.js');
}

/** Runs the built CLI (or a copy's, `cli`) as a user would, without a terminal. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; timeout?: number; cli?: string } = {}) {
  return execa('node', [options.cli ?? CLI, ...args], {
    cwd: options.cwd,
    timeout: options.timeout,
    env: { NO_COLOR: '1', HARBOR_API_KEY: undefined, WIFI_PASSWORD: undefined, ...options.env },
    extendEnv: true,
    reject: false,
    stdin: 'ignore',
  });
}

/** Every file below dir, relative, with its bytes and mtime. */
export function snapshotTree(dir: string): Map<string, { content: Buffer; mtimeMs: number }> {
  const out = new Map<string, { content: Buffer; mtimeMs: number }>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    out.set(full.slice(dir.length + 1), { content: readFileSync(full), mtimeMs: statSync(full).mtimeMs });
  }
  return out;
}

export const SECRET_KEY = 'hk_live_S3cr3t-KEY-do-not-leak';
export const SECRET_WIFI = 'wifi-P@ss "quoted" \\ back';

export const ESP32_FLAGS = [
  'init', '--yes', '--board', 'esp32dev', '--ship-id', 'greenhouse-1',
  '--metric', 'rssi', '--metric', 'analog:pin=34,cargo=soil,interval=10,scale=0.5', '--metric', 'simulated:cargo=temp,interval=5',
  '--endpoint', 'cloud', '--harbor-id', 'hb_123', '--wifi-ssid', 'Greenhouse WiFi',
];

/**
 * Checks that `projectDir` is a whole project as init leaves it, without running init again:
 * every file its manifest names holds the bytes it names, the secrets header is there and
 * owner-only, and none of our temporaries or locks is left.
 */
export function expectWholeProject(projectDir: string): void {
  const manifest = JSON.parse(readFileSync(join(projectDir, '.harbor/manifest.json'), 'utf8')) as { files: Record<string, string> };
  for (const [path, hash] of Object.entries(manifest.files)) {
    expect(createHash('sha256').update(readFileSync(join(projectDir, path))).digest('hex'), path).toBe(hash);
  }
  expect(statSync(join(projectDir, 'include/harbor_secrets.h')).mode & 0o077, 'secrets header mode').toBe(0);
  expect(readdirSync(projectDir, { recursive: true, encoding: 'utf8' }).filter((path) => /harbor-tmp-|\.harbor-lock/.test(path))).toEqual([]);
}
