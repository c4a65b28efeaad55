import { AuraError } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import { formatBytes } from '../../../shared/units'
import { usableRamBytes, usableVramBytes, type FitHardware } from '../fit'

/** A loaded model as the budget sees it. */
export interface Resident {
  /** Its name in messages ("Qwen3 4B"). */
  name: string
  /** Its memory estimate (services/fit: weights, KV cache, compute buffers). */
  bytes: number
  /** In use now (writing a reply, embedding texts, loading): never unloaded to make room. */
  busy(): boolean
  /** Lets go of it; must also {@link ModelBudget.release} its key. */
  unload(): Promise<void>
}

/**
 * The memory the engine's models may use together (the chat model, an embedding model, later a
 * quick model for the router): what the fit estimate allows one model — RAM less headroom for the OS
 * and other apps, plus GPU memory a separate graphics card brings — shared by all of them.
 */
export function budgetBytes(hardware: FitHardware): number {
  const separateVram = hardware.gpus.filter((gpu) => !gpu.unifiedMemory).reduce((sum, gpu) => sum + usableVramBytes(gpu), 0)
  return usableRamBytes(hardware.ramTotalBytes) + separateVram
}

/**
 * Several models loaded at once within one memory budget. Admitting a model that does not fit next
 * to the others unloads the least recently used idle ones first, never one in use; when even that is
 * not enough, admission fails with a plain message. The bookkeeping is synchronous (two admissions
 * at once cannot both count the same free memory); only the unloads are awaited.
 */
export class ModelBudget {
  private readonly residents = new Map<string, Resident & { usedAt: number }>()
  private clock = 0

  constructor(private readonly limit: () => Promise<number>) {}

  /**
   * Makes room for `resident` under `key` (replacing what that key held) and counts it as loaded.
   * `force` (the user chose "load anyway") still unloads idle models, but admits even when the rest
   * does not fit. Throws `model_too_big` for a model bigger than the whole budget, `busy` when the
   * models in use leave too little room.
   */
  async admit(key: string, resident: Resident, options: { force?: boolean } = {}): Promise<void> {
    const limit = await this.limit()
    this.residents.delete(key)
    if (resident.bytes > limit && !options.force) {
      throw new AuraError(
        'model_too_big',
        words('engine.budgetTooBig', { model: resident.name, needed: formatBytes(resident.bytes), limit: formatBytes(limit) }),
      )
    }
    // Least recently used idle models first, until the newcomer fits.
    const victims: Array<[string, Resident]> = []
    let used = this.used()
    for (const [other, entry] of [...this.residents].sort(([, a], [, b]) => a.usedAt - b.usedAt)) {
      if (used + resident.bytes <= limit) break
      if (entry.busy()) continue
      victims.push([other, entry])
      used -= entry.bytes
    }
    if (used + resident.bytes > limit && !options.force) {
      const inUse = [...this.residents.values()].filter((entry) => entry.busy())
      const free = Math.max(0, limit - used)
      throw new AuraError(
        'busy',
        words('engine.budgetBusy', { model: resident.name, needed: formatBytes(resident.bytes), inUse: names(inUse), count: inUse.length, free: formatBytes(free) }),
        { needBytes: resident.bytes, freeBytes: free, inUse: inUse.map((entry) => entry.name) },
      )
    }
    for (const [other] of victims) this.residents.delete(other)
    this.residents.set(key, { ...resident, usedAt: ++this.clock })
    await Promise.all(victims.map(([, victim]) => victim.unload().catch(() => {})))
  }

  /** Marks `key` as just used (the least recently used idle model is unloaded first). */
  touch(key: string): void {
    const entry = this.residents.get(key)
    if (entry) entry.usedAt = ++this.clock
  }

  /** `key` was unloaded. */
  release(key: string): void {
    this.residents.delete(key)
  }

  /** What is loaded, most recently used last. */
  loaded(): Array<{ key: string; name: string; bytes: number }> {
    return [...this.residents].sort(([, a], [, b]) => a.usedAt - b.usedAt).map(([key, { name, bytes }]) => ({ key, name, bytes }))
  }

  private used(): number {
    let sum = 0
    for (const entry of this.residents.values()) sum += entry.bytes
    return sum
  }
}

function names(residents: Resident[]): string {
  const quoted = residents.map((r) => `"${r.name}"`)
  return quoted.length <= 1 ? (quoted[0] ?? 'other models') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`
}
