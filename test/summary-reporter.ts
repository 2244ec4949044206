/**
 * Ends the run with one plain line, "N passed, N failed, N skipped", which
 * tools that read test output understand without knowing vitest's format.
 * Tests skipped because ../shared is not beside the clone get one line of
 * their own before it, saying so.
 */
import type { Reporter, TestModule } from 'vitest/node';

import { NEEDS_SHARED, SHARED_SKIP_REASON } from './shared-data.js';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    let needShared = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') counts.failed += 1;
        else {
          counts.skipped += 1;
          if (test.fullName.includes(NEEDS_SHARED)) needShared += 1;
        }
      }
      // A file that failed to load has no tests to count, but it failed.
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) counts.failed += 1;
    }
    if (needShared > 0) process.stdout.write(`\n${needShared} tests skipped: ${SHARED_SKIP_REASON}.`);
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
