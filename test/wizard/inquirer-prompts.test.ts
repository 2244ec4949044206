/**
 * The wizard on the real inquirer prompts, without a terminal: keystrokes go
 * in through a PassThrough, the screen comes out as text. Each keystroke is
 * sent only once its question is on screen, as a person would.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { RawAnswers } from '../../src/config/resolve-answers.js';
import { HarborError } from '../../src/errors.js';
import { inquirerPrompts } from '../../src/wizard/prompts.js';
import { runWizard } from '../../src/wizard/run-wizard.js';

/** A folder that does not exist, so the folder question is checked and not asked. */
const NOWHERE = join(tmpdir(), 'hc-wizard-no-such-folder');
const ENTER = '\r';
const DOWN = '\x1b[B';
const BACKSPACE = '\x7f';
const CTRL_C = '\x03';

const open: PassThrough[] = [];
// A failed expectation leaves a prompt waiting for keys: ending its input lets it go.
afterEach(() => {
  for (const keys of open.splice(0)) keys.end();
});

function terminal() {
  const keys = new PassThrough();
  open.push(keys);
  let raw = '';
  const screen = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw += chunk.toString();
      done();
    },
  });
  const text = (): string => stripVTControlCharacters(raw);
  /** Waits (at most 5 s) until `expected` is on screen. */
  const shown = async (expected: string): Promise<void> => {
    for (let waited = 0; waited < 5000; waited += 10) {
      if (text().includes(expected)) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`"${expected}" did not appear on screen:\n${text()}`);
  };
  return { prompts: inquirerPrompts({ input: keys, output: screen }), type: (keystrokes: string) => keys.write(keystrokes), shown, text, screen };
}

/**
 * Everything but the board, ship id and Wi-Fi password, as flags would give
 * them. The endpoint is a closed local port, so even a wrongly accepted test
 * point would not leave the machine.
 */
const FLAGS: RawAnswers = {
  framework: 'arduino',
  metrics: [{ kind: 'rssi' }],
  endpoint: 'http://127.0.0.1:9/api/v2/ingest',
  harborId: 'harbor-7',
  apiKey: 'sk-test-123',
  wifiSsid: 'HomeNet',
  tls: 'verify',
  storage: 'flash',
};

describe('the wizard on inquirer prompts', () => {
  it('picks a board with the arrow keys, re-asks an invalid ship id with the schema message, and never shows the password', async () => {
    const term = terminal();
    const done = runWizard(term.prompts, FLAGS, NOWHERE);

    await term.shown('Which board?');
    term.type(DOWN);
    term.type(ENTER);

    await term.shown('Ship id');
    term.type(`${'a'.repeat(101)}${ENTER}`);
    await term.shown('must be 1 to 100 characters');
    // One character less is within the limit.
    term.type(BACKSPACE);
    term.type(ENTER);

    await term.shown('What is connected?');
    term.type(ENTER);

    await term.shown('Send a test point');
    term.type(`n${ENTER}`);

    await term.shown('Wi-Fi password');
    term.type(`hunter2hunter2${ENTER}`);

    await term.shown('Write the project, or change an answer?');
    term.type(ENTER);

    const state = await done;
    // Popular boards come first: the second is the ESP32-S3 DevKitC-1.
    expect(state.raw).toMatchObject({ board: 'esp32-s3-devkitc-1', shipId: 'a'.repeat(100), wifiPassword: 'hunter2hunter2' });
    expect(term.text()).toContain('✔ Which board? (type to search) Espressif ESP32-S3-DevKitC-1');
    expect(term.text()).not.toContain('hunter');
    expect(term.text()).toContain('Wi-Fi password (empty for an open network) **************');
    // The prompts leave the caller's stream open for whatever is printed next.
    expect(term.screen.writableEnded).toBe(false);
  });

  it('shows a note between questions on the same screen', async () => {
    const term = terminal();
    const done = runWizard(term.prompts, { ...FLAGS, board: 'no-such-board', shipId: 'auto', wifiPassword: '' }, NOWHERE);
    await term.shown('Which board?');
    term.type(ENTER);
    await term.shown('What is connected?');
    term.type(ENTER);
    await term.shown('Send a test point');
    term.type(`n${ENTER}`);
    await term.shown('Write the project, or change an answer?');
    term.type(ENTER);
    const state = await done;
    expect(term.text()).toContain("'no-such-board' is not a board harbor-connect knows: choose one from the list.\n? Which board?");
    expect(state.raw.board).toBe('esp32dev');
  });

  it('turns ctrl+c into "Cancelled: nothing was written."', async () => {
    const term = terminal();
    const done = runWizard(term.prompts, FLAGS, NOWHERE).catch((error: unknown) => error);
    await term.shown('Which board?');
    term.type(CTRL_C);
    const error = await done;
    expect(error).toBeInstanceOf(HarborError);
    expect((error as HarborError).message).toBe('Cancelled: nothing was written.');
  });
});
