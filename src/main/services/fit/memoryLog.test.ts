/**
 * The estimate's record on this computer: real loads of generated GGUFs by the engine (threads: 1),
 * the memory llama.cpp reports for them set against the estimate.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LlamaEngine } from '../engine/llamaEngine'
import { writeTinyLlama } from '../testing/tinyLlama'
import { estimateError, LOADS_KEPT, MemoryLog, type MeasuredLoad } from './memoryLog'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-memlog-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('MemoryLog', () => {
  it('keeps the last 12 loads of each model and measures the largest error over the last 12 loads', async () => {
    const log = new MemoryLog(join(dir, 'kept', 'memory-estimates.json'))
    for (let i = 0; i < 15; i++) await log.record({ modelId: 'a', estimateBytes: 110, usedBytes: 100, at: i })
    await log.record({ modelId: 'b', estimateBytes: 95, usedBytes: 100, at: 100 })
    const loads = await log.loads()
    expect(loads.filter((l) => l.modelId === 'a').map((l) => l.at)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])
    expect(loads.filter((l) => l.modelId === 'b')).toHaveLength(1)
    expect(await log.error()).toEqual({ loads: LOADS_KEPT, withinPercent: 10 })
    expect(estimateError([])).toBeNull()
  })

  it('reads a damaged file as empty', async () => {
    const file = join(dir, 'damaged.json')
    const log = new MemoryLog(file)
    await log.record({ modelId: 'a', estimateBytes: 1, usedBytes: 1, at: 1 })
    await import('node:fs/promises').then((fs) => fs.writeFile(file, '{not json'))
    expect(await log.loads()).toEqual([])
  })
})

describe('after each load the engine records what the model and its context took', () => {
  it('records real loads of two tiny models against their estimates', async () => {
    const file = join(dir, 'engine', 'memory-estimates.json')
    const small = { id: 'small', file: await writeTinyLlama(join(dir, 'small.gguf'), { seed: 3 }) }
    const wide = { id: 'wide', file: await writeTinyLlama(join(dir, 'wide.gguf'), { seed: 4, layers: 4, embedding: 256, heads: 4, kvHeads: 2, feedForward: 768, contextLength: 8192 }) }
    const engine = new LlamaEngine({ gpu: false, idleUnloadMs: null, memoryLogFile: file, maxSlots: 1 })
    try {
      await engine.load(small, { threads: 1, contextSize: 1024 })
      await engine.load(wide, { threads: 1, contextSize: 4096 })
      await engine.load(wide, { threads: 1, contextSize: 2048 })
    } finally {
      await engine.dispose()
    }
    const loads = JSON.parse(await readFile(file, 'utf8')) as MeasuredLoad[]
    expect(loads.map((l) => l.modelId)).toEqual(['small', 'wide', 'wide'])
    for (const load of loads) {
      expect(load.usedBytes).toBeGreaterThan(0)
      expect(load.estimateBytes).toBeGreaterThan(0)
    }
    // A larger context takes more, measured and estimated alike.
    expect((loads[1] as MeasuredLoad).usedBytes).toBeGreaterThan((loads[2] as MeasuredLoad).usedBytes)
    const error = estimateError(loads)
    console.log('memory estimate error on this computer:', JSON.stringify(error), JSON.stringify(loads))
    expect(error?.loads).toBe(3)
  }, 120_000)
})
