/**
 * Model in, files out. Handlebars runs with noEscape (this is C++, not HTML),
 * strict (a missing field fails instead of printing nothing) and
 * knownHelpersOnly; every helper is a named formatter from cpp-literal.ts or a
 * tiny text helper below, so templates hold no logic a test cannot see.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type HandlebarsModule from 'handlebars';
import { PLATFORM_TARGETS, type PlatformAdapterId } from '../catalogue/platforms.js';
import type { ProjectModel } from '../model/project-model.js';
import { COMPONENTS_DIR, PACKAGE_ROOT } from '../package-root.js';
import { cppArguments, cppBool, cppDouble, cppMultilineString, cppString, cppUnsigned, type CppArgument } from './cpp-literal.js';

export interface GeneratedFile {
  path: string;
  content: string;
  /** Holds the API key or Wi-Fi password: git-ignored, never hashed, never printed. */
  secret?: boolean;
}

const helpers = {
  cstr: (value: string) => cppString(value),
  cmultiline: (value: string) => cppMultilineString(value),
  cdouble: (value: number) => cppDouble(value),
  cuint: (value: number) => cppUnsigned(value),
  cbool: (value: boolean) => cppBool(value),
  cargs: (args: CppArgument[]) => cppArguments(args),
  chex: (value: number) => cppArguments([{ hex: value }]),
  eq: (a: unknown, b: unknown) => a === b,
  seconds: (ms: number) => String(ms / 1000),
  md: (value: string) => markdownText(value),
};

/** User text inside Markdown: escape what would change the markup, show control characters. */
export function markdownText(value: string): string {
  return value
    .replace(/[\\`*_[\]<>|#]/g, (ch) => `\\${ch}`)
    .replace(/[\u0000-\u001f\u007f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// CommonJS: require() skips the export-name scan an ESM import of it costs at start-up.
const Handlebars = createRequire(import.meta.url)('handlebars') as typeof HandlebarsModule;

type Template = (context: unknown) => string;
export type Templates = Record<string, Template>;

const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');

export function loadTemplates(dir: string = TEMPLATES_DIR): Templates {
  const hbs = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) hbs.registerHelper(name, fn as HandlebarsModule.HelperDelegate);
  const templates: Templates = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs')).sort()) {
    const source = readFileSync(join(dir, file), 'utf8');
    templates[file.replace(/\.hbs$/, '')] = hbs.compile(source, {
      noEscape: true,
      strict: true,
      knownHelpers: Object.fromEntries(Object.keys(helpers).map((k) => [k, true])),
      knownHelpersOnly: true,
    });
  }
  return templates;
}

/** How src/main.cpp reaches the runtime and the secrets: a project by -I paths; a sketch (formats/sketch.ts) by relative paths. */
export interface IncludePaths {
  includeRoot: string;
  secretsHeader: string;
  targetHeader: string | false;
}
export const PROJECT_INCLUDES: IncludePaths = { includeRoot: '', secretsHeader: 'harbor_secrets.h', targetHeader: false };

export function render(templates: Templates, name: string, model: ProjectModel | (ProjectModel & IncludePaths)): string {
  const template = templates[name];
  if (!template) throw new Error(`missing template ${name}.hbs`);
  return template(model);
}

/** The project's own files (libraries come from collectLibraryFiles). Pure. */
export function renderProject(model: ProjectModel, templates: Templates, answersFile: string, answersSchema: string): GeneratedFile[] {
  const files: GeneratedFile[] = [
    { path: 'platformio.ini', content: render(templates, 'platformio.ini', model) },
    { path: 'src/main.cpp', content: render(templates, 'main.cpp', { ...model, ...PROJECT_INCLUDES }) },
    { path: 'include/harbor_config.h', content: render(templates, 'harbor_config.h', model) },
    { path: 'include/harbor_secrets.h', content: render(templates, 'harbor_secrets.h', model), secret: true },
    { path: '.gitignore', content: render(templates, 'gitignore', model) },
    // VS Code offers PlatformIO IDE when the folder is opened.
    { path: '.vscode/extensions.json', content: render(templates, 'vscode-extensions.json', model) },
    { path: 'README.md', content: render(templates, 'README.md', model) },
    { path: 'harbor-connect.json', content: answersFile },
    { path: '.harbor/answers.schema.json', content: answersSchema },
  ];
  if (model.device.caPem) files.push({ path: 'include/harbor_ca.h', content: render(templates, 'harbor_ca.h', model) });
  if (model.sensors.length > 0) files.push({ path: '.harbor/host_models.cpp', content: render(templates, 'host_models.cpp', model) });
  for (const extra of model.target.extraFiles) files.push({ path: extra.path, content: extra.content });
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * The runtime and the chosen platform adapter, copied verbatim under lib/; the
 * folders the adapter shares with others (PlatformTarget.sharedSources) go next
 * to its own sources in lib/harbor_platform/src.
 */
export function collectLibraryFiles(platformId: string, firmwareDir: string = join(PACKAGE_ROOT, 'firmware')): GeneratedFile[] {
  const shared = PLATFORM_TARGETS[platformId as PlatformAdapterId]?.sharedSources ?? [];
  return [
    ...copyTree(join(firmwareDir, 'runtime'), 'lib/harbor_runtime'),
    ...copyTree(join(firmwareDir, 'platforms', platformId), 'lib/harbor_platform'),
    ...shared.flatMap((folder) => copyTree(join(firmwareDir, 'platforms', folder), 'lib/harbor_platform/src')),
  ];
}

/** The C++ sources of the sensor components a project uses (src/components/<dir>/), next to the runtime. */
export function collectSensorFiles(files: readonly { dir: string; file: string }[], componentsDir: string = COMPONENTS_DIR): GeneratedFile[] {
  return files.map(({ dir, file }) => ({ path: `lib/harbor_runtime/src/harbor/sensors/${file}`, content: readFileSync(join(componentsDir, dir, file), 'utf8') }));
}

function copyTree(from: string, to: string): GeneratedFile[] {
  const entries = readdirSync(from, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(from.length + 1));
  return entries.sort().map((rel) => ({ path: `${to}/${rel.split('\\').join('/')}`, content: readFileSync(join(from, rel), 'utf8') }));
}
