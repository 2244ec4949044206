/**
 * The battery planner (battery-plan.ts) applied to a project: its chip, board
 * and schedule, the battery it was given, and the awake times a host run
 * measured. What init prints, what the README says and what simulate prints
 * all come from here, so the three agree.
 */
import type { Chip } from '../catalogue/board-types.js';
import { parseBattery } from '../config/answers-schema.js';
import type { SimulateSummary } from '../simulate/simulate-summary.js';
import { DEFAULT_AWAKE, planBattery, planSummary, type AwakeTimes, type Battery, type BatteryPlan, type Schedule } from './battery-plan.js';

export interface ProjectBattery {
  battery: Battery;
  schedule: Schedule;
  plan: BatteryPlan;
  /** planSummary's sentence, e.g. "about 41 days on a 2,000 mAh li-ion cell (1.6 mA on average)". */
  summary: string;
}

/** What simulate plans for when the project names no battery: the cell issue 13 asks about. */
export const REFERENCE_CELL: Battery = { kind: 'cell', mAh: 2000, chemistry: 'li-ion' };

export function scheduleOf(sleep: { intervalMs: number; sendEvery: number } | null): Schedule {
  return sleep ? { mode: 'deep-sleep', intervalS: sleep.intervalMs / 1000, sendEvery: sleep.sendEvery } : { mode: 'always-on' };
}

export function planProject(
  board: { chip: Chip; id: string },
  sleep: { intervalMs: number; sendEvery: number } | null,
  battery: Battery,
  awake: AwakeTimes = DEFAULT_AWAKE,
): ProjectBattery {
  const schedule = scheduleOf(sleep);
  const plan = planBattery(board.chip, board.id, schedule, battery, awake);
  return { battery, schedule, plan, summary: planSummary(plan, battery) };
}

/** The project's plan for its --battery answer; null when none was given (nothing is printed then). */
export function projectBattery(board: { chip: Chip; id: string }, sleep: { intervalMs: number; sendEvery: number } | null, answer: string | undefined): ProjectBattery | null {
  const battery = answer === undefined ? undefined : parseBattery(answer);
  return battery ? planProject(board, sleep, battery) : null;
}

/** For the terminal, like the wiring: one summary line, then each figure with its source. */
export function batteryText(project: ProjectBattery): string[] {
  return [`Battery: ${project.summary}.`, ...project.plan.lines.map((line) => `  ${line}`)];
}

export interface MeasuredAwake extends AwakeTimes {
  /** Seconds awake per virtual day of the schedule's wakes. */
  perDayS: number;
  wakes: number;
  sends: number;
}

/**
 * The awake times of a deep-sleep run, boot by boot: a wake that joined no
 * Wi-Fi only sampled, one that joined also sent, so a send costs what its
 * wakes took beyond a plain wake. The last boot, which drains what is left
 * rather than sleeping, is not one of the schedule's wakes.
 */
export function measureAwake(boots: readonly SimulateSummary[], bootAtMs: readonly number[], intervalMs: number): MeasuredAwake | null {
  const scheduled = boots.flatMap((b, i) => (b.reason === 'deep-sleep' ? [{ awakeS: (b.virtualMs - (bootAtMs[i] as number)) / 1000, sent: b.wifiJoins > 0 }] : []));
  const plain = scheduled.filter((b) => !b.sent);
  const sending = scheduled.filter((b) => b.sent);
  if (plain.length === 0 || sending.length === 0) return null;
  const mean = (xs: { awakeS: number }[]) => xs.reduce((sum, x) => sum + x.awakeS, 0) / xs.length;
  const wakeS = mean(plain);
  const sendS = mean(sending) - wakeS;
  // Each scheduled wake stands for one interval of the day.
  const totalS = scheduled.reduce((sum, b) => sum + b.awakeS, 0);
  return { wakeS, sendS, perDayS: (totalS * 86_400_000) / (scheduled.length * intervalMs), wakes: scheduled.length, sends: sending.length };
}

function seconds(s: number): string {
  return `${Number(s.toPrecision(3)).toLocaleString('en-US')} s`;
}

/** simulate's lines after its summary: the time awake measured, and what it means for the battery (the reference cell when there is none) next to the defaults. */
export function describeMeasuredBattery(measured: MeasuredAwake, board: { chip: Chip; id: string }, sleep: { intervalMs: number; sendEvery: number }, battery: Battery | undefined): string[] {
  const cell = battery?.kind === 'cell' ? battery : REFERENCE_CELL;
  const withMeasured = planProject(board, sleep, cell, measured);
  const withDefaults = planProject(board, sleep, cell, DEFAULT_AWAKE);
  const which = battery?.kind === 'cell' ? "the project's battery" : battery ? 'a 2,000 mAh li-ion cell, had it one: the project is USB powered' : 'a 2,000 mAh li-ion cell, as the project names no battery';
  return [
    `  awake ${seconds(measured.perDayS)} per day of firmware time: ${seconds(measured.wakeS)} per wake (${measured.wakes} wakes), ${seconds(measured.sendS)} more per send (${measured.sends} sends)`,
    `  battery (${which}), with the awake times measured here: ${withMeasured.summary}`,
    `    with the planner's defaults (${seconds(DEFAULT_AWAKE.wakeS)} per wake, ${seconds(DEFAULT_AWAKE.sendS)} per send): ${withDefaults.summary}`,
    // The host joins no real access point and its loopback TLS is fast: a board takes longer.
    '    measured on this computer, where joining Wi-Fi and the TLS handshake take less time than on a board: the defaults are the safer figure',
    ...withMeasured.plan.lines.map((line) => `    ${line}`),
  ];
}
