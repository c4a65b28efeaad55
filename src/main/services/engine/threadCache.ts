import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { availableParallelism, cpus, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../files'
import type { ThreadCalibration } from './threads'

/**
 * What a thread calibration depends on: the computer (its CPU, how many cores it offers, the
 * llama.cpp build and GPU back-end) and the model file (path, size, modification time). A change
 * to either means measuring again.
 */
export interface CalibrationKey {
  machine: {
    cpu: string
    cores: number
    memoryBytes: number
    platform: string
    arch: string
    /** node-llama-cpp's version and its llama.cpp release. */
    engine: string
    /** The compute back-end (`cpu`, `cuda`, `metal`, `vulkan`). */
    gpu: string
  }
  model: { path: string; sizeBytes: number; mtimeMs: number }
  /** The thread counts that were tried. */
  candidates: number[]
}

interface CacheFile {
  version: 1
  entries: Array<{ id: string; key: CalibrationKey; calibration: ThreadCalibration; at: number }>
}

const FILE_NAME = 'thread-calibration.json'
const MAX_ENTRIES = 64

export function machineFingerprint(engine: string, gpu: string): CalibrationKey['machine'] {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryBytes: totalmem(),
    platform: process.platform,
    arch: process.arch,
    engine,
    gpu,
  }
}

export async function calibrationKey(machine: CalibrationKey['machine'], modelFile: string, candidates: number[]): Promise<CalibrationKey> {
  const info = await stat(modelFile)
  return { machine, model: { path: resolve(modelFile), sizeBytes: info.size, mtimeMs: Math.round(info.mtimeMs) }, candidates: [...candidates] }
}

export function calibrationId(key: CalibrationKey): string {
  return createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 32)
}

/**
 * Thread calibrations kept in `<dir>/thread-calibration.json`, so `threads: 'auto'` is measured
 * once per computer and model, not at every start. A missing, unreadable or foreign file reads as
 * empty; writes replace the file atomically; failures to write are reported and otherwise ignored.
 */
export class ThreadCalibrationCache {
  private file: Promise<CacheFile> | null = null
  private writing: Promise<void> = Promise.resolve()

  constructor(private readonly dir: string) {}

  get path(): string {
    return join(this.dir, FILE_NAME)
  }

  async get(key: CalibrationKey): Promise<ThreadCalibration | null> {
    const id = calibrationId(key)
    const entry = (await this.read()).entries.find((e) => e.id === id)
    return entry ? { ...entry.calibration } : null
  }

  async set(key: CalibrationKey, calibration: ThreadCalibration): Promise<void> {
    const id = calibrationId(key)
    const file = await this.read()
    file.entries = [...file.entries.filter((e) => e.id !== id), { id, key, calibration, at: Date.now() }].slice(-MAX_ENTRIES)
    const write = this.writing.then(async () => {
      await mkdir(this.dir, { recursive: true, mode: PRIVATE_DIR_MODE })
      const temp = `${this.path}.${process.pid}.tmp`
      await writeFile(temp, `${JSON.stringify(file, null, 1)}\n`, { mode: PRIVATE_FILE_MODE })
      await rename(temp, this.path)
    })
    this.writing = write.catch(() => {})
    await write
  }

  private read(): Promise<CacheFile> {
    this.file ??= readFile(this.path, 'utf8').then(
      (text) => parseCacheFile(text),
      () => ({ version: 1 as const, entries: [] }),
    )
    return this.file
  }
}

function parseCacheFile(text: string): CacheFile {
  try {
    const data = JSON.parse(text) as Partial<CacheFile>
    if (data.version !== 1 || !Array.isArray(data.entries)) return { version: 1, entries: [] }
    const entries = data.entries.filter(
      (e) => typeof e?.id === 'string' && Number.isInteger(e.calibration?.threads) && e.calibration.threads >= 1 && typeof e.key === 'object',
    )
    return { version: 1, entries }
  } catch {
    return { version: 1, entries: [] }
  }
}
