/** The answers file's JSON Schema is what editors complete and check an answers file with. */
import { describe, expect, it } from 'vitest';
import { allBoards } from '../../src/catalogue/boards.js';
import { METRIC_KINDS } from '../../src/catalogue/metrics.js';
import { answersJsonSchema } from '../../src/config/answers-file.js';

interface JsonSchema {
  description?: string;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}

const schema = JSON.parse(answersJsonSchema()) as JsonSchema;

/** Every property below `node`, with its path. */
function properties(node: JsonSchema, path = ''): [string, JsonSchema][] {
  return Object.entries(node.properties ?? {}).flatMap(([key, value]) => [[`${path}${key}`, value] as [string, JsonSchema], ...properties(value, `${path}${key}.`), ...(value.items ? properties(value.items, `${path}${key}[].`) : [])]);
}

describe('the answers JSON Schema', () => {
  it('describes every field', () => {
    expect(properties(schema).filter(([, p]) => !p.description).map(([path]) => path)).toEqual([]);
  });

  it('lists the boards, frameworks, metric kinds and TLS modes, so an editor completes them', () => {
    expect(schema.properties?.board?.enum).toEqual(allBoards().map((b) => b.id));
    expect(schema.properties?.framework?.enum).toEqual(['arduino', 'espidf']);
    expect(schema.properties?.metrics?.items?.properties?.kind?.enum).toEqual([...METRIC_KINDS]);
    expect(schema.properties?.tls?.enum).toEqual(['verify', 'insecure']);
  });

  it('does not ask for the secrets, which an answers file never holds', () => {
    expect(schema.required).toEqual(['board', 'metrics', 'wifiSsid']);
  });
});
