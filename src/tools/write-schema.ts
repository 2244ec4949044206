/** Publishes the answers file's JSON Schema with the package, for editors. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PUBLISHED_SCHEMA, answersJsonSchema } from '../config/answers-file.js';

mkdirSync(dirname(PUBLISHED_SCHEMA), { recursive: true });
writeFileSync(PUBLISHED_SCHEMA, answersJsonSchema());
