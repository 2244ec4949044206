import { z } from 'zod';

/**
 * The last line the host firmware prints: `HARBOR_SIMULATE_SUMMARY {…}`.
 * Written by firmware/platforms/host/host_platform.cpp (host::finish).
 */
export const SIMULATE_SUMMARY_PREFIX = 'HARBOR_SIMULATE_SUMMARY ';

const count = z.number().int().nonnegative();

export const SimulateSummarySchema = z.object({
  /**
   * Why the run ended: drained after --duration, or a bound was hit first; config-error: the
   * Harbor refused the key or the harbor id, so nothing could drain.
   */
  reason: z.enum(['drained', 'drain-timeout', 'config-error', 'real-time-limit', 'restart', 'interrupted', 'power-cut', 'deep-sleep']),
  /** Sampling stopped and every buffered reading was committed or refused. */
  drained: z.boolean(),
  sampled: count,
  delivered: count,
  dropped: count,
  rejected: count,
  /** Sampling slots that passed while the loop was busy (single-threaded boards). */
  missed: count,
  readFailures: count,
  /** record() calls the firmware refused (a bad cargo id or value). */
  refused: count,
  buffered: count,
  /** HTTP attempts, including failed ones. */
  requests: count,
  sendFailures: count,
  /** TCP connections libcurl opened; 1 when keep-alive held for the whole run. */
  connections: count,
  virtualMs: count,
  realMs: count,
  /**
   * Per sensor (in project order): the longest time one step of its driver
   * would hold the CPU on the bus, in microseconds, from the host's model of
   * each transaction's length on the wire (firmware/platforms/host/host_models.h);
   * -1 for a sensor that made no transaction.
   */
  sensorStepUs: z.array(z.number().int().min(-1)).default([]),
  /** Of the readings buffered at the end, those not in flash: what a power cut then lost (all of them with --storage ram). */
  unpersisted: count.default(0),
  /** Flash page writes in this run (--storage flash). */
  flashWrites: count.default(0),
  /** The run ended in a power cut during a flash page write, which it tore. */
  tornWrite: z.boolean().default(false),
  /**
   * Answered HTTP exchanges in real time, from the first byte of the request
   * written to the last byte of the answer read: the first on each connection,
   * and those on a connection kept alive (firmware/platforms/host/host_http.cpp).
   */
  exchanges: z.object({ first: count, firstMedianUs: count, keptAlive: count, keptAliveMedianUs: count }).optional(),
  /** Header bytes of a request as a board sends them (the host's X-Harbor-Sim-Time left out). */
  requestHeaderBytes: count.optional(),
  /** The run ended in deep sleep for this many virtual ms (--power deep-sleep). */
  sleepMs: count.default(0),
  /** Times the firmware joined Wi-Fi in this run. */
  wifiJoins: count.default(0),
  /** Of those, the joins that went straight to the access point kept across deep sleep (no scan). */
  fastJoins: count.default(0),
});
export type SimulateSummary = z.infer<typeof SimulateSummarySchema>;

/** The summary in `line`, null when the line is not a summary, throws when it is malformed. */
export function parseSimulateSummary(line: string): SimulateSummary | null {
  if (!line.startsWith(SIMULATE_SUMMARY_PREFIX)) return null;
  return SimulateSummarySchema.parse(JSON.parse(line.slice(SIMULATE_SUMMARY_PREFIX.length)));
}

const UNFINISHED: Record<Exclude<SimulateSummary['reason'], 'drained'>, string> = {
  'drain-timeout': 'the buffer did not drain in the time allowed',
  'config-error': 'the Harbor refused the API key or the harbor id',
  'real-time-limit': 'the run hit its real-time limit',
  restart: 'the firmware restarted',
  interrupted: 'the run was interrupted',
  'power-cut': 'the power was cut',
  'deep-sleep': 'the firmware went to sleep',
};

/**
 * Why not every reading the firmware was due to take reached the Harbor, one
 * phrase per cause; empty when all of them did. `simulate` exits 1 unless empty.
 */
export function deliveryShortfall(s: SimulateSummary): string[] {
  const causes: string[] = [];
  if (s.reason !== 'drained') causes.push(`${UNFINISHED[s.reason]} (${s.buffered} readings still buffered)`);
  else if (!s.drained) causes.push(`${s.buffered} readings were still buffered`);
  if (s.dropped > 0) causes.push(`${s.dropped} readings were dropped because the buffer was full`);
  if (s.rejected > 0) causes.push(`the Harbor rejected ${s.rejected} readings`);
  if (s.missed > 0) causes.push(`${s.missed} sampling slots were missed while the board was busy`);
  if (s.refused > 0) causes.push(`the firmware refused ${s.refused} readings (a bad cargo id or value)`);
  return causes;
}
