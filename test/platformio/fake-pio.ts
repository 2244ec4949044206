/** Helpers that put the fake pio (test/fixtures/platformio) in front of the code under test. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/platformio/', import.meta.url));
export const FAKE_BIN = path.join(FIXTURES, 'bin');
/** The fake's #!/usr/bin/env node line needs node on PATH. */
export const NODE_DIR = path.dirname(process.execPath);

export interface PioCall {
  name: string;
  argv: string[];
  cwd: string;
  flags: Record<string, string>;
}

export interface FakePio {
  /** A generated-project stand-in: a folder with a platformio.ini. */
  projectDir: string;
  /** A HOME with no PlatformIO in it, so the real one (if any) is never found. */
  home: string;
  env(scenario?: string, extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  calls(): Promise<PioCall[]>;
  cleanup(): Promise<void>;
}

export async function fixtureText(file: string): Promise<string> {
  return readFile(path.join(FIXTURES, 'output', file), 'utf8');
}

export async function setUpFakePio(): Promise<FakePio> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'harbor-pio-'));
  const projectDir = path.join(root, 'greenhouse');
  const home = path.join(root, 'home');
  const record = path.join(root, 'pio-calls.jsonl');
  await mkdir(projectDir);
  await mkdir(home);
  await writeFile(path.join(projectDir, 'platformio.ini'), '[env:esp32dev]\nplatform = espressif32\nboard = esp32dev\nframework = arduino\n');

  return {
    projectDir,
    home,
    env(scenario, extra = {}) {
      return {
        PATH: [FAKE_BIN, NODE_DIR].join(path.delimiter),
        HOME: home,
        HARBOR_FAKE_PIO_RECORD: record,
        ...(scenario ? { HARBOR_FAKE_PIO_SCENARIO: scenario } : {}),
        ...extra,
      };
    },
    async calls() {
      const text = await readFile(record, 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as PioCall);
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
