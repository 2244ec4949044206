/**
 * Boards known from their PlatformIO manifest only (no verified pins), at
 * least three of each chip family: each project generates with the chip's
 * pin rules, compiles on the host (g++ -Wall -Wextra -Werror) and delivers
 * every reading to a local Harbor. The four boards of issue 12 go the user's
 * way, through `harbor-connect init` and `harbor-connect simulate`. The
 * boards we know well are built by test/generate/boards-matrix.test.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { findBoard, type Board, type Chip } from '../../src/catalogue/boards.js';
import { parseAnswers, type RawAnswers } from '../../src/config/resolve-answers.js';
import { generateFiles } from '../../src/generate/generate-files.js';
import { startReceiver, type Receiver } from '../../src/receiver/receiver.js';
import { runCli } from '../cli/helpers.js';
import { FAKE_SECRETS } from '../generate/fixtures.js';
import { useScratch } from '../scratch.js';
import { boardMetrics, expectHostDelivery } from './e2e-helpers.js';

/** Through the CLI, as a user would. */
const BY_CLI = ['esp32-s2-saola-1', 'seeed_xiao_esp32c3', 'adafruit_feather_esp32s3', 'lolin_d32'];

/** The rest of the sample: PSRAM (quad and octal), Arduino-only and ESP-IDF-only boards among them. */
const BY_LIBRARY = [
  'esp-wrover-kit', 'm5stack-core2',
  'adafruit_feather_esp32s2', 'esp32-s2-franzininho',
  'seeed_xiao_esp32s3', 'esp32-s3-devkitm-1',
  'lolin_c3_mini', 'adafruit_qtpy_esp32c3',
  'esp32-c6-devkitm-1', 'seeed_xiao_esp32c6', 'cezerio_dev_esp32c6',
  'nodemcu', 'huzzah', 'esp01_1m',
];

function board(id: string): Board {
  const found = findBoard(id);
  if (!found) throw new Error(`no board ${id} in the catalogue`);
  return found;
}

const metricFlag = (m: RawAnswers): string =>
  `${String(m.kind)}:${Object.entries(m).filter(([k]) => k !== 'kind').map(([k, v]) => `${k}=${String(v)}`).join(',')}`;

const scratch = useScratch('hc-sample');

describe('the board sample', () => {
  it('takes at least three manifest-only boards of each chip family, and every RP2040 board there is', () => {
    const sample = [...BY_CLI, ...BY_LIBRARY].map(board);
    expect(sample.filter((b) => b.verifiedPins).map((b) => b.id)).toEqual([]);
    const perChip = new Map<Chip, number>();
    for (const b of sample) perChip.set(b.chip, (perChip.get(b.chip) ?? 0) + 1);
    for (const chip of ['esp32', 'esp32s2', 'esp32s3', 'esp32c3', 'esp32c6', 'esp8266'] as const) {
      expect(perChip.get(chip) ?? 0, chip).toBeGreaterThanOrEqual(3);
    }
    // The Pico W is the only RP2040 board with the CYW43 radio; the boards matrix builds it.
    expect(board('rpipicow').verifiedPins).toBe(true);
  });
});

describe.each(BY_CLI)('harbor-connect init --board %s, then simulate --local', (id) => {
  it('generates the project, builds it for the host and delivers every reading', async () => {
    const dir = scratch();
    const b = board(id);
    const env = { HARBOR_API_KEY: FAKE_SECRETS.apiKey, WIFI_PASSWORD: FAKE_SECRETS.wifiPassword };
    const init = await runCli(
      ['init', '--yes', '--board', id, ...boardMetrics(b).flatMap((m) => ['--metric', metricFlag(m)]), '--harbor-id', 'hb-sample', '--wifi-ssid', 'lab', '--out', 'proj'],
      { cwd: dir, env },
    );
    expect(init.exitCode, init.stderr).toBe(0);

    const run = await runCli(['simulate', 'proj', '--duration', '1m', '--speed', 'max', '--local'], { cwd: dir, env });
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('every reading was delivered.');
    const counts = /readings sampled (\d+), delivered (\d+), dropped 0/.exec(run.stdout);
    expect(counts?.[1]).toBeDefined();
    expect(counts?.[2]).toBe(counts?.[1]);
    expect(Number(counts?.[1])).toBeGreaterThanOrEqual(60 / 10);
  }, 90_000);
});

describe('a PlatformIO board harbor-connect leaves out', () => {
  it('is refused with the reason, exit code 2 and nothing written', async () => {
    const dir = scratch();
    const result = await runCli(['init', '--yes', '--board', 'pico', '--harbor-id', 'hb', '--wifi-ssid', 'lab', '--out', 'proj'], {
      cwd: dir,
      env: { HARBOR_API_KEY: FAKE_SECRETS.apiKey, WIFI_PASSWORD: FAKE_SECRETS.wifiPassword },
    });
    expect(result.stderr).toContain("'pico' (Raspberry Pi Pico) is a PlatformIO board harbor-connect cannot run on: it has no CYW43 Wi-Fi chip");
    expect(result.exitCode).toBe(2);
    expect(existsSync(join(dir, 'proj'))).toBe(false);
  });
});

describe('generated, host-compiled and simulated', () => {
  let receiver: Receiver;
  const buildCache = scratch();
  beforeAll(async () => {
    receiver = await startReceiver({ port: 0, apiKey: FAKE_SECRETS.apiKey, harborIds: ['hb_sample'], clock: 'sim' });
  });
  afterAll(async () => {
    await receiver.close();
  });

  it.each(BY_LIBRARY)('%s', async (id) => {
    const b = board(id);
    const framework = b.frameworks[0];
    const raw: RawAnswers = { board: id, framework, shipId: `sample-${id}`, metrics: boardMetrics(b), harborId: 'hb_sample', wifiSsid: 'lab', ...FAKE_SECRETS };
    const generated = generateFiles(parseAnswers(raw));
    expect(generated.model.ini.board).toBe(id);
    expect(generated.model.target.id).toBe(b.adapters[framework as 'arduino' | 'espidf']);
    await expectHostDelivery(join(scratch(), 'proj'), generated, receiver, join(buildCache, id));
  }, 60_000);
});
