/**
 * How long a battery lasts (issue 13 item 3): a current model per chip and,
 * where it is known, per board, applied to a schedule of wakes and sends.
 * Every figure names where it comes from; where nobody has published one, the
 * plan says "unknown" rather than guess. Pure: the wizard, init's output and
 * the generated README print what this returns.
 */
import type { Chip } from '../catalogue/board-types.js';

export interface Figure {
  value: number;
  /** Where the number comes from, as a reader can look it up. */
  source: string;
}

export interface ChipCurrents {
  /** Deep sleep with the RTC timer as the wake source, in µA. */
  deepSleepUa: Figure | 'unknown';
  /** Awake with the CPU on and the radio off (sampling the sensors), in mA. */
  cpuMa: Figure;
  /** The radio receiving or transmitting (joining, the TLS handshake, the exchange), in mA. */
  radioMa: Figure;
}

const IDF_SLEEP = 'ESP-IDF low-power guide, docs/en/api-guides/sleep-current/';
const ESP8266_DS = 'ESP8266EX datasheet v6.x';

/** The chip alone, at 3.3 V and 25 °C, as its maker measured it. */
export const CHIP_CURRENTS: Readonly<Record<Chip, ChipCurrents>> = {
  esp32: {
    deepSleepUa: { value: 5, source: `${IDF_SLEEP}esp32_summary.inc, deep-sleep average` },
    cpuMa: { value: 31, source: `${IDF_SLEEP}esp32_summary.inc, modem-sleep DTIM1` },
    radioMa: { value: 100, source: 'ESP32 Series Datasheet, RF power consumption: Rx 95-100 mA (Tx bursts up to 240 mA)' },
  },
  esp32s2: {
    deepSleepUa: { value: 5, source: `${IDF_SLEEP}esp32s2_summary.inc, deep-sleep average` },
    cpuMa: { value: 31, source: `${IDF_SLEEP}esp32s2_summary.inc, modem-sleep DTIM1` },
    radioMa: { value: 100, source: 'taken as the ESP32\'s Rx 95-100 mA (ESP32 Series Datasheet): no figure of its own here' },
  },
  esp32s3: {
    deepSleepUa: { value: 6.8, source: `${IDF_SLEEP}esp32s3_summary.inc, deep-sleep average` },
    cpuMa: { value: 40, source: `${IDF_SLEEP}esp32s3_summary.inc, modem-sleep DTIM1` },
    radioMa: { value: 100, source: 'taken as the ESP32\'s Rx 95-100 mA (ESP32 Series Datasheet): no figure of its own here' },
  },
  esp32c3: {
    deepSleepUa: { value: 4.8, source: 'ESP-IDF low-power guide, docs/zh_CN/api-guides/sleep-current/esp32c3_summary.inc, deep-sleep average' },
    cpuMa: { value: 21.5, source: 'ESP-IDF low-power guide, esp32c3_summary.inc, modem-sleep DTIM1' },
    radioMa: { value: 100, source: 'taken as the ESP32\'s Rx 95-100 mA (ESP32 Series Datasheet): no figure of its own here' },
  },
  esp32c6: {
    // ESP-IDF's table for the C6 has no measurements yet ("/").
    deepSleepUa: 'unknown',
    cpuMa: { value: 31, source: 'taken as the ESP32\'s modem-sleep DTIM1 (esp32_summary.inc): the C6 table is empty' },
    radioMa: { value: 100, source: 'taken as the ESP32\'s Rx 95-100 mA (ESP32 Series Datasheet): no figure of its own here' },
  },
  esp8266: {
    deepSleepUa: { value: 20, source: `${ESP8266_DS}, Table 3-4 Power Consumption by Power Modes: deep-sleep 20 µA` },
    cpuMa: { value: 15, source: `${ESP8266_DS}, Table 3-4: modem-sleep 15 mA` },
    radioMa: { value: 56, source: `${ESP8266_DS}, Table 5-2: Rx 802.11n 56 mA (Tx bursts up to 170 mA)` },
  },
  rp2040: {
    // arduino-pico has no timer-woken deep sleep that keeps the clock, and the
    // CYW43439's own sleep current is not in the Pico W datasheet.
    deepSleepUa: 'unknown',
    cpuMa: { value: 25, source: 'Raspberry Pi Pico datasheet, typical power consumption (busy, 125 MHz): about 25 mA; the Pico W\'s radio adds to it' },
    radioMa: { value: 100, source: 'taken as the ESP32\'s Rx 95-100 mA (ESP32 Series Datasheet): the Pico W datasheet gives none for the CYW43439' },
  },
};

export interface BoardDraw {
  /** What the board's own parts draw while the chip sleeps, in µA. */
  sleepUa: number;
  why: string;
  source: string;
}

/**
 * Development boards whose regulator or USB-serial chip keeps drawing while
 * the chip sleeps. Boards not listed are "unknown": their parts are not known here.
 */
export const BOARD_DRAW: Readonly<Record<string, BoardDraw>> = {
  esp32dev: {
    sleepUa: 5000,
    why: 'its AMS1117 regulator draws about 5 mA whenever it is powered (from 5V/VIN), asleep or not',
    source: 'AMS1117 datasheet, electrical characteristics: quiescent current 5 mA typical',
  },
  nodemcuv2: {
    sleepUa: 5000,
    why: 'its AMS1117 regulator draws about 5 mA whenever it is powered (from VIN or USB), asleep or not',
    source: 'AMS1117 datasheet, electrical characteristics: quiescent current 5 mA typical',
  },
};

export type Battery = { kind: 'usb' } | { kind: 'cell'; mAh: number; chemistry: 'li-ion' | 'lifepo4' | 'alkaline' };

/** Share of the rated capacity a 3.3 V board gets before its regulator drops out. */
const USABLE: Record<'li-ion' | 'lifepo4' | 'alkaline', Figure> = {
  'li-ion': { value: 0.8, source: 'a 3.3 V LDO drops out near 3.5 V, about 20 % before a Li-ion cell is empty (assumption)' },
  lifepo4: { value: 0.9, source: 'LiFePO4 stays near 3.2 V for most of its discharge (assumption)' },
  alkaline: { value: 0.7, source: 'three AA cells fall below 3.6 V with about 30 % left at these currents (assumption)' },
};

export type Schedule = { mode: 'always-on' } | { mode: 'deep-sleep'; intervalS: number; sendEvery: number };

/** Seconds awake, per wake and per send; the host's deep-sleep run measures the same phases. */
export interface AwakeTimes {
  /** Boot, sample every metric and sensor, store, go back to sleep. */
  wakeS: number;
  /** Join Wi-Fi with the kept BSSID and channel, TLS handshake, one exchange. */
  sendS: number;
}

/** What we assume when nothing was measured: a fast reconnect and one TLS handshake. */
export const DEFAULT_AWAKE: AwakeTimes = { wakeS: 0.3, sendS: 3 };

export interface BatteryPlan {
  /** The chip's own average current on this schedule, mA; 'unknown' when its sleep current is. */
  chipMa: number | 'unknown';
  /** What the board's parts add, mA; 'unknown' for boards whose parts are not known here. */
  boardMa: number | 'unknown';
  /** Days on the battery for the chip alone, and with the board; 'usb' when powered from USB. */
  chipDays: number | 'usb' | 'unknown';
  days: number | 'usb' | 'unknown';
  /** One line each: what is drawn, how long, and where the figure comes from. */
  lines: string[];
}

function fmt(n: number, digits = 2): string {
  return Number(n.toPrecision(digits)).toLocaleString('en-US');
}

export function planBattery(chip: Chip, boardId: string, schedule: Schedule, battery: Battery, awake: AwakeTimes = DEFAULT_AWAKE): BatteryPlan {
  const c = CHIP_CURRENTS[chip];
  const board = BOARD_DRAW[boardId];
  const lines: string[] = [];
  let chipMa: number | 'unknown';
  if (schedule.mode === 'always-on') {
    // Connected all the time: between beacons the chip draws its CPU-on figure.
    chipMa = c.cpuMa.value;
    lines.push(`always on: about ${fmt(c.cpuMa.value)} mA (${c.cpuMa.source})`);
  } else {
    const wakeMaS = c.cpuMa.value * awake.wakeS;
    const sendMaS = (c.radioMa.value * awake.sendS) / schedule.sendEvery;
    lines.push(`each wake: ${fmt(awake.wakeS)} s at ${fmt(c.cpuMa.value)} mA (${c.cpuMa.source})`);
    lines.push(`every ${schedule.sendEvery} wakes a send: ${fmt(awake.sendS)} s at ${fmt(c.radioMa.value)} mA (${c.radioMa.source})`);
    if (c.deepSleepUa === 'unknown') {
      chipMa = 'unknown';
      lines.push(`asleep: unknown: no published figure for the ${chip}'s deep sleep with a timer wake`);
    } else {
      const sleepS = Math.max(0, schedule.intervalS - awake.wakeS);
      chipMa = (wakeMaS + sendMaS + (c.deepSleepUa.value / 1000) * sleepS) / schedule.intervalS;
      lines.push(`asleep: ${fmt(c.deepSleepUa.value)} µA (${c.deepSleepUa.source})`);
    }
  }
  const boardMa: number | 'unknown' = board ? board.sleepUa / 1000 : 'unknown';
  lines.push(
    board
      ? `the board: ${fmt(board.sleepUa / 1000)} mA more, because ${board.why} (${board.source}); feed 3.3 V to the chip directly to avoid it`
      : `the board: unknown: what ${boardId}'s regulator and USB-serial chip draw is not known here; a development board can draw milliamps while the chip sleeps`,
  );
  if (battery.kind === 'usb') return { chipMa, boardMa, chipDays: 'usb', days: 'usb', lines };
  const usable = USABLE[battery.chemistry];
  lines.push(`usable capacity: ${Math.round(usable.value * 100)} % of ${battery.mAh.toLocaleString('en-US')} mAh (${usable.source})`);
  const daysAt = (ma: number) => (battery.mAh * usable.value) / ma / 24;
  const chipDays = chipMa === 'unknown' ? 'unknown' : daysAt(chipMa);
  const days = chipMa === 'unknown' || boardMa === 'unknown' ? 'unknown' : daysAt(chipMa + boardMa);
  return { chipMa, boardMa, chipDays, days, lines };
}

/** "about 41 days on a 2,000 mAh li-ion cell (1.6 mA on average)", or what is not known. */
export function planSummary(plan: BatteryPlan, battery: Battery): string {
  if (plan.days === 'usb') return 'USB powered: no battery to plan';
  const cell = battery.kind === 'cell' ? `a ${battery.mAh.toLocaleString('en-US')} mAh ${battery.chemistry} cell` : '';
  if (typeof plan.days === 'number') return `about ${fmt(plan.days)} days on ${cell} (${fmt((plan.chipMa as number) + (plan.boardMa as number))} mA on average)`;
  if (typeof plan.chipDays === 'number') {
    return `about ${fmt(plan.chipDays)} days on ${cell} for the chip alone (${fmt(plan.chipMa as number)} mA on average); what the board adds is unknown`;
  }
  return `battery life unknown: the chip's sleep current is not known`;
}
