/**
 * Resolved sensors to what src/main.cpp and the host build declare: the bus
 * objects they share, each sensor's driver and its constructor arguments,
 * where its channels go in the cargo table, its wiring, and its host device
 * model. Pure, like the rest of the project model.
 */
import type { Board } from '../catalogue/board-types.js';
import { pinName } from '../catalogue/pins.js';
import type { CppArg, SensorKind, Wave, WiringRow } from '../components/component.js';
import type { ResolvedSensor } from '../components/wiring.js';
import { comparePaths } from '../compare-paths.js';

export interface SensorChannelRow {
  id: string;
  title: string;
  unit: string;
  cargo: string;
  /** Position in the firmware's cargo table, or -1 when the channel is switched off. */
  cargoIndex: number;
  resolution: number;
  wave: Wave;
}

export type ModelAttach =
  | { kind: 'i2c'; bus: number; address: number }
  | { kind: 'onewire'; pin: number }
  | { kind: 'uart'; port: number }
  | { kind: 'pin'; pin: number };

export interface SensorRow {
  /** C++ name of the driver object in src/main.cpp. */
  ident: string;
  label: string;
  kind: string;
  title: string;
  supply: string;
  intervalMs: number;
  header: string;
  className: string;
  args: CppArg[];
  channels: SensorChannelRow[];
  wiring: WiringRow[];
  notes: string[];
  blockingMs: number;
  model: { header: string; className: string; args: CppArg[]; attach: ModelAttach };
}

export interface BusRow {
  ident: string;
  className: string;
  args: CppArg[];
}

export interface SensorPlan {
  buses: BusRow[];
  sensors: SensorRow[];
  /** Component folders and file names copied into lib/harbor_runtime/src/harbor/sensors/. */
  driverFiles: { dir: string; file: string }[];
}

/** The folder of the component that defines `kind` (its driver files live there). */
export type ComponentDirOf = (kind: SensorKind) => string;

/** Fast mode: what every board's I2C controller and common breakout pull-ups (4.7k-10k) carry. */
const MAX_I2C_HZ = 400_000;

/** How far apart two sensors of a kind are in the host model's waves, so a test tells them apart. */
export const PHASE_STEP_MS = 37_000;

export function planSensors(board: Board, sensors: readonly ResolvedSensor[], firstCargoIndex: number, dirOf: ComponentDirOf): SensorPlan {
  const buses: BusRow[] = [];
  const busIdents = new Map<string, { ident: string; index: number }>();
  let i2cCount = 0;
  let uartCount = 0;
  let cargoIndex = firstCargoIndex;
  // An I2C bus runs at the clock its slowest part supports, at most fast mode (400 kHz).
  const i2cHz = new Map<string, number>();
  for (const s of sensors) {
    if (s.kind.bus.kind !== 'i2c' || s.busKey === undefined) continue;
    i2cHz.set(s.busKey, Math.min(i2cHz.get(s.busKey) ?? MAX_I2C_HZ, s.kind.bus.hz));
  }

  const busFor = (sensor: ResolvedSensor): { ident: string; index: number } | undefined => {
    const key = sensor.busKey;
    if (key === undefined || sensor.kind.bus.kind === 'pins') return undefined;
    const known = busIdents.get(key);
    if (known) return known;
    const bus = sensor.kind.bus;
    let made: { ident: string; index: number };
    if (bus.kind === 'i2c') {
      made = { ident: `gI2c${i2cCount}`, index: i2cCount };
      buses.push({ ident: made.ident, className: 'harbor::I2cBus', args: [{ uint: i2cCount }, { int: sensor.pins.sda as number }, { int: sensor.pins.scl as number }, { uint: i2cHz.get(key) ?? bus.hz }] });
      i2cCount += 1;
    } else if (bus.kind === 'onewire') {
      made = { ident: `gOneWire${sensor.pins.pin}`, index: sensor.pins.pin as number };
      buses.push({ ident: made.ident, className: 'harbor::OneWireBus', args: [{ int: sensor.pins.pin as number }] });
    } else {
      uartCount += 1;
      made = { ident: `gUart${uartCount}`, index: uartCount };
      buses.push({ ident: made.ident, className: 'harbor::UartPort', args: [{ uint: uartCount }, { int: sensor.pins.rx as number }, { int: sensor.pins.tx ?? -1 }, { uint: bus.baud }] });
    }
    busIdents.set(key, made);
    return made;
  };

  // A kind states blockingMs at its own clock (at most 400 kHz); on a bus a slower part holds
  // back, every transaction takes longer on the wire by the ratio of the clocks.
  const slowdown = (sensor: ResolvedSensor): number => {
    if (sensor.kind.bus.kind !== 'i2c' || sensor.busKey === undefined) return 1;
    return Math.min(sensor.kind.bus.hz, MAX_I2C_HZ) / (i2cHz.get(sensor.busKey) ?? MAX_I2C_HZ);
  };
  const blockingOn = (sensor: ResolvedSensor): number => Math.ceil(sensor.kind.blockingMs * slowdown(sensor) * 10) / 10;
  const slowBusNote = (sensor: ResolvedSensor): string[] => {
    const factor = slowdown(sensor);
    if (factor <= 1) return [];
    const hz = i2cHz.get(sensor.busKey!)!;
    const slow = sensors.find((s) => s.busKey === sensor.busKey && s.kind.bus.kind === 'i2c' && s.kind.bus.hz === hz);
    return [`${slow?.kind.kind ?? 'A part'} on this bus holds it to ${hz / 1000} kHz, so each read takes ${factor}× as long on the wire (up to ${blockingOn(sensor)} ms a step): another pair of I2C pins avoids it.`];
  };

  const rows = sensors.map((sensor, position): SensorRow => {
    const bus = busFor(sensor);
    const kind = sensor.kind;
    const intervalMs = Math.round(sensor.answer.interval * 1000);
    const channels = sensor.channels.map((channel, i): SensorChannelRow => ({
      id: channel.id,
      title: channel.info.title,
      unit: channel.info.unit,
      cargo: channel.cargo,
      cargoIndex: channel.enabled ? cargoIndex++ : -1,
      resolution: channel.info.resolution,
      wave: { ...channel.info.wave, phaseMs: channel.info.wave.phaseMs + (position + i) * PHASE_STEP_MS },
    }));
    const context = {
      options: sensor.answer,
      intervalMs,
      bus: bus?.ident,
      pins: sensor.pins,
      channelCount: channels.length,
      waves: channels.map((c) => c.wave),
      index: sensor.index,
      pulseUnit: sensor.pulseUnit,
      board,
    };
    const attach: ModelAttach =
      kind.model.attach.kind === 'i2c' ? { kind: 'i2c', bus: bus?.index ?? 0, address: sensor.answer.address as number }
      : kind.model.attach.kind === 'onewire' ? { kind: 'onewire', pin: sensor.pins.pin as number }
      : kind.model.attach.kind === 'uart' ? { kind: 'uart', port: bus?.index ?? 1 }
      : { kind: 'pin', pin: sensor.pins[kind.model.attach.key] as number };
    return {
      ident: `gSensor${position}`,
      label: sensor.label,
      kind: kind.kind,
      title: kind.title,
      supply: kind.supply,
      intervalMs,
      header: `harbor/sensors/${kind.driver.header}`,
      className: kind.driver.className,
      args: kind.driver.args(context),
      channels,
      wiring: wiringOf(board, sensor),
      notes: [...kind.wiringNotes(board, sensor.pins), ...slowBusNote(sensor)],
      blockingMs: blockingOn(sensor),
      model: { header: kind.model.header, className: kind.model.className, args: kind.model.args(context), attach },
    };
  });

  const driverFiles = [...new Map(sensors.flatMap((s) => s.kind.driver.files.map((file) => [`${dirOf(s.kind)}/${file}`, { dir: dirOf(s.kind), file }] as const))).values()]
    .sort((a, b) => comparePaths(a.file, b.file));
  return { buses, sensors: rows, driverFiles };
}

/** VCC, GND and the bus's pins, then the kind's own. */
function wiringOf(board: Board, sensor: ResolvedSensor): WiringRow[] {
  const kind = sensor.kind;
  const supply = kind.supply === '5 V' ? '5V (VIN or VBUS)' : '3V3';
  const rows: WiringRow[] = [
    { sensorPin: 'VCC', boardPin: supply },
    { sensorPin: 'GND', boardPin: 'GND' },
  ];
  const p = sensor.pins;
  const bus = kind.bus;
  if (bus.kind === 'i2c') {
    rows.push({ sensorPin: 'SDA', boardPin: pinName(board, p.sda as number) }, { sensorPin: 'SCL', boardPin: pinName(board, p.scl as number) });
  } else if (bus.kind === 'onewire') {
    rows.push({ sensorPin: 'DQ (data)', boardPin: `${pinName(board, p.pin as number)}, with 4.7 kΩ to 3V3` });
  } else if (bus.kind === 'uart') {
    rows.push({ sensorPin: 'TX', boardPin: `${pinName(board, p.rx as number)} (RX)` });
    if (p.tx !== undefined) rows.push({ sensorPin: 'RX', boardPin: `${pinName(board, p.tx)} (TX)` });
  } else {
    for (const need of bus.pins) rows.push({ sensorPin: need.title, boardPin: pinName(board, p[need.key] as number) });
  }
  return [...rows, ...(kind.extraWiring?.(board, p) ?? [])];
}
