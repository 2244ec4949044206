/**
 * The sketch folder and the library's examples compile on the host for each
 * board family, as the Arduino IDE compiles them: the sketch with no include
 * path into its own src/ (every include there is relative), the examples
 * with the library's src/ on the path. One sketch is also linked with the
 * host adapter and run against the local Harbor: everything it samples is
 * stored.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DELIVERY_API_KEY, DELIVERY_HARBOR_ID, DELIVERY_START_UTC_MS, runAgainstReceiver } from '../../src/bench/delivery-run.js';
import { parseAnswers } from '../../src/config/resolve-answers.js';
import { generateFiles } from '../../src/generate/generate-files.js';
import { LIBRARY_FAMILIES, LIBRARY_NAME } from '../../src/generate/formats/library.js';
import { PLATFORM_TARGETS } from '../../src/catalogue/platforms.js';
import { useScratch } from '../scratch.js';
import { hostExampleCheck, hostSketchBuild, writeFiles } from './host-sketch.js';

const scratch = useScratch('hc-sketch-host');
const ACCOUNT = { harborId: DELIVERY_HARBOR_ID, apiKey: DELIVERY_API_KEY, wifiSsid: 'Lab', wifiPassword: 'lab-pass-1' };
const FAMILIES = [
  { board: 'esp32dev', sensors: [{ kind: 'bme280', sda: 21, scl: 22 }] },
  { board: 'd1_mini', sensors: [] },
  { board: 'rpipicow', sensors: [] },
];

function writeSketch(board: string, sensors: unknown[], name: string) {
  const dir = join(scratch(), name);
  const generated = generateFiles(parseAnswers({ ...ACCOUNT, board, sensors, metrics: [{ kind: 'uptime', interval: 10 }], format: 'sketch' }), dir);
  writeFiles(dir, generated.files);
  return { dir, generated };
}

describe('the sketch on the host', () => {
  it.each(FAMILIES)('$board: every file of the sketch compiles with no include path into it', async ({ board, sensors }) => {
    const { dir, generated } = writeSketch(board, sensors, `sketch_${board}`);
    await hostSketchBuild(dir, `sketch_${board}`, { senderTask: !generated.model.target.sendsFromLoop, syntaxOnly: true });
  }, 120_000);

  it('runs against the local Harbor, every reading it takes stored', async () => {
    const { dir, generated } = writeSketch('esp32dev', [], 'weather_station');
    const binary = await hostSketchBuild(dir, 'weather_station', { senderTask: true });
    const run = await runAgainstReceiver(binary as string, {
      receiver: { apiKey: DELIVERY_API_KEY, harborIds: [DELIVERY_HARBOR_ID] },
      firmware: { durationMs: 120_000, speed: 'max', startUtcMs: DELIVERY_START_UTC_MS, timeoutMs: 30_000 },
    });
    expect(generated.model.metrics).toHaveLength(1);
    expect(run.summary.sampled).toBe(12);
    expect(run.summary.delivered).toBe(12);
    expect(run.points.filter((p) => p.cargo_id === 'uptime')).toHaveLength(12);
  }, 180_000);
});

describe("the library's examples on the host", () => {
  it.each(LIBRARY_FAMILIES)('$family example compiles against the library', async (family) => {
    const dir = scratch();
    const { files } = generateFiles(parseAnswers({ ...ACCOUNT, board: 'esp32dev', metrics: [{ kind: 'rssi' }, { kind: 'uptime' }], format: 'library' }));
    writeFiles(dir, files);
    const root = join(dir, LIBRARY_NAME);
    await hostExampleCheck(join(root, 'examples', family.family, `${family.family}.ino`), join(root, 'src'), { senderTask: !PLATFORM_TARGETS[family.adapter].sendsFromLoop });
  }, 120_000);
});
