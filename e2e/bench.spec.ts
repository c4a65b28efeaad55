import { runBench, SECTIONS } from '../bench/run'
import { TARGETS } from '../bench/harness'
import { expect, test } from './support/aura'

/** The benchmark harness at tiny sizes: every section runs and reports every targeted figure (speeds are not asserted). */
test('npm run bench: every section runs at smoke size and reports its figures', async () => {
  test.setTimeout(300_000)
  const lines: string[] = []
  const results = await runBench({ smoke: true, log: (line) => lines.push(line) })
  expect(results.errors, lines.join('\n')).toEqual({})
  expect(Object.keys(results.seconds).sort()).toEqual(SECTIONS.map((s) => s.name).sort())
  for (const key of Object.keys(TARGETS)) expect(typeof results.figures[key], key).toBe('number')
  for (const model of ['stories260K', 'synthetic']) {
    for (const figure of ['app_tps', 'engine_tps', 'ratio']) expect(results.figures[`decode.${model}.${figure}`], `${model}.${figure}`).toBeGreaterThan(0)
  }
  expect(results.figures['startup.ready_ms']).toBeGreaterThan(0)
  for (const figure of ['aura_per_s', 'reference_per_s', 'ratio']) expect(results.figures[`embeddings.${figure}`], figure).toBeGreaterThan(0)
  // router.replay: Auto against all cloud; its savings are all cloud minus Auto, as the cost meter counts them.
  const replay = (figure: string) => results.figures[`router.replay.${figure}`] as number
  expect(replay('requests')).toBeGreaterThanOrEqual(20)
  expect(replay('auto_usd')).toBeGreaterThan(0)
  expect(replay('saved_usd')).toBeCloseTo(replay('all_cloud_usd') - replay('auto_usd'), 3)
})
