/**
 * The answers file: what `init` was told, without secrets, in a stable key
 * order, so `init --config harbor-connect.json` regenerates the same bytes.
 */
import { hex2 } from '../components/component.js';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { z } from 'zod';
import { SECRET_ENV_NAMES } from '../child-env.js';
import { usageError } from '../errors.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { AnswersSchema, SECRET_KEYS, type Answers } from './answers-schema.js';
import { SECRETS_HEADER } from './secrets-header.js';

export const ANSWERS_FILE = 'harbor-connect.json';
export const ANSWERS_SCHEMA_FILE = '.harbor/answers.schema.json';
export const PUBLISHED_SCHEMA = join(PACKAGE_ROOT, 'schema', 'answers.schema.json');

/** JSON Schema of the answers file, for editors (published as schema/answers.schema.json). */
export function answersJsonSchema(): string {
  const schema = z.toJSONSchema(AnswersSchema, { io: 'input', unrepresentable: 'any' });
  // Secrets are never in the file (they come from the secrets header or the environment), so an editor must not ask for them.
  const secret = new Set<string>(SECRET_KEYS);
  const required = Array.isArray(schema.required) ? schema.required.filter((key) => !secret.has(key)) : schema.required;
  return `${JSON.stringify({ ...schema, required, title: 'harbor-connect answers' }, null, 2)}\n`;
}

/**
 * The schema as the build published it (schema/answers.schema.json, by
 * src/tools/write-schema.ts), computed only where there is no build:
 * z.toJSONSchema costs more of every init than writing the files.
 */
export function publishedAnswersJsonSchema(): string {
  try {
    return readFileSync(PUBLISHED_SCHEMA, 'utf8');
  } catch {
    return answersJsonSchema();
  }
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
    // The default is left out, so a project's answers file keeps the bytes it had before formats.
    if (key === 'format' && value === 'project') continue;
    if (key === 'sensors') {
      if (answers.sensors.length > 0) out.sensors = answers.sensors.map(readableSensor);
      continue;
    }
    out[key] = key === 'caFile' && projectDir ? relative(projectDir, resolve(String(value))) : value;
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** I2C addresses as the datasheets write them: "0x76", which the schema reads back. */
function readableSensor(sensor: Answers['sensors'][number]): Record<string, unknown> {
  return typeof sensor.address === 'number' ? { ...sensor, address: hex2(sensor.address) } : { ...sensor };
}

/**
 * Reads an answers file as raw input; the schema validates it together with
 * flags. The file may hold secrets, so no error quotes what it says, and
 * secrets found in it are used with a warning (through `warn`).
 */
export function readAnswersFile(path: string, hint = 'Check the path given to --config.', warn?: (message: string) => void): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw usageError(`Cannot read the answers file ${path}.`, hint);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // JSON.parse's own message quotes the text around the mistake: only say where it is.
    throw usageError(`The answers file ${path} is not valid JSON${describeSyntaxError(text)}.`, 'Fix the file there, or write it anew with harbor-connect init.');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw usageError(`The answers file ${path} must hold a JSON object.`, 'See the JSON Schema in .harbor/answers.schema.json of a generated project.');
  }
  const answers = data as Record<string, unknown>;
  const secrets = SECRET_KEYS.filter((key) => answers[key] !== undefined);
  if (secrets.length > 0 && warn) warn(secretsWarning(path, secrets));
  // A CA file named in an answers file is relative to that file, wherever the command runs.
  if (typeof answers.caFile === 'string') answers.caFile = resolve(dirname(path), answers.caFile);
  return answers;
}

const SECRET_WORDS: Record<(typeof SECRET_KEYS)[number], string> = { apiKey: 'the API key', wifiPassword: 'the Wi-Fi password' };

function secretsWarning(path: string, secrets: (typeof SECRET_KEYS)[number][]): string {
  const what = secrets.map((key) => SECRET_WORDS[key]).join(' and ');
  const where = secrets.map((key) => SECRET_ENV_NAMES[key]).join(' and ');
  const belong = secrets.length === 1 ? 'belongs' : 'belong';
  return `${path} holds ${what}, which ${belong} in ${where} or the project's ${SECRETS_HEADER}, not in a file others may read.`;
}

const SYNTAX_ERRORS: Partial<Record<string, string>> = {
  InvalidSymbol: 'this is not a JSON value (text needs double quotes)',
  ValueExpected: 'a value is missing',
  PropertyNameExpected: 'a key in double quotes is missing (or there is a comma too many)',
  CommaExpected: 'a comma is missing',
  ColonExpected: 'a colon is missing',
  CloseBraceExpected: 'a closing } is missing',
  CloseBracketExpected: 'a closing ] is missing',
  UnexpectedEndOfString: 'a string is not closed before the end of its line',
  EndOfFileExpected: 'something follows the end of the JSON object',
  InvalidCommentToken: 'JSON allows no comments',
  UnexpectedEndOfComment: 'JSON allows no comments',
  InvalidCharacter: 'a character that JSON does not allow here',
  InvalidEscapeCharacter: 'a backslash escape that JSON does not know',
  InvalidUnicode: 'a \\u escape that is not four hex digits',
};

/** " at line L, column C: what is wrong" for the first mistake, naming nothing the file says. */
function describeSyntaxError(text: string): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const [first] = errors;
  if (!first) return '';
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}: ${SYNTAX_ERRORS[printParseErrorCode(first.error)] ?? 'a syntax error'}`;
}
