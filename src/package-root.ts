import { fileURLToPath } from 'node:url';

/** The package's root folder, the same from src/ (tests) and dist/ (installed). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The sensor components' C++ (drivers and host models), in the repository and in the installed package. */
export const COMPONENTS_DIR = fileURLToPath(new URL('../src/components/', import.meta.url));
