import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/components/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // C++ builds and firmware runs are CPU-bound; two cores, so keep the pool small.
    maxWorkers: 2,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
