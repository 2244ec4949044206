/**
 * `simulate` as a user runs it: the host binary it builds holds both secrets, so only its owner
 * may read it; and a SIGINT sent to simulate's pid alone (kill <pid>, a supervisor) stops the run.
 */
import { spawn } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, SECRET_KEY } from './helpers.js';
import { useScratch } from '../scratch.js';

const scratch = useScratch('hc-simulate');
const WIFI = 'simulate-wifi-pass';
let root: string;

beforeAll(async () => {
  root = scratch();
  const init = await runCli(
    ['init', '--yes', '--board', 'esp32dev', '--harbor-id', 'hb', '--wifi-ssid', 'lab', '--metric', 'simulated:cargo=t,interval=1', '--out', 'proj'],
    { cwd: root, env: { HARBOR_API_KEY: SECRET_KEY, WIFI_PASSWORD: WIFI } },
  );
  expect(init.exitCode, init.stderr).toBe(0);
});

describe('harbor-connect simulate', () => {
  it('leaves a host binary that holds the secrets readable by its owner only, like the secrets header', async () => {
    const run = await runCli(['simulate', 'proj', '--local', '--speed', 'max', '--duration', '1m'], { cwd: root });
    expect(run.stdout, run.stderr).toContain('Simulated 1.0 min');
    const hostDir = join(root, 'proj/.pio/host');
    const binaries = readdirSync(hostDir).filter((name) => name.startsWith('firmware-'));
    expect(binaries).toHaveLength(1);
    const binary = join(hostDir, binaries[0] as string);
    const content = readFileSync(binary);
    expect(content.includes(SECRET_KEY) && content.includes(WIFI)).toBe(true);
    expect(statSync(binary).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, 'proj/include/harbor_secrets.h')).mode & 0o077).toBe(0);
    expect(statSync(join(hostDir, 'build.log')).mode & 0o077).toBe(0);
    expect(statSync(hostDir).mode & 0o077).toBe(0);

    // A binary an older version left world-readable is fixed when the cache next serves it.
    chmodSync(binary, 0o755);
    const cached = await runCli(['simulate', 'proj', '--local', '--speed', 'max', '--duration', '10s'], { cwd: root });
    expect(cached.stdout, cached.stderr).toContain('Simulated 0.2 min');
    expect(readdirSync(hostDir).filter((name) => name.startsWith('firmware-'))).toEqual(binaries);
    expect(statSync(binary).mode & 0o777).toBe(0o700);
  });

  it('passes a SIGINT sent to its pid alone on to the firmware, which stops and prints its summary', async () => {
    // detached: the child leads its own process group, so nothing but this kill reaches it.
    const child = spawn(process.execPath, [CLI, 'simulate', 'proj', '--local', '--speed', '1', '--duration', '10m'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', HARBOR_API_KEY: undefined, WIFI_PASSWORD: undefined },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // 'close', not 'exit': by then everything it printed has been read.
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
    const within = <T>(promise: Promise<T>, ms: number) => Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(resolve, ms))]);
    try {
      // The runtime announces itself once the firmware has booted (after the build).
      const booted = new Promise<true>((resolve) => child.stdout.on('data', () => /^\[harbor\] runtime /m.test(output) && resolve(true)));
      expect(await within(booted, 30_000), output).toBe(true);
      process.kill(child.pid as number, 'SIGINT');
      const stopped = await within(closed, 15_000);
      expect(stopped, `simulate still runs 15 s after SIGINT:\n${output}`).toBeDefined();
      expect(stopped?.signal).toBeNull();
      expect(output).toMatch(/Simulated \d+\.\d min of firmware time in .*\(interrupted\)/);
    } finally {
      // The whole group, so a firmware left behind by a simulate that ignored SIGINT goes too.
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
});

describe('harbor-connect simulate on a sketch folder', () => {
  it('says it is a sketch, how to get a project from its answers, and writes nothing', async () => {
    const dir = scratch();
    const init = await runCli(
      ['init', '--yes', '--format', 'sketch', '--board', 'esp32dev', '--harbor-id', 'hb', '--wifi-ssid', 'lab', '--out', 'greenhouse'],
      { cwd: dir, env: { HARBOR_API_KEY: SECRET_KEY, WIFI_PASSWORD: WIFI } },
    );
    expect(init.exitCode, init.stderr).toBe(0);
    const before = readdirSync(join(dir, 'greenhouse')).sort();
    const run = await runCli(['simulate', 'greenhouse', '--local'], { cwd: dir });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('is an Arduino IDE sketch (greenhouse.ino): simulate runs harbor-connect\'s PlatformIO projects.');
    expect(run.stderr).toContain(`init --config ${join(dir, 'greenhouse', 'harbor-connect.json')} --format project`);
    expect(run.stderr).not.toContain(SECRET_KEY);
    expect(readdirSync(join(dir, 'greenhouse')).sort()).toEqual(before);
  });
});
