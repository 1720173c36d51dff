/**
 * Ends the run with one plain line CI can read: "tests: N passed, N failed, N skipped".
 *
 * A file that fails outside its tests — it does not load, or a beforeAll hook throws (no browser,
 * no emulator) — counts as one failure: vitest then marks its tests "skipped", so counting tests
 * alone would print "0 failed" for a run in which nothing could start. An error vitest could not
 * attribute to any test counts as a failure too.
 */
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

export interface PlainSummary {
  passed: number;
  failed: number;
  skipped: number;
  /** files that failed outside any test (load error, failing hook), included in `failed` */
  failedFiles: number;
}

export function summarise(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown> = []): PlainSummary {
  const summary: PlainSummary = { passed: 0, failed: unhandledErrors.length, skipped: 0, failedFiles: 0 };
  for (const module of testModules) {
    let failedTests = 0;
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') summary.passed++;
      else if (state === 'failed') failedTests++;
      else summary.skipped++;
    }
    summary.failed += failedTests;
    if (module.state() === 'failed' && failedTests === 0) {
      summary.failed++;
      summary.failedFiles++;
    }
  }
  return summary;
}

export function summaryLine(s: PlainSummary): string {
  const files = s.failedFiles ? ` (${s.failedFiles} file${s.failedFiles === 1 ? '' : 's'} failed to load or start)` : '';
  return `tests: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped${files}`;
}

export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    process.stdout.write(`\n${summaryLine(summarise(testModules, unhandledErrors))}\n`);
  }
}
