/**
 * The wizard's first question in a terminal, as a person meets it: an
 * Arduino IDE sketch written from the wizard, and lines to paste printed
 * with no project folder asked and no secret on the screen.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useScratch } from '../scratch.js';
import { KEY, startWizard, type Session } from '../wizard/terminal-session.js';

const scratch = useScratch('hc-tty-formats');
const API_KEY = 'hk_tty-formats-S3cret';
const WIFI_PASSWORD = 'tty-formats-pass';
const { enter, down } = KEY;

/** Board to the review, the defaults wherever there is one. */
async function answerQuestions(s: Session): Promise<void> {
  await s.search('Which board?', 'd1_mini', '(d1_mini)');
  await s.answer('Ship id', enter);
  await s.answer('What is connected?', enter);
  await s.answer('What should it send?', enter);
  await s.answer('Wi-Fi signal strength: cargo id', enter);
  await s.answer('Wi-Fi signal strength: every how many seconds?', enter);
  await s.answer('Readings dropped by a full buffer: cargo id', enter);
  await s.answer('Readings dropped by a full buffer: every how many seconds?', enter);
  await s.answer('Where is your Harbor?', enter);
  await s.answer('Harbor id', `hb-1${enter}`);
  await s.answer('API key', `${API_KEY}${enter}`);
  await s.answer('Send a test point', `n${enter}`);
  await s.answer('Wi-Fi network name', `Lab${enter}`);
  await s.answer('Wi-Fi password', `${WIFI_PASSWORD}${enter}`);
  await s.answer('Change batching or TLS', enter);
  await s.answer('Write the project, or change an answer?', '');
}

function expectNoSecrets(screen: string): void {
  expect(screen).not.toContain(API_KEY);
  expect(screen).not.toContain(WIFI_PASSWORD);
}

describe('the wizard writes the other formats', () => {
  it('an Arduino IDE sketch: the folder, the questions, the review, then <folder>/<folder>.ino', async () => {
    const cwd = scratch();
    const s = startWizard(cwd);
    await s.answer('A new device, or add Harbor', `${down}${enter}`);
    await s.answer('Project folder', enter);
    await answerQuestions(s);
    expect(s.screen()).toMatch(/Writes\s+an Arduino IDE sketch/);
    s.type(enter);
    await s.waitFor('Created harbor-device');
    expect(await s.exited()).toBe(0);
    expect(s.screen()).toContain('in the Arduino IDE 2');
    expectNoSecrets(s.screen());
    expect(existsSync(join(cwd, 'harbor-device', 'harbor-device.ino'))).toBe(true);
    expect(statSync(join(cwd, 'harbor-device', 'secrets.h')).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('lines to paste: no folder is asked; the snippet is printed and the secrets are only in their file', async () => {
    const cwd = scratch();
    const s = startWizard(cwd);
    await s.answer('A new device, or add Harbor', `${down}${down}${enter}`);
    await answerQuestions(s);
    expect(s.screen()).not.toMatch(/Project folder/);
    s.type(enter);
    await s.waitFor('Harbor.loop();');
    expect(await s.exited()).toBe(0);
    expect(s.screen()).toContain('#include <Harbor.h>');
    expectNoSecrets(s.screen());
    expect(readdirSync(cwd)).toEqual(['harbor_secrets.h']);
  }, 60_000);
});
