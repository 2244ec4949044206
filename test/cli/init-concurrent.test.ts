/** Two init runs into one project at the same moment: one waits for the other, and the project is one of theirs. */
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectWholeProject, SECRET_KEY, SECRET_WIFI } from './helpers.js';
import { useScratch } from '../scratch.js';

const scratch = useScratch('hc-init-race');
const DRIVER = fileURLToPath(new URL('./cli-driver.mjs', import.meta.url));
const secretsEnv = { HARBOR_API_KEY: SECRET_KEY, WIFI_PASSWORD: SECRET_WIFI };
const flagsFor = (board: string) => ['init', '--yes', '--board', board, '--harbor-id', 'hb', '--wifi-ssid', 'lab', '--metric', 'rssi', '--out', 'proj'];

/** Both runs load everything first, then start at one agreed moment. */
async function initTogether(cwd: string, boards: [string, string]) {
  const startAt = String(Date.now() + 1200);
  const runs = boards.map((board) =>
    execa('node', [DRIVER, ...flagsFor(board)], {
      cwd,
      env: { NO_COLOR: '1', ...secretsEnv, HC_START_AT: startAt, HC_WRITE_DELAY_MS: '2' },
      reject: false,
      stdin: 'ignore',
      timeout: 30_000,
    }),
  );
  return Promise.all(runs);
}

/** The board the project was last written for, after checking that every file agrees on it. */
function coherentBoard(cwd: string): string {
  const board = (JSON.parse(readFileSync(join(cwd, 'proj/harbor-connect.json'), 'utf8')) as { board: string }).board;
  expect(readFileSync(join(cwd, 'proj/platformio.ini'), 'utf8')).toMatch(new RegExp(`^board = ${board}$`, 'm'));
  // Every file and the manifest belong to that one run.
  expectWholeProject(join(cwd, 'proj'));
  return board;
}

describe('two init runs into one project at once', () => {
  it('both succeed, one after the other, whether the project is new or already there', async () => {
    const dir = scratch();
    for (const boards of [['esp32dev', 'nodemcuv2'], ['nodemcuv2', 'esp32dev']] as [string, string][]) {
      const runs = await initTogether(dir, boards);
      for (const run of runs) {
        expect(run.stderr, boards.join(' and ')).toBe('');
        expect(run.exitCode, boards.join(' and ')).toBe(0);
      }
      expect(boards).toContain(coherentBoard(dir));
    }
  });
});
