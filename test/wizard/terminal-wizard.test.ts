/**
 * The wizard as a person meets it: the built CLI in a pseudo-terminal,
 * keystrokes typed once each question is on screen, the screen read back.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../src/receiver/receiver.js';
import { runCli } from '../cli/helpers.js';
import { useScratch } from '../scratch.js';
import { KEY, startWizard, type Session } from './terminal-session.js';

const scratch = useScratch('hc-tty');
const API_KEY = 'hk_tty-S3cret-key';
const WIFI_PASSWORD = 'tty-wifi-pass';
const { enter, down, ctrlC, ctrlU } = KEY;

const closing: Receiver[] = [];
afterEach(async () => {
  for (const r of closing.splice(0)) await r.close();
});

/** Folder (default), a board found by typing, the default metrics, cloud, key, no test point, Wi-Fi: up to the review. */
async function answerUpToReview(s: Session, board = 'd1_mini'): Promise<void> {
  await s.answer('A new device, or add Harbor', enter);
  await s.answer('Project folder', enter);
  await s.search('Which board?', board, `(${board})`);
  await s.answer('Ship id', enter);
  await s.answer('What is connected?', enter);
  await s.answer('What should it send?', enter);
  await s.answer('Wi-Fi signal strength: cargo id', enter);
  // A word where a number goes gets the wizard's own sentence, not the schema's "expected number".
  await s.answer('Wi-Fi signal strength: every how many seconds?', `${ctrlU}soon${enter}`);
  await s.waitFor('enter a number of seconds, e.g. 60');
  s.type(`${ctrlU}30${enter}`);
  await s.answer('Readings dropped by a full buffer: cargo id', enter);
  await s.answer('Readings dropped by a full buffer: every how many seconds?', enter);
  await s.answer('Where is your Harbor?', enter);
  await s.answer('Harbor id', `hb-1${enter}`);
  await s.answer('API key', `${API_KEY}${enter}`);
  await s.answer('Send a test point', `n${enter}`);
  await s.answer('Wi-Fi network name', `Lab${enter}`);
  await s.answer('Wi-Fi password', `${WIFI_PASSWORD}${enter}`);
  await s.answer('Change batching or TLS', enter);
  await s.answer('Keep readings through power cuts', enter);
  await s.answer('Write the project, or change an answer?', '');
}

function expectNoSecrets(screen: string): void {
  expect(screen).not.toContain(API_KEY);
  expect(screen).not.toContain(WIFI_PASSWORD);
}

const answersOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'harbor-connect.json'), 'utf8')) as Record<string, unknown>;

describe('the wizard in a terminal', () => {
  it('goes from an empty folder to a written project, reviewing every answer, and says what to do without PlatformIO', async () => {
    const cwd = scratch();
    const s = startWizard(cwd);
    await answerUpToReview(s);
    const review = s.screen();
    for (const row of [/Project folder\s+harbor-device/, /Board\s+WeMos D1 R2 and mini \(d1_mini\)/, /Sends\s+rssi every 30 s, dropped every 300 s/, /Harbor\s+Harbor cloud/, /API key\s+hidden, as typed/, /Wi-Fi password\s+hidden, as typed/]) {
      expect(review).toMatch(row);
    }
    // Nothing made up is sent unless asked for.
    expect(review).not.toMatch(/simulated/);
    s.type(enter);
    await s.waitFor('Created harbor-device');
    await s.waitFor('PlatformIO is needed to build and flash the firmware and is not installed');
    await s.answer('What next?', `${down}${enter}`);
    expect(await s.exited()).toBe(0);
    const screen = s.screen();
    // Run as `node <path>/cli.js`: the commands printed work from here, never a bare `npx harbor-connect`.
    expect(screen).toMatch(/node \S+\/dist\/cli\.js simulate harbor-device --local/);
    expect(screen).not.toMatch(/npx harbor-connect/);
    expectNoSecrets(screen);
    expect(answersOf(join(cwd, 'harbor-device'))).toMatchObject({ board: 'd1_mini', harborId: 'hb-1', wifiSsid: 'Lab' });
  }, 60_000);

  it('goes back from the review to change the board, and comes back to the review', async () => {
    const cwd = scratch();
    const s = startWizard(cwd);
    await answerUpToReview(s);
    s.type(`${down}${down}${enter}`);
    await s.search('Which board?', 'rpipicow', '(rpipicow)');
    await s.waitFor('? Write the project, or change an answer?');
    expect(s.screen()).toMatch(/Board\s+Raspberry Pi Pico W \(rpipicow\)/);
    s.type(enter);
    await s.answer('What next?', `${down}${enter}`);
    expect(await s.exited()).toBe(0);
    expect(answersOf(join(cwd, 'harbor-device'))).toMatchObject({ board: 'rpipicow', wifiSsid: 'Lab' });
  }, 60_000);

  it('leaves a folder with someone else\'s files alone and offers a free name', async () => {
    const cwd = scratch();
    mkdirSync(join(cwd, 'harbor-device'));
    writeFileSync(join(cwd, 'harbor-device', 'notes.txt'), 'mine');
    const s = startWizard(cwd);
    await s.answer('A new device, or add Harbor', enter);
    await s.answer('Project folder', enter);
    await s.waitFor("harbor-device already holds files that harbor-connect did not make, so it is left alone. Choose another name (harbor-device-2 is free).");
    await s.answer('Project folder (harbor-device-2)', enter);
    await s.answer('Which board?', ctrlC);
    expect(await s.exited()).toBe(1);
    expect(readdirSync(cwd)).toEqual(['harbor-device']);
    expect(readdirSync(join(cwd, 'harbor-device'))).toEqual(['notes.txt']);
  }, 60_000);

  it('offers an existing project\'s answers as the defaults and shows a board change before writing', async () => {
    const cwd = scratch();
    const made = await runCli(['init', '--yes', '--board', 'd1_mini', '--metric', 'uptime', '--harbor-id', 'hb-9', '--wifi-ssid', 'Shed', '--out', 'shed'], {
      cwd,
      env: { HARBOR_API_KEY: API_KEY, WIFI_PASSWORD },
    });
    expect(made.exitCode).toBe(0);
    const s = startWizard(cwd);
    await s.answer('A new device, or add Harbor', enter);
    await s.answer('Project folder', `shed${enter}`);
    await s.waitFor('shed is a harbor-connect project for the WeMos D1 R2 and mini (d1_mini), sending uptime. Its answers are the defaults');
    await s.answer('Send a test point', `n${enter}`);
    await s.answer('Keep readings through power cuts', enter);
    await s.answer('Write the project, or change an answer?', '');
    expect(s.screen()).toMatch(/API key\s+hidden, the project's/);
    s.type(`${down}${down}${enter}`);
    await s.search('Which board?', 'esp32dev', '(esp32dev)');
    await s.answer('Which framework?', enter);
    await s.waitFor('? Write the project, or change an answer?');
    expect(s.screen()).toMatch(/Board\s+Espressif ESP32 Dev Module \(esp32dev\): the project is for WeMos D1 R2 and mini now, and will be regenerated for this board/);
    // Not written yet: the project still says d1_mini.
    expect(answersOf(join(cwd, 'shed')).board).toBe('d1_mini');
    s.type(enter);
    await s.waitFor('Updated shed');
    await s.answer('What next?', `${down}${enter}`);
    expect(await s.exited()).toBe(0);
    expect(answersOf(join(cwd, 'shed'))).toMatchObject({ board: 'esp32dev', harborId: 'hb-9', wifiSsid: 'Shed' });
    expectNoSecrets(s.screen());
  }, 60_000);

  it('lets a refused API key be corrected after a failed test point, warning about a loopback http:// address', async () => {
    const receiver = await startReceiver({ port: 0, apiKey: API_KEY, harborIds: ['hb-1'] });
    closing.push(receiver);
    const cwd = scratch();
    const s = startWizard(cwd);
    await s.answer('A new device, or add Harbor', enter);
    await s.answer('Project folder', enter);
    await s.search('Which board?', 'd1_mini', '(d1_mini)');
    await s.answer('Ship id', enter);
    await s.answer('What is connected?', enter);
    await s.answer('What should it send?', enter);
    for (const q of ['Wi-Fi signal strength: cargo id', 'Wi-Fi signal strength: every', 'Readings dropped by a full buffer: cargo id', 'Readings dropped by a full buffer: every']) await s.answer(q, enter);
    await s.answer('Where is your Harbor?', `${down}${down}${enter}`);
    await s.answer("Your server's address", `${new URL(receiver.url).origin}${enter}`);
    await s.waitFor("127.0.0.1 is this computer's own address, which a board can never reach");
    await s.waitFor('With http:// the API key travels in clear');
    await s.answer('Use http://127.0.0.1', `y${enter}`);
    await s.answer('Harbor id', `hb-1${enter}`);
    await s.answer('API key', `wrong-key${enter}`);
    await s.answer('Send a test point', enter);
    await s.waitFor('HTTP 401: the API key was refused');
    await s.answer('What now?', enter);
    await s.answer('API key', `${API_KEY}${enter}`);
    await s.waitFor('Harbor accepted the test point (ship harbor-connect-ping, cargo connection_test');
    await s.answer('Wi-Fi network name', ctrlC);
    expect(await s.exited()).toBe(1);
    expect(receiver.stats().byStatus).toEqual({ 200: 1, 401: 1 });
    expectNoSecrets(s.screen());
    expect(readdirSync(cwd)).toEqual([]);
  }, 60_000);

  it.each([
    ['the first question', async (_s: Session) => {}],
    ['the metrics', async (s: Session) => {
      await s.answer('A new device, or add Harbor', enter);
      await s.answer('Project folder', enter);
      await s.answer('Which board?', enter);
      await s.answer('Which framework?', enter);
      await s.answer('Ship id', enter);
      await s.answer('What is connected?', enter);
      await s.waitFor('? What should it send?');
    }],
    ['the review', async (s: Session) => answerUpToReview(s)],
  ])('writes nothing when Ctrl+C is pressed at %s', async (_where, reach) => {
    const cwd = scratch();
    const s = startWizard(cwd);
    await s.waitFor('? A new device, or add Harbor');
    await reach(s);
    s.type(ctrlC);
    expect(await s.exited()).toBe(1);
    expect(s.screen()).toContain('Cancelled: nothing was written.');
    expect(existsSync(join(cwd, 'harbor-device')) || existsSync(join(cwd, 'harbor-esp32dev'))).toBe(false);
    expect(readdirSync(cwd).filter((f) => !f.startsWith('.'))).toEqual([]);
  }, 60_000);
});
