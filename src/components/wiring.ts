/**
 * Sensors on a board: which pins each uses (the board's defaults where none
 * were given), which bus object it shares, what its channels are sent as, and
 * every way the combination cannot work, each as one sentence. Pure: the
 * answers schema reports the problems, the project model uses the result.
 */
import type { Board, Chip, PlatformAdapterId } from '../catalogue/board-types.js';
import { pinName, type PinUse } from '../catalogue/pins.js';
import type { SensorAnswer } from '../config/sensor-answers.js';
import { hex2, type ChannelInfo, type SensorKind } from './component.js';
import { findSensorKind } from './index.js';

export interface ResolvedChannel {
  info: ChannelInfo;
  /** The channel's id in this sensor: the kind's, or temperature_2 for the second device on a 1-Wire pin. */
  id: string;
  cargo: string;
  enabled: boolean;
}

export interface ResolvedSensor {
  index: number;
  answer: SensorAnswer;
  kind: SensorKind;
  /** How messages name it: "bme280 'outdoor'" or "bme280 1". */
  label: string;
  pins: Record<string, number>;
  channels: ResolvedChannel[];
  /** Sensors with the same key share one bus object: "i2c:21:22", "onewire:4", "uart:16:17". */
  busKey?: string;
  /** The pulse counter unit, for sensors that count pulses. */
  pulseUnit?: number;
}

export interface WiringProblem {
  path: (string | number)[];
  message: string;
}

/** What each chip family offers sensors beyond its console (datasheets' peripheral counts). */
interface ChipBuses {
  i2c: number;
  uart: number;
  /** Hardware pulse counters (ESP32 PCNT units), or the interrupt-counted pins the adapter keeps. */
  pulse: number;
  /** Default pins of the first free UART (the Arduino cores' Serial2 / Serial1 defaults). */
  uartDefault?: { rx: number; tx: number };
}

const CHIP_BUSES: Record<Chip, ChipBuses> = {
  // UART0 is the console; UART1 and UART2 go to any pins, Serial2 defaults to 16/17.
  esp32: { i2c: 2, uart: 2, pulse: 8, uartDefault: { rx: 16, tx: 17 } },
  esp32s2: { i2c: 2, uart: 1, pulse: 4, uartDefault: { rx: 18, tx: 17 } },
  esp32s3: { i2c: 2, uart: 2, pulse: 4, uartDefault: { rx: 18, tx: 17 } },
  // The C3 has no PCNT: pulses are counted by interrupts.
  esp32c3: { i2c: 1, uart: 1, pulse: 8 },
  esp32c6: { i2c: 1, uart: 1, pulse: 4 },
  // UART0 is the console and UART1 only transmits: one software UART receives reliably.
  esp8266: { i2c: 1, uart: 1, pulse: 8, uartDefault: { rx: 14, tx: 12 } },
  // The console is USB, so UART0 (GPIO 0/1) and UART1 are free.
  rp2040: { i2c: 2, uart: 2, pulse: 8, uartDefault: { rx: 1, tx: 0 } },
};

/** The cargo ids of one channel: name=outdoor prefixes them. */
function cargoOf(answer: SensorAnswer, channelId: string): string {
  return answer.name !== undefined ? `${answer.name}_${channelId}` : channelId;
}

function labelOf(answer: SensorAnswer, index: number): string {
  return answer.name !== undefined ? `${answer.kind} '${answer.name}'` : `${answer.kind} ${index + 1}`;
}

/** The channels a sensor has: a 1-Wire kind with count=N has N of its one channel. */
function channelsOf(kind: SensorKind, answer: SensorAnswer): ResolvedChannel[] {
  const chosen = answer.channels;
  if (kind.bus.kind === 'onewire') {
    const count = (answer.roms as string[] | undefined)?.length ?? (answer.count as number);
    const info = kind.channels[0] as ChannelInfo;
    return Array.from({ length: count }, (_, i) => {
      const id = count === 1 ? info.id : `${info.id}_${i + 1}`;
      return { info, id, cargo: cargoOf(answer, id), enabled: chosen === undefined || chosen.includes(info.id) };
    });
  }
  return kind.channels.map((info) => ({ info, id: info.id, cargo: cargoOf(answer, info.id), enabled: chosen === undefined || chosen.includes(info.id) }));
}

/** RP2040: each pin belongs to one I2C controller and is either SDA (even) or SCL (odd) of it. */
function rp2040I2cProblem(board: Board, sda: number, scl: number): string | undefined {
  const controller = (pin: number) => Math.floor(pin / 2) % 2;
  if (sda % 2 !== 0) return `${pinName(board, sda)} cannot be SDA on the RP2040 (SDA pins are even: GPIO 0, 2, 4, ...)`;
  if (scl % 2 !== 1) return `${pinName(board, scl)} cannot be SCL on the RP2040 (SCL pins are odd: GPIO 1, 3, 5, ...)`;
  if (controller(sda) !== controller(scl)) return `GPIO ${sda} and GPIO ${scl} belong to different I2C controllers of the RP2040: use a pair such as GPIO 4/5`;
  return undefined;
}

/** RP2040: UART0 TX 0/12/16/28, RX 1/13/17/29; UART1 TX 4/8/20/24, RX 5/9/21/25. */
function rp2040UartProblem(rx: number, tx: number): string | undefined {
  const uart0 = { tx: [0, 12, 16, 28], rx: [1, 13, 17, 29] };
  const uart1 = { tx: [4, 8, 20, 24], rx: [5, 9, 21, 25] };
  const fits = (u: { tx: number[]; rx: number[] }) => u.rx.includes(rx) && (tx < 0 || u.tx.includes(tx));
  if (fits(uart0) || fits(uart1)) return undefined;
  return `GPIO ${rx} (RX) and GPIO ${tx} (TX) are not the pins of one RP2040 UART: use RX 1/TX 0 (UART0) or RX 5/TX 4 (UART1)`;
}

export interface ResolvedSensors {
  sensors: ResolvedSensor[];
  pinUses: (PinUse & { path: (string | number)[] })[];
  problems: WiringProblem[];
}

/**
 * Resolves every sensor for `board` and `adapter`. The answers are already
 * valid one by one (sensor-answers.ts); what is checked here is how they sit
 * on this board together. Pins are not checked here but returned as uses, so
 * the caller checks them with the metrics' (catalogue/pins.ts).
 */
export function resolveSensors(board: Board, adapter: PlatformAdapterId, answers: readonly SensorAnswer[]): ResolvedSensors {
  const problems: WiringProblem[] = [];
  const pinUses: ResolvedSensors['pinUses'] = [];
  const sensors: ResolvedSensor[] = [];
  const buses = CHIP_BUSES[board.chip];
  const i2cBuses = new Map<string, Map<number, string>>();  // bus key -> address -> label
  const uartBuses: string[] = [];
  let pulses = 0;

  answers.forEach((answer, index) => {
    const kind = findSensorKind(answer.kind);
    if (!kind) return;
    const label = labelOf(answer, index);
    const at = (key: string): (string | number)[] => ['sensors', index, key];
    if (kind.adapters && !kind.adapters.includes(adapter)) {
      problems.push({ path: at('kind'), message: `${label} does not run on the ${board.name} with this framework: it needs ${kind.adapters.join(' or ')}` });
      return;
    }
    const pins: Record<string, number> = {};
    let busKey: string | undefined;
    const bus = kind.bus;
    if (bus.kind === 'i2c') {
      const sda = (answer.sda as number | undefined) ?? board.i2c.sda;
      const scl = (answer.scl as number | undefined) ?? board.i2c.scl;
      pins.sda = sda;
      pins.scl = scl;
      busKey = `i2c:${sda}:${scl}`;
      if (board.chip === 'rp2040') {
        const problem = rp2040I2cProblem(board, sda, scl);
        if (problem) problems.push({ path: at(answer.sda !== undefined ? 'sda' : 'scl'), message: problem });
      }
      const devices = i2cBuses.get(busKey) ?? new Map<number, string>();
      if (!i2cBuses.has(busKey)) {
        if (i2cBuses.size >= buses.i2c) {
          problems.push({ path: at('sda'), message: `${label} would need I2C bus ${i2cBuses.size + 1} (GPIO ${sda}/${scl}), but the ${board.name} has ${buses.i2c}: put it on the same SDA/SCL pins as the others` });
        }
        i2cBuses.set(busKey, devices);
      }
      const address = answer.address as number;
      const other = devices.get(address);
      if (other !== undefined) {
        const free = bus.addresses.find((a) => !devices.has(a));
        problems.push({
          path: at('address'),
          message: `${other} and ${label} are both at I2C address ${hex2(address)} on GPIO ${sda}/${scl}: ${free !== undefined ? `give one of them address ${hex2(free)}` : 'put one on other SDA/SCL pins'}`,
        });
      } else {
        devices.set(address, label);
      }
      pinUses.push({ pin: sda, role: 'i2c-sda', owner: `sensor ${label} (SDA)`, path: at('sda') });
      pinUses.push({ pin: scl, role: 'i2c-scl', owner: `sensor ${label} (SCL)`, path: at('scl') });
    } else if (bus.kind === 'onewire') {
      pins.pin = answer.pin as number;
      busKey = `onewire:${pins.pin}`;
      pinUses.push({ pin: pins.pin, role: 'onewire', owner: `sensor ${label}`, path: at('pin') });
    } else if (bus.kind === 'uart') {
      const first = uartBuses.length === 0 ? buses.uartDefault : undefined;
      const needsTx = typeof bus.needsTx === 'object' ? answer[bus.needsTx.option] === bus.needsTx.value : bus.needsTx;
      const rx = (answer.rx as number | undefined) ?? first?.rx;
      const tx = (answer.tx as number | undefined) ?? (needsTx ? first?.tx : undefined);
      if (rx === undefined || (needsTx && tx === undefined)) {
        problems.push({ path: at('rx'), message: `${label} needs rx=${needsTx ? ' and tx=' : ''}: the ${board.name} has no default pins for ${uartBuses.length === 0 ? 'a' : 'another'} UART` });
        return;
      }
      pins.rx = rx;
      if (tx !== undefined) pins.tx = tx;
      busKey = `uart:${rx}:${tx ?? -1}`;
      if (uartBuses.length >= buses.uart) {
        problems.push({ path: at('rx'), message: `${label} would need UART ${uartBuses.length + 1}, but the ${board.name} has ${buses.uart} for sensors (the console takes one): remove a UART sensor` });
      }
      uartBuses.push(busKey);
      if (board.chip === 'esp8266' && rx === 16) {
        // The ESP8266's sensor UART is EspSoftwareSerial, which receives by pin interrupt.
        problems.push({ path: at('rx'), message: `GPIO 16 has no pin interrupt, so the ESP8266's software UART cannot receive on it: use another pin (GPIO ${buses.uartDefault?.rx ?? 14} is the default)` });
      }
      if (board.chip === 'rp2040') {
        const problem = rp2040UartProblem(rx, tx ?? -1);
        if (problem) problems.push({ path: at('rx'), message: problem });
      }
      pinUses.push({ pin: rx, role: 'digital-in', owner: `sensor ${label} (RX)`, path: at('rx') });
      if (tx !== undefined) pinUses.push({ pin: tx, role: 'digital-out', owner: `sensor ${label} (TX)`, path: at('tx') });
    } else {
      for (const need of bus.pins) {
        pins[need.key] = answer[need.key] as number;
        pinUses.push({ pin: pins[need.key] as number, role: need.role, owner: `sensor ${label} (${need.title})`, path: at(need.key) });
      }
    }
    let pulseUnit: number | undefined;
    if (bus.kind === 'pins' && bus.pins.some((p) => p.role === 'pulse-in')) {
      pulseUnit = pulses++;
      if (pulseUnit >= buses.pulse) {
        problems.push({ path: at('pin'), message: `${label} would need pulse counter ${pulseUnit + 1}, but the ${board.name} has ${buses.pulse}: remove a pulse counter` });
      }
    }
    sensors.push({ index, answer, kind, label, pins, channels: channelsOf(kind, answer), busKey, pulseUnit });
  });
  return { sensors, pinUses, problems };
}

/** The first free cargo collisions are the schema's business; this lists every cargo id in order. */
export function sensorCargos(sensors: readonly ResolvedSensor[]): { cargo: string; sensor: ResolvedSensor; channel: ResolvedChannel }[] {
  return sensors.flatMap((sensor) => sensor.channels.filter((c) => c.enabled).map((channel) => ({ cargo: channel.cargo, sensor, channel })));
}
