import { classify } from '../../src/main/services/router/classify'
import { dryRunInput } from '../../src/main/services/router/dryRun'
import { LABELLED_PROMPTS } from '../../src/main/services/router/labelledPrompts'
import { decide } from '../../src/main/services/router/policy'
import type { BenchSection } from '../harness'
import { median, round } from '../harness'

/** A 100k-character server log pasted with a question: the longest text classify reads whole. */
const PASTE = `${'2024-05-14T10:00:00Z INFO GET /api/orders 200 12ms\n'.repeat(2000)}\n\nWhat went wrong?`

/**
 * - `decisions_per_s`: routing decisions per second on the policy's labelled table: classify + decide
 *   (what `decide` does), as the app does for each message (the inputs are built once, as the app's
 *   router gathers them once per message).
 * - `classify_ratio`: classify on a long paste against `JSON.parse` of the same request as it comes
 *   off the wire, in calls per second (Aura ÷ reference): the classifier should cost about as much
 *   as reading the message, not a multiple of it.
 */
export const section: BenchSection = {
  name: 'router',
  async run(ctx) {
    const inputs = LABELLED_PROMPTS.map((prompt) => ({ ...dryRunInput(prompt.text, {}), request: { text: prompt.text, history: prompt.history ?? [] } }))
    const pass = () => {
      // `decide` classifies the request itself.
      for (const input of inputs) decide(input)
    }
    // Warm up the JIT, then time whole passes over the table for at least `ms`.
    for (let i = 0; i < (ctx.smoke ? 2 : 20); i++) pass()
    const ms = ctx.smoke ? 100 : 3_000
    let decisions = 0
    const cpuBefore = process.cpuUsage()
    const started = performance.now()
    while (performance.now() - started < ms) {
      pass()
      decisions += inputs.length
    }
    const seconds = (performance.now() - started) / 1000
    const cpu = process.cpuUsage(cpuBefore)
    ctx.log(`router: ${decisions} decisions in ${seconds.toFixed(2)} s`)
    return {
      decisions_per_s: Math.round(decisions / seconds),
      // On a busy machine the wall clock also counts time spent waiting for a core.
      decisions_per_cpu_s: Math.round(decisions / ((cpu.user + cpu.system) / 1e6)),
      prompts: inputs.length,
      ms_per_decision: round((seconds * 1000) / decisions, 4),
      ...classifyPaste(ctx.smoke),
    }
  },
}

/** Classify and the reference in rounds; the median of each round's ratio is reported (as decode does). */
function classifyPaste(smoke: boolean) {
  const request = { text: PASTE, history: [] }
  const wire = JSON.stringify(request)
  const calls = smoke ? 5 : 200
  const perCall = (run: () => unknown) => {
    const started = performance.now()
    for (let i = 0; i < calls; i++) run()
    return (performance.now() - started) / calls
  }
  const sides = { classify: () => classify(request), parse: () => JSON.parse(wire) as unknown }
  const ms: Record<keyof typeof sides, number[]> = { classify: [], parse: [] }
  const ratios: number[] = []
  const rounds = smoke ? 1 : 9
  // Round -1 warms up; then alternate which goes first, so drifts in machine speed hit both sides alike.
  for (let i = -1; i < rounds; i++) {
    const order = i % 2 === 0 ? (['classify', 'parse'] as const) : (['parse', 'classify'] as const)
    const run = { classify: 0, parse: 0 }
    for (const side of order) run[side] = perCall(sides[side])
    if (i < 0) continue
    ms.classify.push(run.classify)
    ms.parse.push(run.parse)
    ratios.push(run.parse / run.classify)
  }
  return {
    classify_ratio: round(median(ratios), 3),
    classify_paste_us: round(median(ms.classify) * 1000),
    json_parse_paste_us: round(median(ms.parse) * 1000),
    paste_chars: PASTE.length,
  }
}
