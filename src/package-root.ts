import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nearest folder above this module holding package.json: the package's
 * root from src/ (tests), from dist/ and from the bundle's dist/chunks/.
 */
function packageRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir + sep;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
  }
}

/** The package's root folder, ending in a separator. */
export const PACKAGE_ROOT = packageRoot();

/** The sensor components' C++ (drivers and host models), in the repository and in the installed package. */
export const COMPONENTS_DIR = join(PACKAGE_ROOT, 'src', 'components') + sep;

/** The version in the package's package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
