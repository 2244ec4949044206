/**
 * The done-when of issue 9: a sketch written the way people write them (its
 * own WiFi.begin and wait, its own sensor read, Serial.prints, delay(2000) in
 * loop()) with the snippet pasted in, built on the host against the library
 * (as the Arduino IDE builds a sketch with an installed library: the
 * library's src/ on the include path, its board adapter replaced by the
 * host's) and run against the local Harbor through failures, cut
 * connections, an outage and a Wi-Fi drop. Every record() is stored once,
 * stamped within 5 ms of the call, and the loop keeps its 2 s period to 1 ms.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_API_KEY, DELIVERY_HARBOR_ID, DELIVERY_START_UTC_MS, FAULTY_RECEIVER, runAgainstReceiver, type DeliveryRun, type DeliveryRunOptions } from '../../src/bench/delivery-run.js';
import { parseAnswers } from '../../src/config/resolve-answers.js';
import { generateFiles, generateSnippet } from '../../src/generate/generate-files.js';
import { useScratch } from '../scratch.js';
import { hostLibraryBuild, snippetParts } from './host-sketch.js';

const scratch = useScratch('hc-existing-sketch');
const LOOP_MS = 2000;
const DURATION_MS = 8 * 60_000;
// The Wi-Fi drop, on the firmware's clock: the sketch's own Wi-Fi code is not asked to do anything.
const WIFI_DOWN = { fromMs: 60_000, toMs: 120_000 };

const ANSWERS = {
  board: 'esp32dev',
  harborId: DELIVERY_HARBOR_ID,
  apiKey: DELIVERY_API_KEY,
  wifiSsid: 'Workshop',
  wifiPassword: 'workshop-pass',
  // "temperature" is the sketch's own reading; uptime is one the snippet reads itself.
  metrics: [{ kind: 'simulated', cargo: 'temperature' }, { kind: 'uptime' }],
};

/** The user's sketch around the snippet's four parts; it prints what it did so the test can check it. */
function existingSketch(parts: Map<number, string>): string {
  return `// My weather station (it was here before Harbor).
#include <Arduino.h>
#include <WiFi.h>
${parts.get(1)}
const char* ssid = "Workshop";
const char* password = "workshop-pass";

// My own sensor read.
float readTemperature() {
  static int n = 0;
  return 20.0f + static_cast<float>(n++ % 10) * 0.5f;
}

${parts.get(2)}
void setup() {
  Serial.begin(115200);
  WiFi.begin(ssid, password);
  while (WiFi.status() != WL_CONNECTED) {
    delay(500);
    Serial.print(".");
  }
  Serial.println(" connected");
${parts.get(3)}
}

void loop() {
  Serial.print("loop at ");
  Serial.println(millis());
  float temperature = readTemperature();
  Serial.print("Temperature: ");
  Serial.println(temperature);
  Serial.print("recorded at ");
  Serial.println(millis());
${parts.get(4)}
  delay(${LOOP_MS});
}
`;
}

/** [millis at "loop at", millis at "recorded at"] of every loop() the sketch ran. */
function loops(run: DeliveryRun): { start: number; recordedAt: number }[] {
  const starts = run.lines.filter((l) => l.startsWith('loop at ')).map((l) => Number(l.slice(8)));
  const recorded = run.lines.filter((l) => l.startsWith('recorded at ')).map((l) => Number(l.slice(12)));
  return starts.map((start, i) => ({ start, recordedAt: recorded[i] as number }));
}

/** Every record() the sketch made stored once, stamped within 5 ms of the call, with the sketch's own values. */
function expectEveryRecordOnce(run: DeliveryRun): void {
  const calls = loops(run);
  expect(calls.length).toBeGreaterThanOrEqual(DURATION_MS / LOOP_MS - 2);
  for (const cargo of ['temperature', 'uptime']) {
    const stored = run.points.filter((p) => p.cargo_id === cargo).map((p) => Date.parse(p.time) - DELIVERY_START_UTC_MS).sort((a, b) => a - b);
    expect(stored, cargo).toHaveLength(calls.length);
    stored.forEach((at, i) => expect(Math.abs(at - (calls[i] as { recordedAt: number }).recordedAt), `${cargo} #${i}`).toBeLessThanOrEqual(5));
  }
  expect(run.summary.delivered).toBe(run.summary.sampled);
  expect(run.summary.sampled).toBe(2 * calls.length);
  // The sketch's own values, in its order (20.0, 20.5, … 24.5, 20.0, …).
  const temperatures = run.points.filter((p) => p.cargo_id === 'temperature').sort((a, b) => Date.parse(a.time) - Date.parse(b.time)).map((p) => p.value);
  temperatures.forEach((v, i) => expect(v).toBeCloseTo(20 + (i % 10) * 0.5, 5));
}

const RUN: DeliveryRunOptions = {
  receiver: { ...FAULTY_RECEIVER, apiKey: DELIVERY_API_KEY, harborIds: [DELIVERY_HARBOR_ID] },
  firmware: { durationMs: DURATION_MS, speed: 'max', startUtcMs: DELIVERY_START_UTC_MS, sntpDelayMs: 0, seed: 9, wifiDown: [WIFI_DOWN], timeoutMs: 60_000 },
};

describe('a snippet pasted into an existing, delay()-heavy sketch', () => {
  let binary: string;
  let run: DeliveryRun;

  beforeAll(async () => {
    const dir = scratch();
    const library = generateFiles(parseAnswers({ ...ANSWERS, format: 'library' }));
    const { snippet } = generateSnippet(parseAnswers({ ...ANSWERS, format: 'snippet' }));
    expect(snippet.text).not.toContain(DELIVERY_API_KEY);
    const sketchDir = join(dir, 'weather');
    mkdirSync(sketchDir);
    writeFileSync(join(sketchDir, 'weather.ino'), existingSketch(snippetParts(snippet.text)));
    for (const file of snippet.files) writeFileSync(join(sketchDir, file.path), file.content, { mode: 0o600 });
    binary = await hostLibraryBuild(join(sketchDir, 'weather.ino'), library.files, join(dir, 'lib'), { senderTask: true });
    run = await runAgainstReceiver(binary, RUN);
  }, 240_000);


  it('went through the failures it was meant to: refused and cut requests, and the Wi-Fi drop', () => {
    expect(run.summary.sendFailures).toBeGreaterThan(5);
    expect(run.stats.byStatus['503']).toBeGreaterThan(0);
    expect(run.lines).toContain(' connected');
    // Nothing reached the Harbor while Wi-Fi was down, yet the readings taken then were all stored.
    const inDrop = (ms: number) => ms > WIFI_DOWN.fromMs && ms < WIFI_DOWN.toMs;
    expect(run.events.filter((e) => inDrop(Date.parse(e.at) - DELIVERY_START_UTC_MS))).toEqual([]);
    expect(run.points.filter((p) => p.cargo_id === 'temperature' && inDrop(Date.parse(p.time) - DELIVERY_START_UTC_MS)).length).toBeGreaterThanOrEqual(29);
    expect(run.summary.reason).toBe('drained');
  });


  it('stores every record() exactly once, each stamped within 5 ms of the call', () => {
    expectEveryRecordOnce(run);
  });

  it("keeps the sketch's loop period: 2000 ms between loops, to 1 ms, through every failure", () => {
    const starts = loops(run).map((l) => l.start);
    const periods = starts.slice(1).map((t, i) => t - (starts[i] as number));
    expect(Math.max(...periods)).toBeLessThanOrEqual(LOOP_MS + 1);
    expect(Math.min(...periods)).toBeGreaterThanOrEqual(LOOP_MS - 1);
  });

  // The ESP8266's shape: no sender task, Harbor.loop() sends. The same binary, run single-threaded.
  it('stores every record() once where Harbor.loop() does the sending (the ESP8266), through the same failures', async () => {
    const single = await runAgainstReceiver(binary, { ...RUN, firmware: { ...RUN.firmware, sender: 'loop' } });
    expect(single.lines.some((l) => l.includes('single-threaded'))).toBe(true);
    expect(single.summary.sendFailures).toBeGreaterThan(5);
    // Sent while the sketch ran, from its Harbor.loop() calls, not only in the drain after it.
    expect(single.events.filter((e) => Date.parse(e.at) - DELIVERY_START_UTC_MS < DURATION_MS).length).toBeGreaterThan(5);
    expectEveryRecordOnce(single);
  }, 120_000);
});
