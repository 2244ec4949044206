/**
 * Pin checks: what the user wires to which pin, checked against the board's
 * facts (catalogue/boards.ts). Every message names the pin, says what is
 * wrong and what to use instead; the suggestions are derived from the board
 * data, never written per board.
 */
import type { Board, PinRestriction } from './board-types.js';

export type PinRole = 'analog-in' | 'digital-in' | 'digital-out' | 'pulse-in' | 'i2c-sda' | 'i2c-scl' | 'onewire';

export interface PinUse {
  pin: number;
  role: PinRole;
  /** Who wants the pin, as the user knows it, e.g. "metric soil". */
  owner: string;
}

export interface PinIssue {
  severity: 'error' | 'warning';
  pin: number;
  owner: string;
  message: string;
}

export interface PinCheckOptions {
  /** Wi-Fi runs while pins are read (always, for Harbor firmware). */
  wifi: boolean;
}

/** Roles that drive the pin: impossible on input-only pins. */
const DRIVING_ROLES: ReadonlySet<PinRole> = new Set(['digital-out', 'i2c-sda', 'i2c-scl', 'onewire']);
/** Open-drain buses with a pull-up, so the pin sits high at reset. Several devices may share them. */
const BUS_ROLES: ReadonlySet<PinRole> = new Set(['i2c-sda', 'i2c-scl', 'onewire']);

const DRIVE_PHRASE: Record<PinRole, string> = {
  'analog-in': 'read analog values',
  'digital-in': 'be an input',
  'digital-out': 'be an output',
  'pulse-in': 'count pulses',
  'i2c-sda': 'drive I2C SDA',
  'i2c-scl': 'drive I2C SCL',
  onewire: 'drive a 1-Wire bus',
};

/** A problem of one pin in one role, before it is worded. */
type Problem =
  | { kind: 'missing' }
  | { kind: 'no-adc' }
  | { kind: 'restriction'; restriction: PinRestriction };

/**
 * Checks each use on its own (does the pin exist, can it do this, is it
 * reserved) and all uses together (one pin, two owners). Issues come in the
 * order of `uses`.
 */
export function validatePins(board: Board, uses: readonly PinUse[], options: PinCheckOptions): PinIssue[] {
  const issues: PinIssue[] = [];
  uses.forEach((use, index) => {
    for (const problem of pinProblems(board, use.pin, use.role, options.wifi)) {
      issues.push(describe(board, use, problem, options.wifi));
    }
    const earlier = uses.slice(0, index).find((other) => other.pin === use.pin && !sharesBus(other, use));
    if (earlier && board.gpios.includes(use.pin)) {
      issues.push({
        severity: 'error',
        pin: use.pin,
        owner: use.owner,
        message: `${pinName(board, use.pin)} is used by both ${earlier.owner} and ${use.owner}`,
      });
    }
  });
  return issues;
}

function sharesBus(a: PinUse, b: PinUse): boolean {
  return a.role === b.role && BUS_ROLES.has(a.role);
}

/** Pins of the board that take `role` without any error or warning, ascending. */
export function suitablePins(board: Board, role: PinRole, options: PinCheckOptions): number[] {
  return board.gpios.filter((pin) => pinProblems(board, pin, role, options.wifi).length === 0);
}

function pinProblems(board: Board, pin: number, role: PinRole, wifi: boolean): Problem[] {
  if (!board.gpios.includes(pin)) return [{ kind: 'missing' }];
  const problems: Problem[] = [];
  const restrictions = board.restrictions.filter((r) => r.pin === pin && applies(r, role, wifi));
  // An analog-only pin used digitally says so itself; "no ADC" would be beside the point.
  if (role === 'analog-in' && !board.adc.some((a) => a.pin === pin)) problems.push({ kind: 'no-adc' });
  for (const restriction of restrictions) problems.push({ kind: 'restriction', restriction });
  return problems;
}

function applies(restriction: PinRestriction, role: PinRole, wifi: boolean): boolean {
  switch (restriction.kind) {
    case 'input-only':
      return DRIVING_ROLES.has(role);
    case 'analog-only':
      return role !== 'analog-in';
    case 'no-open-drain':
      return BUS_ROLES.has(role);
    case 'no-interrupt':
      return role === 'pulse-in';
    case 'adc2-wifi':
      return role === 'analog-in' && wifi;
    case 'strapping':
      // A bus pull-up holds the pin high at reset: harmless where high is the boot level.
      return !(BUS_ROLES.has(role) && restriction.bootLevel === 'high');
    default:
      return true;
  }
}

function describe(board: Board, use: PinUse, problem: Problem, wifi: boolean): PinIssue {
  const name = pinName(board, use.pin);
  const issue = (severity: PinIssue['severity'], message: string): PinIssue => ({ severity, pin: use.pin, owner: use.owner, message });

  if (problem.kind === 'missing') {
    return issue('error', `GPIO ${use.pin} does not exist on the ${board.name}: ${suggest(board, use.role, wifi)}`);
  }
  if (problem.kind === 'no-adc') {
    return issue('error', `${name} has no analog input: ${suggest(board, 'analog-in', wifi)}`);
  }

  const { restriction } = problem;
  switch (restriction.kind) {
    case 'input-only':
      return issue('error', `${name} is input-only, so it cannot ${DRIVE_PHRASE[use.role]}: use another pin`);
    case 'analog-only':
      return issue('error', `${name} can only read analog values, so it cannot ${DRIVE_PHRASE[use.role]}: ${suggest(board, use.role, wifi)}`);
    case 'adc2-wifi':
      return issue('error', `${name} ${restriction.reason}: ${suggest(board, 'analog-in', wifi)}`);
    case 'strapping':
      return issue('warning', `${name} is a strapping pin: ${strappingRisk(use.role, restriction.bootLevel)}`);
    default:
      return issue(
        restriction.severity,
        `${name} ${restriction.reason}: ${restriction.severity === 'error' ? 'use another pin' : 'prefer another pin'}`,
      );
  }
}

function strappingRisk(role: PinRole, bootLevel: PinRestriction['bootLevel']): string {
  if (role === 'digital-out') return 'as an output it can stop the board from booting';
  if (BUS_ROLES.has(role)) return 'the bus pull-up holds it high at power-up, which can stop the board from booting';
  const wrong = bootLevel === 'high' ? 'low' : bootLevel === 'low' ? 'high' : 'high or low';
  return `a sensor that holds it ${wrong} at power-up can stop the board from booting`;
}

function suggest(board: Board, role: PinRole, wifi: boolean): string {
  const pins = suitablePins(board, role, { wifi });
  if (pins.length === 0) return 'use another pin';
  return pins.length === 1 ? `use ${formatPinList(board, pins)}` : `use one of ${formatPinList(board, pins)}`;
}

/** "GPIO 5", "GPIO 5 (D1)", or "A0 (pin 17)" for a pin that is not a GPIO. */
export function pinName(board: Board, pin: number): string {
  const label = board.pinLabels[pin];
  if (isAnalogOnly(board, pin)) return `${label ?? 'A0'} (pin ${pin})`;
  return label ? `GPIO ${pin} (${label})` : `GPIO ${pin}`;
}

function isAnalogOnly(board: Board, pin: number): boolean {
  return board.restrictions.some((r) => r.pin === pin && r.kind === 'analog-only');
}

/**
 * "GPIO 4, 13, 14, 16–19" (runs of three or more become ranges); labelled pins
 * keep their label: "GPIO 4 (D2), 5 (D1)"; analog-only pins come last by name.
 */
export function formatPinList(board: Board, pins: readonly number[]): string {
  const sorted = [...new Set(pins)].sort((a, b) => a - b);
  const gpioPins = sorted.filter((pin) => !isAnalogOnly(board, pin));
  const tokens: string[] = [];
  let run: number[] = [];
  const flush = (): void => {
    if (run.length >= 3) tokens.push(`${run[0]}–${run[run.length - 1]}`);
    else tokens.push(...run.map(String));
    run = [];
  };
  for (const pin of gpioPins) {
    const label = board.pinLabels[pin];
    if (label) {
      flush();
      tokens.push(`${pin} (${label})`);
      continue;
    }
    const last = run[run.length - 1];
    if (last !== undefined && pin !== last + 1) flush();
    run.push(pin);
  }
  flush();
  const parts = tokens.length > 0 ? [`GPIO ${tokens.join(', ')}`] : [];
  parts.push(...sorted.filter((pin) => isAnalogOnly(board, pin)).map((pin) => pinName(board, pin)));
  return parts.join(', ');
}
