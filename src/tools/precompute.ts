/**
 * What a command would otherwise compute at every run from the package's own
 * inputs, computed once by the build: the compiled templates (so only the
 * Handlebars runtime loads, see loadTemplates), the default CA roots of this
 * Node's store (see defaultCaRoots), both checked against their inputs when
 * used, so a stale file costs time, never correctness; and the `boards`
 * listing, a function of the catalogue compiled into the same build (checked
 * against it by test/catalogue/boards-listing.test.ts).
 */
import { writeFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { CA_ROOTS_CACHE, pickDefaultRoots, storeKey, type CaRootsCache } from '../catalogue/ca-roots.js';
import { BOARDS_LISTING, type BoardsListing } from '../catalogue/precomputed-listing.js';
import { boardsListing } from '../commands/catalogue-listing.js';
import { PRECOMPILED_TEMPLATES, precompileTemplates } from '../render/render-project.js';

writeFileSync(PRECOMPILED_TEMPLATES, precompileTemplates());
const roots: CaRootsCache = { store: storeKey(rootCertificates), roots: pickDefaultRoots(rootCertificates) };
writeFileSync(CA_ROOTS_CACHE, `${JSON.stringify(roots)}\n`);
const listing: BoardsListing = { table: boardsListing(false), json: boardsListing(true) };
writeFileSync(BOARDS_LISTING, `${JSON.stringify(listing)}\n`);
