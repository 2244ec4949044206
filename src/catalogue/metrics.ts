/**
 * The built-in metrics a generated firmware can send, as plain data. Each kind
 * maps to one harbor::MetricKind of the C++ runtime (builtin_metrics.h); the
 * schema in config/answers-schema.ts validates a metric's parameters, and the
 * project model turns it into a harbor::MetricSpec row. Sensors are
 * components of their own (src/components).
 */
export type MetricKind =
  | 'rssi'
  | 'free_heap'
  | 'uptime'
  | 'chip_temp'
  | 'analog'
  | 'simulated'
  | 'dropped'
  | 'send_failures'
  | 'sensor_errors'
  | 'missed';

/** The harbor::MetricKind enumerator a kind samples from (firmware/runtime/src/harbor/builtin_metrics.h). */
export type RuntimeSource =
  | 'WifiRssi'
  | 'FreeHeap'
  | 'Uptime'
  | 'ChipTemperature'
  | 'Analog'
  | 'Simulated'
  | 'Dropped'
  | 'SendFailures'
  | 'SensorErrors'
  | 'Missed';

export interface MetricInfo {
  kind: MetricKind;
  source: RuntimeSource;
  title: string;
  unit: string;
  defaultCargo: string;
  defaultIntervalSeconds: number;
  /** Parameters besides cargo and interval, as `key=value` in --metric. */
  params: readonly string[];
  needsTemperatureSensor?: boolean;
  needsPin?: boolean;
  /** Suggested by the wizard for a new project. */
  suggested?: boolean;
}

export const METRICS: readonly MetricInfo[] = [
  { kind: 'rssi', source: 'WifiRssi', title: 'Wi-Fi signal strength', unit: 'dBm', defaultCargo: 'rssi', defaultIntervalSeconds: 60, params: [], suggested: true },
  { kind: 'free_heap', source: 'FreeHeap', title: 'Free heap memory', unit: 'bytes', defaultCargo: 'free_heap', defaultIntervalSeconds: 60, params: [] },
  { kind: 'uptime', source: 'Uptime', title: 'Uptime', unit: 's', defaultCargo: 'uptime', defaultIntervalSeconds: 300, params: [] },
  { kind: 'chip_temp', source: 'ChipTemperature', title: 'Chip temperature (on-chip sensor)', unit: '°C', defaultCargo: 'chip_temp', defaultIntervalSeconds: 60, params: [], needsTemperatureSensor: true },
  { kind: 'analog', source: 'Analog', title: 'Analog input (millivolts, with scale and offset)', unit: 'mV', defaultCargo: 'analog', defaultIntervalSeconds: 10, params: ['pin', 'scale', 'offset'], needsPin: true },
  { kind: 'simulated', source: 'Simulated', title: 'Simulated sensor (sine wave, no hardware needed)', unit: '', defaultCargo: 'simulated', defaultIntervalSeconds: 10, params: ['base', 'amplitude', 'period'], suggested: true },
  { kind: 'dropped', source: 'Dropped', title: 'Readings dropped by a full buffer (sent only when non-zero)', unit: 'readings', defaultCargo: 'dropped', defaultIntervalSeconds: 300, params: [], suggested: true },
  { kind: 'send_failures', source: 'SendFailures', title: 'Failed send attempts since boot', unit: 'attempts', defaultCargo: 'send_failures', defaultIntervalSeconds: 300, params: [] },
  { kind: 'sensor_errors', source: 'SensorErrors', title: 'Failed sensor reads since boot (skipped, never sent)', unit: 'reads', defaultCargo: 'sensor_errors', defaultIntervalSeconds: 300, params: [] },
  { kind: 'missed', source: 'Missed', title: 'Sampling slots missed while the board was busy (sent only when non-zero)', unit: 'slots', defaultCargo: 'missed', defaultIntervalSeconds: 300, params: [] },
];

export const METRIC_KINDS = METRICS.map((m) => m.kind) as readonly MetricKind[];

export function findMetric(kind: string): MetricInfo | undefined {
  return METRICS.find((m) => m.kind === kind);
}
