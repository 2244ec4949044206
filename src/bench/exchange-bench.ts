/**
 * Time per HTTP exchange on the host (issue 13 item 4): a request that goes
 * out in two writes on a kept-alive connection waits for the server's delayed
 * ACK of the first (Nagle), 40 ms on Linux, at every exchange but a
 * connection's first. The host firmware times each answered exchange (first
 * byte written to last byte read, firmware/platforms/host/host_http.cpp); this
 * runs it against one local Harbor several times, so each run's first exchange
 * meets a warm Harbor too, and compares the two kinds.
 */
import { startReceiver } from '../receiver/receiver.js';
import { runHostFirmware } from '../simulate/host-build.js';
import { DELIVERY_ACCOUNT, DELIVERY_START_UTC_MS } from './delivery-run.js';

/** Most a kept-alive exchange may take, as a multiple of a connection's first. */
export const KEPT_ALIVE_LIMIT = 2;

export interface ExchangeReport {
  /** Median over the measured runs of each one's first exchange (on its fresh connection), in µs. */
  firstUs: number;
  /** Median of the exchanges on kept-alive connections, in µs, and how many there were. */
  keptAliveUs: number;
  keptAlive: number;
  ratio: number;
  withinLimit: boolean;
  /** Header bytes of one request as the firmware writes it (without the host's X-Harbor-Sim-Time). */
  requestHeaderBytes: number;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** `runs` measured runs of 10 virtual minutes each after one that warms the Harbor up. */
export async function measureExchanges(binary: string, runs = 3): Promise<ExchangeReport> {
  const receiver = await startReceiver({ ...DELIVERY_ACCOUNT, port: 0, host: '127.0.0.1' });
  try {
    const firsts: number[] = [];
    const keptAlive: { us: number; count: number }[] = [];
    let requestHeaderBytes = 0;
    for (let run = 0; run <= runs; run += 1) {
      const summary = await runHostFirmware(binary, {
        durationMs: 10 * 60_000,
        speed: 'max',
        startUtcMs: DELIVERY_START_UTC_MS + run * 3_600_000,
        endpoint: receiver.url,
        seed: 7,
        timeoutMs: 60_000,
      });
      const exchanges = summary.exchanges;
      if (!exchanges || exchanges.first === 0) throw new Error(`run ${run} made no answered exchange`);
      if (run === 0) continue;
      firsts.push(exchanges.firstMedianUs);
      keptAlive.push({ us: exchanges.keptAliveMedianUs, count: exchanges.keptAlive });
      requestHeaderBytes = summary.requestHeaderBytes ?? 0;
    }
    const firstUs = median(firsts);
    const keptAliveUs = median(keptAlive.map((k) => k.us));
    const ratio = Number((keptAliveUs / firstUs).toFixed(2));
    return {
      firstUs,
      keptAliveUs,
      keptAlive: keptAlive.reduce((sum, k) => sum + k.count, 0),
      ratio,
      withinLimit: ratio <= KEPT_ALIVE_LIMIT,
      requestHeaderBytes,
    };
  } finally {
    await receiver.close();
  }
}

export function formatExchangeMarkdown(report: ExchangeReport): string {
  const ms = (us: number) => `${(us / 1000).toFixed(2)} ms`;
  return [
    '## Time per exchange',
    '',
    'Real time from the first byte of a request written to the last byte of its answer read, host build against the local Harbor',
    `(warmed up by one run first). Limit: a kept-alive exchange within ${KEPT_ALIVE_LIMIT}× of a connection's first (Nagle's algorithm`,
    "meeting the server's delayed ACK costs 40 ms at each).",
    '',
    '| first exchange on a connection | on a kept-alive connection | × first | header bytes per request |',
    '| --- | --- | --- | --- |',
    `| ${ms(report.firstUs)} | ${ms(report.keptAliveUs)} (median of ${report.keptAlive}) | ${report.ratio.toFixed(2)}× ${report.withinLimit ? '(within)' : '(**over**)'} | ${report.requestHeaderBytes} |`,
    '',
  ].join('\n');
}
