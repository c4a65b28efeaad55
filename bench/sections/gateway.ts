/**
 * gateway: Aura's API for other apps (services/gateway) measured as an app meets it — a real
 * listener on 127.0.0.1, a real app key, `fetch` reading the SSE answer of a streamed Chat
 * Completions request (bench/lib/sseClient.ts) — beside the engine's own figures in the same run:
 *
 * - `decode_ratio`: tokens/s of one streamed reply on the compute-bound synthetic F16 llama, from
 *   the first text delta's arrival to the last's, ÷ node-llama-cpp's `sequence.evaluate` loop
 *   (bench/lib/engineLoop.ts, as the decode section); `decode_ratio_engine` ÷ `LlamaEngine.generate`
 *   straight, on a slot kept under its own cacheKey as the API's replies are (what the API alone costs).
 * - `ttfb_overhead_ms_p50` / `_p95`: request → first SSE byte through the API, minus request →
 *   first text through `services.attempts` straight (plan + run, as the API's core calls them),
 *   the same one-token request on the tiny overhead-bound model, alternating; `ttfb_paused_…`: the
 *   same after a pause longer than the API reuses its models' list for (an agent's next request).
 * - `tps_<n>` / `engine_tps_<n>` / `ratio_<n>`: aggregate tokens/s of n clients at once (each its own
 *   key), ÷ the same n requests straight into the engine (the concurrency section's measure);
 *   `fairness_<n>`: the fewest ÷ the most text deltas a client had when the first client finished;
 *   `late_start_ms_<n>`: how long after the first client's first text the last client got its own
 *   (worst round; 0 when fair, about a whole reply when one client waits for the others).
 */
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { ChatTurn } from '../../src/main/services/engine/inferenceEngine'
import { LlamaEngine } from '../../src/main/services/engine/llamaEngine'
import { startRoute } from '../../src/main/services/chat/attempts'
import { createServices, type Services } from '../../src/main/services/createServices'
import { LIST_REUSE_MS } from '../../src/main/services/gateway/core'
import { startGateway, type GatewayServer } from '../../src/main/services/gateway/server'
import { memoryStore } from '../../src/main/services/testing/memoryStore'
import { median, percentile, round, type BenchContext, type BenchFigures, type BenchSection } from '../harness'
import { benchLlama, evaluateLoop, STORY_PROMPTS } from '../lib/engineLoop'
import { stories260K, synthetic, type BenchModel } from '../lib/modelFiles'
import { streamChat } from '../lib/sseClient'

const CONTEXT_SIZE = 1024
const COUNTS = [1, 2, 4, 8] as const

/** The API and the engine straight, on one set of services. */
interface Bench {
  services: Services
  server: GatewayServer
  /** An app key per client. */
  keys: string[]
  ctx: BenchContext
}

export const section: BenchSection = {
  name: 'gateway',
  async run(ctx) {
    const dataDir = join(ctx.workDir, 'data')
    const modelsDir = join(dataDir, 'models')
    const compute = await synthetic(modelsDir, ctx.smoke)
    const tiny = await stories260K(ctx.root, modelsDir)
    const services = createServices({
      shell: 'host',
      version: '0.0.0-bench',
      paths: { dataDir },
      // No cloud keys: every request is answered here. The engine as the concurrency section has it.
      env: {},
      engine: new LlamaEngine({ gpu: false, idleUnloadMs: null, maxSlots: 8 }),
      settingsStore: memoryStore({ modelsDir, threads: 1, temperature: 0, contextSize: CONTEXT_SIZE, responseCache: 'off', dailyBudget: null, monthlyBudget: null, confirmCostAbove: null }),
    })
    let server: GatewayServer | null = null
    try {
      server = await startGateway({ gateway: services.gateway, port: 0, logger: services.logger })
      const keys = STORY_PROMPTS.map((_, i) => services.apiKeys.create(`client ${i + 1}`).key)
      const bench: Bench = { services, server, keys, ctx }
      return { ...(await decode(bench, compute)), ...(await concurrency(bench, compute)), ...(await ttfb(bench, tiny)) }
    } finally {
      await server?.close()
      await services.dispose()
    }
  },
}

const user = (content: string): ChatTurn[] => [{ role: 'user', content }]

/** One request straight into the engine, as the API's requests reach it (same load options, so no reload). */
function engineReply(bench: Bench, model: BenchModel, prompt: string, tokens: number, cacheKey: string) {
  const { contextSize, kvCacheType } = bench.services.settings.get()
  const textAt: number[] = []
  return bench.services.engine
    .generate({ model: { id: model.id, file: model.file }, messages: user(prompt), maxTokens: tokens, temperature: 0, threads: 1, contextSize, kvCacheType, cacheKey, onText: () => textAt.push(performance.now()) })
    .then((result) => ({ tokens: result.stats.tokens, textAt }))
}

/** Tokens/s from the first piece of text to the last (the first token's wait is the prompt's). */
function rate(tokens: number, times: readonly number[]): number {
  const ms = times.length > 1 ? times.at(-1)! - times[0]! : 0
  return tokens > 1 && ms > 0 ? ((tokens - 1) * 1000) / ms : 0
}

async function decode(bench: Bench, model: BenchModel): Promise<BenchFigures> {
  const { ctx, server } = bench
  const tokens = ctx.smoke ? 16 : 128
  const rounds = ctx.smoke ? 1 : 5
  ctx.log(`gateway: decode on ${model.source}, ${tokens} tokens, ${rounds} rounds`)
  const reference = await (await benchLlama()).loadModel({ modelPath: model.file })
  try {
    const api = async () => {
      const reply = await streamChat(server.url, bench.keys[0]!, { model: model.id, messages: user(STORY_PROMPTS[0]!), max_tokens: tokens, temperature: 0 })
      return rate(reply.tokens, reply.deltaAt)
    }
    const engine = async () => {
      const reply = await engineReply(bench, model, STORY_PROMPTS[0]!, tokens, 'bench:engine')
      return rate(reply.tokens, reply.textAt)
    }
    const loop = async () => (await evaluateLoop(reference, { prompt: STORY_PROMPTS[0]!, tokens, contextSize: CONTEXT_SIZE, threads: 1, appSampler: true })).tokensPerSecond
    await api() // loads the model
    await loop()
    const sides = { api: [] as number[], engine: [] as number[], loop: [] as number[] }
    const ratios = { loop: [] as number[], engine: [] as number[] }
    const run = { api, engine, loop }
    for (let r = 0; r < rounds; r++) {
      // Rotate which goes first, so drifts in machine speed hit every side alike.
      const order = (['api', 'engine', 'loop'] as const).map((_, i, all) => all[(i + r) % all.length]!)
      for (const side of order) sides[side].push(await run[side]())
      ratios.loop.push(sides.api.at(-1)! / sides.loop.at(-1)!)
      ratios.engine.push(sides.api.at(-1)! / sides.engine.at(-1)!)
    }
    const list = (values: number[]) => values.map((v) => v.toFixed(1)).join(' ')
    ctx.log(`gateway: decode tok/s: API ${list(sides.api)} | engine ${list(sides.engine)} | evaluate loop ${list(sides.loop)}`)
    return {
      source: model.source,
      decode_tokens: tokens,
      decode_api_tps: round(median(sides.api)),
      decode_engine_tps: round(median(sides.engine)),
      decode_loop_tps: round(median(sides.loop)),
      // Each round's ratio, then the median: the runs of a round share the machine's mood.
      decode_ratio: round(median(ratios.loop), 3),
      decode_ratio_engine: round(median(ratios.engine), 3),
    }
  } finally {
    await reference.dispose()
  }
}

async function concurrency(bench: Bench, model: BenchModel): Promise<BenchFigures> {
  const { ctx, server } = bench
  const tokens = ctx.smoke ? 8 : 64
  const rounds = ctx.smoke ? 1 : 3
  ctx.log(`gateway: ${COUNTS.join(', ')} clients at once, ${tokens} tokens each, ${rounds} rounds`)
  const api = async (n: number) => {
    const startedAt = performance.now()
    const replies = await Promise.all(
      STORY_PROMPTS.slice(0, n).map((prompt, i) => streamChat(server.url, bench.keys[i]!, { model: model.id, messages: user(prompt), max_tokens: tokens, temperature: 0 })),
    )
    const seconds = (performance.now() - startedAt) / 1000
    // When the first client has its whole answer, how far the others are.
    const firstDone = Math.min(...replies.map((r) => r.deltaAt.at(-1) ?? Number.POSITIVE_INFINITY))
    const received = replies.map((r) => r.deltaAt.filter((at) => at <= firstDone).length)
    const fairness = Math.min(...received) / Math.max(...received)
    // How much later than the first client the last one got its first text.
    const firstTexts = replies.map((r) => r.deltaAt[0] ?? Number.POSITIVE_INFINITY)
    const lateStartMs = Math.max(...firstTexts) - Math.min(...firstTexts)
    // Who waited: each client's first and last text, in ms from the start.
    if (fairness < 0.5) ctx.log(`gateway: ${n} clients, unfair round: ${replies.map((r) => `${(r.deltaAt[0]! - startedAt).toFixed(0)}–${(r.deltaAt.at(-1)! - startedAt).toFixed(0)}`).join(' ')} ms`)
    return { tps: replies.reduce((sum, r) => sum + r.tokens, 0) / seconds, fairness, lateStartMs }
  }
  const engine = async (n: number) => {
    const startedAt = performance.now()
    const replies = await Promise.all(STORY_PROMPTS.slice(0, n).map((prompt, i) => engineReply(bench, model, prompt, tokens, `bench:engine:${i}`)))
    return replies.reduce((sum, r) => sum + r.tokens, 0) / ((performance.now() - startedAt) / 1000)
  }
  const figures: BenchFigures = { tokens_per_client: tokens }
  for (const n of COUNTS) {
    const tps: number[] = []
    const engineTps: number[] = []
    const ratios: number[] = []
    const fairness: number[] = []
    const lateStartMs: number[] = []
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 1) engineTps.push(await engine(n))
      const run = await api(n)
      tps.push(run.tps)
      fairness.push(run.fairness)
      lateStartMs.push(run.lateStartMs)
      if (r % 2 === 0) engineTps.push(await engine(n))
      ratios.push(tps.at(-1)! / engineTps.at(-1)!)
    }
    ctx.log(`gateway: ${n} clients: API ${tps.map((v) => v.toFixed(1)).join(' ')} | engine ${engineTps.map((v) => v.toFixed(1)).join(' ')} tok/s | fairness ${fairness.map((v) => v.toFixed(2)).join(' ')} | last first text after ${lateStartMs.map((v) => v.toFixed(0)).join(' ')} ms`)
    figures[`tps_${n}`] = round(median(tps))
    figures[`engine_tps_${n}`] = round(median(engineTps))
    figures[`ratio_${n}`] = round(median(ratios), 3)
    figures[`fairness_${n}`] = round(Math.min(...fairness), 3)
    figures[`late_start_ms_${n}`] = round(Math.max(...lateStartMs))
  }
  return figures
}

async function ttfb(bench: Bench, model: BenchModel): Promise<BenchFigures> {
  const { ctx, server, services } = bench
  const rounds = ctx.smoke ? 3 : 40
  const prompt = STORY_PROMPTS[1]!
  ctx.log(`gateway: time to first byte on ${model.source}, ${rounds} rounds`)
  const api = async () => {
    const reply = await streamChat(server.url, bench.keys[0]!, { model: model.id, messages: user(prompt), max_tokens: 1, temperature: 0 })
    return reply.firstByteAt - reply.sentAt
  }
  // What the API's core does for a streamed request, without HTTP, the key, the body and the SSE.
  const straight = async () => {
    const startedAt = performance.now()
    let firstAt: number | null = null
    const plan = await services.attempts.plan({ text: prompt, history: [] }, model.id)
    await services.attempts.run(plan, startRoute(plan), {
      signal: new AbortController().signal,
      conversationId: null,
      messageId: null,
      app: 'client 1',
      cacheKey: 'api:client 1',
      maxTokens: 1,
      temperature: 0,
      reply: {},
      retryWeak: false,
      onText: () => (firstAt ??= performance.now()),
      onSwitch: async () => {},
    })
    if (firstAt === null) throw new Error('services.attempts wrote no text')
    return firstAt - startedAt
  }
  await api() // loads the model
  await straight()
  // After a pause longer than the API reuses its models' list for: what an agent's next request meets.
  const pausedApiMs: number[] = []
  const pausedStraightMs: number[] = []
  for (let r = 0; r < (ctx.smoke ? 1 : 5); r++) {
    await sleep(LIST_REUSE_MS + 100)
    pausedApiMs.push(await api())
    await sleep(LIST_REUSE_MS + 100)
    pausedStraightMs.push(await straight())
  }
  const apiMs: number[] = []
  const straightMs: number[] = []
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 1) straightMs.push(await straight())
    apiMs.push(await api())
    if (r % 2 === 0) straightMs.push(await straight())
  }
  const list = (values: number[]) => values.map((v) => v.toFixed(1)).join(' ')
  ctx.log(`gateway: first byte ms: API ${list(apiMs)} | straight ${list(straightMs)}; after a pause: API ${list(pausedApiMs)} | straight ${list(pausedStraightMs)}`)
  return {
    ttfb_model: model.source,
    ttfb_api_ms_p50: round(median(apiMs)),
    ttfb_straight_ms_p50: round(median(straightMs)),
    ttfb_overhead_ms_p50: round(median(apiMs) - median(straightMs)),
    ttfb_overhead_ms_p95: round(percentile(apiMs, 0.95) - percentile(straightMs, 0.95)),
    ttfb_paused_api_ms_p50: round(median(pausedApiMs)),
    ttfb_paused_overhead_ms_p50: round(median(pausedApiMs) - median(pausedStraightMs)),
  }
}
