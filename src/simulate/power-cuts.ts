/**
 * `simulate --power-cut-every <duration>`: the host firmware run as a chain of
 * boots. Each boot runs until the power cut drawn for its stretch of time
 * (a random point in each `every`; half of them land in a flash page write,
 * which they tear), then the next boot starts once the power is back
 * (POWER_OFF_MS later on the virtual clock), on the same flash file. RAM, the tail of unwritten readings included, is
 * gone with each process; the flash file is what carries over.
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
  cuts: PowerCut[];
  /** The boots' counts summed, with the last boot's ending. */
  summary: SimulateSummary;
  /** Readings lost to the cuts (the sum of `lost`). */
  lostToCuts: number;
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

const COUNTS = ['sampled', 'delivered', 'dropped', 'rejected', 'missed', 'readFailures', 'refused', 'requests', 'sendFailures', 'connections', 'realMs', 'flashWrites'] as const;

/** Runs `binary` through power cuts every `everyMs` on a flash file of its own. */
export async function runWithPowerCuts(binary: string, options: HostRunOptions & { everyMs: number }): Promise<PowerCutRun> {
  const planned = drawPowerCuts(options.durationMs, options.everyMs, options.seed ?? 1);
  const dir = await mkdtemp(path.join(tmpdir(), 'harbor-power-cuts-'));
  const flashFile = path.join(dir, 'flash.bin');
  const boots: SimulateSummary[] = [];
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
        bootAtMs,
        powerCutAt: cut ? { atMs: cut.atMs, inWrite: cut.inWrite } : undefined,
      });
      boots.push(summary);
      if (summary.reason !== 'power-cut') break;
      cuts.push({ atMs: summary.virtualMs, inWrite: summary.tornWrite, lost: summary.unpersisted });
      bootAtMs = summary.virtualMs + POWER_OFF_MS;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const last = boots[boots.length - 1] as SimulateSummary;
  const summary: SimulateSummary = { ...last };
  for (const key of COUNTS) summary[key] = boots.reduce((sum, b) => sum + b[key], 0);
  return { boots, cuts, summary, lostToCuts: cuts.reduce((sum, c) => sum + c.lost, 0) };
}
