/**
 * The one place that knows C/C++ literal syntax. Every user string reaches the
 * firmware through cppString, byte for byte: printable ASCII stays readable,
 * tab, newline and carriage return get their short escapes, every other byte a
 * three-digit octal escape (never hex, whose escapes swallow following hex
 * digits), and '?' is escaped so '??=' cannot form a trigraph on older compilers.
 */

const SIMPLE_ESCAPES: Record<number, string> = {
  0x09: '\\t',
  0x0a: '\\n',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
  0x3f: '\\?',
};

const ASCII = /^[\x00-\x7f]*$/;
const ESCAPED_ASCII = /[\x00-\x1f\x7f"\\?]/g;
const octal = (byte: number): string => '\\' + byte.toString(8).padStart(3, '0');

/** A C++ string literal holding exactly the UTF-8 bytes of `value`. */
export function cppString(value: string): string {
  // ASCII text (a PEM bundle, most names) in one pass, to the same bytes as the loop, which is slow on long text.
  if (ASCII.test(value)) return `"${value.replace(ESCAPED_ASCII, (ch) => SIMPLE_ESCAPES[ch.charCodeAt(0)] ?? octal(ch.charCodeAt(0)))}"`;
  let out = '"';
  for (const byte of Buffer.from(value, 'utf8')) {
    const simple = SIMPLE_ESCAPES[byte];
    if (simple) out += simple;
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += octal(byte);
  }
  return out + '"';
}

/**
 * Long text (a PEM bundle) as adjacent literals, one source line per text line,
 * so the header stays readable and diffable.
 */
export function cppMultilineString(value: string, indent = '    '): string {
  const lines = value.split(/(?<=\n)/);
  return lines.map((line) => indent + cppString(line)).join('\n');
}

const CONTROL_ESCAPES: Record<string, number> = { n: 0x0a, t: 0x09, r: 0x0d };

/** Reverses cppString, for reading back the secrets header harbor-connect wrote. */
export function parseCppString(literal: string): string {
  const match = /^"((?:[^"\\]|\\.)*)"$/s.exec(literal.trim());
  if (!match) throw new Error('not a C++ string literal');
  const body = match[1] ?? '';
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1))?.[0];
    if (octal) {
      bytes.push(parseInt(octal, 8));
      i += octal.length;
    } else if (next in CONTROL_ESCAPES) {
      bytes.push(CONTROL_ESCAPES[next] as number);
      i++;
    } else {
      bytes.push(next.charCodeAt(0));
      i++;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A double literal that reads back as exactly `value` (JS prints the shortest round-trip form). */
export function cppDouble(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  if (Object.is(value, -0)) return '-0.0';
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** An unsigned integer literal. */
export function cppUnsigned(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`not an unsigned integer: ${value}`);
  return `${value}u`;
}

export function cppBool(value: boolean): string {
  return value ? 'true' : 'false';
}

/** A constructor argument of a generated object (components/component.ts CppArg). */
export type CppArgument =
  | { uint: number }
  | { int: number }
  | { hex: number }
  | { double: number }
  | { bool: boolean }
  | { string: string }
  | { wave: { base: number; amplitude: number; periodMs: number; phaseMs: number } }
  | { code: string };

/** A C++ name the generator or a driver header defines: letters, digits, _ and ::, nothing else. */
const CPP_NAME = /^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*$/;

export function cppArgument(arg: CppArgument): string {
  if ('uint' in arg) return cppUnsigned(arg.uint);
  if ('int' in arg) {
    if (!Number.isSafeInteger(arg.int)) throw new Error(`not an integer: ${arg.int}`);
    return String(arg.int);
  }
  if ('hex' in arg) {
    if (!Number.isSafeInteger(arg.hex) || arg.hex < 0) throw new Error(`not an unsigned integer: ${arg.hex}`);
    return `0x${arg.hex.toString(16).padStart(2, '0')}`;
  }
  if ('double' in arg) return cppDouble(arg.double);
  if ('bool' in arg) return cppBool(arg.bool);
  if ('string' in arg) return cppString(arg.string);
  if ('wave' in arg) {
    const w = arg.wave;
    return `harbor::host::Wave{${[w.base, w.amplitude, w.periodMs, w.phaseMs].map(cppDouble).join(', ')}}`;
  }
  if (!CPP_NAME.test(arg.code)) throw new Error(`not a C++ name: ${arg.code}`);
  return arg.code;
}

/** "gI2c0, 0x76, 30000u": a constructor's argument list. */
export function cppArguments(args: readonly CppArgument[]): string {
  return args.map(cppArgument).join(', ');
}
