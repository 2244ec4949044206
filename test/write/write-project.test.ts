import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GeneratedFile } from '../../src/render/render-project.js';
import { applyWrite, planWrite } from '../../src/write/write-project.js';
import { useScratch } from '../scratch.js';

const files = (version = 1): GeneratedFile[] => [
  { path: 'platformio.ini', content: `[env:esp32dev]\n; v${version}\n` },
  { path: 'src/main.cpp', content: 'void setup() {}\n' },
  { path: 'include/harbor_secrets.h', content: '#define HARBOR_API_KEY "k"\n', secret: true },
];

const scratch = useScratch('write-project');

describe('writing a project', () => {
  it('creates a new project in one step, with the secrets header readable by its owner only', () => {
    const out = join(scratch(), 'proj');
    const plan = planWrite(out, files());
    expect(plan.actions.every((a) => a.action === 'create')).toBe(true);
    applyWrite(plan, files());
    expect(readFileSync(join(out, 'src/main.cpp'), 'utf8')).toBe('void setup() {}\n');
    expect(statSync(join(out, 'include/harbor_secrets.h')).mode & 0o777).toBe(0o600);
    const manifest = readFileSync(join(out, '.harbor/manifest.json'), 'utf8');
    expect(manifest).toContain('src/main.cpp');
    expect(manifest).not.toContain('harbor_secrets');
    // No staging folder is left beside it.
    expect(readdirSync(join(out, '..'))).toEqual(['proj']);
  });

  it('touches no file when regenerated with the same content', () => {
    const out = join(scratch(), 'proj');
    applyWrite(planWrite(out, files()), files());
    const old = new Date('2020-01-01T00:00:00Z');
    for (const f of ['platformio.ini', 'src/main.cpp', 'include/harbor_secrets.h', '.harbor/manifest.json']) utimesSync(join(out, f), old, old);
    const plan = planWrite(out, files());
    expect(plan.actions.every((a) => a.action === 'unchanged')).toBe(true);
    applyWrite(plan, files());
    for (const f of ['platformio.ini', 'src/main.cpp', 'include/harbor_secrets.h', '.harbor/manifest.json']) {
      expect(statSync(join(out, f)).mtime.getTime()).toBe(old.getTime());
    }
  });

  it('updates files it wrote, but refuses to overwrite a file the user edited', () => {
    const out = join(scratch(), 'proj');
    applyWrite(planWrite(out, files(1)), files(1));
    expect(planWrite(out, files(2)).actions.find((a) => a.path === 'platformio.ini')?.action).toBe('update');

    writeFileSync(join(out, 'platformio.ini'), '; my own edit\n');
    const plan = planWrite(out, files(2));
    expect(plan.conflicts).toEqual(['platformio.ini']);
    expect(() => applyWrite(plan, files(2))).toThrow(/You edited a file that regenerating would overwrite: platformio.ini/);
    expect(readFileSync(join(out, 'platformio.ini'), 'utf8')).toBe('; my own edit\n');

    applyWrite(planWrite(out, files(2), { force: true }), files(2));
    expect(readFileSync(join(out, 'platformio.ini'), 'utf8')).toContain('v2');
  });

  it('refuses a folder it did not make, and a file in place of the folder', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'theirs'));
    writeFileSync(join(dir, 'theirs', 'notes.txt'), 'hello');
    expect(() => planWrite(join(dir, 'theirs'), files())).toThrow(/already exists and was not made by harbor-connect/);
    writeFileSync(join(dir, 'afile'), 'x');
    expect(() => planWrite(join(dir, 'afile'), files())).toThrow(/exists and is not a folder/);
    expect(readdirSync(join(dir, 'theirs'))).toEqual(['notes.txt']);
  });

  it('accepts an empty existing folder', () => {
    const out = join(scratch(), 'empty');
    mkdirSync(out);
    applyWrite(planWrite(out, files()), files());
    expect(existsSync(join(out, 'src/main.cpp'))).toBe(true);
  });

  it('removes files it generated earlier that the new answers no longer need', () => {
    const out = join(scratch(), 'proj');
    const withCa = [...files(), { path: 'include/harbor_ca.h', content: '// roots\n' }];
    applyWrite(planWrite(out, withCa), withCa);
    const plan = planWrite(out, files());
    expect(plan.actions).toContainEqual({ path: 'include/harbor_ca.h', action: 'delete' });
    applyWrite(plan, files());
    expect(existsSync(join(out, 'include/harbor_ca.h'))).toBe(false);
  });
});
