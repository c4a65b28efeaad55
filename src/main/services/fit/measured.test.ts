/**
 * THE MEASURED TEST: the estimate against the memory node-llama-cpp actually uses, for generated
 * llamas of three sizes at two context sizes, on the CPU with one thread.
 *
 * "Used" is the growth of a fresh process's resident memory (RSS) from just before loading the model
 * to after creating the context and reading a 512-token prompt (a first chat turn). The model is
 * memory-mapped, as the engine loads it, so its pages count once read. Each measurement runs in its
 * own process (measureLoad.mjs): in one long-lived process the C allocator reuses buffers freed by
 * the previous model, which hid up to 30 MB. Also printed: llama.cpp's own account of its buffers
 * (model, KV cache, compute, output) and node-llama-cpp's GgufInsights estimate.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeTinyLlama, type TinyLlamaOptions } from '../testing/tinyLlama'
import { estimateFit, memoryNeeds } from './estimate'
import { readFitInput } from './modelFile'

/**
 * What must hold, whatever else the machine is doing: the KV cache exactly, and everything within 2%
 * of llama.cpp's own account of its buffers (which counts them whole). Against the measured RSS the
 * estimate must not be more than 10% under — the load guard relies on that. How far over it is
 * is printed, not asserted: the estimate is for a full context, and after one 512-token prompt part
 * of the compute buffer is reserved but not yet touched (+16% to +31% for the small model at 8192
 * tokens, depending on the machine's state) — a figure for the notes, not a pass/fail on a noisy box.
 */
const TOLERANCE_RSS_UNDER = 0.1
const TOLERANCE_BUFFERS = 0.02

const SHAPES: Array<{ name: string; options: TinyLlamaOptions }> = [
  { name: 'small (13 MB)', options: { layers: 4, embedding: 256, heads: 4, kvHeads: 2, feedForward: 768 } },
  { name: 'medium (56 MB)', options: { layers: 8, embedding: 384, heads: 6, kvHeads: 6, feedForward: 1024 } },
  { name: 'large (75 MB)', options: { layers: 6, embedding: 512, heads: 8, kvHeads: 4, feedForward: 1536 } },
]
const CONTEXTS = [1024, 8192]
const MiB = 1024 ** 2
const CHILD = fileURLToPath(new URL('./measureLoad.mjs', import.meta.url))

interface Measurement {
  usedBytes: number
  anonBytes: number
  fileBytes: number
  buffers: Record<string, number>
  simulatedBytes: number
}

async function measure(file: string, contextSize: number): Promise<Measurement> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', CHILD, file, String(contextSize)], { timeout: 60_000 })
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Measurement
}

let dir: string
const files = new Map<string, string>()

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-fit-'))
  for (const { name, options } of SHAPES) {
    files.set(name, await writeTinyLlama(join(dir, `${options.layers}x${options.embedding}.gguf`), { ...options, contextLength: 8192 }))
  }
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('memory estimate vs. measured (CPU, 1 thread)', () => {
  it('matches llama.cpp’s own buffers and never falls far under the memory used, for three model sizes at two context sizes', async () => {
    const rows: string[] = []
    const errors: number[] = []
    const checks: Array<() => void> = []
    for (const shape of SHAPES) {
      const file = files.get(shape.name) ?? ''
      const input = await readFitInput(file)
      for (const contextSize of CONTEXTS) {
        const estimate = estimateFit(input, contextSize, { ramTotalBytes: 64 * 1024 ** 3, gpus: [], gpuBackends: [] })
        const needs = memoryNeeds(input, contextSize)
        const m = await measure(file, contextSize)
        const allocated = Object.values(m.buffers).reduce((a, b) => a + b, 0)
        // The part of the estimate llama.cpp accounts for in its buffers.
        const estimatedBuffers = needs.weightsBytes + needs.kvCacheBytes + needs.computeBytes + 4 * input.vocabSize
        const error = (estimate.totalBytes - m.usedBytes) / m.usedBytes
        const bufferError = (estimatedBuffers - allocated) / allocated
        errors.push(error)
        rows.push(
          [
            `${shape.name.padEnd(14)} ${String(contextSize).padStart(5)}`,
            mb(estimate.totalBytes),
            `${mb(m.usedBytes)} (${mb(m.anonBytes)} + ${mb(m.fileBytes)} mapped)`,
            pct(error),
            `${mb(allocated)} ${pct(bufferError)}`,
            `${mb(m.simulatedBytes)} ${pct((m.simulatedBytes - m.usedBytes) / m.usedBytes)}`,
          ].join(' | '),
        )
        checks.push(() => {
          expect(estimate.kvCacheBytes, `${shape.name} @ ${contextSize}: KV cache`).toBe(m.buffers.KV)
          expect(Math.abs(bufferError), `${shape.name} @ ${contextSize} vs llama.cpp buffers`).toBeLessThan(TOLERANCE_BUFFERS)
          expect(error, `${shape.name} @ ${contextSize} vs RSS`).toBeGreaterThan(-TOLERANCE_RSS_UNDER)
        })
      }
    }
    const meanAbs = errors.reduce((a, b) => a + Math.abs(b), 0) / errors.length
    const worst = errors.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0)
    console.log(
      [
        'model            ctx | estimate | measured RSS growth (anonymous + mapped file) | error | llama.cpp buffers, estimate error | GgufInsights, error vs RSS',
        ...rows,
        `estimate vs measured: mean |error| ${pct(meanAbs).trim()}, worst ${pct(worst).trim()} (must not be more than ${TOLERANCE_RSS_UNDER * 100}% under)`,
      ].join('\n'),
    )
    for (const check of checks) check()
  })
})

function mb(bytes: number): string {
  return `${(bytes / MiB).toFixed(1)} MB`
}

function pct(ratio: number): string {
  return `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%`
}
