/**
 * What `init` would otherwise compute at every run from the package's own
 * inputs, computed once by the build: the compiled templates (so only the
 * Handlebars runtime loads, see loadTemplates) and the default CA roots of
 * this Node's store (see defaultCaRoots). Both are checked against their
 * inputs when used, so a stale file costs time, never correctness.
 */
import { writeFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { CA_ROOTS_CACHE, pickDefaultRoots, storeKey, type CaRootsCache } from '../catalogue/ca-roots.js';
import { PRECOMPILED_TEMPLATES, precompileTemplates } from '../render/render-project.js';

writeFileSync(PRECOMPILED_TEMPLATES, precompileTemplates());
const roots: CaRootsCache = { store: storeKey(rootCertificates), roots: pickDefaultRoots(rootCertificates) };
writeFileSync(CA_ROOTS_CACHE, `${JSON.stringify(roots)}\n`);
