/**
 * Ollama keeps models content-addressed: `manifests/<registry>/<namespace>/<model>/<tag>` is a JSON
 * manifest whose layer of media type `application/vnd.ollama.image.model` names the weights by
 * digest, stored as `blobs/sha256-<hex>` — a plain GGUF file that Aura can load in place.
 */
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { hasGgufMagic, readSmallJson } from './files'
import type { WalkBudget } from '../walk'

const MODEL_LAYER = 'application/vnd.ollama.image.model'
const DEFAULT_REGISTRY = 'registry.ollama.ai'

export interface OllamaModel {
  /** As `ollama list` shows it: `llama3.2:3b`, `someone/model:tag`, `hf.co/owner/repo:Q4_K_M`. */
  names: string[]
  /** The blob holding the weights. */
  file: string
  sizeBytes: number
}

async function subdirs(dir: string, budget: WalkBudget): Promise<string[]> {
  if (budget.entries <= 0) return []
  try {
    const entries = await readdir(dir, { withFileTypes: true })
    budget.entries -= entries.length
    return entries.filter((e) => !e.name.startsWith('.')).map((e) => e.name)
  } catch {
    return []
  }
}

function ollamaName(registry: string, namespace: string, model: string, tag: string): string {
  const repo = namespace === 'library' ? model : `${namespace}/${model}`
  return registry === DEFAULT_REGISTRY ? `${repo}:${tag}` : `${registry}/${namespace}/${model}:${tag}`
}

/** The blob of a `sha256:<hex>` digest: `sha256-<hex>` (older Ollama versions used `sha256:<hex>`). */
async function blobPath(modelsDir: string, digest: unknown): Promise<{ file: string; sizeBytes: number } | null> {
  if (typeof digest !== 'string') return null
  const match = /^sha256[:-]([a-f0-9]{64})$/.exec(digest)
  if (!match) return null
  for (const name of [`sha256-${match[1]}`, `sha256:${match[1]}`]) {
    const file = join(modelsDir, 'blobs', name)
    try {
      const info = await stat(file)
      if (info.isFile()) return { file, sizeBytes: info.size }
    } catch {
      // try the other spelling
    }
  }
  return null
}

/** The GGUF models in an Ollama models folder (one entry per blob, with every name that uses it). */
export async function listOllamaModels(modelsDir: string, budget: WalkBudget): Promise<OllamaModel[]> {
  const manifests = join(modelsDir, 'manifests')
  const byFile = new Map<string, OllamaModel>()
  for (const registry of await subdirs(manifests, budget)) {
    for (const namespace of await subdirs(join(manifests, registry), budget)) {
      for (const model of await subdirs(join(manifests, registry, namespace), budget)) {
        for (const tag of await subdirs(join(manifests, registry, namespace, model), budget)) {
          const manifest = (await readSmallJson(join(manifests, registry, namespace, model, tag))) as { layers?: unknown } | null
          const layers = Array.isArray(manifest?.layers) ? (manifest.layers as Array<Record<string, unknown>>) : []
          const layer = layers.find((l) => l && typeof l === 'object' && l.mediaType === MODEL_LAYER)
          const blob = await blobPath(modelsDir, layer?.digest)
          if (!blob) continue
          const name = ollamaName(registry, namespace, model, tag)
          const known = byFile.get(blob.file)
          if (known) known.names.push(name)
          else if (await hasGgufMagic(blob.file)) byFile.set(blob.file, { names: [name], ...blob })
        }
      }
    }
  }
  const models = [...byFile.values()]
  for (const model of models) model.names.sort(byPreferredName)
  return models
}

/** A specific tag ("3b") reads better than "latest"; otherwise alphabetical. */
function byPreferredName(a: string, b: string): number {
  const latest = (name: string) => (name.endsWith(':latest') ? 1 : 0)
  return latest(a) - latest(b) || a.localeCompare(b)
}

/** The models folder of an Ollama blob path (`<models>/blobs/sha256-…`), or null for other files. */
export function ollamaModelsDirOfBlob(file: string): string | null {
  const match = /^(.*)[\\/]blobs[\\/]sha256[-:][a-f0-9]{64}$/.exec(file)
  return match?.[1] ?? null
}
