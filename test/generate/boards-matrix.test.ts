/**
 * Every board we know well (verifiedPins), with every framework it supports: the project
 * generates, its platformio.ini and adapter choice match the snapshot, and its
 * src/main.cpp and runtime compile on the host (g++ -Wall -Wextra -Werror)
 * through the simulate build and deliver readings to a local Harbor.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allBoards, type Board } from '../../src/catalogue/boards.js';
import { parseAnswers, type RawAnswers } from '../../src/config/resolve-answers.js';
import { generateFiles } from '../../src/generate/generate-files.js';
import { startReceiver, type Receiver } from '../../src/receiver/receiver.js';
import { FAKE_SECRETS } from './fixtures.js';
import { boardMetrics, expectHostDelivery } from '../e2e/e2e-helpers.js';
import { useScratch } from '../scratch.js';

// The boards known from their manifest only are sampled, a few per chip, by test/e2e/board-sample.test.ts.
const cases = allBoards().filter((board) => board.verifiedPins).flatMap((board) => board.frameworks.map((framework) => ({ board, framework })));
const scratch = useScratch('hc-board');
const buildCache = scratch();

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver({ port: 0, apiKey: FAKE_SECRETS.apiKey, harborIds: ['hb_matrix'], clock: 'sim' });
});
afterAll(async () => {
  await receiver.close();
});

function answersFor(board: Board, framework: string): RawAnswers {
  return { board: board.id, framework, shipId: `matrix-${board.id}-${framework}`, metrics: boardMetrics(board), harborId: 'hb_matrix', wifiSsid: 'lab', ...FAKE_SECRETS };
}

describe.each(cases)('$board.id with $framework', ({ board, framework }) => {
  const generated = generateFiles(parseAnswers(answersFor(board, framework)));
  const { model, files } = generated;

  it('selects the adapter and writes platformio.ini as in the snapshot', async () => {
    const ini = files.find((f) => f.path === 'platformio.ini')?.content ?? '';
    const selection = `adapter: ${model.target.id}\nentry: ${model.target.entry}\nbuffer: ${model.device.bufferRecords} readings\n\n${ini}`;
    await expect(selection).toMatchFileSnapshot(join('__snapshots__', 'boards', `${board.id}-${framework}.ini.snap`));
    expect(ini).toContain(`framework = ${framework}`);
    expect(files.some((f) => f.path === 'lib/harbor_platform/library.json')).toBe(true);
  });

  it('compiles on the host and delivers every reading to a local Harbor', async () => {
    await expectHostDelivery(join(scratch(), 'proj'), generated, receiver, join(buildCache, `${board.id}-${framework}`));
  });
});
