/**
 * The flash buffer's cost on each chip family's default project (the
 * default metrics, storage left to the generator): page writes per reading
 * measured in a host run of the firmware (a virtual day), next to what the
 * model plans, and the flash lifetime that measured rate gives
 * (model/flash-plan.ts: littlefs's block copy per page write over the
 * partition's blocks, 100,000 erase cycles each).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { findBoard } from '../catalogue/boards.js';
import { buildHostFirmware } from '../simulate/host-build.js';
import { DELIVERY_ACCOUNT, DELIVERY_START_UTC_MS, THREE_METRIC_ANSWERS, runAgainstReceiver, writeGeneratedProject } from './delivery-run.js';

/** One board per chip family, with its default framework. */
export const FLASH_BENCH_BOARDS = ['esp32dev', 'esp32-s3-devkitc-1', 'esp32-c3-devkitm-1', 'd1_mini', 'rpipicow'];
const DAY_MS = 24 * 3_600_000;

export interface FlashCost {
  chip: string;
  board: string;
  storage: 'ram' | 'flash';
  readingsPerDay: number;
  recordsPerPage: number | null;
  /** Page writes per reading the model plans (1 / recordsPerPage). */
  plannedWritesPerReading: number | null;
  /** Page writes per reading in the host run. */
  measuredWritesPerReading: number | null;
  /** Years to the rated erase cycles at the measured rate. */
  lifetimeYears: number | null;
  capacity: number | null;
  sampled: number;
  delivered: number;
}

export async function measureFlash(log: (line: string) => void, boards: readonly string[] = FLASH_BENCH_BOARDS): Promise<FlashCost[]> {
  const work = await mkdtemp(path.join(tmpdir(), 'harbor-flash-bench-'));
  const costs: FlashCost[] = [];
  try {
    for (const id of boards) {
      const board = findBoard(id);
      if (!board) throw new Error(`no board ${id}`);
      const dir = path.join(work, id);
      // The defaults: the default metrics (metrics left out), storage as the generator chooses.
      const { metrics: _metrics, ...answers } = THREE_METRIC_ANSWERS;
      const model = writeGeneratedProject(dir, { ...answers, board: id, shipId: `flash-${id}` });
      log(`Measuring the flash buffer on ${board.name}...`);
      const { binary } = await buildHostFirmware(dir, { outDir: path.join(work, `${id}-build`) });
      const run = await runAgainstReceiver(binary, {
        receiver: DELIVERY_ACCOUNT,
        firmware: { durationMs: DAY_MS, speed: 'max', startUtcMs: DELIVERY_START_UTC_MS, seed: 3, timeoutMs: 5 * 60_000 },
      });
      const s = run.summary;
      const flash = model.flash;
      const measured = flash && s.sampled > 0 ? s.flashWrites / s.sampled : null;
      costs.push({
        chip: board.chip,
        board: id,
        storage: model.device.storage,
        readingsPerDay: s.sampled,
        recordsPerPage: flash?.recordsPerPage ?? null,
        plannedWritesPerReading: flash ? flash.writesPerReading : null,
        measuredWritesPerReading: measured,
        // The model's lifetime scales inversely with the page writes it plans.
        lifetimeYears: flash && measured ? flash.lifetimeYears * (flash.writesPerReading / measured) : null,
        capacity: flash?.capacity ?? null,
        sampled: s.sampled,
        delivered: run.stats.recordsStored,
      });
    }
    return costs;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const fixed = (n: number | null, digits: number): string => (n === null ? '-' : n.toFixed(digits));

export function formatFlashMarkdown(costs: readonly FlashCost[]): string {
  return [
    '## Flash buffer wear (default project of each chip family, a virtual day on the host)',
    '',
    '| chip | board | storage | readings a day | readings per page | page writes per reading (planned / measured) | flash lifetime | capacity (readings) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...costs.map((c) =>
      `| ${c.chip} | ${c.board} | ${c.storage} | ${c.readingsPerDay} | ${c.recordsPerPage ?? '-'} | ${fixed(c.plannedWritesPerReading, 3)} / ${fixed(c.measuredWritesPerReading, 3)} | ` +
        `${c.lifetimeYears === null ? '-' : `${c.lifetimeYears >= 100 ? '> 100' : c.lifetimeYears.toFixed(1)} years`} | ${c.capacity ?? '-'} |`,
    ),
    '',
    'Lifetime: years until the LittleFS partition\'s blocks reach 100,000 erase cycles at the measured page writes, littlefs copying the block a page lands in.',
    '',
  ].join('\n');
}
