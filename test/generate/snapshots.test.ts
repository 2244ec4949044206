import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../src/config/resolve-answers.js';
import { readSecretsHeader } from '../../src/config/secrets-header.js';
import { generateFiles } from '../../src/generate/generate-files.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { FIXTURES } from './fixtures.js';
import { useScratch } from '../scratch.js';

/** Files whose content is tested elsewhere: verbatim copies, the shared schema, the CA bundle, secrets. */
const notSnapshotted = (path: string) =>
  path.startsWith('lib/') || path === '.harbor/answers.schema.json' || path === 'include/harbor_ca.h' || path === 'include/harbor_secrets.h';

/** Where a file of lib/harbor_platform comes from: the adapter's own folder, else one of its shared folders (copied into src/). */
function platformSourceOf(rel: string, target: { id: string; sharedSources: string[] }): string {
  const own = join(PACKAGE_ROOT, 'firmware/platforms', target.id, rel);
  if (existsSync(own) || !rel.startsWith('src/')) return own;
  const shared = target.sharedSources.map((folder) => join(PACKAGE_ROOT, 'firmware/platforms', folder, rel.slice('src/'.length)));
  return shared.find((file) => existsSync(file)) ?? own;
}

const scratch = useScratch('hc-secrets');

describe.each(Object.entries(FIXTURES))('generated project %s', (name, raw) => {
  const { files, model } = generateFiles(parseAnswers(raw));

  it('matches the snapshot, file by file', async () => {
    for (const file of files.filter((f) => !notSnapshotted(f.path))) {
      await expect(file.content).toMatchFileSnapshot(join('__snapshots__', name, `${file.path}.snap`));
    }
  });

  it('copies the runtime and its platform adapter verbatim', () => {
    for (const file of files.filter((f) => f.path.startsWith('lib/'))) {
      const source = file.path.startsWith('lib/harbor_runtime/')
        ? join(PACKAGE_ROOT, 'firmware/runtime', file.path.slice('lib/harbor_runtime/'.length))
        : platformSourceOf(file.path.slice('lib/harbor_platform/'.length), model.target);
      expect(file.content, file.path).toBe(readFileSync(source, 'utf8'));
    }
    expect(files.some((f) => f.path === 'lib/harbor_runtime/src/harbor/uplink.h')).toBe(true);
    expect(files.some((f) => f.path === 'lib/harbor_runtime/src/harbor/device.h')).toBe(true);
    expect(files.some((f) => f.path === 'lib/harbor_platform/library.json')).toBe(true);
  });

  it('is deterministic: the same answers give the same bytes', () => {
    const again = generateFiles(parseAnswers(raw)).files;
    expect(again).toEqual(files);
  });

  it('puts the secrets in the secrets header only, where they read back exactly', () => {
    const answers = parseAnswers(raw);
    const secretFiles = files.filter((f) => f.secret).map((f) => f.path);
    expect(secretFiles).toEqual(['include/harbor_secrets.h']);
    const header = files.find((f) => f.secret)?.content ?? '';
    const dir = scratch();
    mkdirSync(join(dir, 'include'), { recursive: true });
    writeFileSync(join(dir, 'include/harbor_secrets.h'), header);
    expect(readSecretsHeader(dir)).toEqual({ apiKey: answers.apiKey, wifiPassword: answers.wifiPassword });
    for (const file of files.filter((f) => !f.secret)) {
      expect(file.content.includes(answers.apiKey), `${file.path} holds the API key`).toBe(false);
      if (answers.wifiPassword) expect(file.content.includes(answers.wifiPassword), `${file.path} holds the Wi-Fi password`).toBe(false);
    }
  });
});
