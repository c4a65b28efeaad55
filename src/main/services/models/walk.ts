import type { Dirent } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

/** Shared across one walk: how many more directory entries may be read before giving up. */
export interface WalkBudget {
  entries: number
}

export interface WalkOptions {
  /** 1 = only files directly in `root`. */
  maxDepth: number
  budget: WalkBudget
  /** Which files to keep (by name); `.gguf` files by default. */
  accept?: (name: string) => boolean
}

const isGguf = (name: string) => name.toLowerCase().endsWith('.gguf')

/**
 * Files under `root`, for looking through other apps' folders quickly: bounded in depth and in
 * entries read, hidden folders skipped, symlinked files followed (the Hugging Face cache is made
 * of them) but symlinked folders not (they can loop or lead anywhere). A missing or unreadable
 * folder yields nothing, never an error.
 */
export async function findFiles(root: string, options: WalkOptions): Promise<string[]> {
  const accept = options.accept ?? isGguf
  const found: string[] = []
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (options.budget.entries <= 0) return
    let entries: Dirent[]
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch {
      return
    }
    options.budget.entries -= entries.length
    entries.sort((a, b) => a.name.localeCompare(b.name))
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        if (depth < options.maxDepth) await walk(path, depth + 1)
      } else if (accept(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && (await isFile(path))))) {
        found.push(path)
      }
    }
  }
  await walk(root, 1)
  return found
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false // dangling link
  }
}
