// Prints why a test was skipped (Playwright's list reporter shows only "skipped"), so a run on a
// machine without Electron's binary says so plainly.
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SkipReasonReporter implements Reporter {
  private readonly reasons = new Set<string>();

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    for (const annotation of [...test.annotations, ...result.annotations]) {
      if (annotation.type === 'skip' && annotation.description) this.reasons.add(annotation.description);
    }
  }

  onEnd(): void {
    for (const reason of this.reasons) console.log(`SKIPPED: ${reason}`);
  }
}
