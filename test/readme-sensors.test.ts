// The README's table of sensor kinds is the catalogue's: a kind added, renamed
// or given another channel shows up here until the README says so too.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { sensorKindsMarkdown } from '../src/commands/sensor-listing.js';
import { SENSOR_KINDS } from '../src/components/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe("README's sensor kinds", () => {
  it('are every kind the catalogue has, with its bus and channels, as sensorKindsMarkdown() writes them', () => {
    const block = /<!-- sensor kinds:[^\n]*-->\n([\s\S]*?)\n<!-- end of sensor kinds -->/.exec(readme);
    expect(block, 'README.md has the sensor kinds block').not.toBeNull();
    expect(block![1]).toBe(sensorKindsMarkdown());
    for (const kind of SENSOR_KINDS) expect(block![1]).toContain(`| \`${kind.kind}\` |`);
  });
});
