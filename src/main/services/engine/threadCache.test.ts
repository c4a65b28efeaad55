import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeTinyLlama } from '../testing/tinyLlama'
import { LlamaEngine } from './llamaEngine'
import { calibrationKey, machineFingerprint, ThreadCalibrationCache } from './threadCache'

let dir: string
let modelFile: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-threads-'))
  modelFile = await writeTinyLlama(join(dir, 'tiny.gguf'), { seed: 21 })
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('ThreadCalibrationCache', () => {
  const calibration = { threads: 2, msPerToken: { 1: 3, 2: 1.5 }, tookMs: 40 }

  it('keeps a calibration per computer and model file across instances, in one JSON file', async () => {
    const cacheDir = join(dir, 'cache-a')
    const key = await calibrationKey(machineFingerprint('engine 1', 'cpu'), modelFile, [1, 2])
    await new ThreadCalibrationCache(cacheDir).set(key, calibration)
    const again = new ThreadCalibrationCache(cacheDir)
    expect(await again.get(key)).toEqual(calibration)
    const saved = JSON.parse(await readFile(join(cacheDir, 'thread-calibration.json'), 'utf8')) as { entries: unknown[] }
    expect(saved.entries).toHaveLength(1)
  })

  it('misses when the computer, the engine, the candidates or the model file change', async () => {
    const cacheDir = join(dir, 'cache-b')
    const machine = machineFingerprint('engine 1', 'cpu')
    const key = await calibrationKey(machine, modelFile, [1, 2])
    const cache = new ThreadCalibrationCache(cacheDir)
    await cache.set(key, calibration)
    expect(await cache.get(await calibrationKey({ ...machine, cores: machine.cores + 8 }, modelFile, [1, 2]))).toBeNull()
    expect(await cache.get(await calibrationKey({ ...machine, cpu: 'Another CPU' }, modelFile, [1, 2]))).toBeNull()
    expect(await cache.get(await calibrationKey(machineFingerprint('engine 2', 'cpu'), modelFile, [1, 2]))).toBeNull()
    expect(await cache.get(await calibrationKey(machineFingerprint('engine 1', 'vulkan'), modelFile, [1, 2]))).toBeNull()
    expect(await cache.get(await calibrationKey(machine, modelFile, [1]))).toBeNull()

    const copy = join(dir, 'copy.gguf')
    await writeFile(copy, await readFile(modelFile))
    const copyKey = await calibrationKey(machine, copy, [1, 2])
    await cache.set(copyKey, calibration)
    expect(await cache.get(copyKey)).toEqual(calibration)
    const later = new Date(Date.now() + 60_000)
    await utimes(copy, later, later) // the same path, a newer file
    expect(await cache.get(await calibrationKey(machine, copy, [1, 2]))).toBeNull()
    expect(await cache.get(key)).toEqual(calibration) // the other model's entry stays
  })

  it('reads a damaged file as empty and replaces it on the next save', async () => {
    const cacheDir = join(dir, 'cache-c')
    const key = await calibrationKey(machineFingerprint('engine 1', 'cpu'), modelFile, [1, 2])
    await new ThreadCalibrationCache(cacheDir).set(key, calibration)
    await writeFile(join(cacheDir, 'thread-calibration.json'), '{"version":1,"entries":[{"id":')
    const cache = new ThreadCalibrationCache(cacheDir)
    expect(await cache.get(key)).toBeNull()
    await cache.set(key, { ...calibration, threads: 1 })
    expect(await new ThreadCalibrationCache(cacheDir).get(key)).toMatchObject({ threads: 1 })
  })
})

describe('threads "auto" with a cache folder', () => {
  it('measures once per computer and model, reuses the result at the next start, and measures again for a changed file', async () => {
    const cacheDir = join(dir, 'engine-cache')
    const file = await writeTinyLlama(join(dir, 'auto.gguf'), { seed: 22 })
    const model = { id: 'auto', file }
    const start = async () => {
      const engine = new LlamaEngine({ gpu: false, idleUnloadMs: null, threadCandidates: [1, 2], cacheDir })
      try {
        await engine.load(model, { threads: 'auto', contextSize: 256 })
        return { threads: engine.status().threads, calibration: (await engine.threadCalibrations())[file] }
      } finally {
        await engine.dispose()
      }
    }

    const first = await start()
    expect(first.calibration?.fromCache).toBeFalsy()
    expect(Object.keys(first.calibration?.msPerToken ?? {})).toEqual(['1', '2'])
    expect(first.threads).toBe(first.calibration?.threads)

    // The saved pick is what a later start uses (made the other candidate here, to tell them apart).
    const path = join(cacheDir, 'thread-calibration.json')
    const saved = JSON.parse(await readFile(path, 'utf8')) as { entries: Array<{ calibration: { threads: number } }> }
    expect(saved.entries).toHaveLength(1)
    const other = first.threads === 1 ? 2 : 1
    saved.entries[0]!.calibration.threads = other
    await writeFile(path, JSON.stringify(saved))
    const second = await start()
    expect(second.calibration).toMatchObject({ fromCache: true, threads: other })
    expect(second.threads).toBe(other)

    // A changed model file (same path) is measured again.
    await writeTinyLlama(file, { seed: 23 })
    const later = new Date(Date.now() + 60_000)
    await utimes(file, later, later)
    const third = await start()
    expect(third.calibration?.fromCache).toBeFalsy()
    expect(Object.keys(third.calibration?.msPerToken ?? {})).toEqual(['1', '2'])
  })
})
