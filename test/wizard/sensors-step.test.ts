/**
 * "What is connected?" driven by scripted prompts: the grouped, searchable
 * list; only the questions a sensor needs, with the board's defaults; a clash
 * said while the user is at it; the result accepted by the same parser the
 * --sensor flags go through.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { findBoard } from '../../src/catalogue/boards.js';
import { SENSOR_KINDS } from '../../src/components/index.js';
import { parseAnswers, type RawAnswers } from '../../src/config/resolve-answers.js';
import { runWizard } from '../../src/wizard/run-wizard.js';
import { NO_MORE_SENSORS, sensorChoices } from '../../src/wizard/sensors-step.js';
import { DEFAULT, scriptedPrompts, type ScriptLine } from './scripted-prompts.js';

const NOWHERE = join(tmpdir(), 'hc-wizard-sensors-no-such-folder');

/** Everything but the sensors and metrics is given, so the script is only about them. */
const GIVEN: RawAnswers = { shipId: 'auto', endpoint: 'cloud', harborId: 'hb-1', apiKey: 'k', wifiSsid: 'Net', wifiPassword: '', tls: 'verify', storage: 'flash' };

const TAIL: ScriptLine[] = [
  { question: 'Send a test point', answer: false },
  { question: 'Write the project, or change an answer?', answer: '#write' },
];

/** The questions of a BME280 answered with enter, after the sensor is picked. */
const bme280Defaults = (): ScriptLine[] => [
  { question: 'Bosch BME280 temperature, humidity and pressure: wired to GPIO 21 (SDA) and GPIO 22 (SCL)?', answer: DEFAULT },
  { question: 'I2C address', answer: DEFAULT },
  { question: 'which readings should it send?', answer: DEFAULT },
  { question: 'Oversampling of every channel', answer: DEFAULT },
  { question: 'every how many seconds?', answer: DEFAULT },
];

async function run(script: ScriptLine[], raw: RawAnswers) {
  const prompts = scriptedPrompts(script);
  const state = await runWizard(prompts, raw, NOWHERE);
  expect(prompts.remaining(), 'the wizard stopped before the script ended').toEqual([]);
  return { prompts, state };
}

describe('the list of sensors', () => {
  it('offers every kind the board runs, grouped by what it measures, after a "nothing" choice', () => {
    const choices = sensorChoices('', 'arduino-esp32', true);
    expect(choices[0]).toMatchObject({ value: NO_MORE_SENSORS, name: "Nothing: only the board's own readings" });
    expect(choices.slice(1).map((c) => c.value).sort()).toEqual(SENSOR_KINDS.filter((k) => !k.adapters || k.adapters.includes('arduino-esp32')).map((k) => k.kind).sort());
    // Groups come together, in the catalogue's order of groups: a heading never repeats.
    const groups = choices.slice(1).map((c) => c.group);
    const runs = groups.filter((g, i) => g !== groups[i - 1]);
    expect(new Set(runs).size).toBe(runs.length);
    expect(choices.find((c) => c.value === 'bme280')).toMatchObject({ group: 'Temperature, humidity, pressure', description: 'I2C; sends temperature (°C), humidity (%), pressure (hPa)' });
  });

  it('finds kinds by what they measure, as well as by name', () => {
    const found = (term: string) => sensorChoices(term, 'arduino-esp32', false).map((c) => c.value).filter((v) => v !== NO_MORE_SENSORS);
    expect(found('humidity')).toContain('bme280');
    expect(found('humidity')).not.toContain('bmp280');
    expect(found('bosch pressure')).toEqual(expect.arrayContaining(['bme280', 'bmp280']));
    expect(found('no such thing')).toEqual([]);
    expect(sensorChoices('', 'espidf', false)[0]).toMatchObject({ value: NO_MORE_SENSORS, name: 'Nothing more' });
  });

  it('puts the first match under the cursor once something is typed, and "nothing" last', () => {
    const choices = sensorChoices('bme', 'arduino-esp32', true).map((c) => c.value);
    expect(choices[0]).toBe('bme280');
    expect(choices.at(-1)).toBe(NO_MORE_SENSORS);
    expect(sensorChoices('no such thing', 'arduino-esp32', true).map((c) => c.value)).toEqual([NO_MORE_SENSORS]);
  });
});

describe('what is connected', () => {
  it('adds two BME280s: the second gets the free address and a name for its cargo ids, and no built-in metric is needed', async () => {
    const { prompts, state } = await run([
      { question: 'Which board?', answer: 'esp32dev' },
      { question: 'Which framework?', answer: 'arduino' },
      { question: 'What is connected?', answer: 'bme280' },
      ...bme280Defaults(),
      { question: 'Anything else connected?', answer: 'bme280' },
      { question: 'wired to GPIO 21 (SDA) and GPIO 22 (SCL)?', answer: DEFAULT },
      { question: 'I2C address', answer: DEFAULT },
      { question: 'which readings should it send?', answer: ['temperature', 'humidity'] },
      { question: 'Oversampling of every channel', answer: '4', refused: [['3', 'must be 1, 2, 4, 8 or 16']] },
      { question: 'every how many seconds?', answer: '30', refused: [['soon', 'enter a number of seconds, e.g. 60'], ['0.5', 'enter a number of seconds from 1 to 86400, e.g. 60']] },
      {
        question: 'another sensor already sends temperature, humidity. A name to put before this one\'s',
        answer: 'outdoor',
        refused: [['', 'must not be empty'], ['out door', 'must have no spaces or control characters']],
      },
      { question: 'Anything else connected?', answer: NO_MORE_SENSORS },
      { question: "What else should it send? (the board's own readings)", answer: [] },
      ...TAIL,
    ], GIVEN);

    // The second's address defaulted to the one the first left free.
    expect(prompts.asked.filter((q) => q.message.includes('I2C address')).map((q) => q.default)).toEqual([0x76, 0x77]);
    expect(state.raw.sensors).toEqual([
      { kind: 'bme280' },
      { kind: 'bme280', address: '0x77', channels: ['temperature', 'humidity'], oversampling: 4, interval: 30, name: 'outdoor' },
    ]);
    const answers = parseAnswers(state.raw);
    expect(answers.metrics).toEqual([]);
    expect(answers.sensors.map((s) => s.name ?? s.kind)).toEqual(['bme280', 'outdoor']);
    const review = prompts.notes.find((n) => n.startsWith('\nReview')) ?? '';
    expect(review).toMatch(/Connected\s+bme280 \(temperature, humidity, pressure\) every 60 s; bme280 'outdoor' \(temperature, humidity\) every 30 s/);
    expect(review).toMatch(/Sends\s+nothing besides the sensors/);
  });

  it('says at once when a sensor clashes with one chosen before, and leaves it out', async () => {
    const { prompts, state } = await run([
      { question: 'Which board?', answer: 'd1_mini' },
      { question: 'What is connected?', answer: 'bme280' },
      { question: 'wired to GPIO 4 (D2) (SDA) and GPIO 5 (D1) (SCL)?', answer: DEFAULT },
      { question: 'I2C address', answer: DEFAULT },
      { question: 'which readings should it send?', answer: DEFAULT },
      { question: 'Oversampling', answer: DEFAULT },
      { question: 'every how many seconds?', answer: DEFAULT },
      { question: 'Anything else connected?', answer: 'bmp280' },
      { question: 'wired to GPIO 4 (D2) (SDA) and GPIO 5 (D1) (SCL)?', answer: DEFAULT },
      // The free address is offered; the user picks the taken one anyway.
      { question: 'I2C address', answer: 0x76 },
      { question: 'which readings should it send?', answer: DEFAULT },
      { question: 'Oversampling', answer: DEFAULT },
      { question: 'every how many seconds?', answer: DEFAULT },
      { question: 'A name to put before this one\'s', answer: 'inside' },
      { question: 'Anything else connected?', answer: NO_MORE_SENSORS },
      { question: "What else should it send?", answer: DEFAULT },
      { question: 'cargo id', answer: DEFAULT },
      { question: 'every how many seconds?', answer: DEFAULT },
      { question: 'cargo id', answer: DEFAULT },
      { question: 'every how many seconds?', answer: DEFAULT },
      ...TAIL,
    ], GIVEN);
    expect(prompts.notes).toContain(
      "bme280 1 and bmp280 'inside' are both at I2C address 0x76 on GPIO 4/5: give one of them address 0x77. The bmp280 was not added: choose it again with other answers.",
    );
    expect(state.raw.sensors).toEqual([{ kind: 'bme280' }]);
    expect(parseAnswers(state.raw).sensors).toHaveLength(1);
  });

  it('asks the SDA and SCL pins only when the sensor is not on the board\'s I2C pins, offering pins that can drive I2C', async () => {
    const { prompts, state } = await run([
      { question: 'Which board?', answer: 'esp32dev' },
      { question: 'Which framework?', answer: 'espidf' },
      { question: 'What is connected?', answer: 'bmp280' },
      { question: 'wired to GPIO 21 (SDA) and GPIO 22 (SCL)?', answer: false },
      { question: 'SDA pin', answer: 25 },
      { question: 'SCL pin', answer: 26 },
      { question: 'I2C address', answer: DEFAULT },
      { question: 'which readings should it send?', answer: DEFAULT },
      { question: 'Oversampling', answer: DEFAULT },
      { question: 'every how many seconds?', answer: DEFAULT },
      { question: 'Anything else connected?', answer: NO_MORE_SENSORS },
      { question: 'What else should it send?', answer: [] },
      ...TAIL,
    ], GIVEN);
    const sda = prompts.question('SDA pin').choices?.map((c) => c.value) ?? [];
    // Input-only pins (34-39) cannot drive SDA; flash pins are never offered.
    expect(sda).not.toContain(34);
    expect(sda).not.toContain(6);
    expect(prompts.question('SCL pin').choices?.map((c) => c.value)).not.toContain(25);
    expect(state.raw.sensors).toEqual([{ kind: 'bmp280', sda: 25, scl: 26 }]);
    expect(parseAnswers(state.raw).sensors[0]).toMatchObject({ sda: 25, scl: 26 });
  });

  it('keeps or drops the sensors chosen before when they are changed from the review', async () => {
    const { prompts, state } = await run([
      { question: 'Send a test point', answer: false },
      { question: 'Write the project, or change an answer?', answer: 'sensors' },
      { question: 'Keep these sensors?', answer: [1] },
      { question: 'Anything else connected?', answer: NO_MORE_SENSORS },
      { question: 'Write the project, or change an answer?', answer: '#write' },
    ], { ...GIVEN, board: 'esp32dev', framework: 'arduino', metrics: [{ kind: 'uptime' }], sensors: [{ kind: 'bme280' }, { kind: 'bmp280', address: '0x77', name: 'inside' }] });
    expect(prompts.question('Keep these sensors?').choices?.map((c) => c.name)).toEqual([
      'bme280 (temperature, humidity, pressure) every 60 s',
      "bmp280 'inside' (temperature, pressure) every 60 s",
    ]);
    expect(state.raw.sensors).toEqual([{ kind: 'bmp280', address: '0x77', name: 'inside' }]);
    expect(findBoard(String(state.raw.board))?.id).toBe('esp32dev');
  });
});
