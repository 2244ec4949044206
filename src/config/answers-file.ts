/**
 * The answers file: what `init` was told, without secrets, in a stable key
 * order, so `init --config harbor-connect.json` regenerates the same bytes.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { z } from 'zod';
import { usageError } from '../errors.js';
import { AnswersSchema, SECRET_KEYS, type Answers } from './answers-schema.js';

export const ANSWERS_FILE = 'harbor-connect.json';
export const ANSWERS_SCHEMA_FILE = '.harbor/answers.schema.json';

/** JSON Schema of the answers file, for editors (published as schema/answers.schema.json). */
export function answersJsonSchema(): string {
  const schema = z.toJSONSchema(AnswersSchema, { io: 'input', unrepresentable: 'any' });
  // Secrets are never in the file (they come from the secrets header or the environment), so an editor must not ask for them.
  const secret = new Set<string>(SECRET_KEYS);
  const required = Array.isArray(schema.required) ? schema.required.filter((key) => !secret.has(key)) : schema.required;
  return `${JSON.stringify({ ...schema, required, title: 'harbor-connect answers' }, null, 2)}\n`;
}

/**
 * `projectDir`: where the file will live. A CA file path is written relative to
 * it, so the project can move and still regenerate.
 */
export function answersFileContent(answers: Answers, projectDir?: string): string {
  const secret = new Set<string>(SECRET_KEYS);
  const out: Record<string, unknown> = { $schema: `./${ANSWERS_SCHEMA_FILE}` };
  for (const key of Object.keys(AnswersSchema.shape)) {
    if (key === '$schema' || secret.has(key)) continue;
    const value = (answers as Record<string, unknown>)[key];
    if (value === undefined) continue;
    out[key] = key === 'caFile' && projectDir ? relative(projectDir, resolve(String(value))) : value;
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** Reads an answers file as raw input; the schema validates it together with flags. */
export function readAnswersFile(path: string, hint = 'Check the path given to --config.'): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw usageError(`Cannot read the answers file ${path}.`, hint);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw usageError(`The answers file ${path} is not valid JSON (${(error as Error).message}).`, 'Fix the file or write it anew with harbor-connect init.');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw usageError(`The answers file ${path} must hold a JSON object.`, 'See the JSON Schema in .harbor/answers.schema.json of a generated project.');
  }
  const answers = data as Record<string, unknown>;
  // A CA file named in an answers file is relative to that file, wherever the command runs.
  if (typeof answers.caFile === 'string') answers.caFile = resolve(dirname(path), answers.caFile);
  return answers;
}
