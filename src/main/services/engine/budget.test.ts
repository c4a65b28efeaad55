import { describe, expect, it } from 'vitest'
import { budgetBytes, ModelBudget, type Resident } from './budget'

const MiB = 1024 ** 2
const GiB = 1024 ** 3

/** A resident that records its unload in `log` and releases itself, as the engine's do. */
function resident(budget: ModelBudget, key: string, bytes: number, log: string[], busy = false): Resident {
  return {
    name: key,
    bytes,
    busy: () => busy,
    unload: async () => {
      log.push(key)
      budget.release(key)
    },
  }
}

describe('ModelBudget', () => {
  it('unloads the least recently used idle models first, only as many as needed', async () => {
    const budget = new ModelBudget(async () => 100 * MiB)
    const log: string[] = []
    await budget.admit('a', resident(budget, 'a', 40 * MiB, log))
    await budget.admit('b', resident(budget, 'b', 30 * MiB, log))
    await budget.admit('c', resident(budget, 'c', 20 * MiB, log))
    budget.touch('a') // a is now the most recently used
    await budget.admit('d', resident(budget, 'd', 35 * MiB, log))
    expect(log).toEqual(['b'])
    expect(budget.loaded().map((m) => m.key)).toEqual(['c', 'a', 'd'])
  })

  it('never unloads a model in use, and says plainly why a new one cannot load', async () => {
    const budget = new ModelBudget(async () => 100 * MiB)
    const log: string[] = []
    await budget.admit('chat', { ...resident(budget, 'chat', 70 * MiB, log, true), name: 'Qwen3 4B' })
    await budget.admit('idle', resident(budget, 'idle', 20 * MiB, log))
    await expect(budget.admit('bge', { ...resident(budget, 'bge', 40 * MiB, log), name: 'BGE Small' })).rejects.toMatchObject({
      code: 'busy',
      message: '"BGE Small" needs about 40 MiB of memory, and while "Qwen3 4B" is in use this computer can spare only 30 MiB more. Wait for it to finish and try again, or choose a smaller model.',
    })
    // Refused: nothing was unloaded for it.
    expect(log).toEqual([])
    expect(budget.loaded().map((m) => m.key)).toEqual(['chat', 'idle'])
  })

  it('refuses a model bigger than the whole budget, unless the user chose to load it anyway', async () => {
    const budget = new ModelBudget(async () => 100 * MiB)
    const log: string[] = []
    await budget.admit('small', resident(budget, 'small', 10 * MiB, log))
    await expect(budget.admit('huge', resident(budget, 'huge', 200 * MiB, log))).rejects.toMatchObject({ code: 'model_too_big' })
    await budget.admit('huge', resident(budget, 'huge', 200 * MiB, log), { force: true })
    expect(log).toEqual(['small'])
    expect(budget.loaded().map((m) => m.key)).toEqual(['huge'])
  })

  it('plans with RAM less headroom, plus a separate graphics card’s memory', () => {
    expect(budgetBytes({ ramTotalBytes: 16 * GiB, gpus: [], gpuBackends: [] })).toBe(12 * GiB)
    const gpu = { vendor: 'NVIDIA', model: 'RTX', vramTotalBytes: 8 * GiB, vramFreeBytes: 8 * GiB, unifiedMemory: false }
    expect(budgetBytes({ ramTotalBytes: 16 * GiB, gpus: [gpu], gpuBackends: ['cuda'] })).toBeCloseTo(12 * GiB + 8 * GiB * 0.92, -3)
    expect(budgetBytes({ ramTotalBytes: 16 * GiB, gpus: [{ ...gpu, unifiedMemory: true }], gpuBackends: ['metal'] })).toBe(12 * GiB)
  })
})
