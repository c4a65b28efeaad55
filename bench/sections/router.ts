import { dryRunInput } from '../../src/main/services/router/dryRun'
import { LABELLED_PROMPTS } from '../../src/main/services/router/labelledPrompts'
import { decide } from '../../src/main/services/router/policy'
import type { BenchSection } from '../harness'
import { round } from '../harness'

/**
 * Routing decisions per second on the policy's labelled table: classify + decide (what `decide` does), as the app does
 * for each message (the inputs are built once, as the app's router gathers them once per message).
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
    const started = performance.now()
    while (performance.now() - started < ms) {
      pass()
      decisions += inputs.length
    }
    const seconds = (performance.now() - started) / 1000
    ctx.log(`router: ${decisions} decisions in ${seconds.toFixed(2)} s`)
    return { decisions_per_s: Math.round(decisions / seconds), prompts: inputs.length, ms_per_decision: round((seconds * 1000) / decisions, 4) }
  },
}
