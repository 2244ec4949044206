// The sensor cost bench: every kind can be measured with the wiring it picks,
// and one kind's figures come out as the bench reports them.
import { describe, expect, it } from 'vitest';

import { benchSensorAnswer, measureSensors } from '../../src/bench/sensor-bench.js';
import { findSensorKind, SENSOR_KINDS } from '../../src/components/index.js';
import { parseAnswers } from '../../src/config/resolve-answers.js';
import { THREE_METRIC_ANSWERS } from '../../src/bench/delivery-run.js';

describe('the sensor bench', () => {
  it('wires every kind on a bench board as the answers schema accepts it', () => {
    for (const kind of SENSOR_KINDS) {
      const { board, answer } = benchSensorAnswer(kind);
      const { framework, ...sensor } = answer;
      expect(() => parseAnswers({ ...THREE_METRIC_ANSWERS, board: board.id, framework, metrics: [], sensors: [sensor] }), kind.kind).not.toThrow();
    }
  });

  it('measures a driver: its object sizes, and a longest step within what it states', async () => {
    const kind = findSensorKind('bme280');
    if (!kind) throw new Error('no bme280');
    const [cost] = await measureSensors(() => {}, [kind]);
    expect(cost).toMatchObject({ kind: 'bme280', bus: 'i2c', board: 'esp32dev', statedBlockingMs: kind.blockingMs });
    expect(cost?.flashBytes).toBeGreaterThan(500);
    expect(cost?.objectBytes).toBeGreaterThan(32);
    expect(cost?.longestStepUs).toBeGreaterThan(0);
    expect(cost?.longestStepUs).toBeLessThanOrEqual(kind.blockingMs * 1000);
    // 5 minutes at the default minute: five readings of three channels.
    expect(cost).toMatchObject({ sampled: 15, delivered: 15 });
  }, 60_000);
});
