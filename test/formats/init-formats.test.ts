/**
 * init --format sketch | library | snippet from the command line: the same
 * answers and checks as a project, the secrets only in their own file.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fflate from 'fflate';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AnswersSchema } from '../../src/config/answers-schema.js';
import { answersJsonSchema } from '../../src/config/answers-file.js';
import { parseAnswers } from '../../src/config/resolve-answers.js';
import { runWizard } from '../../src/wizard/run-wizard.js';
import { REPO, runCli, SECRET_KEY, SECRET_WIFI } from '../cli/helpers.js';
import { DEFAULT, scriptedPrompts, type ScriptLine } from '../wizard/scripted-prompts.js';
import { useScratch } from '../scratch.js';

const scratch = useScratch('hc-formats');
const ANSWERS = ['--yes', '--board', 'esp32dev', '--harbor-id', 'hb-1', '--wifi-ssid', 'Lab', '--metric', 'uptime'];
const SECRETS = { HARBOR_API_KEY: SECRET_KEY, WIFI_PASSWORD: SECRET_WIFI };

/** Every file below `dir` but `except`, as text. */
function textsBelow(dir: string, except: readonly string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const rel = join(e.parentPath, e.name).slice(dir.length + 1);
    if (!except.includes(rel)) out.set(rel, readFileSync(join(dir, rel), 'utf8'));
  }
  return out;
}

function expectNoSecret(text: string, where: string): void {
  expect(text.includes(SECRET_KEY), `the API key is in ${where}`).toBe(false);
  expect(text.includes('P@ss'), `the Wi-Fi password is in ${where}`).toBe(false);
}

describe('--format in the one answers schema', () => {
  it('defaults to project, and the JSON Schema for editors lists the four formats', () => {
    const parsed = AnswersSchema.parse({ board: 'esp32dev', metrics: [{ kind: 'uptime' }], harborId: 'h', apiKey: 'k', wifiSsid: 's', wifiPassword: '' });
    expect(parsed.format).toBe('project');
    const schema = JSON.parse(answersJsonSchema()) as { properties: { format: { enum: string[] } } };
    expect(schema.properties.format.enum).toEqual(['project', 'sketch', 'library', 'snippet']);
  });

  it('refuses a sketch for ESP-IDF with one sentence, exit 2 and nothing written', async () => {
    const cwd = scratch();
    const result = await runCli([...ANSWERS, '--framework', 'espidf', '--format', 'sketch'], { cwd, env: SECRETS });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--format sketch is Arduino code and cannot use ESP-IDF: give --framework arduino, or --format library');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses a flash buffer outside a PlatformIO project (HarborClient and the sketch buffer in RAM), writing nothing', async () => {
    const cwd = scratch();
    const result = await runCli([...ANSWERS, '--board', 'd1_mini', '--format', 'sketch', '--storage', 'flash'], { cwd, env: SECRETS });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--storage flash needs the flash layout a PlatformIO project sets, and the sketch keeps readings in RAM');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses an unknown format in an answers file, as a flag would be', async () => {
    const cwd = scratch();
    const file = join(cwd, 'answers.json');
    writeFileSync(file, JSON.stringify({ board: 'esp32dev', harborId: 'hb', wifiSsid: 'Lab', format: 'zip' }));
    const result = await runCli(['init', '--yes', '--config', file], { cwd, env: SECRETS });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--format must be project, sketch, library or snippet.');
    expect(readdirSync(cwd)).toEqual(['answers.json']);
  });
});

describe('init --format sketch', () => {
  it('writes <name>/<name>.ino with the runtime under src/ and the secrets only in the git-ignored, owner-only secrets.h', async () => {
    const cwd = scratch();
    const result = await runCli([...ANSWERS, '--format', 'sketch', '--out', 'greenhouse'], { cwd, env: SECRETS });
    expect(result.exitCode, result.stderr).toBe(0);
    const dir = join(cwd, 'greenhouse');
    expect(existsSync(join(dir, 'greenhouse.ino'))).toBe(true);
    expect(existsSync(join(dir, 'src', 'Harbor.h'))).toBe(true);
    expect(existsSync(join(dir, 'src', 'harbor_platform', 'harbor_platform_esp32.cpp'))).toBe(true);
    // No PlatformIO project files: the Arduino IDE would show them as clutter.
    expect(existsSync(join(dir, 'platformio.ini'))).toBe(false);
    expect(statSync(join(dir, 'secrets.h')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'secrets.h'), 'utf8')).toContain(SECRET_KEY);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8').split('\n')).toContain('secrets.h');
    for (const [path, text] of textsBelow(dir, ['secrets.h'])) expectNoSecret(text, path);
    expectNoSecret(result.stdout + result.stderr, 'the output');
    expect(result.stdout).toContain('Arduino IDE');
  });

  it('regenerates in place from its answers file, reading the secrets back from secrets.h', async () => {
    const cwd = scratch();
    expect((await runCli([...ANSWERS, '--format', 'sketch', '--out', 'shed'], { cwd, env: SECRETS })).exitCode).toBe(0);
    const again = await runCli(['init', '--yes', '--config', join(cwd, 'shed', 'harbor-connect.json')], { cwd });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain('is up to date: no file changed');
  });

  it('refuses a folder name the Arduino IDE cannot open as a sketch, writing nothing', async () => {
    const cwd = scratch();
    const result = await runCli([...ANSWERS, '--format', 'sketch', '--out', 'my sketch'], { cwd, env: SECRETS });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("The sketch folder name 'my sketch' cannot be an Arduino sketch name");
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses --build, which is for PlatformIO projects', async () => {
    const cwd = scratch();
    const result = await runCli([...ANSWERS, '--format', 'sketch', '--build'], { cwd, env: SECRETS });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--build and --flash build a PlatformIO project');
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('init --format snippet', () => {
  it('prints the lines to paste with the ids and cargo names and no secret; the secrets go to their own owner-only file', async () => {
    const cwd = scratch();
    const result = await runCli([...ANSWERS, '--metric', 'rssi', '--format', 'snippet'], { cwd, env: SECRETS });
    expect(result.exitCode, result.stderr).toBe(0);
    expectNoSecret(result.stdout + result.stderr, 'the output');
    for (const line of ['#include <Harbor.h>', '"hb-1"', 'Harbor.begin();', 'Harbor.record("uptime", millis() / 1000.0);', 'Harbor.loop();', '"rssi"']) expect(result.stdout).toContain(line);
    for (const heading of ['At the top of your sketch', 'outside any function', 'In setup()', 'In loop()']) expect(result.stdout).toContain(heading);
    const secrets = join(cwd, 'harbor_secrets.h');
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    expect(readFileSync(secrets, 'utf8')).toContain(SECRET_KEY);
    // The notes go to stderr, so `> file` keeps the snippet alone.
    expect(result.stderr).toContain('harbor_secrets.h');
  });

  it('prints the secrets only when asked', async () => {
    const cwd = scratch();
    const result = await runCli([...ANSWERS, '--format', 'snippet', '--print-secrets'], { cwd, env: SECRETS });
    expect(result.exitCode).toBe(0);
    // On the terminal (stderr), so `> harbor-snippet.txt` never captures the key with the lines to paste.
    expect(result.stderr).toContain(SECRET_KEY);
    expect(result.stdout).toContain('#include <Harbor.h>');
    expect(result.stdout).not.toContain(SECRET_KEY);
    const plain = await runCli([...ANSWERS, '--format', 'snippet'], { cwd: scratch(), env: SECRETS });
    expect(plain.stdout + plain.stderr).not.toContain(SECRET_KEY);
  });

  it('writes to --out, and leaves a file it did not write alone', async () => {
    const cwd = scratch();
    const ok = await runCli([...ANSWERS, '--format', 'snippet', '--out', 'harbor.txt'], { cwd, env: SECRETS });
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(readFileSync(join(cwd, 'harbor.txt'), 'utf8')).toContain('#include <Harbor.h>');
    expect(ok.stdout).not.toContain('#include');
    writeFileSync(join(cwd, 'notes.txt'), 'mine');
    const refused = await runCli([...ANSWERS, '--format', 'snippet', '--out', 'notes.txt'], { cwd, env: SECRETS });
    expect(refused.exitCode).toBe(2);
    expect(readFileSync(join(cwd, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('init --format library', () => {
  it('writes the same zip bytes twice, holding no secret', async () => {
    const cwd = scratch();
    const first = await runCli([...ANSWERS, '--format', 'library', '--out', 'a.zip'], { cwd, env: SECRETS });
    expect(first.exitCode, first.stderr).toBe(0);
    await new Promise((r) => setTimeout(r, 1100)); // a later second: mtimes from the clock would differ
    const second = await runCli([...ANSWERS, '--format', 'library', '--out', 'b.zip'], { cwd, env: SECRETS });
    expect(second.exitCode).toBe(0);
    const a = readFileSync(join(cwd, 'a.zip'));
    expect(a.equals(readFileSync(join(cwd, 'b.zip')))).toBe(true);
    for (const [path, bytes] of Object.entries(unzipSync(a))) expectNoSecret(Buffer.from(bytes).toString('utf8'), path);
  });

  it('replaces a library zip of its own when the answers change, and refuses to overwrite another zip', async () => {
    const cwd = scratch();
    expect((await runCli([...ANSWERS, '--format', 'library'], { cwd, env: SECRETS })).exitCode).toBe(0);
    const changed = await runCli([...ANSWERS, '--harbor-id', 'hb-2', '--format', 'library'], { cwd, env: SECRETS });
    expect(changed.exitCode, changed.stderr).toBe(0);
    expect(changed.stdout).toContain('Updated HarborConnect.zip');
    writeFileSync(join(cwd, 'other.zip'), Buffer.from(fflate.zipSync({ 'photos/a.txt': new Uint8Array([1]) })));
    const refused = await runCli([...ANSWERS, '--format', 'library', '--out', 'other.zip'], { cwd, env: SECRETS });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('other.zip was not written by harbor-connect');
  });

  it('refuses an --out that is not a .zip', async () => {
    const cwd = scratch();
    const result = await runCli([...ANSWERS, '--format', 'library', '--out', 'lib'], { cwd, env: SECRETS });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('does not end in .zip');
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe("README's Three ways in", () => {
  it('runs every init command of the section as written (with a harbor id filled in), exit 0', async () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Three ways in'), readme.indexOf('\n## ', readme.indexOf('## Three ways in') + 1));
    const commands = section.split('\n').filter((l) => l.startsWith('harbor-connect init '));
    expect(commands.map((c) => /--format (\w+)/.exec(c)?.[1] ?? 'project').sort()).toEqual(['library', 'project', 'sketch', 'snippet']);
    for (const command of commands) {
      const cwd = scratch();
      const args = command.replace(/ > \S+$/, '').replace('YOUR_HARBOR_ID', 'hb-1').split(/\s+/).slice(1);
      const result = await runCli(args, { cwd, env: SECRETS });
      expect(result.exitCode, `${command}\n${result.stderr}`).toBe(0);
    }
  }, 60_000);
});

describe('the wizard asks what to write first', () => {
  const NOWHERE = join(tmpdir(), 'hc-formats-no-such-folder');
  const rest: ScriptLine[] = [
    { question: 'Which board?', answer: 'd1_mini' },
    { question: 'Ship id', answer: DEFAULT },
    { question: 'What is connected?', answer: '#done' },
    { question: 'What should it send?', answer: ['uptime'] },
    { question: 'Uptime: cargo id', answer: DEFAULT },
    { question: 'Uptime: every how many seconds?', answer: DEFAULT },
    { question: 'Where is your Harbor?', answer: 'cloud' },
    { question: 'Harbor id', answer: 'hb-1' },
    { question: 'API key', answer: 'sk-1' },
    { question: 'Send a test point', answer: false },
    { question: 'Wi-Fi network name', answer: 'Lab' },
    { question: 'Wi-Fi password', answer: '' },
    { question: 'Change batching or TLS', answer: false },
    { question: 'Write the project, or change an answer?', answer: '#write' },
  ];

  it('lines to paste: no project folder is asked, and the answers parse as a snippet', async () => {
    const prompts = scriptedPrompts([{ question: 'A new device, or add Harbor to firmware you already have?', answer: 'snippet' }, ...rest]);
    const state = await runWizard(prompts, {}, undefined, { askFormat: true });
    expect(prompts.remaining()).toEqual([]);
    expect(prompts.asked.some((q) => q.message.includes('Project folder'))).toBe(false);
    expect(parseAnswers(state.raw).format).toBe('snippet');
  });

  it('an Arduino IDE sketch: the folder is asked, as for a project', async () => {
    const prompts = scriptedPrompts([{ question: 'A new device', answer: 'sketch' }, { question: 'Project folder', answer: NOWHERE }, ...rest]);
    const state = await runWizard(prompts, {}, undefined, { askFormat: true });
    expect(parseAnswers(state.raw).format).toBe('sketch');
    expect(state.out).toBe(NOWHERE);
  });

  it('is not asked when --format was given', async () => {
    const prompts = scriptedPrompts(rest);
    const state = await runWizard(prompts, { format: 'library' }, undefined, { askFormat: true });
    expect(prompts.remaining()).toEqual([]);
    expect(state.raw.format).toBe('library');
  });
});
