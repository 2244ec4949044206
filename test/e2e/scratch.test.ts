import { it } from 'vitest';
import { DELIVERY_API_KEY, DELIVERY_HARBOR_ID, DELIVERY_START_UTC_MS, runAgainstReceiver } from '../../src/bench/delivery-run.js';
import { buildGeneratedProject, offsetsByCargo } from './e2e-helpers.js';
it('s', async () => {
  const p = await buildGeneratedProject('s', { board: 'd1_mini', shipId: 'overflow-1', metrics: [
    { kind: 'simulated', cargo: 'a', interval: 1 }, { kind: 'simulated', cargo: 'b', interval: 1 }, { kind: 'dropped', interval: 10 }],
    endpoint: 'cloud', harborId: DELIVERY_HARBOR_ID, wifiSsid: 'e2e', wifiPassword: 'e2e-wifi-SECRET', apiKey: DELIVERY_API_KEY });
  console.log(p.model.device.bufferRecords, p.model.device.batchBytes, p.model.buffer.summary);
  const run = await runAgainstReceiver(p.binary, { receiver: { apiKey: DELIVERY_API_KEY, harborIds: [DELIVERY_HARBOR_ID], clock: 'sim', simStartMs: DELIVERY_START_UTC_MS, faults: { outages: [{ fromMs: 0, toMs: 300000 }] } },
    firmware: { durationMs: 600000, speed: 'max', startUtcMs: DELIVERY_START_UTC_MS, seed: 11, timeoutMs: 30000 } });
  const by = offsetsByCargo(run.points);
  console.log(run.summary, [...by].map(([k, v]) => `${k} ${v.length} ${v[0]} ${v.at(-1)}`), by.get('dropped'), run.points.filter(q => q.cargo_id === 'dropped').map(q => q.value), run.events.map(e => `${e.at} ${e.status}`).slice(0, 14));
  await p.remove();
});
