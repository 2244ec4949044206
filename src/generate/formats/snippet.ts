/**
 * `init --format snippet`: the lines to paste into firmware the user already
 * has: include, the configuration with their ids and cargo names, begin(),
 * one record() per metric or sensor, loop(), each under a heading saying
 * where it goes. The secrets never appear in it: they go to their own file
 * (harbor_secrets.h), printed only when asked.
 */
import type { ProjectModel } from '../../model/project-model.js';
import { cppDouble, cppString } from '../../render/cpp-literal.js';
import { render, type GeneratedFile, type Templates } from '../../render/render-project.js';

export const SNIPPET_SECRETS = 'harbor_secrets.h';

interface RecordLine {
  declare?: string;
  /** Names a value the user's code must supply (a sensor's reading): commented out in a library example. */
  placeholder?: boolean;
  statement: string;
  comment: string;
}

/** A C++ name for a value the user supplies, from its cargo id ("soil-1" → soil_1). */
export function valueName(cargo: string): string {
  const name = cargo.replace(/[^A-Za-z0-9_]/g, '_').replace(/_+/g, '_');
  return /^[A-Za-z]/.test(name) ? name : `value_${name}`.replace(/_+/g, '_');
}

/** Each metric as the runtime reads it (the same readers a generated project's metrics use). */
function metricLine(model: ProjectModel, metric: ProjectModel['metrics'][number]): RecordLine {
  const cargo = cppString(metric.cargo);
  const builtin = (which: string): RecordLine => ({
    declare: `double ${valueName(metric.cargo)};`,
    statement: `if (harbor::platform::readBuiltin(harbor::platform::Builtin::${which}, &${valueName(metric.cargo)})) Harbor.record(${cargo}, ${valueName(metric.cargo)});`,
    comment: `${metric.title} (${metric.unit})`,
  });
  const counter = (field: string): RecordLine => ({ statement: `Harbor.record(${cargo}, Harbor.stats().${field});`, comment: metric.title });
  switch (metric.source) {
    case 'WifiRssi':
    case 'FreeHeap':
    case 'ChipTemperature':
      return builtin(metric.source);
    case 'Uptime':
      return { statement: `Harbor.record(${cargo}, millis() / 1000.0);`, comment: `${metric.title} (s)` };
    case 'Analog': {
      const v = valueName(metric.cargo);
      return {
        declare: `double ${v};`,
        statement: `if (harbor::platform::readAnalogMillivolts(${metric.pin}, &${v})) Harbor.record(${cargo}, ${v} * ${cppDouble(metric.scale)} + ${cppDouble(metric.offset)});`,
        comment: `analog input on GPIO ${metric.pin}, millivolts times scale plus offset`,
      };
    }
    case 'Dropped':
      return counter('dropped');
    case 'SendFailures':
      return counter('sendFailures');
    case 'SensorErrors':
      return counter('readFailures');
    case 'Missed':
      return counter('missed');
    default:
      return { placeholder: true, statement: `Harbor.record(${cargo}, ${valueName(metric.cargo)});`, comment: `your own reading in place of ${model.board.name}'s made-up ${metric.cargo}` };
  }
}

/** In a library example: the board family's Wi-Fi header, and sizes left to the board. */
export interface ExampleOptions {
  family: string;
  wifiHeader: string;
  secretsFile: string;
}

/** The snippet's context for templates/snippet.cpp.hbs (a library example's with `example`). */
export function snippetModel(model: ProjectModel, example?: ExampleOptions) {
  const records: RecordLine[] = [
    ...model.sensors.flatMap((sensor) =>
      sensor.channels
        .filter((c) => c.cargoIndex >= 0)
        .map((c) => ({ placeholder: true, statement: `Harbor.record(${cppString(c.cargo)}, ${valueName(c.cargo)});`, comment: `<- your ${c.title.toLowerCase()} reading from the ${sensor.kind.toUpperCase()}${c.unit ? `, in ${c.unit}` : ''}` })),
    ),
    ...model.metrics.map((m) => metricLine(model, m)),
  ];
  return {
    board: model.board,
    example: example !== undefined,
    family: example?.family ?? '',
    wifiHeader: example?.wifiHeader ?? '',
    wifiSsid: model.device.wifiSsid,
    secretsFile: example?.secretsFile ?? SNIPPET_SECRETS,
    // The roots are in the library (harbor_ca.h), so a pasted snippet and an example trust the same ones.
    caPem: model.device.caPem !== null,
    shipId: model.device.shipId ?? false,
    shipIdPrefix: model.device.shipIdPrefix,
    baseUrl: model.device.baseUrl,
    harborId: model.device.harborId,
    tlsInsecure: model.device.tlsInsecure,
    batchRecords: model.device.batchRecords,
    batchBytes: model.device.batchBytes,
    batchMaxAgeMs: model.device.batchMaxAgeMs,
    // An example runs on any board of its family: the client's own per-board sizes.
    bufferRecords: example ? 0 : model.device.bufferRecords,
    bufferSummary: model.bufferSummary,
    cargos: model.cargos,
    records,
    sendsFromLoop: !example && model.target.sendsFromLoop,
  };
}

export interface Snippet {
  text: string;
  /** harbor_secrets.h. */
  files: GeneratedFile[];
}

export function renderWith(templates: Templates, name: string, context: unknown): string {
  const template = templates[name];
  if (!template) throw new Error(`missing template ${name}.hbs`);
  return template(context);
}

export function renderSnippet(model: ProjectModel, templates: Templates): Snippet {
  const text = renderWith(templates, 'snippet.cpp', snippetModel(model));
  const files: GeneratedFile[] = [{ path: SNIPPET_SECRETS, content: render(templates, 'harbor_secrets.h', model), secret: true }];
  return { text, files };
}
