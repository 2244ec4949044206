/**
 * Pulls curl commands out of markdown code blocks and turns them into requests
 * that can be replayed against a local receiver, keeping method, headers and
 * body byte for byte; only the origin of the URL is swapped.
 */

export interface CurlExample {
  /** The command as written (continuations joined). */
  command: string;
  /** curl's arguments after `curl`, shell-unquoted. */
  args: string[];
  method: string;
  url: string;
  headers: [string, string][];
  body: string | undefined;
}

const DATA_OPTIONS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--json']);
const VALUE_OPTIONS = new Set(['-X', '--request', '-H', '--header', '--url', '-u', '--user', '-o', '--output', '-m', '--max-time', ...DATA_OPTIONS]);

export function extractCurlExamples(markdown: string): CurlExample[] {
  const blocks = [...markdown.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1] as string);
  const commands: string[] = [];
  for (const block of blocks) {
    const lines = block.split('\n');
    for (let i = 0; i < lines.length; i += 1) {
      const first = (lines[i] as string).replace(/^\s*\$\s+/, '').trimStart();
      if (!/^curl\s/.test(first)) continue;
      let command = first;
      // A trailing backslash continues the command; so does an open quote (multi-line -d '...').
      while (i + 1 < lines.length && (/\\\s*$/.test(command) || hasOpenQuote(command))) {
        command = /\\\s*$/.test(command) ? `${command.replace(/\\\s*$/, '')} ${(lines[++i] as string).trim()}` : `${command}\n${lines[++i] as string}`;
      }
      commands.push(command);
    }
  }
  return commands.map(parseCurl);
}

export function parseCurl(command: string): CurlExample {
  const args = shellWords(command).slice(1);
  let method: string | undefined;
  let url: string | undefined;
  const headers: [string, string][] = [];
  let body: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    const value = VALUE_OPTIONS.has(arg) ? args[++i] : undefined;
    if (VALUE_OPTIONS.has(arg) && value === undefined) throw new Error(`${arg} has no value in: ${command}`);
    if (arg === '-X' || arg === '--request') method = value;
    else if (arg === '-H' || arg === '--header') {
      const colon = (value as string).indexOf(':');
      headers.push([(value as string).slice(0, colon).trim(), (value as string).slice(colon + 1).trim()]);
    } else if (DATA_OPTIONS.has(arg)) {
      if ((value as string).startsWith('@') && arg !== '--data-raw') throw new Error(`bodies read from files are not replayed: ${command}`);
      body = value;
      if (arg === '--json') headers.push(['Content-Type', 'application/json'], ['Accept', 'application/json']);
    } else if (arg === '--url') url = value;
    else if (!arg.startsWith('-')) url ??= arg;
  }
  if (!url) throw new Error(`no URL in: ${command}`);
  return { command, args, method: method ?? (body === undefined ? 'GET' : 'POST'), url, headers, body };
}

/** The path after the origin, starting at /api/v2/ingest; throws for URLs outside the ingest API. */
export function ingestPath(url: string): string {
  const match = /^https?:\/\/[^/]+(\/api\/v2\/ingest(?:\/.*)?)$/.exec(url);
  if (!match) throw new Error(`not a Harbor ingest URL: ${url}`);
  return match[1] as string;
}

/** The harbor id in a cloud path (`/api/v2/ingest/{id}[/batch|/ttn]`), if any. */
export function harborIdOf(path: string): string | undefined {
  const [first] = path.slice('/api/v2/ingest'.length).split('/').filter(Boolean);
  return first === undefined || first === 'batch' || first === 'ttn' ? undefined : first;
}

function hasOpenQuote(text: string): boolean {
  try {
    shellWords(text);
    return false;
  } catch {
    return true;
  }
}

/** POSIX shell word splitting for the subset curl examples use: '…', "…" with \ escapes, and bare words. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated single quote');
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      word ??= '';
      for (i += 1; ; i += 1) {
        if (i >= text.length) throw new Error('unterminated double quote');
        const d = text[i] as string;
        if (d === '"') break;
        if (d === '\\' && '"\\$`\n'.includes(text[i + 1] ?? '')) word += text[++i];
        else word += d;
      }
    } else if (c === '\\') {
      word = (word ?? '') + (text[++i] ?? '');
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
