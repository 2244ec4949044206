/**
 * What a user types reaches the Harbor byte for byte: quotes, backslashes,
 * trigraph look-alikes, comment ends, tabs, newlines and non-ASCII in the ship
 * id and cargo ids go through the generator's C++ literals, the compiler and
 * the firmware's JSON writer, and come out unchanged at the receiver.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseAnswers } from '../../src/config/resolve-answers.js';
import { generateFiles } from '../../src/generate/generate-files.js';
import { startReceiver } from '../../src/receiver/receiver.js';
import { buildHostFirmware, runHostFirmware } from '../../src/simulate/host-build.js';
import { applyWrite, planWrite } from '../../src/write/write-project.js';
import { FIXTURES } from '../generate/fixtures.js';
import { useScratch } from '../scratch.js';

const scratch = useScratch('hc-odd');

it('delivers odd ship and cargo ids exactly as typed', async () => {
  const answers = parseAnswers(FIXTURES['odd-strings'] ?? {});
  const { files, model } = generateFiles(answers);
  const dir = join(scratch(), 'proj');
  applyWrite(planWrite(dir, files), files);
  const { binary } = await buildHostFirmware(dir);
  const receiver = await startReceiver({ port: 0, apiKey: answers.apiKey, harborIds: [answers.harborId ?? ''], clock: 'sim' });
  try {
    const summary = await runHostFirmware(binary, { durationMs: 60_000, speed: 'max', endpoint: receiver.url, timeoutMs: 30_000 });
    expect(summary.delivered).toBe(summary.sampled);
    const points = receiver.points();
    expect(new Set(points.map((p) => p.ship_id))).toEqual(new Set([answers.shipId]));
    expect(new Set(points.map((p) => p.cargo_id))).toEqual(new Set(model.metrics.map((m) => m.cargo)));
    expect(model.metrics.map((m) => m.cargo)).toEqual(['Temperatur Gewächshaus 温度 🌡️', 'line\nbreak']);
  } finally {
    await receiver.close();
  }
}, 60_000);
