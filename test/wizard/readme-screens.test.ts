/**
 * The wizard's screens in README.md are what it shows: each fenced block
 * after a `<!-- wizard screen: NAME -->` line is looked for, line by line, on
 * the screen of a real run in a pseudo-terminal (a line `…` stands for any
 * lines in between). HARBOR_README_SCREENS=<file> writes the screens there,
 * for updating the README.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../cli/helpers.js';
import { useScratch } from '../scratch.js';
import { KEY, startWizard } from './terminal-session.js';

const scratch = useScratch('hc-readme-screens');
const { enter } = KEY;

/** The README's blocks by name. */
export function readmeScreens(readme: string): Map<string, string[]> {
  const screens = new Map<string, string[]>();
  for (const match of readme.matchAll(/<!-- wizard screen: ([\w-]+) -->\n```[^\n]*\n([\s\S]*?)\n```/g)) {
    screens.set(match[1] as string, (match[2] as string).split('\n'));
  }
  return screens;
}

/** Where `block` is not on `screen`: undefined when every run of lines between `…` lines is, in order. */
export function missingFrom(screen: string, block: string[]): string | undefined {
  const lines = screen.split('\n').map((l) => l.trimEnd());
  const runs: string[][] = [[]];
  for (const line of block) {
    if (line.trim() === '…') runs.push([]);
    else runs.at(-1)?.push(line.trimEnd());
  }
  let from = 0;
  for (const run of runs.filter((r) => r.length > 0)) {
    let at = -1;
    for (let i = from; i + run.length <= lines.length && at < 0; i += 1) {
      if (run.every((line, j) => lines[i + j] === line)) at = i;
    }
    if (at < 0) return run.join('\n');
    from = at + run.length;
  }
  return undefined;
}

describe("the README's wizard screens", () => {
  it('are what the wizard shows, the sensor step included', async () => {
    const cwd = scratch();
    const s = startWizard(cwd);
    const shots: Record<string, string> = {};
    const since = (mark: string): string => s.screen().slice(s.screen().lastIndexOf(mark));
    await s.answer('A new device, or add Harbor', enter);
    await s.answer('Project folder', `greenhouse${enter}`);
    await s.search('Which board?', 'd1_mini', '(d1_mini)');
    await s.answer('Ship id', enter);
    await s.waitFor('? What is connected? (type to search)');
    await s.waitFor('BME280');
    shots.connected = since('? What is connected?');
    await s.search('What is connected?', 'bme280', '(bme280)');
    // Each of the sensor's questions with its default, whatever they are, up to the next sensor.
    for (let asked = 1; ; asked += 1) {
      await s.waitFor(/^\? (Bosch BME280|Anything else connected\?)/m, 1);
      const open = s.screen().split('\n').filter((line) => line.startsWith('? ')).at(-1) ?? '';
      if (open.startsWith('? Anything else connected?')) break;
      s.type(enter);
      await s.waitFor(/^✔ Bosch BME280/m, asked);
    }
    await s.answer('Anything else connected?', enter);
    shots.sensor = since('✔ What is connected?');
    await s.answer('What else should it send?', enter);
    for (const q of ['Wi-Fi signal strength: cargo id', 'Wi-Fi signal strength: every', 'Readings dropped by a full buffer: cargo id', 'Readings dropped by a full buffer: every']) await s.answer(q, enter);
    await s.answer('Where is your Harbor?', enter);
    await s.answer('Harbor id', `hb-1${enter}`);
    await s.answer('API key', `hk_readme-key${enter}`);
    await s.answer('Send a test point', `n${enter}`);
    await s.answer('Wi-Fi network name', `Lab${enter}`);
    await s.answer('Wi-Fi password', `readme-wifi-pass${enter}`);
    await s.answer('Change batching or TLS', enter);
    await s.answer('Keep readings through power cuts', enter);
    await s.answer('Write the project, or change an answer?', '');
    shots.review = since('Review');
    s.type(KEY.ctrlC);
    expect(await s.exited()).toBe(1);

    if (process.env.HARBOR_README_SCREENS) {
      writeFileSync(process.env.HARBOR_README_SCREENS, Object.entries(shots).map(([name, text]) => `<!-- wizard screen: ${name} -->\n\`\`\`\n${text}\n\`\`\`\n`).join('\n'));
    }
    const screens = readmeScreens(readFileSync(join(REPO, 'README.md'), 'utf8'));
    expect([...screens.keys()].sort()).toEqual(Object.keys(shots).sort());
    for (const [name, block] of screens) expect(missingFrom(shots[name] as string, block), `README screen '${name}'`).toBeUndefined();
  }, 90_000);
});
