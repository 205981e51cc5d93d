/**
 * A Playwright reporter that prints one closing line, `e2e: N passed, N failed` (`, N skipped`
 * when any were), the plain summary CI reads.
 *
 * @module
 */
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

/** Counts final outcomes (a retried test counts once, by its last result). */
export class SummaryReporter implements Reporter {
  private readonly outcomes = new Map<string, TestResult["status"]>();

  onTestEnd(test: TestCase, result: TestResult): void {
    this.outcomes.set(test.id, result.status);
  }

  onEnd(_result: FullResult): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const status of this.outcomes.values()) {
      if (status === "passed") passed++;
      else if (status === "skipped") skipped++;
      else failed++;
    }
    const tail = skipped ? `, ${skipped} skipped` : "";
    process.stdout.write(`e2e: ${passed} passed, ${failed} failed${tail}\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}

// biome-ignore lint/style/noDefaultExport: Playwright loads a reporter module by its default export.
export default SummaryReporter;
