/**
 * The wizard driven by scripted prompts: what it asks, what it refuses, and
 * that what it collects is accepted by the same parser flags go through.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findBoard } from '../../src/catalogue/boards.js';
import { generateFiles } from '../../src/generate/generate-files.js';
import { parseAnswers, type RawAnswers } from '../../src/config/resolve-answers.js';
import { HarborError } from '../../src/errors.js';
import { runWizard } from '../../src/wizard/run-wizard.js';
import { NO_MORE_SENSORS } from '../../src/wizard/sensors-step.js';
import { CANCEL, DEFAULT, scriptedPrompts, type ScriptLine } from './scripted-prompts.js';

// Metrics as the questions after the checkbox name them.
const analogOn = (pin: string) => `Analog input on ${pin}`;
const RSSI = 'Wi-Fi signal strength';
const DROPPED = 'Readings dropped by a full buffer';
const SIMULATED = 'Simulated sensor';

/** The cargo id and interval questions every metric gets. */
const details = (title: string, cargo: unknown = DEFAULT, seconds: unknown = DEFAULT): ScriptLine[] => [
  { question: `${title}: cargo id`, answer: cargo },
  { question: `${title}: every how many seconds?`, answer: seconds },
];

/** Declines the test point (its step has its own tests), so no test here touches the network. */
const NO_PING: ScriptLine = { question: 'Send a test point', answer: false };

/** "What is connected?" answered with nothing: the board's own readings only. */
const NO_SENSORS: ScriptLine = { question: 'What is connected?', answer: NO_MORE_SENSORS };

/** A folder that does not exist, so the folder question is checked and not asked. */
const NOWHERE = join(tmpdir(), 'hc-wizard-no-such-folder');

/** The review, answered with "write". */
const WRITE: ScriptLine = { question: 'Write the project, or change an answer?', answer: '#write' };

/** The flash buffer offered (every board here but ESP-IDF ones), taken. */
const KEEP_IN_FLASH: ScriptLine = { question: 'Keep readings through power cuts (in flash)?', answer: DEFAULT };

/** Everything after the metrics, for a cloud Harbor and default batching (and the flash buffer where it is offered), then the review. */
const rest = (flashOffered = true): ScriptLine[] => [
  { question: 'Where is your Harbor?', answer: 'cloud' },
  { question: 'Harbor id', answer: 'harbor-7' },
  { question: 'API key', answer: 'sk-test-123' },
  NO_PING,
  { question: 'Wi-Fi network name (SSID)', answer: 'HomeNet' },
  { question: 'Wi-Fi password', answer: 'correct horse' },
  { question: 'Change batching or TLS (advanced)?', answer: false },
  ...(flashOffered ? [KEEP_IN_FLASH] : []),
  WRITE,
];

/** What the wizard told, besides the review's summary. */
const told = (prompts: { notes: string[] }): string[] => prompts.notes.filter((n) => !n.startsWith('\nReview'));

async function run(script: ScriptLine[], raw: RawAnswers = {}, out?: string) {
  const prompts = scriptedPrompts(script);
  const state = await runWizard(prompts, raw, out ?? NOWHERE);
  expect(prompts.remaining(), 'the wizard stopped before the script ended').toEqual([]);
  return { prompts, state };
}

describe('a full run from nothing', () => {
  it('collects answers for an ESP32 Dev Module with an analog input that parseAnswers accepts', async () => {
    const { state } = await run([
      { question: 'Which board?', answer: 'esp32dev' },
      { question: 'Which framework?', answer: 'arduino' },
      { question: 'Ship id', answer: DEFAULT },
      NO_SENSORS,
      { question: 'What should it send?', answer: ['rssi', 'analog', 'dropped'] },
      ...details(RSSI),
      { question: 'Analog input: which pin?', answer: 34 },
      ...details(analogOn('GPIO 34'), 'soil', '5'),
      { question: 'Add another analog input?', answer: false },
      ...details(DROPPED),
      ...rest(),
    ]);

    expect(state.out).toBe(NOWHERE);
    const answers = parseAnswers(state.raw);
    expect(answers).toMatchObject({
      board: 'esp32dev',
      framework: 'arduino',
      shipId: 'auto',
      endpoint: 'cloud',
      harborId: 'harbor-7',
      apiKey: 'sk-test-123',
      wifiSsid: 'HomeNet',
      wifiPassword: 'correct horse',
    });
    expect(answers.metrics).toEqual([
      { kind: 'rssi', cargo: 'rssi', interval: 60 },
      { kind: 'analog', pin: 34, cargo: 'soil', interval: 5 },
      { kind: 'dropped', cargo: 'dropped', interval: 300 },
    ]);
  });

  it('offers the ESP32 ADC1 pins by name and leaves out ADC2, which Wi-Fi takes', async () => {
    const { prompts } = await run([
      { question: 'Which board?', answer: 'esp32dev' },
      { question: 'Which framework?', answer: DEFAULT },
      { question: 'Ship id', answer: 'boat-1' },
      NO_SENSORS,
      { question: 'What should it send?', answer: ['analog'] },
      { question: 'which pin?', answer: DEFAULT },
      ...details(analogOn('GPIO 32')),
      { question: 'Add another analog input?', answer: false },
      ...rest(),
    ]);
    const pins = prompts.question('which pin?').choices ?? [];
    expect(pins.map((c) => c.value)).toEqual([32, 33, 34, 35, 36, 39]);
    expect(pins.find((c) => c.value === 34)?.name).toBe('GPIO 34 (ADC1)');
    // The default pin's input carries its number in the cargo id.
    expect(prompts.question('cargo id').default).toBe('analog_32');
  });

  it('tells the memory plan for the chosen rates', async () => {
    const { prompts } = await run([
      { question: 'Which board?', answer: 'esp32dev' },
      { question: 'Which framework?', answer: 'arduino' },
      { question: 'Ship id', answer: DEFAULT },
      NO_SENSORS,
      { question: 'What should it send?', answer: ['rssi', 'uptime'] },
      ...details(RSSI, DEFAULT, '1'),
      ...details('Uptime', DEFAULT, '1'),
      ...rest(),
    ]);
    // 2 readings a second into the ESP32's ring: it holds thousands, so well under an hour but over ten minutes.
    const plan = told(prompts).find((n) => n.includes('the buffer holds'));
    expect(plan).toMatch(/^With these metrics, the buffer holds [\d,]+ readings, about \d+ minutes of outage at your rates\.$/);
    const readings = Number(/holds ([\d,]+)/.exec(plan ?? '')?.[1]?.replace(/,/g, ''));
    const minutes = Number(/about (\d+) minutes/.exec(plan ?? '')?.[1]);
    expect(minutes).toBe(Math.floor(readings / 2 / 60));
  });
});

describe('pins', () => {
  it('offers each analog pin once: a second input cannot take the first one\'s pin', async () => {
    const { prompts, state } = await run([
      { question: 'Which board?', answer: 'esp32dev' },
      { question: 'Which framework?', answer: 'arduino' },
      { question: 'Ship id', answer: DEFAULT },
      NO_SENSORS,
      { question: 'What should it send?', answer: ['analog'] },
      { question: 'which pin?', answer: 34 },
      ...details(analogOn('GPIO 34'), 'soil'),
      { question: 'Add another analog input?', answer: true },
      { question: 'which pin?', answer: 35 },
      { question: `${analogOn('GPIO 35')}: cargo id`, answer: 'light', refused: [['soil', "cargo id 'soil' is already used by metric 1"]] },
      { question: `${analogOn('GPIO 35')}: every how many seconds?`, answer: DEFAULT },
      { question: 'Add another analog input?', answer: false },
      ...rest(),
    ]);
    expect(prompts.question('which pin?').choices?.map((c) => c.value)).toEqual([32, 33, 35, 36, 39]);
    expect(parseAnswers(state.raw).metrics.map((m) => [m.pin, m.cargo])).toEqual([[34, 'soil'], [35, 'light']]);
  });

  it('stops offering another input when no analog pin is left (ESP8266: only A0)', async () => {
    const { prompts, state } = await run([
      { question: 'Which board?', answer: 'd1_mini' },
      { question: 'Ship id', answer: DEFAULT },
      NO_SENSORS,
      { question: 'What should it send?', answer: ['analog'] },
      { question: 'which pin?', answer: 17 },
      ...details(analogOn('A0 (pin 17)')),
      ...rest(),
    ]);
    expect(prompts.question('which pin?').choices?.map((c) => c.name)).toEqual(['A0 (pin 17)']);
    expect(prompts.asked.some((q) => q.message.includes('Add another'))).toBe(false);
    expect(parseAnswers(state.raw).metrics).toEqual([{ kind: 'analog', pin: 17, cargo: 'analog_17', interval: 10 }]);
  });

  it('offers a strapping pin last, with its warning, and repeats the warning when it is chosen', async () => {
    const { prompts, state } = await run([
      { question: 'Which board?', answer: 'esp32-c3-devkitm-1' },
      { question: 'Which framework?', answer: 'espidf' },
      { question: 'Ship id', answer: DEFAULT },
      NO_SENSORS,
      { question: 'What should it send?', answer: ['analog'] },
      { question: 'which pin?', answer: 2 },
      ...details(analogOn('GPIO 2')),
      { question: 'Add another analog input?', answer: false },
      ...rest(false),
    ]);
    const choices = prompts.question('which pin?').choices ?? [];
    expect(choices.map((c) => c.value)).toEqual([0, 1, 3, 4, 2]);
    expect(choices.slice(0, 4).every((c) => c.description === undefined)).toBe(true);
    expect(choices.at(-1)?.description).toMatch(/^Warning: GPIO 2 is a strapping pin/);
    expect(told(prompts).filter((n) => n.startsWith('Warning:'))).toEqual([expect.stringMatching(/^Warning: GPIO 2 is a strapping pin: .*booting\.$/)]);
    expect(parseAnswers(state.raw).metrics[0]?.pin).toBe(2);
  });
});

describe('flags already given', () => {
  it('are not asked again: only the missing answers are', async () => {
    const given: RawAnswers = {
      board: 'esp32dev',
      framework: 'espidf',
      shipId: 'boat-1',
      metrics: [{ kind: 'rssi' }],
      endpoint: 'cloud',
      harborId: 'harbor-7',
      apiKey: 'sk-test-123',
    };
    const { prompts, state } = await run([
      NO_SENSORS,
      NO_PING,
      { question: 'Wi-Fi network name (SSID)', answer: 'HomeNet' },
      { question: 'Wi-Fi password', answer: '' },
      { question: 'Change batching or TLS (advanced)?', answer: DEFAULT },
      WRITE,
    ], given);
    expect(prompts.asked.map((q) => q.message)).toEqual([
      'What is connected? (type to search)',
      'Send a test point (ship harbor-connect-ping, cargo connection_test) to your Harbor to check the endpoint and API key now?',
      'Wi-Fi network name (SSID)',
      'Wi-Fi password (empty for an open network)',
      'Change batching or TLS (advanced)?',
      'Write the project, or change an answer?',
    ]);
    expect(state.raw).toEqual({ ...given, sensors: [], wifiSsid: 'HomeNet', wifiPassword: '' });
    expect(state.out).toBe(NOWHERE);
    expect(told(prompts)).toEqual([]);
  });

  it('asks only whether to send a test point when every answer and the folder are given', async () => {
    const given: RawAnswers = {
      board: 'rpipicow',
      shipId: 'auto',
      sensors: [],
      metrics: [{ kind: 'uptime' }],
      endpoint: 'http://10.0.0.2:8000/api/v2/ingest',
      harborId: 'h',
      apiKey: 'k',
      wifiSsid: 'HomeNet',
      wifiPassword: '',
      tls: 'verify',
      storage: 'flash',
    };
    const { prompts, state } = await run([NO_PING, WRITE], given, join(NOWHERE, 'pico'));
    expect(prompts.asked.map((q) => q.message)).toEqual(['Send a test point (ship harbor-connect-ping, cargo connection_test) to your Harbor to check the endpoint and API key now?', 'Write the project, or change an answer?']);
    // A single-framework board gets its framework without a question.
    expect(state.raw).toEqual({ ...given, framework: 'arduino' });
    expect(parseAnswers(state.raw).framework).toBe('arduino');
  });

  it('asks again for a board the catalogue does not know, saying why', async () => {
    const { prompts, state } = await run(
      [{ question: 'Which board?', answer: 'd1_mini' }, NO_SENSORS, NO_PING, KEEP_IN_FLASH, WRITE],
      { board: 'esp32-dev', shipId: 'auto', metrics: [{ kind: 'uptime' }], endpoint: 'cloud', harborId: 'h', apiKey: 'k', wifiSsid: 'n', wifiPassword: '', tls: 'verify' },
      join(NOWHERE, 'out'),
    );
    expect(told(prompts)).toEqual(["'esp32-dev' is not a board harbor-connect knows: choose one from the list."]);
    expect(state.raw.board).toBe('d1_mini');
    expect(parseAnswers(state.raw).board).toBe('d1_mini');
  });
});

describe('typed answers the schema refuses', () => {
  it('refuses an SSID of 33 bytes, a 7-character password and a ship id of 101 characters with the schema\'s messages', async () => {
    const { state } = await run([
      { question: 'Which board?', answer: 'esp32dev' },
      { question: 'Which framework?', answer: 'arduino' },
      { question: 'Ship id', answer: 'x'.repeat(100), refused: [['x'.repeat(101), 'must be 1 to 100 characters']] },
      NO_SENSORS,
      { question: 'What should it send?', answer: ['uptime'] },
      ...details('Uptime'),
      { question: 'Where is your Harbor?', answer: 'cloud' },
      { question: 'Harbor id', answer: 'harbor-7', refused: [['harbor 7', 'must be 1 to 100 letters, digits or . _ ~ - (it is part of the URL path)']] },
      { question: 'API key', answer: 'k', refused: [['', 'must not be empty']] },
      NO_PING,
      {
        question: 'Wi-Fi network name (SSID)',
        answer: `${'ü'.repeat(15)}xx`,
        refused: [
          ['s'.repeat(33), 'must be 1 to 32 bytes (a Wi-Fi limit)'],
          // 16 × "ü" (2 bytes each) + "x": only 17 characters, but 33 bytes.
          [`${'ü'.repeat(16)}x`, 'must be 1 to 32 bytes (a Wi-Fi limit)'],
        ],
      },
      { question: 'Wi-Fi password', answer: '12345678', refused: [['1234567', 'must be 8 to 63 characters (WPA2), or empty for an open network']] },
      { question: 'Change batching or TLS (advanced)?', answer: false },
      KEEP_IN_FLASH,
      WRITE,
    ]);
    expect(parseAnswers(state.raw)).toMatchObject({ shipId: 'x'.repeat(100), wifiSsid: `${'ü'.repeat(15)}xx`, wifiPassword: '12345678' });
  });

  it('fails the test when a canned answer is one the wizard would refuse', async () => {
    const prompts = scriptedPrompts([
      { question: 'Which board?', answer: 'esp32dev' },
      { question: 'Which framework?', answer: 'arduino' },
      { question: 'Ship id', answer: 'y'.repeat(101) },
    ]);
    await expect(runWizard(prompts, {}, NOWHERE)).rejects.toThrow(/is invalid: must be 1 to 100 characters/);
  });
});

describe('what is offered depends on the board', () => {
  const metricChoices = async (board: string) => {
    const prompts = scriptedPrompts([NO_SENSORS, { question: 'What should it send?', answer: CANCEL }]);
    await expect(runWizard(prompts, { board, framework: findBoard(board)?.frameworks[0], shipId: 'auto' }, NOWHERE)).rejects.toThrow(HarborError);
    return prompts.question('What should it send?').choices?.map((c) => c.value);
  };

  it('offers chip_temp only on boards with an on-chip temperature sensor', async () => {
    expect(await metricChoices('esp32dev')).not.toContain('chip_temp');
    expect(await metricChoices('d1_mini')).not.toContain('chip_temp');
    expect(await metricChoices('esp32-c3-devkitm-1')).toContain('chip_temp');
    expect(await metricChoices('esp32dev')).toEqual(expect.arrayContaining(['rssi', 'analog', 'simulated', 'uptime']));
  });

  it('asks for the framework only on boards that support both Arduino and ESP-IDF', async () => {
    /** The questions asked up to the ship id, where the run is cancelled. */
    const untilShipId = async (board: string, raw: RawAnswers = {}) => {
      const prompts = scriptedPrompts(
        findBoard(board)?.frameworks.length === 2 && raw.framework === undefined
          ? [{ question: 'Which framework?', answer: 'espidf' }, { question: 'Ship id', answer: CANCEL }]
          : [{ question: 'Ship id', answer: CANCEL }],
      );
      await expect(runWizard(prompts, { board, ...raw }, NOWHERE)).rejects.toThrow('Cancelled');
      return prompts;
    };
    const both = await untilShipId('esp32-s3-devkitc-1');
    expect(both.question('Which framework?').choices?.map((c) => [c.value, c.name])).toEqual([['arduino', 'Arduino'], ['espidf', 'ESP-IDF']]);

    for (const board of ['rpipicow', 'esp32-c6-devkitc-1', 'lolin_s2_mini', 'd1_mini']) {
      expect((await untilShipId(board)).asked.map((q) => q.message), board).toEqual([expect.stringMatching(/^Ship id/)]);
    }
    // A framework flag the board cannot use is explained, not carried into a failing build.
    expect((await untilShipId('rpipicow', { framework: 'espidf' })).notes).toEqual(['The Raspberry Pi Pico W does not support espidf.']);
  });

  it('asks whether to keep readings through power cuts where the board has a flash buffer; no means RAM', async () => {
    const script = rest();
    script[script.indexOf(KEEP_IN_FLASH)] = { question: 'Keep readings through power cuts (in flash)?', answer: false };
    const { state } = await run([NO_SENSORS, ...script], { board: 'd1_mini', shipId: 'auto', metrics: [{ kind: 'uptime' }] });
    expect(state.raw.storage).toBe('ram');
    expect(generateFiles(parseAnswers(state.raw)).model.flash).toBeNull();
    // Yes leaves it to the generator, which keeps them in flash.
    const kept = await run([NO_SENSORS, ...rest()], { board: 'd1_mini', shipId: 'auto', metrics: [{ kind: 'uptime' }] });
    expect(kept.state.raw.storage).toBeUndefined();
    expect(generateFiles(parseAnswers(kept.state.raw)).model.device.storage).toBe('flash');
  });

  it('asks what powers a sleeping device, and tells the battery life; an always-on one is not asked', async () => {
    const sleeping = { board: 'd1_mini', shipId: 'auto', metrics: [{ kind: 'uptime' }], power: 'deep-sleep:interval=300,send-every=6' };
    const script = rest();
    script.splice(script.indexOf(WRITE), 0, { question: 'What powers it?', answer: 'alkaline' }, { question: 'Its capacity (mAh)', answer: '2500' });
    const { prompts, state } = await run([NO_SENSORS, ...script], sleeping);
    expect(state.raw.battery).toBe('2500:alkaline');
    // (15 × 0.3 + 56 × 3 / 6 + 0.02 × 299.7) / 300 = 0.12831 mA (ESP8266EX datasheet tables 3-4, 5-2);
    // 70 % of 2,500 mAh usable: 1750 / 0.12831 / 24 = 568 days.
    expect(told(prompts)).toContain('Battery: about 570 days on a 2,500 mAh alkaline cell for the chip alone (0.13 mA on average); what the board adds is unknown.');
    expect(parseAnswers(state.raw).battery).toBe('2500:alkaline');
    const usb = rest();
    usb.splice(usb.indexOf(WRITE), 0, { question: 'What powers it?', answer: 'usb' });
    expect((await run([NO_SENSORS, ...usb], sleeping)).state.raw.battery).toBe('usb');
    // Always on: the run above without the question (run() fails on a question the script does not answer).
    expect((await run([NO_SENSORS, ...rest()], { ...sleeping, power: undefined })).state.raw.battery).toBeUndefined();
  });

  it('sets the only framework of a single-framework board without asking', async () => {
    const { state } = await run([NO_SENSORS, ...rest(false)], { board: 'esp32-c6-devkitc-1', shipId: 'auto', metrics: [{ kind: 'uptime' }] });
    expect(state.raw.framework).toBe('espidf');
    expect(parseAnswers(state.raw).framework).toBe('espidf');
  });
});

describe('the memory plan', () => {
  it('explains rates the buffer cannot hold and asks the metrics again, keeping the kinds chosen', async () => {
    const { prompts, state } = await run([
      { question: 'Which board?', answer: 'd1_mini' },
      { question: 'Ship id', answer: DEFAULT },
      NO_SENSORS,
      { question: 'What should it send?', answer: ['simulated'] },
      ...details(SIMULATED, DEFAULT, '0.1'),
      { question: 'What should it send?', answer: DEFAULT },
      ...details(SIMULATED, DEFAULT, DEFAULT),
      ...rest(),
    ]);
    const [tooFast, fits] = told(prompts);
    expect(tooFast).toMatch(/^At 600 readings a minute the WeMos D1 R2 and mini's buffer of [\d,]+ readings fills in \d+ seconds, too short to ride out a Wi-Fi reconnect\. Sample less often: .* Choose the metrics and their intervals again\.$/);
    expect(fits).toMatch(/^With these metrics, the buffer holds [\d,]+ readings, about .* of outage at your rates\.$/);
    expect(told(prompts)).toHaveLength(2);
    // The second time, the boxes come pre-checked with the first choice.
    const again = prompts.asked.filter((q) => q.message === 'What should it send?')[1];
    expect(again?.choices?.filter((c) => c.checked).map((c) => c.value)).toEqual(['simulated']);
    expect(parseAnswers(state.raw).metrics).toEqual([{ kind: 'simulated', cargo: 'simulated', interval: 10 }]);
  });

  it('stops with a usage error, before any metric question, when the batch size leaves no room at all', async () => {
    const prompts = scriptedPrompts([{ question: 'Ship id', answer: DEFAULT }]);
    const error = await runWizard(prompts, { board: 'd1_mini', batchBytes: '65536' }, NOWHERE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarborError);
    expect((error as HarborError).kind).toBe('usage');
    expect((error as HarborError).message).toMatch(/has no room for a reading buffer/);
    expect(prompts.asked.map((q) => q.message)).toEqual([expect.stringMatching(/^Ship id/)]);
  });

  it('refuses an advanced batch size that leaves the buffer no room', async () => {
    const { state } = await run([
      { question: 'Which board?', answer: 'd1_mini' },
      { question: 'Ship id', answer: DEFAULT },
      NO_SENSORS,
      { question: 'What should it send?', answer: ['uptime'] },
      ...details('Uptime'),
      ...rest().slice(0, 6),
      { question: 'Change batching or TLS (advanced)?', answer: true },
      { question: 'Most readings per request', answer: DEFAULT },
      { question: 'Largest request body (bytes)', answer: '8192', refused: [['65536', /has no room for a reading buffer/], ['512', 'enter a whole number of bytes from 1024 to 65536, e.g. 4096']] },
      { question: 'Longest a reading waits', answer: DEFAULT },
      { question: 'TLS', answer: DEFAULT },
      { question: 'Root CA file', answer: DEFAULT },
      KEEP_IN_FLASH,
      WRITE,
    ]);
    expect(parseAnswers(state.raw)).toMatchObject({ batchBytes: 8192, batchRecords: 50, batchSeconds: 30, tls: 'verify' });
  });

  it('takes a root CA file for a private server, refusing a leaf certificate, and offers no insecure TLS with ESP-IDF', async () => {
    const ca = (name: string) => fileURLToPath(new URL(`../fixtures/catalogue/ca/${name}`, import.meta.url));
    const { prompts, state } = await run([
      { question: 'Which board?', answer: 'esp32dev' },
      { question: 'Which framework?', answer: 'espidf' },
      { question: 'Ship id', answer: DEFAULT },
      NO_SENSORS,
      { question: 'What should it send?', answer: ['uptime'] },
      ...details('Uptime'),
      ...rest().slice(0, 6),
      { question: 'Change batching or TLS (advanced)?', answer: true },
      { question: 'Most readings per request', answer: DEFAULT },
      { question: 'Largest request body (bytes)', answer: DEFAULT },
      { question: 'Longest a reading waits', answer: DEFAULT },
      { question: 'TLS', answer: DEFAULT },
      { question: 'Root CA file', answer: ca('private-root.pem'), refused: [[ca('leaf.pem'), /is a server \(leaf\) certificate, not a CA/]] },
      WRITE,
    ]);
    expect(state.raw.caFile).toBe(ca('private-root.pem'));
    expect(prompts.asked.find((q) => q.message === 'TLS')?.choices?.map((c) => c.value)).toEqual(['verify']);
  });
});

describe('cancelling', () => {
  it('turns ctrl+c in any prompt into "Cancelled: nothing was written."', async () => {
    const prompts = scriptedPrompts([
      { question: 'Which board?', answer: 'esp32dev' },
      { question: 'Which framework?', answer: CANCEL },
    ]);
    const error = await runWizard(prompts, {}, NOWHERE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarborError);
    expect((error as HarborError).message).toBe('Cancelled: nothing was written.');
    expect((error as HarborError).exitCode).toBe(1);
  });
});
