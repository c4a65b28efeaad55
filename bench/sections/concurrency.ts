/**
 * concurrency: aggregate tokens/s through the engine (LlamaEngine.generate, LlamaChat per slot,
 * replies stepped together) with 1, 2, 4 and 8 requests at once on the synthetic F16 llama, one
 * thread; `ratio_4` ÷ node-llama-cpp's `sequence.evaluate` loops stepped together in sequence-id
 * order on one context (bench/lib/engineLoop.ts `steppedLoops`), same prompts, tokens and sampling;
 * with LLAMA_BATCHED_BENCH, also ÷ llama.cpp's `llama-batched-bench` at 4 parallel sequences.
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { LlamaModel } from 'node-llama-cpp'
import type { GenerateRequest } from '../../src/main/services/engine/inferenceEngine'
import { LlamaEngine } from '../../src/main/services/engine/llamaEngine'
import { median, round, type BenchContext, type BenchFigures, type BenchSection } from '../harness'
import { benchLlama, steppedLoops, STORY_PROMPTS, textOfTokens } from '../lib/engineLoop'
import { synthetic } from '../lib/modelFiles'

const CONTEXT_SIZE = 1024
const COUNTS = [1, 2, 4, 8] as const

export const section: BenchSection = {
  name: 'concurrency',
  async run(ctx) {
    const model = await synthetic(join(ctx.workDir, 'models'), ctx.smoke)
    const tokens = ctx.smoke ? 8 : 128
    const rounds = ctx.smoke ? 1 : 3
    ctx.log(`concurrency: ${model.source}, ${tokens} tokens per request, ${rounds} rounds`)
    const engine = new LlamaEngine({ gpu: false, idleUnloadMs: null, maxSlots: 8 })
    const llama = await benchLlama()
    const reference = await llama.loadModel({ modelPath: model.file })
    try {
      const ref = { file: model.file, id: model.id }
      const many = async (n: number): Promise<number> => {
        const startedAt = performance.now()
        const results = await Promise.all(
          STORY_PROMPTS.slice(0, n).map((prompt) =>
            engine.generate({ model: ref, messages: [{ role: 'user', content: prompt }], maxTokens: tokens, temperature: 0, threads: 1, contextSize: CONTEXT_SIZE }),
          ),
        )
        return results.reduce((sum, r) => sum + r.stats.tokens, 0) / ((performance.now() - startedAt) / 1000)
      }
      const stepped = () => steppedLoops(reference, STORY_PROMPTS.slice(0, 4), { tokens, contextSize: CONTEXT_SIZE, threads: 1 })
      await many(1) // loads the model
      await stepped()

      const tps: Record<number, number[]> = { 1: [], 2: [], 4: [], 8: [] }
      const referenceTps: number[] = []
      const ratios: number[] = []
      for (let round = 0; round < rounds; round++) {
        // Alternate which goes first, so drifts in machine speed hit both sides alike.
        if (round % 2 === 1) referenceTps.push(await stepped())
        for (const n of COUNTS) tps[n]!.push(await many(n))
        if (round % 2 === 0) referenceTps.push(await stepped())
        ratios.push(tps[4]!.at(-1)! / referenceTps.at(-1)!)
      }
      ctx.log(`concurrency: ${COUNTS.map((n) => `${n}: ${tps[n]!.map((v) => v.toFixed(1)).join(' ')}`).join(' | ')} | reference 4: ${referenceTps.map((v) => v.toFixed(1)).join(' ')} tok/s`)
      const figures: BenchFigures = { source: model.source, tokens_per_request: tokens }
      for (const n of COUNTS) figures[`tps_${n}`] = round(median(tps[n]!))
      figures.speedup_4 = round(median(tps[4]!) / median(tps[1]!), 3)
      figures.reference_tps_4 = round(median(referenceTps))
      figures.ratio_4 = round(median(ratios), 3)
      Object.assign(figures, await promptStall(model.file, reference, ctx))
      const batched = await batchedBench(model.file, tokens, ctx)
      if (batched !== null) {
        figures.batched_bench_tps_4 = round(batched)
        figures.ratio_batched_bench_4 = round(median(tps[4]!) / batched, 3)
      }
      return figures
    } finally {
      await engine.dispose()
      await reference.dispose()
    }
  },
}

/**
 * How long a reply being written waits between tokens while another request's long prompt is read
 * beside it (`writer_gap_ms_max`), against its usual gap (`writer_gap_ms_p50`) and the time one
 * full batch (512 tokens) of prompt takes to read alone (`prompt_batch_ms`).
 */
async function promptStall(file: string, model: LlamaModel, ctx: BenchContext): Promise<BenchFigures> {
  const engine = new LlamaEngine({ gpu: false, idleUnloadMs: null, maxSlots: 2 })
  const ask = (content: string, extra: Partial<GenerateRequest> = {}) =>
    engine.generate({ model: { id: 'synthetic', file }, messages: [{ role: 'user', content }], maxTokens: 1, temperature: 0, threads: 1, contextSize: 4096, ...extra })
  try {
    const batch = (await ask(textOfTokens(model, 512, 8))).stats.timeToFirstTokenMs
    const times: number[] = []
    let tenth!: () => void
    const tenTokens = new Promise<void>((resolve) => (tenth = resolve))
    const stop = new AbortController()
    const writer = ask(STORY_PROMPTS[0]!, { maxTokens: 1_000_000, signal: stop.signal, onText: () => times.push(performance.now()) === 10 && tenth() })
    await tenTokens
    const before = times.length
    await ask(textOfTokens(model, ctx.smoke ? 200 : 2000, 7))
    const after = times.length
    stop.abort()
    await writer
    const gaps = (from: number, to: number) => times.slice(from + 1, to + 1).map((t, i) => t - times[from + i]!)
    const reading = gaps(before - 1, after)
    return {
      prompt_batch_ms: round(batch),
      writer_gap_ms_p50: round(median(gaps(0, before - 1))),
      writer_gap_ms_max: round(Math.max(...reading)),
      writer_tokens_while_reading: after - before,
    }
  } finally {
    await engine.dispose()
  }
}

/** llama-batched-bench's aggregate generation speed with 4 parallel sequences, one thread, when LLAMA_BATCHED_BENCH names the binary. */
async function batchedBench(file: string, tokens: number, ctx: BenchContext): Promise<number | null> {
  const binary = process.env.LLAMA_BATCHED_BENCH
  if (!binary) return null
  try {
    const args = ['-m', file, '-c', String(CONTEXT_SIZE * 4), '-b', '512', '-ub', '512', '-npp', '16', '-ntg', String(tokens), '-npl', '4', '-t', '1', '--output-format', 'jsonl']
    // Its log goes to stdout or stderr depending on the llama.cpp version: read both.
    const { stdout, stderr } = await promisify(execFile)(binary, args, { maxBuffer: 16 << 20 })
    const rows = `${stdout}\n${stderr}`
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { pl?: number; speed_tg?: number })
    const row = rows.find((r) => r.pl === 4)
    return typeof row?.speed_tg === 'number' ? row.speed_tg : null
  } catch (error) {
    ctx.log(`concurrency: llama-batched-bench failed: ${String(error)}`)
    return null
  }
}
