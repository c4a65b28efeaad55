import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EngineStatus } from '../../../shared/api'
import type { Logger } from '../ports'
import { encodeGguf, gguf } from '../testing/gguf'
import { buildTinyLlama, writeDamagedGguf, writeTinyLlama, writeTinyLlamaShards, type GgufDamage } from '../testing/tinyLlama'
import type { GenerateRequest, ModelRef } from './inferenceEngine'
import { LlamaEngine } from './llamaEngine'
import { rejection } from '../testing/rejection'

const STORIES = fileURLToPath(new URL('../../../../../shared/fixtures/models/stories260K.gguf', import.meta.url))

let dir: string
let base: ModelRef // no chat template, never stops by itself
let chatml: ModelRef // ChatML template
let stopsAtOnce: ModelRef // ends every reply at once
let engine: LlamaEngine
let logs: Array<{ message: string; data?: Record<string, unknown> }>

const logger: Logger = {
  info: (message, data) => logs.push({ message, data }),
  warn: (message, data) => logs.push({ message, data }),
  error: (message, data) => logs.push({ message, data }),
}

function request(model: ModelRef, overrides: Partial<GenerateRequest> = {}): GenerateRequest {
  return {
    model,
    messages: [{ role: 'user', content: 'Hello there, how are you?' }],
    maxTokens: 16,
    temperature: 0.7,
    threads: 1,
    contextSize: 4096, // more than the model's 2048: clamped
    ...overrides,
  }
}

function recordStatuses(target: LlamaEngine): { statuses: EngineStatus[]; stop: () => void } {
  const statuses: EngineStatus[] = []
  const stop = target.onStatus((s) => statuses.push(s))
  return { statuses, stop }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-engine-'))
  base = { id: 'base', file: await writeTinyLlama(join(dir, 'base.gguf'), { seed: 11 }) }
  chatml = { id: 'chatml', file: await writeTinyLlama(join(dir, 'chatml.gguf'), { seed: 12, chatTemplate: true }) }
  stopsAtOnce = { id: 'stops', file: await writeTinyLlama(join(dir, 'stops.gguf'), { seed: 13, eosBias: 40 }) }
  logs = []
  engine = new LlamaEngine({ gpu: false, logger, idleUnloadMs: null })
})

afterAll(async () => {
  await engine?.dispose()
  await rm(dir, { recursive: true, force: true })
})

describe('LlamaEngine', () => {
  it('loads on demand and streams a reply whose pieces make up the text', async () => {
    const { statuses, stop } = recordStatuses(engine)
    const pieces: string[] = []
    const result = await engine.generate(request(base, { maxTokens: 24, onText: (p) => pieces.push(p) }))
    stop()

    expect(pieces.length).toBeGreaterThan(3)
    expect(pieces.join('')).toBe(result.text)
    expect(result.text).toMatch(/[a-z]{2,}/i)
    expect(result.stopReason).toBe('max_tokens')
    expect(result.stats.tokens).toBe(24)
    expect(result.stats.tokensPerSecond).toBeGreaterThan(0)
    expect(result.stats.timeToFirstTokenMs).toBeGreaterThan(0)
    expect(statuses.map((s) => s.state)).toEqual(['loading', 'ready', 'generating', 'ready'])
    expect(statuses.at(-1)).toEqual({ state: 'ready', modelId: 'base', threads: 1 })
    expect(engine.status()).toEqual({ state: 'ready', modelId: 'base', threads: 1 })
  })

  it('gives each reply its own randomness unless the request names a seed', async () => {
    // node-llama-cpp seeds with the current second: two replies within it were word for word the same (a useless Regenerate).
    const ask = (seed?: number) => engine.generate(request(chatml, { temperature: 1.5, maxTokens: 24, ...(seed !== undefined && { seed }) }))
    const first = await ask()
    const second = await ask()
    expect(second.text).not.toBe(first.text)
    expect((await ask(5)).text).toBe((await ask(5)).text)
  })

  it('stops at maxTokens', async () => {
    const result = await engine.generate(request(base, { maxTokens: 5 }))
    expect(result.stopReason).toBe('max_tokens')
    expect(result.stats.tokens).toBe(5)
  })

  it('ends when the model ends its reply', async () => {
    const result = await engine.generate(request(stopsAtOnce, { maxTokens: 50 }))
    expect(result.stopReason).toBe('end')
    expect(result.stats.tokens).toBeLessThan(50)
  })

  it('stops midway when aborted, resolving with the partial text', async () => {
    const controller = new AbortController()
    const pieces: string[] = []
    const result = await engine.generate(
      request(base, {
        maxTokens: 2000,
        signal: controller.signal,
        onText: (piece) => {
          pieces.push(piece)
          if (pieces.length === 10) controller.abort()
        },
      }),
    )
    expect(result.stopReason).toBe('aborted')
    expect(result.text).toBe(pieces.join(''))
    expect(result.text.length).toBeGreaterThan(0)
    expect(result.stats.tokens).toBeGreaterThanOrEqual(10)
    expect(result.stats.tokens).toBeLessThan(100)
    // The slot is free once node-llama-cpp has finished its step, a moment after the answer.
    await expect.poll(() => engine.status().state).toBe('ready')
  })

  it('resolves at once, with no text, for a request aborted before it started', async () => {
    const controller = new AbortController()
    controller.abort()
    const result = await engine.generate(request(base, { signal: controller.signal }))
    expect(result).toMatchObject({ text: '', stopReason: 'aborted', stats: { tokens: 0 } })
  })

  it('resolves as aborted when aborted while the model is still loading', async () => {
    const other = new LlamaEngine({ gpu: false, idleUnloadMs: null })
    try {
      const controller = new AbortController()
      const pending = other.generate(request(chatml, { signal: controller.signal, maxTokens: 2000 }))
      await new Promise<void>((resolve) => {
        const stop = other.onStatus((s) => s.state === 'loading' && (stop(), resolve()))
      })
      controller.abort()
      const result = await pending
      expect(result.stopReason).toBe('aborted')
      expect(result.stats.tokens).toBe(0)
      // The load itself carried on and is used by the next request.
      const next = await other.generate(request(chatml, { maxTokens: 3 }))
      expect(next.stats.tokens).toBe(3)
      expect(other.diagnostics().modelLoads).toBe(1)
    } finally {
      await other.dispose()
    }
  })

  it('writes a second reply beside the first, but refuses to switch models under them', async () => {
    const controller = new AbortController()
    const first = engine.generate(request(base, { maxTokens: 100_000, signal: controller.signal }))
    expect((await engine.generate(request(base, { maxTokens: 3 }))).stats.tokens).toBe(3)
    const switching = await rejection(engine.load(chatml, { threads: 1, contextSize: 2048 }))
    expect(switching.code).toBe('busy')
    expect(switching.message).toMatch(/still writing a reply/)
    controller.abort()
    expect((await first).stopReason).toBe('aborted')
    expect((await engine.generate(request(base, { maxTokens: 3 }))).stats.tokens).toBe(3)
  })

  it('keeps one model loaded: loading another unloads the first; concurrent loads of one model share the load', async () => {
    await engine.unload()
    const before = engine.diagnostics().modelLoads
    const { statuses, stop } = recordStatuses(engine)
    await Promise.all([
      engine.load(chatml, { threads: 1, contextSize: 2048 }),
      engine.load(chatml, { threads: 1, contextSize: 2048 }),
    ])
    expect(engine.diagnostics().modelLoads).toBe(before + 1)
    await engine.load(chatml, { threads: 1, contextSize: 2048 }) // already loaded: nothing to do
    expect(engine.diagnostics().modelLoads).toBe(before + 1)

    await engine.generate(request(base, { maxTokens: 2 }))
    stop()
    expect(engine.diagnostics().modelLoads).toBe(before + 2)
    expect(statuses.map((s) => `${s.state}:${s.modelId ?? '-'}`)).toEqual([
      'loading:chatml',
      'ready:chatml',
      'idle:-', // chatml unloaded before base loads
      'loading:base',
      'ready:base',
      'generating:base',
      'ready:base',
    ])
  })

  it('recreates the context (not the model) when threads or context size change', async () => {
    await engine.load(base, { threads: 1, contextSize: 1024 })
    const before = engine.diagnostics()
    await engine.load(base, { threads: 2, contextSize: 1024 })
    expect(engine.status()).toEqual({ state: 'ready', modelId: 'base', threads: 2 })
    await engine.load(base, { threads: 2, contextSize: 512 })
    await engine.load(base, { threads: 2, contextSize: 512 })
    const after = engine.diagnostics()
    expect(after.modelLoads).toBe(before.modelLoads)
    expect(after.contextsCreated).toBe(before.contextsCreated + 2)
    await engine.load(base, { threads: 1, contextSize: 2048 })
  })

  it('measures the thread count for "auto"', async () => {
    const other = new LlamaEngine({ gpu: false, idleUnloadMs: null, threadCandidates: [1, 2] })
    try {
      await other.load(base, { threads: 'auto', contextSize: 1024 })
      const calibration = (await other.threadCalibrations())[base.file]
      expect(calibration).toBeDefined()
      expect(Object.keys(calibration?.msPerToken ?? {})).toEqual(['1', '2'])
      expect([1, 2]).toContain(calibration?.threads)
      expect(other.status().threads).toBe(calibration?.threads)
      // Measured once per model file.
      await other.load(base, { threads: 'auto', contextSize: 1024 })
      expect(other.diagnostics().contextsCreated).toBe(1)
    } finally {
      await other.dispose()
    }
  })

  it('reuses the evaluated conversation on the next turn instead of reading it all again', async () => {
    const first = [{ role: 'user' as const, content: 'The little cat went to the park with a red ball and a blue ball, and the dog saw the bird in the tree.' }]
    const reply = await engine.generate(request(base, { messages: first, maxTokens: 20, temperature: 0 }))
    const second = [...first, { role: 'assistant' as const, content: reply.text }, { role: 'user' as const, content: 'Hello world.' }]
    await engine.generate(request(base, { messages: second, maxTokens: 1, temperature: 0 }))
    const reused = engine.diagnostics().lastInputTokens

    const fresh = new LlamaEngine({ gpu: false, idleUnloadMs: null })
    try {
      await fresh.generate(request(base, { messages: second, maxTokens: 1, temperature: 0 }))
      const full = fresh.diagnostics().lastInputTokens
      expect(full).toBeGreaterThan(40)
      expect(reused).toBeLessThan(full / 2)
    } finally {
      await fresh.dispose()
    }
  })

  it('formats prompts with the model chat template, or as a plain continuation for base models', async () => {
    logs = []
    await engine.generate(request(chatml, { maxTokens: 4 }))
    const base1 = await engine.generate(request(base, { maxTokens: 4 }))
    const formats = logs.filter((l) => l.message === 'inference: context ready').map((l) => l.data?.chatFormat)
    expect(formats).toEqual(['ChatML', 'Continuation'])
    expect(base1.stats.tokens).toBe(4)
  })

  it('loads a split model from its first part', async () => {
    const parts = await writeTinyLlamaShards(join(dir, 'split'), 'tiny', 2, { seed: 11 })
    const result = await engine.generate(request({ id: 'split/tiny', file: parts[0] ?? '' }, { maxTokens: 4 }))
    expect(result.stats.tokens).toBe(4)
  })

  it.each<[GgufDamage, RegExp]>([
    ['truncated', /incomplete/],
    ['zero-length', /damaged or not a GGUF model/],
    ['wrong-magic', /damaged or not a GGUF model/],
    ['header-corrupted', /damaged or not a GGUF model/],
  ])('reports a %s file as model_invalid, keeping the loaded model', async (damage, message) => {
    await engine.load(base, { threads: 1, contextSize: 2048 })
    const loads = engine.diagnostics().modelLoads
    const file = await writeDamagedGguf(join(dir, `bad-${damage}.gguf`), damage)
    const error = await rejection(engine.generate(request({ id: `bad-${damage}`, file })))
    expect(error.code).toBe('model_invalid')
    expect(error.message).toMatch(message)
    expect(error.message).toMatch(/download it again/)
    expect(engine.status()).toEqual({ state: 'ready', modelId: 'base', threads: 1 })
    expect((await engine.generate(request(base, { maxTokens: 3 }))).stats.tokens).toBe(3)
    expect(engine.diagnostics().modelLoads).toBe(loads)
  })

  it('reports a missing file as model_not_found', async () => {
    const error = await rejection(engine.load({ id: 'gone', file: join(dir, 'gone.gguf') }, { threads: 1, contextSize: 512 }))
    expect(error.code).toBe('model_not_found')
  })

  it('reports a model llama.cpp cannot load as model_load_failed, in plain words', async () => {
    // Well-formed, of a known architecture, every layer there, but without its final norm: only loading finds it.
    const { metadata, tensors } = buildTinyLlama()
    const file = join(dir, 'no-output-norm.gguf')
    await writeFile(file, encodeGguf(metadata, tensors.filter((tensor) => tensor.name !== 'output_norm.weight')))
    const error = await rejection(engine.load({ id: 'no-output-norm', file }, { threads: 1, contextSize: 512 }))
    expect(error.code).toBe('model_load_failed')
    expect(error.message).toMatch(/could not load "Aura Tiny Llama"/)
    expect(error.message).toMatch(/smaller or more common model|close other apps/)
    expect(engine.status()).toEqual({ state: 'idle', modelId: null, threads: null })
    expect((await engine.generate(request(base, { maxTokens: 2 }))).stats.tokens).toBe(2)

    // An architecture llama.cpp does not know is refused before llama.cpp is asked.
    const unknown = join(dir, 'unknown-arch.gguf')
    const renamed = metadata.map(([key, value]) =>
      key === 'general.architecture' ? ([key, gguf.str('aura-unknown')] as const) : ([key.replace(/^llama\./, 'aura-unknown.'), value] as const),
    )
    await writeFile(unknown, encodeGguf(renamed, tensors))
    const refused = await rejection(engine.load({ id: 'unknown-arch', file: unknown }, { threads: 1, contextSize: 512 }))
    expect(refused.code).toBe('model_invalid')
    expect(refused.message).toMatch(/of the kind "aura-unknown", which this version of Aura cannot run/)
  })

  it('shuts down even after llama.cpp failed to load a model', async () => {
    // node-llama-cpp 3.21 can keep a hold on its instance after a failed load, so that its
    // dispose() never returns; the engine gives up waiting instead of keeping Aura from quitting.
    const { metadata, tensors } = buildTinyLlama()
    const file = join(dir, 'no-output-norm-2.gguf')
    await writeFile(file, encodeGguf(metadata, tensors.filter((tensor) => tensor.name !== 'output_norm.weight')))
    const own = new LlamaEngine({ gpu: false })
    expect((await rejection(own.load({ id: 'no-output-norm-2', file }, { threads: 1, contextSize: 512 }))).code).toBe('model_load_failed')
    await own.generate(request(base, { maxTokens: 2 }))
    const started = performance.now()
    await own.dispose()
    expect(performance.now() - started).toBeLessThan(8_000)
  }, 20_000)

  it('finishes shutting down when nothing else keeps the process alive, even once the failed model was garbage collected', async () => {
    // The soak's hang (issue 12): after a failed load and a garbage collection, llama.cpp's dispose
    // never settles. In a process with nothing else to do, the engine's wait for it must still end,
    // or Node exits in the middle of dispose() with code 0 and the code after it never runs.
    // Every header check passes; llama.cpp refuses it when loading (a tensor it needs is missing).
    const { metadata, tensors } = buildTinyLlama()
    const file = join(dir, 'missing-tensor.gguf')
    await writeFile(file, encodeGguf(metadata, tensors.map((t) => (t.name === 'blk.0.attn_q.weight' ? { ...t, name: 'blk.0.attn_x.weight' } : t))))
    const script = join(dir, 'dispose-after-gc.ts')
    await writeFile(
      script,
      `import { setFlagsFromString } from 'node:v8'
      import { runInNewContext } from 'node:vm'
      import { LlamaEngine } from ${JSON.stringify(fileURLToPath(new URL('./llamaEngine.ts', import.meta.url)))}
      setFlagsFromString('--expose-gc')
      const gc = runInNewContext('gc') as () => void
      const engine = new LlamaEngine({ gpu: false, idleUnloadMs: null })
      await engine.load({ id: 'good', file: ${JSON.stringify(base.file)} }, { threads: 1, contextSize: 256 })
      await engine.load({ id: 'bad', file: ${JSON.stringify(file)} }, { threads: 1, contextSize: 256 }).then(
        () => console.log('loaded the bad model'),
        (error: { code?: string }) => console.log('refused:', error.code),
      )
      for (let i = 0; i < 5; i++) {
        gc()
        await new Promise((resolve) => setImmediate(resolve))
      }
      await engine.dispose()
      console.log('disposed')`,
    )
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'jiti/register', script], {
      cwd: fileURLToPath(new URL('../../../..', import.meta.url)),
      timeout: 30_000,
    })
    expect(stdout.trim().split('\n')).toEqual(['refused: model_load_failed', 'disposed'])
  }, 40_000)

  it('rejects requests with bad settings or nothing to reply to', async () => {
    expect((await rejection(engine.load(base, { threads: 0, contextSize: 512 }))).code).toBe('invalid_input')
    expect((await rejection(engine.generate(request(base, { messages: [] })))).code).toBe('invalid_input')
  })

  it('stops the reply in progress when unloading', async () => {
    const pending = engine.generate(request(base, { maxTokens: 100_000 }))
    await new Promise<void>((resolve) => {
      const stop = engine.onStatus((s) => s.state === 'generating' && (stop(), resolve()))
    })
    await engine.unload()
    expect((await pending).stopReason).toBe('aborted')
    expect(engine.status()).toEqual({ state: 'idle', modelId: null, threads: null })
  })

  it('unloads an idle model after the idle time', async () => {
    const idle = new LlamaEngine({ gpu: false, idleUnloadMs: 150 })
    try {
      await idle.generate(request(base, { maxTokens: 2 }))
      expect(idle.status().state).toBe('ready')
      await new Promise<void>((resolve) => {
        const stop = idle.onStatus((s) => s.state === 'idle' && (stop(), resolve()))
      })
      expect(idle.status().modelId).toBeNull()
    } finally {
      await idle.dispose()
    }
  })

  it('refuses work after dispose', async () => {
    const gone = new LlamaEngine({ gpu: false })
    await gone.dispose()
    expect((await rejection(gone.generate(request(base)))).code).toBe('internal')
  })

  it('writes a story with the stories260K fixture', async (ctx) => {
    ctx.skip(!existsSync(STORIES), `needs stories260K.gguf at ${STORIES} (the shared folder beside the repository)`)
    const pieces: string[] = []
    const result = await engine.generate(
      request(
        { id: 'stories260K', file: STORIES },
        {
          messages: [{ role: 'user', content: 'Once upon a time, there was a little girl named Lily.' }],
          maxTokens: 200,
          onText: (p) => pieces.push(p),
        },
      ),
    )
    expect(pieces.join('')).toBe(result.text)
    // A continuation of the story in English, not chat-format debris.
    expect(result.text.split(/\s+/).length).toBeGreaterThan(10)
    expect(result.text).toMatch(/\b(the|was|she|her|and)\b/i)
    expect(result.text).not.toMatch(/###|\[INST\]|<s>|<\/s>/)
    expect(['end', 'max_tokens']).toContain(result.stopReason)
  })
})
