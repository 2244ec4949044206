/**
 * How long the CLI takes to start, as a ratio to `node -e 0` measured in the
 * same run on the same machine, so a slow or busy machine does not move the
 * figure much. Every round runs each case once, in turn, and the median of
 * the rounds is kept: one hiccup in one run does not decide the result.
 *
 *   node dist/bench/startup-bench.js [--rounds N]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));

export interface StartupCase {
  name: string;
  args: string[];
  /** Most the median may take, as a multiple of `node -e 0`'s; none for a case shown only to compare. */
  limit?: number;
  env?: Record<string, string>;
}

const INIT_ARGS = ['init', '--yes', '--dry-run', '--board', 'esp32dev', '--harbor-id', 'hb-1', '--wifi-ssid', 'lab', '--out', 'proj'];

export const STARTUP_CASES: StartupCase[] = [
  { name: '--version', args: ['--version'], limit: 1.5 },
  { name: 'boards', args: ['boards'], limit: 1.5 },
  { name: 'init --yes --dry-run', args: INIT_ARGS, limit: 2 },
  // What the first run after an install or a build pays, before the compile cache (src/compile-cache.ts) holds the chunks.
  { name: 'init --yes --dry-run, compile cache off', args: INIT_ARGS, env: { NODE_DISABLE_COMPILE_CACHE: '1' } },
];

export interface StartupResult {
  name: string;
  medianMs: number;
  ratio: number;
  limit?: number;
  withinLimit: boolean;
}

export interface StartupReport {
  rounds: number;
  /** The machine's 1-minute load average before and after the rounds: other work on it slows every case, not equally. */
  loadAverage: { before: number; after: number };
  baselineMs: number;
  results: StartupResult[];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

function timeOnce(args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr.toString().trim()}`);
  return ms;
}

export function measureStartup(options: { rounds?: number; cases?: StartupCase[] } = {}): StartupReport {
  const rounds = options.rounds ?? 21;
  const cases = options.cases ?? STARTUP_CASES;
  const cwd = mkdtempSync(path.join(tmpdir(), 'harbor-startup-'));
  // Secrets from the environment, as a user would give them; none of them leaves this process tree.
  // The compile cache is the bench's own, filled by the warm-up rounds, not what the user's runs left.
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', HARBOR_API_KEY: 'bench-key', WIFI_PASSWORD: 'bench-password', XDG_CACHE_HOME: cwd };
  delete env.NODE_DISABLE_COMPILE_CACHE;
  const before = loadavg()[0] as number;
  try {
    const baseline: number[] = [];
    const times = cases.map(() => [] as number[]);
    // Two warm-up rounds fill the file cache and the compile cache, so the first measured run is not a disk read or a compile.
    for (let round = -2; round < rounds; round += 1) {
      const b = timeOnce(['-e', '0'], cwd, env);
      const each = cases.map((c) => timeOnce([CLI, ...c.args], cwd, { ...env, ...c.env }));
      if (round < 0) continue;
      baseline.push(b);
      each.forEach((ms, i) => times[i]?.push(ms));
    }
    const baselineMs = median(baseline);
    const results = cases.map((c, i) => {
      const medianMs = median(times[i] as number[]);
      const ratio = Number((medianMs / baselineMs).toFixed(2));
      return { name: c.name, medianMs: Number(medianMs.toFixed(1)), ratio, limit: c.limit, withinLimit: c.limit === undefined || ratio <= c.limit };
    });
    const loadAverage = { before: Number(before.toFixed(2)), after: Number((loadavg()[0] as number).toFixed(2)) };
    return { rounds, loadAverage, baselineMs: Number(baselineMs.toFixed(1)), results };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

export function formatStartupMarkdown(report: StartupReport): string {
  return [
    '## Start-up time',
    '',
    `Median of ${report.rounds} rounds; \`node -e 0\` took ${report.baselineMs} ms. ` +
      `Load average ${report.loadAverage.before} before, ${report.loadAverage.after} after (on a busy machine the ratios rise).`,
    '',
    '| command | median | × `node -e 0` | limit |',
    '| --- | --- | --- | --- |',
    ...report.results.map((r) => {
      const limit = r.limit === undefined ? 'none: to compare' : `${r.limit}× ${r.withinLimit ? '(within)' : '(**over**)'}`;
      return `| \`harbor-connect ${r.name}\` | ${r.medianMs} ms | ${r.ratio.toFixed(2)}× | ${limit} |`;
    }),
    '',
  ].join('\n');
}

// Run only as the script, not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { rounds: { type: 'string' } } });
  const report = measureStartup({ rounds: values.rounds === undefined ? undefined : Number(values.rounds) });
  console.log(formatStartupMarkdown(report));
  process.exitCode = report.results.every((r) => r.withinLimit) ? 0 : 1;
}
