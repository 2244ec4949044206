// The wizard's questions for a switch and a scale, scripted: a pin for each of
// their pins (the HX711's SCK never an input-only pin), their own options from
// their schemas (an enum as a list, inverted as true/false), and an answer the
// --sensor parser accepts.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { parseAnswers, type RawAnswers } from '../../config/resolve-answers.js';
import { runWizard } from '../../wizard/run-wizard.js';
import { NO_MORE_SENSORS } from '../../wizard/sensors-step.js';
import { DEFAULT, scriptedPrompts } from '../../../test/wizard/scripted-prompts.js';

const GIVEN: RawAnswers = { shipId: 'auto', endpoint: 'cloud', harborId: 'hb-1', apiKey: 'k', wifiSsid: 'Net', wifiPassword: '', tls: 'verify', storage: 'flash' };

describe('the wizard for pin sensors', () => {
  it('asks a switch its pin, pull, inverted and debounce, and a scale its two pins, tare, scale and gain', async () => {
    const prompts = scriptedPrompts([
      { question: 'Which board?', answer: 'esp32dev' },
      { question: 'Which framework?', answer: 'arduino' },
      { question: 'What is connected?', answer: 'digital_input' },
      { question: 'switch pin', answer: 27 },
      { question: "The pin's internal pull", answer: DEFAULT },
      { question: 'Send 1 for a low pin', answer: 'true', refused: [['maybe', 'must be true or false']] },
      { question: 'ms the switch must stay put', answer: '100', refused: [['5', 'must be 10 to 10000 ms']] },
      { question: 'every how many seconds?', answer: DEFAULT },
      { question: 'Anything else connected?', answer: 'hx711' },
      { question: 'DOUT pin', answer: 34 },
      { question: 'SCK pin', answer: 4 },
      { question: 'The raw reading with nothing on the scale', answer: '8400' },
      { question: 'Counts per gram', answer: '420', refused: [['0', 'must not be 0']] },
      { question: 'The amplifier gain', answer: DEFAULT },
      { question: 'every how many seconds?', answer: DEFAULT },
      { question: 'Anything else connected?', answer: NO_MORE_SENSORS },
      { question: "What else should it send? (the board's own readings)", answer: [] },
      { question: 'Send a test point', answer: false },
      { question: 'Write the project, or change an answer?', answer: '#write' },
    ]);
    const state = await runWizard(prompts, GIVEN, join(tmpdir(), 'hc-wizard-pin-sensors-nowhere'));
    expect(prompts.remaining()).toEqual([]);
    // SCK drives the clock: the input-only GPIO 34-39 are not offered for it.
    const sck = prompts.asked.find((q) => q.message.includes('SCK pin'));
    expect(sck?.choices?.map((c) => c.value)).not.toContain(34);
    expect(sck?.choices?.map((c) => c.value)).not.toContain(35);
    expect(state.raw.sensors).toEqual([
      { kind: 'digital_input', pin: 27, inverted: true, debounce: 100 },
      { kind: 'hx711', dout: 34, sck: 4, tare: 8400, scale: 420 },
    ]);
    const answers = parseAnswers(state.raw);
    expect(answers.sensors.map((s) => s.kind)).toEqual(['digital_input', 'hx711']);
  });
});
