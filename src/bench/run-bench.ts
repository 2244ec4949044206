/**
 * `npm run bench`: how well the generated firmware delivers. Builds the
 * three-metric project for the host, runs it against the local Harbor clean
 * and through injected failures, and writes bench/report.json (for machines)
 * and bench/report.md (for people). Seeds and the virtual start time are
 * fixed, so two runs differ only in real time taken.
 *
 *   node dist/bench/run-bench.js [--out <dir>]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { HarborError } from '../errors.js';
import type { ProjectModel } from '../model/project-model.js';
import type { FaultOptions } from '../receiver/receiver.js';
import { buildHostFirmware } from '../simulate/host-build.js';
import {
  DELIVERY_API_KEY,
  DELIVERY_HARBOR_ID,
  DELIVERY_START_UTC_MS,
  FAULTY_RECEIVER,
  THREE_METRIC_ANSWERS,
  runAgainstReceiver,
  writeGeneratedProject,
  type DeliveryRun,
} from './delivery-run.js';
import { formatFlashMarkdown, measureFlash, type FlashCost } from './flash-bench.js';
import { formatExchangeMarkdown, measureExchanges, type ExchangeReport } from './exchange-bench.js';
import { formatSensorMarkdown, measureSensors, type SensorCost } from './sensor-bench.js';
import { formatStartupMarkdown, measureStartup, type StartupReport } from './startup-bench.js';

const FIRMWARE_SEED = 7;
const REAL_TIMEOUT_MS = 5 * 60_000;

interface Scenario {
  name: string;
  description: string;
  durationMs: number;
  faults: Omit<FaultOptions, 'rejectRecord'> | undefined;
  /** The fault-free run of the same length, whose request count this one is compared with. */
  baseline?: string;
}

const CLEAN = { clock: 'sim', simStartMs: DELIVERY_START_UTC_MS } as const;

const SCENARIOS: Scenario[] = [
  { name: 'clean-10m', description: '10 min, no faults', durationMs: 10 * 60_000, faults: undefined },
  { name: 'faulty-10m', description: '10 min, 30 % failures (500/503/429, cut connections) and a 2-min outage', durationMs: 10 * 60_000, faults: FAULTY_RECEIVER.faults, baseline: 'clean-10m' },
  { name: 'clean-1h', description: '1 h, no faults', durationMs: 60 * 60_000, faults: undefined },
  { name: 'faulty-1h', description: '1 h, 30 % failures (500/503/429, cut connections) and a 2-min outage', durationMs: 60 * 60_000, faults: FAULTY_RECEIVER.faults, baseline: 'clean-1h' },
];

export interface BenchRun {
  name: string;
  description: string;
  virtualDurationMs: number;
  firmwareSeed: number;
  faults: Scenario['faults'] | null;
  sampled: number;
  /** Distinct readings the Harbor stored. */
  delivered: number;
  deliveredRatio: number;
  /** Readings that arrived again after a lost answer and collapsed on the (time, ship, cargo) key. */
  duplicates: number;
  /** HTTP requests the Harbor received. */
  requests: number;
  /** Attempts the firmware counted; fewer when libcurl re-sent on a fresh connection by itself. */
  firmwareRequests: number;
  requestsPer1000Readings: number;
  /** requests / the baseline run's requests, for a run with faults. */
  requestsVsClean: number | null;
  bytesReceived: number;
  /** bytesReceived / delivered: headers, retries and duplicates included. */
  bytesPerReading: number;
  connectionsOpened: number;
  realMs: number;
  firmwareSummary: DeliveryRun['summary'];
  receiverByStatus: Record<string, number>;
}

export interface BenchReport {
  generatedAt: string;
  environment: { node: string; platform: string; arch: string; cpus: number };
  project: {
    board: string;
    metrics: { cargo: string; intervalMs: number }[];
    batchRecords: number;
    batchBytes: number;
    batchMaxAgeMs: number;
    bufferRecords: number;
  };
  runs: BenchRun[];
  startup?: StartupReport;
  sensors?: SensorCost[];
  flash?: FlashCost[];
  exchanges?: ExchangeReport;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** One run's figures, from both sides' accounts; `baseline` is the clean run to compare requests with. */
export function measureRun(scenario: Scenario, run: DeliveryRun, baseline?: BenchRun): BenchRun {
  const { summary, stats } = run;
  const sampled = summary.sampled;
  return {
    name: scenario.name,
    description: scenario.description,
    virtualDurationMs: scenario.durationMs,
    firmwareSeed: FIRMWARE_SEED,
    faults: scenario.faults ?? null,
    sampled,
    delivered: stats.recordsStored,
    deliveredRatio: sampled === 0 ? 0 : round(stats.recordsStored / sampled, 4),
    duplicates: stats.duplicatesDropped,
    requests: stats.requests,
    firmwareRequests: summary.requests,
    requestsPer1000Readings: sampled === 0 ? 0 : round((stats.requests / sampled) * 1000, 1),
    requestsVsClean: baseline && baseline.requests > 0 ? round(stats.requests / baseline.requests, 2) : null,
    bytesReceived: stats.bytesReceived,
    bytesPerReading: stats.recordsStored === 0 ? 0 : round(stats.bytesReceived / stats.recordsStored, 1),
    connectionsOpened: stats.connectionsOpened,
    realMs: run.realMs,
    firmwareSummary: summary,
    receiverByStatus: stats.byStatus,
  };
}

export function formatMarkdown(report: BenchReport): string {
  const p = report.project;
  const lines = [
    '# harbor-connect delivery benchmark',
    '',
    `Generated ${report.generatedAt} on Node ${report.environment.node}, ${report.environment.platform}/${report.environment.arch}, ${report.environment.cpus} CPUs.`,
    '',
    `Project: ${p.board}, ${p.metrics.map((m) => `${m.cargo} every ${m.intervalMs / 1000} s`).join(', ')}; ` +
      `batches of up to ${p.batchRecords} readings / ${p.batchBytes} bytes / ${p.batchMaxAgeMs / 1000} s; buffer ${p.bufferRecords} readings. ` +
      'Host build of the generated firmware at --speed max against the local Harbor (clock sim).',
    '',
    '| run | delivered / sampled | duplicates | requests (firmware) | vs clean | requests per 1,000 readings | bytes per reading | connections | real time |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.runs.map((r) =>
      `| ${r.name}: ${r.description} | ${r.delivered} / ${r.sampled} | ${r.duplicates} | ${r.requests} (${r.firmwareRequests}) | ` +
        `${r.requestsVsClean === null ? '' : `${r.requestsVsClean.toFixed(2)}x`} | ` +
        `${r.requestsPer1000Readings.toFixed(1)} | ${r.bytesPerReading.toFixed(1)} | ${r.connectionsOpened} | ${(r.realMs / 1000).toFixed(2)} s |`,
    ),
    '',
    'Requests and bytes are as the Harbor received them (headers included); the firmware\'s own count of its attempts is in',
    'brackets (the host transport makes exactly the attempts the firmware decides, so the two agree).',
    'Duplicates are readings that arrived a second time after a lost answer and collapsed on the (time, ship, cargo) key.',
    '',
  ];
  if (report.exchanges) lines.push(formatExchangeMarkdown(report.exchanges));
  if (report.startup) lines.push(formatStartupMarkdown(report.startup));
  if (report.sensors) lines.push(formatSensorMarkdown(report.sensors));
  if (report.flash) lines.push(formatFlashMarkdown(report.flash));
  return lines.join('\n');
}

export interface BenchOptions {
  outDir: string;
  log?: (line: string) => void;
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const work = await mkdtemp(path.join(tmpdir(), 'harbor-bench-'));
  try {
    const projectDir = path.join(work, 'project');
    const model: ProjectModel = writeGeneratedProject(projectDir, THREE_METRIC_ANSWERS);
    log('Building the three-metric project for this computer...');
    const { binary } = await buildHostFirmware(projectDir, { outDir: path.join(work, 'host-build') });

    const runs: BenchRun[] = [];
    for (const scenario of SCENARIOS) {
      log(`Running ${scenario.name}: ${scenario.description}...`);
      const run = await runAgainstReceiver(binary, {
        receiver: { ...CLEAN, apiKey: DELIVERY_API_KEY, harborIds: [DELIVERY_HARBOR_ID], ...(scenario.faults ? { faults: scenario.faults } : {}) },
        firmware: { durationMs: scenario.durationMs, speed: 'max', startUtcMs: DELIVERY_START_UTC_MS, seed: FIRMWARE_SEED, timeoutMs: REAL_TIMEOUT_MS },
      });
      runs.push(measureRun(scenario, run, runs.find((r) => r.name === scenario.baseline)));
    }

    const report: BenchReport = {
      generatedAt: new Date().toISOString(),
      environment: { node: process.version, platform: process.platform, arch: process.arch, cpus: cpus().length },
      project: {
        board: model.board.id,
        metrics: model.metrics.map((m) => ({ cargo: m.cargo, intervalMs: m.intervalMs })),
        batchRecords: model.device.batchRecords,
        batchBytes: model.device.batchBytes,
        batchMaxAgeMs: model.device.batchMaxAgeMs,
        bufferRecords: model.device.bufferRecords,
      },
      runs,
      exchanges: await measureExchanges(binary),
      startup: measureStartup(),
      sensors: await measureSensors(log),
      flash: await measureFlash(log),
    };
    await mkdir(options.outDir, { recursive: true });
    await writeFile(path.join(options.outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(path.join(options.outDir, 'report.md'), formatMarkdown(report));
    return report;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  let out: string | undefined;
  try {
    out = parseArgs({ options: { out: { type: 'string' } }, strict: true }).values.out;
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: node dist/bench/run-bench.js [--out <dir>]`);
    return 2;
  }
  const outDir = path.resolve(out ?? 'bench');
  try {
    const report = await runBench({ outDir, log: (line) => console.log(line) });
    console.log('');
    console.log(formatMarkdown(report));
    console.log(`Report written to ${path.join(outDir, 'report.json')} and ${path.join(outDir, 'report.md')}`);
    return 0;
  } catch (error) {
    if (error instanceof HarborError) {
      console.error(`Error: ${error.message}${error.hint ? `\n${error.hint}` : ''}`);
      return error.exitCode;
    }
    throw error;
  }
}

// Run only as the script, not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then((code) => {
    process.exitCode = code;
  });
}
