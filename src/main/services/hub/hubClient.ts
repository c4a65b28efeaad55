/**
 * Talks to the Hugging Face Hub (or whatever speaks its routes: the test Hub, a mirror) through
 * `@huggingface/hub`: search for GGUF repos, list a repo's GGUF files, and resolve a file to what
 * the downloader needs. The library follows the Hub's API (paging, new fields); Aura's timeouts,
 * retries and plain-words errors come in through the fetch it is given ({@link hubFetch}).
 */
import { HubApiError, listFiles, listModels, type ListFileEntry } from '@huggingface/hub'
import { AuraError, type ConnectionPurpose, type HubFile, type HubRepo } from '../../../shared/api'
import type { Fetcher } from '../network'
import { isGguf, isMmproj, quantFromFileName, splitName, splitPartNames } from './ggufNames'
import { badAnswer, notFound, unreachable } from './hubErrors'
import { hubFetch, type HubFetchOptions, type HubRequestAbout } from './hubFetch'
import type { HubFileSource, HubResolver } from './types'

export interface HubClientOptions extends HubFetchOptions {
  /** The Hub URL from settings; `AURA_HF_ENDPOINT` in `env` overrides it. Read on every call: settings can change. */
  hubUrl: () => string
  /** The user's Hugging Face token for this Hub address, if any (a token is sent only where it was saved for). */
  token?: (hubUrl: string) => string | null
  /** Where `AURA_HF_ENDPOINT` is read; process.env by default (the library itself reads no endpoint variable). */
  env?: Record<string, string | undefined>
  /** Most repos a search returns. Default 50. */
  searchLimit?: number
  /** The privacy log's fetch, given each request's purpose; `fetch` (or the global one) without it. */
  fetcher?: Fetcher
}

const SHA256 = /^[0-9a-f]{64}$/

export class HubClient implements HubResolver {
  private readonly env: Record<string, string | undefined>

  constructor(private readonly options: HubClientOptions) {
    this.env = options.env ?? process.env
  }

  /** The Hub URL in effect, without a trailing slash. */
  hubUrl(): string {
    const url = this.env.AURA_HF_ENDPOINT?.trim() || this.options.hubUrl()
    return url.replace(/\/+$/, '')
  }

  headers(): Record<string, string> {
    const token = this.token()
    return token ? { Authorization: `Bearer ${token}` } : {}
  }

  /** GGUF repos matching `query`, most downloaded first. */
  async search(query: string): Promise<HubRepo[]> {
    const models = listModels({
      search: { query: query.trim(), tags: ['gguf'] },
      sort: 'downloads',
      limit: this.options.searchLimit ?? 50,
      ...this.library({}, 'hub_search'),
    })
    const repos: HubRepo[] = []
    await plainly(async () => {
      for await (const model of models) {
        if (typeof model.name !== 'string' || model.private) continue
        const updated = model.updatedAt instanceof Date && !Number.isNaN(model.updatedAt.getTime()) ? model.updatedAt : null
        repos.push({
          repo: model.name,
          downloads: typeof model.downloads === 'number' ? model.downloads : null,
          likes: typeof model.likes === 'number' ? model.likes : null,
          updatedAt: updated?.toISOString() ?? null,
          gated: Boolean(model.gated) && String(model.gated) !== 'false',
        })
      }
    })
    return repos
  }

  /**
   * The repo's model files: one entry per single .gguf and one per complete split set (first part,
   * total size, part count). Vision projectors (mmproj) are left out: they are not models to chat with.
   * Smallest first.
   */
  async files(repo: string): Promise<HubFile[]> {
    const tree = await this.tree(repo, 'hub_files')
    const files = new Map(tree.map((entry) => [entry.path, entry]))
    const result: HubFile[] = []
    for (const entry of tree) {
      if (!isGguf(entry.path) || isMmproj(entry.path)) continue
      const split = splitName(entry.path)
      if (split && split.part !== 1) continue
      const parts = split ? splitPartNames(split).map((name) => files.get(name)) : [entry]
      if (parts.some((part) => !part)) continue // an incomplete split set cannot be loaded
      const sizes = parts.map((part) => sizeOf(part!))
      result.push({
        file: entry.path,
        quant: quantFromFileName(entry.path),
        sizeBytes: sizes.every((size) => size !== null) ? sizes.reduce<number>((a, b) => a + b!, 0) : null,
        parts: parts.length,
      })
    }
    return result.sort((a, b) => (a.sizeBytes ?? Infinity) - (b.sizeBytes ?? Infinity) || a.file.localeCompare(b.file))
  }

  /**
   * The parts to download for `file` (all parts of a split set, in order, whichever part is named),
   * with sizes and SHA-256 from the tree listing, or from a HEAD of `resolve` when the listing has no
   * LFS entry. The first part is always HEADed, so a gated repo asks for a token here, before any download.
   */
  async resolveDownload(repo: string, file: string): Promise<HubFileSource[]> {
    const tree = await this.tree(repo, 'download')
    const files = new Map(tree.filter((entry) => entry.type === 'file').map((entry) => [entry.path, entry]))
    const split = splitName(file)
    const names = split ? splitPartNames(split) : [file]
    const sources: HubFileSource[] = []
    for (const [index, name] of names.entries()) {
      const entry = files.get(name)
      if (!entry) throw notFound(repo, name)
      const url = this.resolveUrl(repo, name)
      let sizeBytes = sizeOf(entry)
      let sha256 = entry.lfs?.oid && SHA256.test(entry.lfs.oid) ? entry.lfs.oid : null
      if (index === 0 || sizeBytes === null || sha256 === null) {
        const linked = await this.head(repo, name)
        sizeBytes ??= linked.size
        sha256 ??= linked.sha256
      }
      if (sizeBytes === null) throw badAnswer()
      sources.push({ repo, file: name, url, sizeBytes, sha256 })
    }
    return sources
  }

  /** `<hub>/<repo>/resolve/main/<file>`, each path segment encoded. */
  resolveUrl(repo: string, file: string): string {
    return `${this.hubUrl()}/${repo}/resolve/main/${file.split('/').map(encodeURIComponent).join('/')}`
  }

  /** Every file and folder of the repo at `main`; the library follows the Hub's paging. */
  private async tree(repo: string, purpose: ConnectionPurpose): Promise<ListFileEntry[]> {
    const entries: ListFileEntry[] = []
    const listing = listFiles({ repo: { type: 'model', name: repo }, recursive: true, revision: 'main', ...this.library({ repo }, purpose) })
    await plainly(async () => {
      for await (const entry of listing) if (entry && typeof entry.path === 'string') entries.push(entry)
    })
    return entries
  }

  /**
   * Size and SHA-256 from the Hub's 302 (not following it: the CDN's headers differ). Aura's own
   * request, not the library's fileDownloadInfo, which GETs a byte through the CDN: the file's bytes
   * are the downloader's business.
   */
  private async head(repo: string, file: string): Promise<{ size: number | null; sha256: string | null }> {
    const res = await this.fetch({ repo, file }, 'download')(this.resolveUrl(repo, file), { method: 'HEAD', headers: this.headers(), redirect: 'manual' })
    await res.body?.cancel()
    const size = Number(res.headers.get('x-linked-size') ?? res.headers.get('content-length') ?? NaN)
    const etag = (res.headers.get('x-linked-etag') ?? '').replace(/^W\//, '').replace(/"/g, '').toLowerCase()
    return { size: Number.isFinite(size) && size >= 0 ? size : null, sha256: SHA256.test(etag) ? etag : null }
  }

  /** What every library call gets: the Hub URL in effect, the token, and Aura's fetch. */
  private library(about: HubRequestAbout, purpose: ConnectionPurpose) {
    const token = this.token()
    return { hubUrl: this.hubUrl(), fetch: this.fetch(about, purpose), ...(token ? { accessToken: token } : {}) }
  }

  /** Aura's fetch for the Hub (timeouts, retries, plain words), each attempt recorded with its purpose. */
  private fetch(about: HubRequestAbout, purpose: ConnectionPurpose): typeof fetch {
    const { fetcher } = this.options
    return hubFetch(fetcher ? { ...this.options, fetch: fetcher(purpose) } : this.options, about)
  }

  private token(): string | null {
    return this.options.token?.(this.hubUrl())?.trim() || null
  }
}

/** Runs library work; whatever it throws comes out as an AuraError. */
async function plainly(work: () => Promise<void>): Promise<void> {
  try {
    await work()
  } catch (error) {
    if (error instanceof AuraError) throw error
    // A body that timed out while being read; else an answer the library could not read (bad JSON, a 3xx).
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) throw unreachable(error)
    throw badAnswer(error instanceof HubApiError ? error.statusCode : undefined)
  }
}

function sizeOf(entry: ListFileEntry): number | null {
  const size = entry.lfs?.size ?? entry.size
  return typeof size === 'number' && size >= 0 ? size : null
}
