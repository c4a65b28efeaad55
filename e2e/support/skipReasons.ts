import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter'

/**
 * Lists every skipped test with its reason (`test.skip(condition, why)`) after the run: the list
 * reporter shows only that a test skipped, and a test that does not run should say why.
 */
export default class SkipReasons implements Reporter {
  private readonly lines: string[] = []

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return
    const why = [...result.annotations, ...test.annotations].find((annotation) => annotation.type === 'skip')?.description
    this.lines.push(`  - ${test.titlePath().filter(Boolean).join(' › ')}: ${why ?? 'no reason given'}`)
  }

  onEnd(): void {
    if (this.lines.length > 0) console.log(`\nSkipped on this machine:\n${this.lines.join('\n')}`)
  }
}
