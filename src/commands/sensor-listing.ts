/** `harbor-connect sensors`: the built-in metrics and the sensor kinds, as a table or JSON. */
import { METRICS } from '../catalogue/metrics.js';
import { PLATFORM_TARGETS, type PlatformAdapterId } from '../catalogue/platforms.js';
import { SENSOR_GROUP_TITLES, hex2, type SensorGroup } from '../components/component.js';
import { SENSOR_KINDS, type SensorKind } from '../components/index.js';
import { sensorKeys } from '../config/sensor-answers.js';
import type { Ui } from '../ui.js';
import { table } from './catalogue-listing.js';

const ALL_ADAPTERS = Object.keys(PLATFORM_TARGETS) as PlatformAdapterId[];

/** What every sensor kind is, as `sensors --json` lists it. */
export function sensorListing(): object[] {
  return SENSOR_KINDS.map((k) => ({
    kind: k.kind,
    title: k.title,
    group: k.group,
    bus: k.bus.kind === 'pins' ? { kind: 'pins', pins: k.bus.pins.map((p) => p.key) } : { ...k.bus },
    channels: k.channels.map((c) => ({ id: c.id, title: c.title, unit: c.unit, resolution: c.resolution })),
    options: sensorKeys(k),
    defaultIntervalSeconds: k.defaultIntervalSeconds,
    minIntervalSeconds: k.minIntervalSeconds,
    supply: k.supply,
    // Every board of these adapters (harbor-connect boards lists which adapter a board uses).
    runsOn: [...(k.adapters ?? ALL_ADAPTERS)],
    blockingMs: k.blockingMs,
  }));
}

/** "temperature (°C), humidity (%)" */
function channelsText(k: SensorKind): string {
  return k.channels.map((c) => `${c.id}${c.unit ? ` (${c.unit})` : ''}`).join(', ');
}

function busText(bus: SensorKind['bus']): string {
  switch (bus.kind) {
    case 'i2c':
      return `I2C ${bus.addresses.map(hex2).join('/')}`;
    case 'onewire':
      return '1-Wire';
    case 'uart':
      return `UART ${bus.baud}`;
    default:
      return bus.pins.map((p) => p.key).join(', ');
  }
}

/** The README's table of sensor kinds, grouped as the wizard groups them (test/readme-sensors.test.ts keeps them equal). */
export function sensorKindsMarkdown(): string {
  const rows = ['| measures | kind | bus | channels (unit) |', '| --- | --- | --- | --- |'];
  for (const group of Object.keys(SENSOR_GROUP_TITLES) as SensorGroup[]) {
    for (const k of SENSOR_KINDS.filter((kind) => kind.group === group)) {
      rows.push(`| ${SENSOR_GROUP_TITLES[group]} | \`${k.kind}\` | ${busText(k.bus)} | ${channelsText(k)} |`);
    }
  }
  return rows.join('\n');
}

export function listSensors(ui: Ui, options: { json?: boolean }): void {
  if (options.json) {
    ui.info(JSON.stringify({ metrics: METRICS, sensors: sensorListing() }, null, 2));
    return;
  }
  ui.info('Built-in metrics (--metric):');
  table(ui, ['kind', 'what', 'unit', 'default every', 'options'], METRICS.map((m) => [m.kind, m.title, m.unit, `${m.defaultIntervalSeconds} s`, ['cargo', 'interval', ...m.params].join(', ')]));
  ui.info('');
  ui.info('Sensors (--sensor):');
  table(
    ui,
    ['kind', 'what', 'bus', 'channels', 'runs on'],
    SENSOR_KINDS.map((k) => [
      k.kind,
      k.title,
      k.bus.kind === 'pins' ? k.bus.pins.map((p) => p.key).join('/') : k.bus.kind,
      channelsText(k),
      k.adapters ? k.adapters.join(', ') : 'all boards',
    ]),
  );
  ui.info('');
  ui.info('Use --metric <kind>[:key=value,...], e.g. --metric analog:pin=34,cargo=soil,interval=10,');
  ui.info('and --sensor <kind>[:key=value,...], e.g. --sensor bme280:sda=21,scl=22,address=0x76,interval=30');
}

