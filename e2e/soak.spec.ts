import { runSoak, SECTIONS } from '../soak/run'
import { expect, test } from './support/aura'

/**
 * The fault-injection soak at small sizes (`npm run soak` runs the same code at full size): every
 * section runs, every fault is injected at least once, and every outcome is right.
 */
test('npm run soak: every section at small size, every injected fault ends right', async () => {
  test.setTimeout(240_000)
  const lines: string[] = []
  const results = await runSoak({ small: true, log: (line) => lines.push(line) })
  expect(results.errors, lines.join('\n')).toEqual({})
  expect(Object.keys(results.findings).sort()).toEqual(SECTIONS.map((s) => s.name).sort())
  expect(SECTIONS.map((s) => s.name).sort()).toEqual(['cloud', 'conversations', 'downloads', 'files', 'memory', 'models'])
  for (const [section, findings] of Object.entries(results.findings)) {
    expect(findings.length, section).toBeGreaterThan(0)
    for (const finding of findings) {
      expect(finding.injected, `${section}: ${finding.fault}`).toBeGreaterThan(0)
      expect({ fault: finding.fault, passed: finding.passed, failures: finding.failures }).toEqual({
        fault: finding.fault,
        passed: finding.injected,
        failures: [],
      })
    }
  }
})
