/**
 * Answers in, a complete description of the project out. Pure: no IO, no
 * templates. Everything a template prints is decided here, so tests can check
 * decisions without reading C++.
 */
import type { Board } from '../catalogue/boards.js';
import { findBoard } from '../catalogue/boards.js';
import { findMetric, type MetricInfo, type RuntimeSource } from '../catalogue/metrics.js';
import { validatePins, type PinUse } from '../catalogue/pins.js';
import { PLATFORM_TARGETS, type PlatformTarget } from '../catalogue/platforms.js';
import { cargoOf, parsePower, type Answers, type Framework } from '../config/answers-schema.js';
import { resolveBaseUrl, usesTls } from '../config/endpoint.js';
import { usageError } from '../errors.js';
import { resolveSensors } from '../components/wiring.js';
import { chooseStorage, type FlashPlan } from './flash-plan.js';
import { projectBattery, type ProjectBattery } from '../power/battery-text.js';
import { defaultBatchBytes, planBuffer } from './memory-plan.js';
import { planSensors, type BusRow, type SensorRow } from './sensor-model.js';

export interface MetricRow {
  cargo: string;
  /** Position of `cargo` in the firmware's cargo table (ProjectModel.cargos). */
  cargoIndex: number;
  /** The C++ name of its harbor::BuiltinMetric in src/main.cpp. */
  ident: string;
  kind: string;
  title: string;
  unit: string;
  source: RuntimeSource;
  intervalMs: number;
  pin: number;
  scale: number;
  offset: number;
  amplitude: number;
  periodMs: number;
}

export interface WiringRow {
  cargo: string;
  pin: number;
  connect: string;
}

export interface ProjectModel {
  board: Board;
  framework: Framework;
  target: PlatformTarget;
  ini: {
    env: string;
    platform: string;
    board: string;
    framework: Framework;
    options: [string, string][];
    buildFlags: string[];
    libDeps: string[];
  };
  device: {
    /** null: derived from the MAC at run time. */
    shipId: string | null;
    shipIdPrefix: string;
    baseUrl: string;
    harborId: string;
    wifiSsid: string;
    tlsInsecure: boolean;
    /** Root CAs compiled into the firmware, or null when the platform's bundle (or plain HTTP) is used. */
    caPem: string | null;
    batchRecords: number;
    batchBytes: number;
    batchMaxAgeMs: number;
    bufferRecords: number;
    /** Where readings wait: RAM only, or pages in flash that outlive a power cut (then bufferRecords is the RAM tail). */
    storage: 'ram' | 'flash';
    /** Deep sleep: each wake takes one reading of everything and sends every sendEvery-th wake; null: always on. */
    sleep: { intervalMs: number; sendEvery: number; sendTimeoutMs: number; rtcBytes: number } | null;
  };
  /** The flash buffer, when storage is flash. */
  flash: FlashPlan | null;
  /** The battery plan for the --battery answer (power/battery-text.ts); null when none was given. */
  battery: ProjectBattery | null;
  secrets: { apiKey: string; wifiPassword: string };
  /** Every cargo id the firmware sends under, in the order its readings refer to them. */
  cargos: string[];
  metrics: MetricRow[];
  /** Bus objects the sensors share, then the sensors. */
  buses: BusRow[];
  sensors: SensorRow[];
  /** Component files copied into lib/harbor_runtime/src/harbor/sensors/ (paths under src/components). */
  sensorFiles: { dir: string; file: string }[];
  /** #includes of src/main.cpp for the drivers, and of .harbor/host_models.cpp for the models. */
  sensorHeaders: string[];
  modelHeaders: string[];
  wiring: WiringRow[];
  buffer: ReturnType<typeof planBuffer>;
  /** The buffer plan as a sentence for the user, e.g. "The buffer holds 3,600 readings, …". */
  bufferSummary: string;
  warnings: string[];
}

export interface ModelInputs {
  /** PEM root certificates for platforms that compile them in (see catalogue/ca-roots.ts). */
  caPem: string;
}

const SIMULATED_DEFAULTS = { base: 20, amplitude: 5, periodSeconds: 600 };

export function buildProjectModel(answers: Answers, inputs: ModelInputs): ProjectModel {
  const board = findBoard(answers.board);
  if (!board) throw usageError(`'${answers.board}' is not a board harbor-connect knows.`, 'Run harbor-connect boards to list them.');
  const target = PLATFORM_TARGETS[adapterFor(board, answers.framework)];

  const metrics = answers.metrics.map((metric, index): MetricRow => {
    const info = findMetric(metric.kind) as MetricInfo;
    const simulated = info.kind === 'simulated';
    return {
      cargo: cargoOf(metric),
      cargoIndex: index,
      ident: `gMetric${index}`,
      kind: info.kind,
      title: info.title,
      unit: info.unit,
      source: info.source,
      intervalMs: Math.round((metric.interval ?? info.defaultIntervalSeconds) * 1000),
      pin: metric.pin ?? -1,
      scale: metric.scale ?? 1,
      offset: simulated ? (metric.base ?? SIMULATED_DEFAULTS.base) : (metric.offset ?? 0),
      amplitude: simulated ? (metric.amplitude ?? SIMULATED_DEFAULTS.amplitude) : 0,
      periodMs: simulated ? Math.round((metric.period ?? SIMULATED_DEFAULTS.periodSeconds) * 1000) : 0,
    };
  });

  const wired = resolveSensors(board, target.id, answers.sensors);
  const sensorPlan = planSensors(board, wired.sensors, metrics.length, (kind) => kind.component);
  const pinUses: PinUse[] = [...metrics.filter((m) => m.pin >= 0).map((m): PinUse => ({ pin: m.pin, role: 'analog-in', owner: `metric ${m.cargo}` })), ...wired.pinUses];
  const warnings = validatePins(board, pinUses, { wifi: true })
    .filter((issue) => issue.severity === 'warning')
    .map((issue) => issue.message);

  const batchBytes = answers.batchBytes ?? defaultBatchBytes(board);
  // Every enabled sensor channel is a reading per interval, like a metric.
  const rates = [...metrics, ...sensorPlan.sensors.flatMap((s) => s.channels.filter((c) => c.cargoIndex >= 0).map(() => ({ intervalMs: s.intervalMs })))];
  const driverFiles = sensorPlan.driverFiles.filter((f) => f.file.endsWith('.cpp')).length;
  const buffer = planBuffer(board, rates, { framework: answers.framework, batchBytes, driverFiles });
  const sleep = sleepPlan(board, target.id, answers.power);
  if (sleep && target.id === 'esp8266') warnings.push('Deep sleep on the ESP8266 wakes through its RST pin: connect GPIO 16 (D0 on most boards) to RST.');
  // Asleep, every channel is read once a wake, whatever its interval.
  const storage = chooseStorage(board, target.id, sleep ? rates.map(() => ({ intervalMs: sleep.intervalMs })) : rates, answers.storage);
  if (storage.warning !== undefined) warnings.push(storage.warning);
  const baseUrl = resolveBaseUrl(answers.endpoint);
  const tlsInsecure = answers.tls === 'insecure';
  // ESP-IDF verifies against its own certificate bundle unless the user pinned roots of their own.
  const compiledRoots = usesTls(baseUrl) && !tlsInsecure && (target.tlsTrust === 'pem-roots' || answers.caFile !== undefined);
  if (tlsInsecure) warnings.push('TLS verification is off (--tls insecure): anyone on the network path can read the API key.');

  const buildFlags = [...target.buildFlags, ...(board.buildFlags[answers.framework] ?? [])];
  // Only a plain GPIO LED is driven; an addressable (WS2812) LED needs a driver we do not ship yet.
  if (board.statusLed && board.statusLed.drive !== 'ws2812' && !pinUses.some((u) => u.pin === board.statusLed?.pin)) {
    // An LED on the radio has a core-defined number that changed between arduino-pico releases: let the core say.
    const pin = board.statusLed.drive === 'wifi-chip' ? 'LED_BUILTIN' : String(board.statusLed.pin);
    buildFlags.push(`-DHARBOR_STATUS_LED_PIN=${pin}`, `-DHARBOR_STATUS_LED_ACTIVE_LOW=${board.statusLed.activeLow ? 1 : 0}`);
  }

  return {
    board,
    framework: answers.framework,
    target,
    ini: {
      env: board.id,
      platform: target.platformio,
      board: board.platformioBoard,
      framework: answers.framework,
      options: [...target.iniOptions, ...(storage.plan?.iniOptions ?? [])],
      buildFlags,
      libDeps: target.libDeps,
    },
    device: {
      shipId: answers.shipId === 'auto' ? null : answers.shipId,
      shipIdPrefix: board.chip,
      baseUrl,
      harborId: answers.harborId ?? '',
      wifiSsid: answers.wifiSsid,
      tlsInsecure,
      caPem: compiledRoots ? inputs.caPem : null,
      batchRecords: answers.batchRecords,
      batchBytes,
      batchMaxAgeMs: Math.round(answers.batchSeconds * 1000),
      bufferRecords: buffer.capacity,
      storage: storage.plan ? 'flash' : 'ram',
      sleep,
    },
    flash: storage.plan,
    battery: projectBattery(board, sleep, answers.battery),
    secrets: { apiKey: answers.apiKey, wifiPassword: answers.wifiPassword },
    cargos: [...metrics.map((m) => m.cargo), ...sensorPlan.sensors.flatMap((s) => s.channels.filter((c) => c.cargoIndex >= 0).map((c) => c.cargo))],
    metrics,
    buses: sensorPlan.buses,
    sensors: sensorPlan.sensors,
    sensorFiles: sensorPlan.driverFiles,
    sensorHeaders: [...new Set(sensorPlan.sensors.map((s) => s.header))].sort(),
    modelHeaders: [...new Set(sensorPlan.sensors.map((s) => s.model.header))].sort(),
    wiring: metrics.filter((m) => m.pin >= 0).map((m) => ({ cargo: m.cargo, pin: m.pin, connect: 'signal (0 to 3.3 V) to the pin, ground to GND' })),
    buffer,
    bufferSummary: sentence(storage.plan ? `${storage.plan.summary}. A RAM buffer of ${buffer.capacity} readings holds them until a page is full and while the clock is unset` : `${buffer.summary}${storage.ramReason ? ` (in RAM: ${storage.ramReason})` : ''}`),
    warnings,
  };
}

/** RTC memory the wake cycle may use: what survives deep sleep on each chip (harbor/sleep_cycle.h). */
const RTC_BYTES: Partial<Record<PlatformTarget['id'], number>> = {
  // The ESP8266 core's rtcUserMemory: 512 bytes (128 words).
  esp8266: 512,
  // RTC slow memory (8 KB on the ESP32), half of it for us.
  'arduino-esp32': 4096,
};

function sleepPlan(board: Board, adapter: PlatformTarget['id'], power: string | undefined): ProjectModel['device']['sleep'] {
  const plan = parsePower(power ?? 'always-on');
  if (!plan) return null;
  const rtcBytes = RTC_BYTES[adapter];
  if (rtcBytes === undefined) throw usageError(`Deep sleep is not available on the ${board.name} with this framework yet.`, 'Use --power always-on, or an ESP8266 or ESP32 board with Arduino.');
  // A send wake may take at most a fifth of the interval (joining, TLS, retries), at least 20 s.
  return { ...plan, sendTimeoutMs: Math.max(20_000, Math.round(plan.intervalMs / 5)), rtcBytes };
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

export function adapterFor(board: Board, framework: Framework): PlatformTarget['id'] {
  const id = board.adapters[framework];
  if (!id) throw usageError(`${board.name} does not support ${framework}.`, `Use --framework ${Object.keys(board.adapters).join(' or ')}.`);
  return id;
}
