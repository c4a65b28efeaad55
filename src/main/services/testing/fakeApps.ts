/**
 * Other apps' model folders, built for tests the way those apps write them, with real GGUF files.
 */
import { createHash } from 'node:crypto'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { encodeTinyLlama, type TinyLlamaOptions } from './tinyLlama'

function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export interface OllamaModelSpec {
  model: string
  tag: string
  namespace?: string
  registry?: string
  /** The weights; a tiny llama by default. */
  weights?: Buffer
  llama?: TinyLlamaOptions
}

/**
 * Writes an Ollama model as `ollama pull` leaves it: the weights, template and params as
 * content-addressed blobs, and a manifest naming them. Returns the path of the weights blob.
 */
export async function writeOllamaModel(modelsDir: string, spec: OllamaModelSpec): Promise<string> {
  const weights = spec.weights ?? encodeTinyLlama(spec.llama)
  const template = '{{ .Prompt }}'
  const params = JSON.stringify({ stop: ['</s>'] })
  const config = JSON.stringify({ model_format: 'gguf', model_family: 'llama', file_type: 'F32' })
  const blobs = join(modelsDir, 'blobs')
  await mkdir(blobs, { recursive: true })
  const layer = async (mediaType: string, bytes: Buffer | string) => {
    const digest = sha256(bytes)
    await writeFile(join(blobs, `sha256-${digest}`), bytes)
    return { mediaType, digest: `sha256:${digest}`, size: Buffer.byteLength(bytes) }
  }
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: await layer('application/vnd.docker.container.image.v1+json', config),
    layers: [
      await layer('application/vnd.ollama.image.model', weights),
      await layer('application/vnd.ollama.image.template', template),
      await layer('application/vnd.ollama.image.params', params),
    ],
  }
  const manifestPath = join(modelsDir, 'manifests', spec.registry ?? 'registry.ollama.ai', spec.namespace ?? 'library', spec.model, spec.tag)
  await mkdir(dirname(manifestPath), { recursive: true })
  await writeFile(manifestPath, JSON.stringify(manifest))
  return join(blobs, `sha256-${sha256(weights)}`)
}

/**
 * Writes a file into the Hugging Face cache the way `huggingface_hub` does: the bytes in
 * `blobs/<sha256>`, a relative symlink in `snapshots/<revision>/<path>`, `refs/main` naming the
 * revision. Returns the snapshot path.
 */
export async function writeHfCacheFile(
  hubDir: string,
  repo: string,
  revision: string,
  pathInRepo: string,
  bytes: Buffer,
): Promise<string> {
  const repoDir = join(hubDir, `models--${repo.replace('/', '--')}`)
  const blob = join(repoDir, 'blobs', sha256(bytes))
  const snapshot = join(repoDir, 'snapshots', revision, pathInRepo)
  await mkdir(dirname(blob), { recursive: true })
  await mkdir(dirname(snapshot), { recursive: true })
  await mkdir(join(repoDir, 'refs'), { recursive: true })
  await writeFile(blob, bytes)
  await symlink(relative(dirname(snapshot), blob), snapshot)
  await writeFile(join(repoDir, 'refs', 'main'), revision)
  return snapshot
}
