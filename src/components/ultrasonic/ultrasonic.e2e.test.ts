// An HC-SR04 and a JSN-SR04T on an esp32dev, built for the host and run
// against the local Harbor with the HC-SR04 unplugged for three minutes:
// every echo's distance arrives on its slot; every missing echo is counted.
// A trigger on an input-only pin is refused before anything is written.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { THREE_METRIC_ANSWERS } from '../../bench/delivery-run.js';
import { expectSensorReadings, slotsIn } from '../../../test/e2e/sensor-expect.js';
import { runSensorProject, useSensorProject } from '../../../test/e2e/sensor-run.js';
import { runCli } from '../../../test/cli/helpers.js';
import { useScratch } from '../../../test/scratch.js';

const DURATION_MS = 10 * 60_000;
const scratch = useScratch('hc-ultrasonic');

describe('hc_sr04 and jsn_sr04t end to end', () => {
  const project = useSensorProject('ultrasonic', {
    ...THREE_METRIC_ANSWERS,
    sensors: [
      { kind: 'hc_sr04', trigger: 5, echo: 18, interval: 10 },
      { kind: 'jsn_sr04t', name: 'tank', trigger: 19, echo: 23, temperature: 5, interval: 30 },
    ],
  });

  it('delivers each echo\'s distance on its slots and counts the missing echoes', async () => {
    const run = await runSensorProject(project, DURATION_MS, { 0: { unplug: [{ fromMs: 120_000, toMs: 300_000 }] } });
    const delivered = expectSensorReadings(run, project.model);
    expect(delivered["jsn_sr04t 'tank'"]).toBe(slotsIn(DURATION_MS, 30_000));
    const lost = slotsIn(DURATION_MS, 10_000) - (delivered['hc_sr04 1'] ?? 0);
    expect(lost).toBe(18);
    expect(run.summary.readFailures).toBe(lost);
  }, 60_000);

  it('refuses a trigger on an input-only pin, with nothing written', async () => {
    const dir = scratch();
    const env = { HARBOR_API_KEY: 'hk_ultrasonic_key', WIFI_PASSWORD: 'ultrasonic-pw' };
    const result = await runCli(['init', '--yes', '--harbor-id', 'hb-1', '--wifi-ssid', 'Lab', '--out', 'proj', '--board', 'esp32dev', '--sensor', 'hc_sr04:trigger=34,echo=18'], { cwd: dir, env });
    expect(result.exitCode, result.stderr).toBe(2);
    expect(result.stderr).toContain('--sensor 1 (hc_sr04) trigger: GPIO 34 is input-only, so it cannot be an output: use another pin.');
    expect(existsSync(join(dir, 'proj'))).toBe(false);
  }, 30_000);
});
