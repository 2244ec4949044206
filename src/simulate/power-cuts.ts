/**
 * The host firmware run as a chain of boots, on a flash file and an RTC
 * memory file that outlive each process. Deep sleep: a run ends in a sleep
 * and the next starts when it is over, RTC memory kept. Power cuts
 * (`simulate --power-cut-every <duration>`): each boot runs until the cut
 * drawn for its stretch of time (a random point in each `every`; half of them
 * land in a flash page write, which they tear), then the next boot starts
 * once the power is back (POWER_OFF_MS later on the virtual clock), RTC
 * memory cleared. RAM, the tail of unwritten readings included, is gone with
 * each process.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { usageError } from '../errors.js';
import { runHostFirmware, type HostRunOptions } from './host-build.js';
import type { SimulateSummary } from './simulate-summary.js';

export interface PowerCut {
  /** Virtual ms at which the power went. */
  atMs: number;
  /** It tore a flash page write. */
  inWrite: boolean;
  /** Readings in RAM only at that moment: lost (harbor::RecordStore::unpersisted). */
  lost: number;
}

export interface PowerCutRun {
  /** One per boot, in order; the last one drained (or hit a bound). */
  boots: SimulateSummary[];
  /** When each boot started (virtual ms). */
  bootAtMs: number[];
  cuts: PowerCut[];
  /** The boots' counts summed, with the last boot's ending. */
  summary: SimulateSummary;
  /** Readings lost to the cuts (the sum of `lost`). */
  lostToCuts: number;
  /** Boots that ended in deep sleep, and the virtual ms the firmware was awake in all. */
  sleeps: number;
  awakeMs: number;
}

/** A small seeded generator (mulberry32), so a seed replays the same cuts. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The cut of each stretch of `everyMs` before `durationMs`: a random point in it, half of them in a flash write. */
export function drawPowerCuts(durationMs: number, everyMs: number, seed: number): { atMs: number; inWrite: boolean }[] {
  if (!Number.isSafeInteger(everyMs) || everyMs < 1000) throw usageError(`--power-cut-every must be at least a second, not ${everyMs} ms.`, 'For example --power-cut-every 7m.');
  const next = random(seed);
  const cuts: { atMs: number; inWrite: boolean }[] = [];
  for (let from = 0; from < durationMs; from += everyMs) {
    const atMs = from + Math.floor(next() * everyMs);
    const inWrite = next() < 0.5;
    if (atMs > 0 && atMs < durationMs) cuts.push({ atMs, inWrite });
  }
  return cuts;
}

/** How long the power stays off at each cut: a board boots again on a virtual clock that went on meanwhile. */
export const POWER_OFF_MS = 2000;

const COUNTS = ['sampled', 'delivered', 'dropped', 'rejected', 'missed', 'readFailures', 'refused', 'requests', 'sendFailures', 'connections', 'realMs', 'flashWrites', 'wifiJoins', 'fastJoins'] as const;

/**
 * Runs `binary` boot after boot: through power cuts every `everyMs` when
 * given, and through deep sleep when the firmware sleeps, until a boot ends
 * otherwise (drained, or a bound).
 */
export async function runWithPowerCuts(binary: string, options: HostRunOptions & { everyMs?: number }): Promise<PowerCutRun> {
  const planned = options.everyMs === undefined ? [] : drawPowerCuts(options.durationMs, options.everyMs, options.seed ?? 1);
  const dir = await mkdtemp(path.join(tmpdir(), 'harbor-boots-'));
  const flashFile = path.join(dir, 'flash.bin');
  const rtcFile = path.join(dir, 'rtc.bin');
  let sleeps = 0;
  let awakeMs = 0;
  const boots: SimulateSummary[] = [];
  const bootStarts: number[] = [];
  const cuts: PowerCut[] = [];
  const started = Date.now();
  try {
    let bootAtMs = 0;
    let next = 0;
    for (;;) {
      // A cut the previous boot passed (a write cut waits for a write) is skipped.
      while (next < planned.length && (planned[next] as { atMs: number }).atMs <= bootAtMs) ++next;
      const cut = planned[next];
      const left = options.timeoutMs - (Date.now() - started);
      if (left <= 0) throw usageError('The power-cut run did not finish in the time allowed.', 'Simulate a shorter duration or allow more time.');
      const summary = await runHostFirmware(binary, {
        ...options,
        timeoutMs: left,
        flashFile,
        rtcFile,
        bootAtMs,
        powerCutAt: cut ? { atMs: cut.atMs, inWrite: cut.inWrite } : undefined,
      });
      boots.push(summary);
      bootStarts.push(bootAtMs);
      awakeMs += summary.virtualMs - bootAtMs;
      if (summary.reason === 'deep-sleep') {
        ++sleeps;
        bootAtMs = summary.virtualMs + summary.sleepMs;
        continue;
      }
      if (summary.reason !== 'power-cut') break;
      cuts.push({ atMs: summary.virtualMs, inWrite: summary.tornWrite, lost: summary.unpersisted });
      // RTC memory does not outlive a power cut.
      await rm(rtcFile, { force: true });
      bootAtMs = summary.virtualMs + POWER_OFF_MS;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const last = boots[boots.length - 1] as SimulateSummary;
  const summary: SimulateSummary = { ...last };
  for (const key of COUNTS) summary[key] = boots.reduce((sum, b) => sum + b[key], 0);
  return { boots, bootAtMs: bootStarts, cuts, summary, lostToCuts: cuts.reduce((sum, c) => sum + c.lost, 0), sleeps, awakeMs };
}
