/** Publishes the answers file's JSON Schema with the package, for editors. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answersJsonSchema } from '../config/answers-file.js';
import { PACKAGE_ROOT } from '../package-root.js';

mkdirSync(join(PACKAGE_ROOT, 'schema'), { recursive: true });
writeFileSync(join(PACKAGE_ROOT, 'schema', 'answers.schema.json'), answersJsonSchema());
