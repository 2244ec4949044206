/**
 * --battery as a user types it (issue 13 item 3): init prints the expected
 * life with every figure's source, the generated README says the same, the
 * answers file keeps it, and a malformed battery is one sentence, exit code 2
 * and nothing on disk. Without --battery nothing about batteries is printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { REPO, runCli } from './helpers.js';
import { useScratch } from '../scratch.js';

const scratch = useScratch('hc-battery-flag');
const env = { HARBOR_API_KEY: 'hk_battery_flag_key', WIFI_PASSWORD: 'battery-flag-pw' };
const SLEEPING_ESP32 = ['init', '--yes', '--board', 'esp32dev', '--harbor-id', 'hb-1', '--wifi-ssid', 'Lab', '--out', 'proj', '--power', 'deep-sleep:interval=300,send-every=6'];

describe('init --battery', () => {
  it('prints the plan for an ESP32 DevKit on a 2,000 mAh cell, the AMS1117 named, and writes it into the README and the answers file', async () => {
    const dir = scratch();
    const result = await runCli([...SLEEPING_ESP32, '--battery', '2000:li-ion'], { cwd: dir, env });
    expect(result.exitCode, result.stderr).toBe(0);
    // Worked by hand in test/power/battery-plan.test.ts: 0.20266 mA for the chip, 5 mA more for the
    // DevKit's AMS1117 (its datasheet's quiescent current), 1,600 usable mAh / 5.20266 mA / 24 = 12.8 days.
    const summary = 'about 13 days on a 2,000 mAh li-ion cell (5.2 mA on average)';
    expect(result.stdout).toContain(`Battery: ${summary}.\n  each wake: 0.3 s at 31 mA (ESP-IDF low-power guide`);
    expect(result.stdout).toMatch(/\n {2}the board: 5 mA more, because its AMS1117 regulator .*\(AMS1117 datasheet, electrical characteristics: quiescent current 5 mA typical\)/);
    const readme = readFileSync(join(dir, 'proj', 'README.md'), 'utf8');
    expect(readme).toContain(`## Battery\n\nExpected life: ${summary}.`);
    expect(readme).toContain('- asleep: 5 µA (ESP-IDF low-power guide, docs/en/api-guides/sleep-current/esp32_summary.inc, deep-sleep average)');
    const answers = JSON.parse(readFileSync(join(dir, 'proj', 'harbor-connect.json'), 'utf8')) as { battery?: string };
    expect(answers.battery).toBe('2000:li-ion');
  });

  it('takes li-ion when the chemistry is left out, and says so', async () => {
    const dir = scratch();
    const result = await runCli([...SLEEPING_ESP32, '--battery', '3000'], { cwd: dir, env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('Battery: about 19 days on a 3,000 mAh li-ion cell (5.2 mA on average).');
  });

  it('prints nothing about batteries when none is given', async () => {
    const dir = scratch();
    const result = await runCli(SLEEPING_ESP32, { cwd: dir, env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('Battery');
    expect(readFileSync(join(dir, 'proj', 'README.md'), 'utf8')).not.toContain('## Battery');
  });

  it.each([['20x'], ['0:li-ion'], ['2000:nimh'], ['-5']])('refuses --battery %s in one sentence, exit code 2, nothing written', async (value) => {
    const dir = scratch();
    const result = await runCli([...SLEEPING_ESP32, `--battery=${value}`], { cwd: dir, env });
    expect(result.exitCode, result.stderr).toBe(2);
    expect(existsSync(join(dir, 'proj')), 'something was written').toBe(false);
    expect(result.stderr).toContain('--battery must be usb or <1 to 100000 mAh>[:li-ion|lifepo4|alkaline], e.g. 2000:li-ion.');
  });

  it("prints what the README's Battery paragraph shows for its command", async () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('**Battery.**'));
    const command = /```sh\nharbor-connect (init [^`]*?)\n```/.exec(section)?.[1];
    const shown = /```text\n(Battery:[^`]*?)\n```/.exec(section)?.[1];
    expect(command && shown, 'the README has a Battery command and its output').toBeTruthy();
    const args = (command as string).replace(/\\\n\s*/g, ' ').split(/\s+/);
    const dir = scratch();
    const result = await runCli(args, { cwd: dir, env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain(shown);
  });
});
