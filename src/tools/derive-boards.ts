/**
 * `npm run derive-boards [-- <manifests dir>]`: re-derives
 * src/catalogue/generated/manifest-boards.json from PlatformIO's board
 * manifests (default ../shared/reference/platformio-boards beside the clone).
 * Run it after updating the manifests or the rules in catalogue/*.ts; the
 * catalogue tests fail until the committed file matches.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { deriveCatalogue, GENERATED_PATH, readManifestFiles, serializeCatalogue } from '../catalogue/manifest-boards.js';
import { PACKAGE_ROOT } from '../package-root.js';

const root = path.resolve(process.argv[2] ?? path.join(PACKAGE_ROOT, '..', 'shared', 'reference', 'platformio-boards'));
try {
  const { files, sources } = readManifestFiles(root);
  const catalogue = deriveCatalogue(files, sources);
  writeFileSync(path.join(PACKAGE_ROOT, GENERATED_PATH), serializeCatalogue(catalogue));
  const counts = new Map<string, number>();
  for (const b of catalogue.boards) counts.set(b.chip, (counts.get(b.chip) ?? 0) + 1);
  console.log(
    `${GENERATED_PATH}: ${catalogue.boards.length} boards (${[...counts].map(([chip, n]) => `${chip} ${n}`).join(', ')}), ` +
      `${catalogue.unsupported.length} manifests not supported, from ${files.length} manifests in ${root}`,
  );
} catch (error) {
  // Nothing is written unless every manifest was read.
  console.error(`${error instanceof Error ? error.message : String(error)} Give the manifests folder: npm run derive-boards -- <dir>.`);
  process.exitCode = 2;
}
