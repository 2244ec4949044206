/**
 * The build compiles the templates once (dist/precompiled-templates.cjs); a
 * template edited since the build is compiled when loaded, so what renders is
 * always the template on disk.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { PRECOMPILED_TEMPLATES, loadTemplates, readTemplateSources, type PrecompiledTemplates } from '../../src/render/render-project.js';
import { useScratch } from '../scratch.js';

const scratch = useScratch('hc-templates');
const model = { device: { caPem: null }, sensors: [] };

describe('templates', () => {
  it('the build precompiled every template from its current source', () => {
    const built = createRequire(import.meta.url)(PRECOMPILED_TEMPLATES) as PrecompiledTemplates;
    expect(Object.fromEntries(Object.entries(built).map(([name, template]) => [name, template.source]))).toEqual(Object.fromEntries(readTemplateSources()));
  });

  it('renders a template edited since the build as it now reads', () => {
    const dir = scratch();
    cpSync(join(PACKAGE_ROOT, 'templates'), dir, { recursive: true });
    const file = join(dir, 'gitignore.hbs');
    const before = loadTemplates(dir).gitignore?.(model);
    writeFileSync(file, `${readFileSync(file, 'utf8')}# edited {{#if device.caPem}}ca{{else}}no ca{{/if}}\n`);
    const after = loadTemplates(dir).gitignore?.(model);
    expect(after).toBe(`${before}# edited no ca\n`);
  });
});
