/**
 * The Things Stack v3 uplink webhook mapped to points exactly as the Harbor API
 * reference describes the server's TTN harbor: device_id -> ship_id, every
 * numeric decoded value -> a cargo, received_at -> time (overridden by a
 * decoded `time` up to 24 h ahead), plus the first gateway's radio figures.
 */
import { formatMicros, isStorableMicros, parseRfc3339Micros } from './rfc3339.js';
import { idProblem, isObject, reject, typeName, type IngestResult, type KeyedPoint } from './ingest-body.js';

const DAY_US = 24n * 3600n * 1_000_000n;

export function mapTtnUplink(body: unknown, arrivalUs: bigint): IngestResult {
  if (!isObject(body)) {
    return reject(422, [{ record: null, field: null, message: `the TTN path takes an uplink message as a JSON object, got ${typeName(body)}` }], 0);
  }
  const ids = isObject(body.end_device_ids) ? body.end_device_ids : {};
  const deviceProblem = idProblem(ids.device_id);
  if (deviceProblem) {
    return reject(400, [{ record: null, field: 'end_device_ids.device_id', message: `$.end_device_ids.device_id ${deviceProblem}` }], 1);
  }
  const shipId = ids.device_id as string;
  const uplink = isObject(body.uplink_message) ? body.uplink_message : {};
  const decoded = isObject(uplink.decoded_payload) ? uplink.decoded_payload : {};

  const values: [string, number][] = Object.entries(decoded).filter(
    (entry): entry is [string, number] => isFiniteNumber(entry[1]) && idProblem(entry[0]) === undefined,
  );
  // Nothing numeric: answer 200 with nothing stored, so TTN does not retry.
  if (values.length === 0) return { ok: true, points: [], records: 1 };

  const receivedUs = storableTime(body.received_at);
  const decodedUs = storableTime(decoded.time);
  const given = decodedUs !== undefined && decodedUs <= arrivalUs + DAY_US ? decodedUs : receivedUs;
  const timeUs = given ?? arrivalUs;
  const stamped = given === undefined;

  const gateway = Array.isArray(uplink.rx_metadata) && isObject(uplink.rx_metadata[0]) ? uplink.rx_metadata[0] : {};
  const settings = isObject(uplink.settings) ? uplink.settings : {};
  const dataRate = isObject(settings.data_rate) ? settings.data_rate : {};
  const lora = isObject(dataRate.lora) ? dataRate.lora : {};
  const radio: [string, unknown][] = [
    ['rssi', gateway.rssi],
    ['snr', gateway.snr],
    ['channel_rssi', gateway.channel_rssi],
    ['bandwidth', lora.bandwidth],
    ['spreading_factor', lora.spreading_factor],
    // TTN sends the frequency as a decimal string (a uint64 in its protobuf JSON).
    ['frequency', typeof settings.frequency === 'string' ? Number(settings.frequency) : settings.frequency],
  ];
  const cargo = [...values, ...radio.filter((entry): entry is [string, number] => isFiniteNumber(entry[1]))];
  const time = formatMicros(timeUs);
  const points: KeyedPoint[] = cargo.map(([cargoId, value]) => ({ timeUs, time, ship_id: shipId, cargo_id: cargoId, value, stamped }));
  return { ok: true, points, records: 1 };
}

/** A time the store can keep; anything else counts as absent, as an unparsable one does. */
function storableTime(value: unknown): bigint | undefined {
  const us = typeof value === 'string' ? parseRfc3339Micros(value) : undefined;
  return us !== undefined && isStorableMicros(us) ? us : undefined;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
