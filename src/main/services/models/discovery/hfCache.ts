/**
 * The Hugging Face cache: `models--<owner>--<name>/snapshots/<revision>/<path>` are symlinks into
 * `blobs/` (copies on Windows without developer mode); `refs/main` names the current revision.
 * Several revisions can share a blob, so files are de-duplicated by their real path.
 */
import { readdir, realpath } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { findFiles, type WalkBudget } from '../walk'
import { groupModelFiles, modelStem, readSmallText, type FoundModel } from './files'

export interface HfCacheModel extends FoundModel {
  /** `owner/name/path/in/repo` without `.gguf`. */
  name: string
}

/** GGUF files inside a snapshot sit at most a few folders deep (`Q4_K_M/part-00001-of-00002.gguf`). */
const SNAPSHOT_DEPTH = 3

export async function listHfCacheModels(hubDir: string, budget: WalkBudget): Promise<HfCacheModel[]> {
  let repos: string[]
  try {
    repos = (await readdir(hubDir)).filter((name) => name.startsWith('models--')).sort()
  } catch {
    return []
  }
  budget.entries -= repos.length
  const models: HfCacheModel[] = []
  const seen = new Set<string>()
  for (const repoDir of repos) {
    const repo = repoDir.slice('models--'.length).split('--').join('/')
    const snapshots = join(hubDir, repoDir, 'snapshots')
    const main = (await readSmallText(join(hubDir, repoDir, 'refs', 'main')))?.trim()
    let revisions: string[]
    try {
      revisions = await readdir(snapshots)
    } catch {
      continue
    }
    // The current revision first, so its path is the one offered when revisions share a file.
    revisions.sort((a, b) => Number(b === main) - Number(a === main) || a.localeCompare(b))
    for (const revision of revisions) {
      const root = join(snapshots, revision)
      const files = await findFiles(root, { maxDepth: SNAPSHOT_DEPTH, budget })
      for (const model of await groupModelFiles(files)) {
        const real = await realpath(model.file).catch(() => model.file)
        if (seen.has(real)) continue
        seen.add(real)
        const rel = relative(root, model.file).split(sep)
        const fileName = rel.pop() ?? ''
        models.push({ ...model, name: [repo, ...rel, modelStem(fileName)].join('/') })
      }
    }
  }
  return models
}
