import { fileURLToPath } from 'node:url';

/** The package's root folder, the same from src/ (tests) and dist/ (installed). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));
