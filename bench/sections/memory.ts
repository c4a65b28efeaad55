/**
 * memory: peak memory of 4 sequences of 4,096 tokens on the generated ~148M F16 llama, with an f16
 * and a q8_0 KV cache, against the fit estimate the engine plans with (services/fit). Each type is
 * measured in a fresh child process (services/fit/measureLoad.mjs) so one run's peak and freed
 * buffers never mix with the other's: the figure is the process's peak resident memory (VmHWM)
 * after loading, creating the context and reading 4,096 tokens into each sequence, less its
 * resident memory before loading. Flash attention as the engine chooses it (on: q8_0 needs it).
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { round, type BenchFigures, type BenchSection } from '../harness'
import { SYNTHETIC_FULL } from '../lib/modelFiles'
import { contextShape, memoryNeeds, readFitInput, type KvCacheType } from '../../src/main/services/fit'
import { writeTinyLlama } from '../../src/main/services/testing/tinyLlama'

const CHILD = join(import.meta.dirname, '../../src/main/services/fit/measureLoad.mjs')
const MiB = 1024 ** 2
const SEQUENCES = 4
const CPU = { ramTotalBytes: 64 * 1024 ** 3, gpus: [], gpuBackends: [] }

interface Measurement {
  peakBytes: number
  usedBytes: number
  buffers: Record<string, number>
  flashAttention: boolean | 'auto'
}

export const section: BenchSection = {
  name: 'memory',
  async run(ctx) {
    const contextSize = ctx.smoke ? 256 : 4096
    const file = join(ctx.workDir, 'synthetic.gguf')
    // Smoke: a small model with heads of 64 values (a q8_0 block holds 32).
    await writeTinyLlama(file, ctx.smoke ? { layers: 2, embedding: 128, heads: 2, kvHeads: 2, feedForward: 256, tensorType: 'f16', contextLength: 1024 } : { ...SYNTHETIC_FULL, contextLength: 8192 })
    const input = await readFitInput(file)
    const figures: BenchFigures = { model: ctx.smoke ? 'generated tiny F16 llama (smoke)' : 'generated ~150M-parameter F16 llama', sequences: SEQUENCES, context_tokens: contextSize }
    const peaks: Partial<Record<KvCacheType, number>> = {}
    for (const type of ['f16', 'q8_0'] as const) {
      const shape = contextShape(input, type, CPU, SEQUENCES)
      const needs = memoryNeeds(input, contextSize, shape)
      const options = { sequences: SEQUENCES, kvCacheType: type === 'q8_0' ? 'Q8_0' : 'F16', flashAttention: shape.flashAttention, fill: contextSize }
      const started = performance.now()
      const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', CHILD, file, String(contextSize), JSON.stringify(options)], {
        timeout: 30 * 60_000,
        maxBuffer: 16 * MiB,
      })
      const m = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Measurement
      ctx.log(`memory: ${type}: peak +${mib(m.peakBytes)} MiB, estimate ${mib(needs.totalBytes)} MiB, KV ${mib(m.buffers.KV ?? 0)} MiB (${Math.round((performance.now() - started) / 1000)} s)`)
      peaks[type] = m.peakBytes
      Object.assign(figures, {
        [`${type}_peak_mib`]: mib(m.peakBytes),
        [`${type}_estimate_mib`]: mib(needs.totalBytes),
        [`${type}_over_estimate`]: round(m.peakBytes / needs.totalBytes, 3),
        [`${type}_kv_mib`]: mib(m.buffers.KV ?? 0),
        [`${type}_kv_estimate_mib`]: mib(needs.kvCacheBytes),
        [`${type}_compute_mib`]: mib(m.buffers.compute ?? 0),
        [`${type}_flash_attention`]: String(m.flashAttention),
      })
    }
    figures.q8_0_over_f16 = round((peaks.q8_0 ?? 0) / (peaks.f16 ?? 1), 3)
    return figures
  },
}

function mib(bytes: number): number {
  return Math.round((bytes / MiB) * 10) / 10
}
