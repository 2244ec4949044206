/**
 * The review: every answer on one screen, then write, or change any one of
 * them and come back here. Rows are data: a new question's answer gets a row
 * by adding one to REVIEW_ITEMS, and an answer no row knows (a field added
 * elsewhere) is still listed, under its key.
 */
import { findBoard } from '../catalogue/boards.js';
import { findMetric } from '../catalogue/metrics.js';
import { resolveBaseUrl } from '../config/endpoint.js';
import { ENV_NAMES, type RawAnswers } from '../config/resolve-answers.js';
import { displayPath } from '../commands/cli-helpers.js';
import type { Prompts } from './prompts.js';
import { describeSensor } from './sensors-step.js';
import type { AnswerSource, WizardState } from './steps.js';

export interface ReviewItem {
  id: string;
  label: string;
  /** The answers this row shows; changing the row asks them again. */
  keys: readonly string[];
  show: (state: WizardState) => string | undefined;
}

const secret = (key: string) => (state: WizardState): string | undefined => {
  if (state.raw[key] === undefined) return undefined;
  if (key === 'wifiPassword' && state.raw[key] === '') return 'none (open network)';
  return `hidden, ${sourceWords(state.sources?.[key], key)}`;
};

function sourceWords(source: AnswerSource | undefined, key: string): string {
  switch (source) {
    case 'env':
      return `from ${ENV_NAMES[key] ?? 'the environment'}`;
    case 'project':
      return "the project's";
    case 'flag':
      return 'from the command line';
    case 'file':
      return 'from the answers file';
    default:
      return 'as typed';
  }
}

function boardLine(state: WizardState): string | undefined {
  const id = state.raw.board;
  if (id === undefined) return undefined;
  const board = findBoard(String(id));
  const line = board ? `${board.name} (${board.id})` : String(id);
  const was = state.existing?.board;
  // The one change that must never pass unseen: the project in the folder is for another board.
  if (was !== undefined && was !== id) return `${line}: the project is for ${findBoard(was)?.name ?? was} now, and will be regenerated for this board`;
  return line;
}

function metricsLine(state: WizardState): string | undefined {
  const metrics = state.raw.metrics;
  if (!Array.isArray(metrics)) return undefined;
  if (metrics.length === 0) return 'nothing besides the sensors';
  return (metrics as RawAnswers[])
    .map((m) => {
      const info = findMetric(String(m.kind));
      const cargo = String(m.cargo ?? (m.pin !== undefined ? `${info?.defaultCargo ?? m.kind}_${String(m.pin)}` : (info?.defaultCargo ?? m.kind)));
      const every = m.interval ?? info?.defaultIntervalSeconds;
      return `${cargo} every ${String(every)} s${m.kind === 'simulated' ? ' (made-up values)' : ''}`;
    })
    .join(', ');
}

function harborLine(state: WizardState): string | undefined {
  const endpoint = state.raw.endpoint === undefined ? 'cloud' : String(state.raw.endpoint);
  if (endpoint === 'cloud') return 'Harbor cloud';
  if (endpoint.startsWith('enterprise:')) return `Harbor enterprise, ${resolveBaseUrl(endpoint)}`;
  return endpoint;
}

function batchingLine(state: WizardState): string {
  const { batchRecords, batchBytes, batchSeconds } = state.raw;
  if (batchRecords === undefined && batchBytes === undefined && batchSeconds === undefined) return 'the defaults';
  return [
    batchRecords !== undefined ? `up to ${String(batchRecords)} readings` : undefined,
    batchBytes !== undefined ? `${String(batchBytes)} bytes` : undefined,
    batchSeconds !== undefined ? `${String(batchSeconds)} s` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

function tlsLine(state: WizardState): string {
  if (state.raw.tls === 'insecure') return 'not verified (testing only)';
  return state.raw.caFile !== undefined ? `verified against ${displayPath(String(state.raw.caFile))}` : 'verified (built-in root CAs)';
}

const FORMAT_WORDS: Record<string, string> = {
  project: 'a PlatformIO project',
  sketch: 'an Arduino IDE sketch',
  snippet: 'lines to paste into your firmware',
  library: 'a library to install (.zip)',
};

export const REVIEW_ITEMS: ReviewItem[] = [
  { id: 'folder', label: 'Project folder', keys: [], show: (s) => (s.out === undefined ? undefined : `${displayPath(s.out)}${s.existing ? ' (an existing project: its files are updated)' : ''}`) },
  { id: 'board', label: 'Board', keys: ['board', 'framework'], show: boardLine },
  { id: 'framework', label: 'Framework', keys: ['framework'], show: (s) => (s.raw.framework === 'espidf' ? 'ESP-IDF' : s.raw.framework === undefined ? undefined : 'Arduino') },
  { id: 'shipId', label: 'Ship id', keys: ['shipId'], show: (s) => (s.raw.shipId === undefined || s.raw.shipId === 'auto' ? "auto (from the chip's MAC)" : String(s.raw.shipId)) },
  { id: 'sensors', label: 'Connected', keys: ['sensors'], show: (s) => (Array.isArray(s.raw.sensors) ? (s.raw.sensors.length === 0 ? 'no sensors' : (s.raw.sensors as RawAnswers[]).map(describeSensor).join('; ')) : undefined) },
  { id: 'metrics', label: 'Sends', keys: ['metrics'], show: metricsLine },
  { id: 'endpoint', label: 'Harbor', keys: ['endpoint'], show: harborLine },
  { id: 'harborId', label: 'Harbor id', keys: ['harborId'], show: (s) => (s.raw.harborId === undefined ? undefined : String(s.raw.harborId)) },
  { id: 'apiKey', label: 'API key', keys: ['apiKey'], show: secret('apiKey') },
  { id: 'wifiSsid', label: 'Wi-Fi network', keys: ['wifiSsid'], show: (s) => (s.raw.wifiSsid === undefined ? undefined : String(s.raw.wifiSsid)) },
  { id: 'wifiPassword', label: 'Wi-Fi password', keys: ['wifiPassword'], show: secret('wifiPassword') },
  { id: 'advanced', label: 'Batching', keys: ['batchRecords', 'batchBytes', 'batchSeconds', 'tls', 'caFile'], show: batchingLine },
  { id: 'tls', label: 'TLS', keys: ['tls', 'caFile'], show: tlsLine },
  { id: 'storage', label: 'Power cuts', keys: ['storage'], show: (s) => (s.raw.storage === 'ram' ? 'readings wait in RAM: a power cut loses them' : s.raw.storage === 'flash' ? 'readings kept in flash' : undefined) },
  { id: 'battery', label: 'Powered by', keys: ['battery'], show: (s) => (s.raw.battery === undefined ? undefined : s.raw.battery === 'usb' ? 'USB or a mains adapter' : `a ${String(s.raw.battery).replace(':', ' mAh ')} battery`) },
  // Last, so the rows above keep their places in the list.
  { id: 'format', label: 'Writes', keys: ['format'], show: (s) => (s.raw.format === undefined ? undefined : (FORMAT_WORDS[String(s.raw.format)] ?? String(s.raw.format))) },
];

/** Keys that are not answers of their own. */
const NOT_SHOWN = new Set(['$schema']);

/** The rows to show: the known ones with a value, then any answer no row covers. */
export function reviewRows(state: WizardState, items: readonly ReviewItem[] = REVIEW_ITEMS): { item: ReviewItem; value: string }[] {
  const rows = items.flatMap((item) => {
    const value = item.show(state);
    return value === undefined ? [] : [{ item, value }];
  });
  const covered = new Set(items.flatMap((i) => i.keys));
  for (const [key, value] of Object.entries(state.raw)) {
    if (covered.has(key) || NOT_SHOWN.has(key) || value === undefined) continue;
    rows.push({ item: { id: key, label: key, keys: [key], show: () => undefined }, value: typeof value === 'string' ? value : JSON.stringify(value) });
  }
  return rows;
}

export type ReviewChoice = { write: true } | { write: false; item: ReviewItem };

/** Shows every answer; returns write, or the row to change. Cancel is ctrl+c, or its own choice. */
export async function review(prompts: Prompts, state: WizardState, problems: readonly string[] = []): Promise<ReviewChoice> {
  const rows = reviewRows(state);
  const width = Math.max(...rows.map((r) => r.item.label.length));
  prompts.note(['', 'Review', ...rows.map((r) => `  ${r.item.label.padEnd(width)}  ${r.value}`), ''].join('\n'));
  for (const problem of problems) prompts.note(`To fix before writing: ${problem}`);
  const where = state.out === undefined ? '' : ` ${displayPath(state.out)}`;
  const choice = await prompts.select<string>({
    message: 'Write the project, or change an answer?',
    choices: [
      ...(problems.length === 0 ? [{ name: `${state.existing ? 'Update' : 'Create'}${where}`, value: '#write' }] : []),
      ...rows.map((r) => ({ name: `Change: ${r.item.label}`, value: r.item.id })),
      { name: 'Cancel: write nothing', value: '#cancel' },
    ],
    default: problems.length === 0 ? '#write' : undefined,
    pageSize: rows.length + 2,
  });
  if (choice === '#write') return { write: true };
  if (choice === '#cancel') throw Object.assign(new Error('Cancelled at the review'), { name: 'CancelPromptError' });
  return { write: false, item: rows.find((r) => r.item.id === choice)?.item as ReviewItem };
}

/** Clears a row's answers so their questions are asked again, with the old answers as defaults. */
export function clearForChange(state: WizardState, item: ReviewItem): void {
  state.defaults = {};
  if (item.id === 'folder') {
    state.defaults.out = state.out;
    state.out = undefined;
    return;
  }
  for (const key of item.keys) {
    state.defaults[key] = state.raw[key];
    delete state.raw[key];
    delete state.sources?.[key];
  }
  state.changing = item.id;
}
