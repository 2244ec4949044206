import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cppDouble, cppMultilineString, cppString, parseCppString } from '../../src/render/cpp-literal.js';
import { useScratch } from '../scratch.js';

const scratch = useScratch('cpp-literal');

const NASTY = [
  'plain',
  'quote " and backslash \\ together',
  'trigraph ??= ??/ ??\' and ?? alone',
  'comment end */ and start /* and // too',
  'new\nline, tab\t, carriage\rreturn, bell\u0007, nul-free',
  'octal trap \u00011234 then digits',
  'non-ASCII: Grüße, 温度, emoji 🌡️',
  '#define HARBOR_API_KEY "evil"',
  // Every ASCII character but NUL: the one-pass path for ASCII text, checked by the compiler like the rest.
  String.fromCharCode(...Array.from({ length: 127 }, (_, i) => i + 1)),
  '',
];

/** Compiles a program that prints each literal's bytes in hex: the compiler is the judge. */
function bytesSeenByCompiler(values: string[]): string[] {
  const dir = scratch();
  const literals = values.map((v) => `  ${cppString(v)},`).join('\n');
  const source = `#include <cstdio>\n#include <cstring>\nstatic const char* const kValues[] = {\n${literals}\n};\nint main() {\n  for (const char* v : kValues) {\n    for (size_t i = 0; i < std::strlen(v); ++i) std::printf("%02x", (unsigned char)v[i]);\n    std::printf("\\n");\n  }\n}\n`;
  writeFileSync(join(dir, 'literals.cpp'), source);
  // -trigraphs makes the compiler honour ??= etc., proving the escape prevents them.
  execFileSync('g++', ['-std=c++11', '-trigraphs', '-Wall', '-Werror', '-o', join(dir, 'literals'), join(dir, 'literals.cpp')]);
  return execFileSync(join(dir, 'literals'), { encoding: 'utf8' }).split('\n').slice(0, values.length);
}

describe('cppString', () => {
  it('reaches the compiled firmware byte for byte', () => {
    const seen = bytesSeenByCompiler(NASTY);
    expect(seen).toEqual(NASTY.map((v) => Buffer.from(v, 'utf8').toString('hex')));
  });

  it('keeps printable ASCII readable and escapes the rest in octal', () => {
    expect(cppString('soil_1')).toBe('"soil_1"');
    expect(cppString('a"b\\c?')).toBe('"a\\"b\\\\c\\?"');
    expect(cppString('\n\t\u0007')).toBe('"\\n\\t\\007"');
    expect(cppString('ü')).toBe('"\\303\\274"');
  });

  it('reads back what it wrote', () => {
    for (const value of NASTY) expect(parseCppString(cppString(value))).toBe(value);
  });

  it('splits long text into one literal per line, which concatenate to the whole', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const text = cppMultilineString(pem);
    expect(text.split('\n')).toHaveLength(3);
    expect(bytesSeenByCompiler([pem])[0]).toBe(Buffer.from(pem).toString('hex'));
  });
});

describe('cppDouble', () => {
  it('always writes a floating literal that reads back exactly', () => {
    expect(cppDouble(1)).toBe('1.0');
    expect(cppDouble(0.1)).toBe('0.1');
    expect(cppDouble(-0)).toBe('-0.0');
    expect(cppDouble(1e21)).toBe('1e+21');
    expect(cppDouble(-2.5e-7)).toBe('-2.5e-7');
    expect(() => cppDouble(Number.NaN)).toThrow();
    expect(() => cppDouble(Number.POSITIVE_INFINITY)).toThrow();
  });
});
