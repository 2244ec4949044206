/**
 * What each sensor kind costs: its driver's flash and static RAM (host object
 * sizes from g++ -Os, a fair proxy for the boards' compilers), the RAM of one
 * driver object (sizeof), and the longest a step of it holds the CPU on its
 * bus, measured by running a one-sensor project against its host model
 * (firmware/platforms/host/host_buses.cpp's wire-time model), next to the
 * figure its catalogue entry states.
 */
import { mkdir, mkdtemp, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { execa } from 'execa';

import { findBoard } from '../catalogue/boards.js';
import type { Board } from '../catalogue/board-types.js';
import { suitablePins } from '../catalogue/pins.js';
import { SENSOR_KINDS, type SensorKind } from '../components/index.js';
import type { RawAnswers } from '../config/resolve-answers.js';
import { COMPONENTS_DIR, PACKAGE_ROOT } from '../package-root.js';
import { mapOnCores } from '../parallel.js';
import { buildHostFirmware } from '../simulate/host-build.js';
import { DELIVERY_ACCOUNT, DELIVERY_START_UTC_MS, THREE_METRIC_ANSWERS, runAgainstReceiver, writeGeneratedProject } from './delivery-run.js';

/** Boards tried in turn: the first whose adapter the kind runs on. */
const BENCH_BOARDS = ['esp32dev', 'rpipicow', 'nodemcuv2'];

export interface SensorCost {
  kind: string;
  bus: string;
  board: string;
  /** .text + .rodata of the driver's object files. */
  flashBytes: number;
  /** .data + .bss of the driver's object files: statics, shared by every sensor of the kind. */
  staticRamBytes: number;
  /** sizeof the driver object: each sensor of the kind costs this much RAM. */
  objectBytes: number;
  /** Longest bus time of one step in a 5-minute host run (µs); -1 when it made no transaction. */
  longestStepUs: number;
  statedBlockingMs: number;
  delivered: number;
  sampled: number;
}

/** The board a kind is measured on, and an answer that wires it with defaults where it has them and suitable pins where it has none. */
export function benchSensorAnswer(kind: SensorKind): { board: Board; answer: RawAnswers } {
  for (const id of BENCH_BOARDS) {
    const board = findBoard(id);
    if (!board) continue;
    const framework = board.frameworks.find((f) => !kind.adapters || kind.adapters.includes(board.adapters[f] as never));
    if (framework === undefined) continue;
    const answer: RawAnswers = { kind: kind.kind };
    const taken = new Set<number>([board.i2c.sda, board.i2c.scl]);
    const take = (role: Parameters<typeof suitablePins>[1]): number => {
      const pin = suitablePins(board, role, { wifi: true }).find((p) => !taken.has(p));
      if (pin === undefined) throw new Error(`no free ${role} pin on ${board.id} for ${kind.kind}`);
      taken.add(pin);
      return pin;
    };
    if (kind.bus.kind === 'onewire') answer.pin = take('onewire');
    if (kind.bus.kind === 'pins') for (const need of kind.bus.pins) answer[need.key] = take(need.role);
    return { board, answer: { ...answer, framework } };
  }
  throw new Error(`no bench board runs ${kind.kind}`);
}

async function sections(object: string): Promise<{ flash: number; ram: number }> {
  const { stdout } = await execa('size', ['-A', object]);
  let flash = 0;
  let ram = 0;
  for (const line of stdout.split('\n')) {
    const m = /^(\S+)\s+(\d+)\s/.exec(line);
    if (!m) continue;
    const [name, size] = [m[1] ?? '', Number(m[2])];
    if (name.startsWith('.text') || name.startsWith('.rodata')) flash += size;
    else if (name.startsWith('.data') || name.startsWith('.bss')) ram += size;
  }
  return { flash, ram };
}

/** Object sizes of every kind's driver, and sizeof each driver class, compiled once. */
async function driverSizes(work: string, kinds: readonly SensorKind[]): Promise<Map<string, { flash: number; ram: number; object: number }>> {
  const include = path.join(work, 'include');
  await mkdir(path.join(include, 'harbor', 'sensors'), { recursive: true });
  const runtime = path.join(PACKAGE_ROOT, 'firmware', 'runtime', 'src');
  for (const kind of kinds) {
    for (const file of kind.driver.files.filter((f) => f.endsWith('.h'))) await copyFile(path.join(COMPONENTS_DIR, kind.component, file), path.join(include, 'harbor', 'sensors', file));
  }
  // No PIC, as on the boards: vtables and tables stay in .rodata instead of .data.rel.ro.
  const flags = ['-std=c++11', '-Os', '-fno-pic', '-fno-pie', '-ffunction-sections', '-fdata-sections', '-fno-rtti', '-fno-exceptions', '-I', include, '-I', runtime];
  const sizes = new Map<string, { flash: number; ram: number; object: number }>();
  const objects = new Map<string, { flash: number; ram: number }>();
  for (const kind of kinds) {
    let flash = 0;
    let ram = 0;
    for (const file of kind.driver.files.filter((f) => f.endsWith('.cpp'))) {
      const key = `${kind.component}/${file}`;
      if (!objects.has(key)) {
        const object = path.join(work, `${kind.component}-${file}.o`);
        await execa('g++', [...flags, '-c', path.join(COMPONENTS_DIR, kind.component, file), '-o', object]);
        objects.set(key, await sections(object));
      }
      flash += objects.get(key)?.flash ?? 0;
      ram += objects.get(key)?.ram ?? 0;
    }
    sizes.set(kind.kind, { flash, ram, object: 0 });
  }
  // sizeof each driver class, read back as the size of an array symbol of that many bytes (nm -S): no linking, no running.
  const probe = path.join(work, 'sizes.cpp');
  await writeFile(probe, [
    ...[...new Set(kinds.map((k) => k.driver.header))].map((h) => `#include "harbor/sensors/${h}"`),
    ...kinds.map((k, i) => `char kSizeOf${i}[sizeof(${k.driver.className})];`),
    '',
  ].join('\n'));
  const object = path.join(work, 'sizes.o');
  await execa('g++', [...flags, '-c', probe, '-o', object]);
  for (const line of (await execa('nm', ['-S', '--defined-only', object])).stdout.split('\n')) {
    const m = /^[0-9a-f]+ ([0-9a-f]+) [BbCc] kSizeOf(\d+)$/.exec(line.trim());
    const kind = m ? kinds[Number(m[2])] : undefined;
    const entry = kind ? sizes.get(kind.kind) : undefined;
    if (entry && m) entry.object = parseInt(m[1] ?? '0', 16);
  }
  return sizes;
}

async function measureOne(kind: SensorKind, work: string, sizes: Map<string, { flash: number; ram: number; object: number }>, log: (line: string) => void): Promise<SensorCost> {
  const { board, answer } = benchSensorAnswer(kind);
  log(`Measuring ${kind.kind} on ${board.id}...`);
  const dir = path.join(work, kind.kind);
  const { framework, ...sensor } = answer;
  writeGeneratedProject(dir, { ...THREE_METRIC_ANSWERS, board: board.id, framework, metrics: [], sensors: [sensor] });
  const { binary } = await buildHostFirmware(dir, { outDir: path.join(work, `${kind.kind}-build`) });
  const run = await runAgainstReceiver(binary, {
    receiver: DELIVERY_ACCOUNT,
    firmware: { durationMs: 5 * 60_000, speed: 'max', startUtcMs: DELIVERY_START_UTC_MS, seed: 3, timeoutMs: 120_000 },
  });
  const size = sizes.get(kind.kind) ?? { flash: 0, ram: 0, object: 0 };
  await rm(dir, { recursive: true, force: true });
  return {
    kind: kind.kind,
    bus: kind.bus.kind,
    board: board.id,
    flashBytes: size.flash,
    staticRamBytes: size.ram,
    objectBytes: size.object,
    longestStepUs: run.summary.sensorStepUs[0] ?? -1,
    statedBlockingMs: kind.blockingMs,
    delivered: run.summary.delivered,
    sampled: run.summary.sampled,
  };
}

export async function measureSensors(log: (line: string) => void = () => {}, kinds: readonly SensorKind[] = SENSOR_KINDS): Promise<SensorCost[]> {
  const work = await mkdtemp(path.join(tmpdir(), 'harbor-sensor-bench-'));
  try {
    const sizes = await driverSizes(work, kinds);
    // Each kind is its own host build.
    const costs = (await mapOnCores(kinds, (kind) => measureOne(kind, work, sizes, log))) as SensorCost[];
    return costs;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export function formatSensorMarkdown(costs: readonly SensorCost[]): string {
  return [
    '## Sensor drivers',
    '',
    'Flash and static RAM: the driver\'s object files compiled by the host\'s g++ -Os (a proxy for the boards\' compilers);',
    'object: sizeof one driver, the RAM each sensor of the kind takes. Longest step: the most bus time one step of the driver',
    'holds the CPU in a 5-minute host run, from the host\'s model of each transaction\'s length on the wire; stated: its catalogue entry.',
    '',
    '| kind | bus | board | flash (bytes) | static RAM | object | longest step | stated | delivered / sampled |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...costs.map((c) => `| ${c.kind} | ${c.bus} | ${c.board} | ${c.flashBytes} | ${c.staticRamBytes} | ${c.objectBytes} | ${c.longestStepUs < 0 ? '—' : `${(c.longestStepUs / 1000).toFixed(2)} ms`} | ${c.statedBlockingMs} ms | ${c.delivered} / ${c.sampled} |`),
    '',
  ].join('\n');
}
