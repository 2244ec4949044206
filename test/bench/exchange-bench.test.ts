// Issue 13 item 4: an exchange on a kept-alive connection takes no longer than
// a connection's first, where a request written in two pieces would wait 40 ms
// at each for the Harbor's delayed ACK (Nagle). Host build against the local Harbor.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS, writeGeneratedProject } from '../../src/bench/delivery-run.js';
import { KEPT_ALIVE_LIMIT, measureExchanges } from '../../src/bench/exchange-bench.js';
import { buildHostFirmware } from '../../src/simulate/host-build.js';

const work = mkdtempSync(path.join(tmpdir(), 'hc-exchange-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('time per exchange on the host', () => {
  it(`keeps a kept-alive exchange within ${KEPT_ALIVE_LIMIT}x of a connection's first, and sends only the API's headers`, async () => {
    const projectDir = path.join(work, 'project');
    writeGeneratedProject(projectDir, THREE_METRIC_ANSWERS);
    const { binary } = await buildHostFirmware(projectDir, { outDir: path.join(work, 'build') });
    const report = await measureExchanges(binary);
    // Thirty-odd exchanges per run, of which one opened the connection.
    expect(report.keptAlive).toBeGreaterThan(60);
    expect(report.keptAliveUs, JSON.stringify(report)).toBeLessThanOrEqual(KEPT_ALIVE_LIMIT * report.firstUs);
    // POST <path> HTTP/1.1, Host, Content-Type, X-API-Key and Content-Length, nothing else: the bytes
    // of those lines without the port and the length, plus the port's and the length's digits (1 to 5 each).
    const bare = `POST /api/v2/ingest/hb-e2e/batch HTTP/1.1\r\nHost: 127.0.0.1:\r\nContent-Type: application/json\r\nX-API-Key: ${THREE_METRIC_ANSWERS.apiKey}\r\nContent-Length: \r\n\r\n`;
    expect(report.requestHeaderBytes).toBeGreaterThanOrEqual(bare.length + 2);
    expect(report.requestHeaderBytes).toBeLessThanOrEqual(bare.length + 10);
  }, 180_000);
});
