/**
 * Talks to the Hugging Face Hub (or whatever speaks its routes: the test Hub, a mirror) with plain
 * fetch: search for GGUF repos, list a repo's GGUF files, and resolve a file to what the downloader
 * needs. Plain fetch rather than @huggingface/hub because Aura needs its own timeouts, retries and
 * plain-words errors around four simple routes, and the library ignores HF_ENDPOINT anyway.
 */
import type { AuraError, HubFile, HubRepo } from '../../../shared/api'
import { isGguf, isMmproj, quantFromFileName, splitName, splitPartNames } from './ggufNames'
import { authRequired, badAnswer, hubBusy, notFound, unreachable } from './hubErrors'
import type { HubFileSource, HubResolver } from './types'

export interface HubClientOptions {
  /** The Hub URL from settings; `AURA_HF_ENDPOINT` in `env` overrides it. Read on every call: settings can change. */
  hubUrl: () => string
  /** The user's Hugging Face token, if any. */
  token?: () => string | null
  fetch?: typeof fetch
  /** Where `AURA_HF_ENDPOINT` is read; process.env by default. */
  env?: Record<string, string | undefined>
  /** Per request. Default 20 s. */
  timeoutMs?: number
  /** Retries of a request that got a 5xx, a 429 or no answer. Default 2. */
  retries?: number
  /** First retry delay, doubled each time (a 429's Retry-After wins, up to 10 s). Default 500 ms. */
  retryDelayMs?: number
  /** Most repos a search returns. Default 50. */
  searchLimit?: number
}

/** An entry of `GET /api/models/{repo}/tree/main?recursive=true`. */
interface TreeEntry {
  type: 'file' | 'directory'
  path: string
  size?: number
  lfs?: { oid?: string; size?: number }
}

interface ModelSummary {
  id: string
  downloads?: number
  likes?: number
  lastModified?: string
  gated?: boolean | string
  private?: boolean
}

const SHA256 = /^[0-9a-f]{64}$/

export class HubClient implements HubResolver {
  private readonly fetchImpl: typeof fetch
  private readonly env: Record<string, string | undefined>

  constructor(private readonly options: HubClientOptions) {
    this.fetchImpl = options.fetch ?? fetch
    this.env = options.env ?? process.env
  }

  /** The Hub URL in effect, without a trailing slash. */
  hubUrl(): string {
    const url = this.env.AURA_HF_ENDPOINT?.trim() || this.options.hubUrl()
    return url.replace(/\/+$/, '')
  }

  headers(): Record<string, string> {
    const token = this.options.token?.()?.trim()
    return token ? { Authorization: `Bearer ${token}` } : {}
  }

  /** GGUF repos matching `query`, most downloaded first. */
  async search(query: string): Promise<HubRepo[]> {
    const params = new URLSearchParams([
      ['search', query.trim()],
      ['filter', 'gguf'],
      ['sort', 'downloads'],
      ['direction', '-1'],
      ['limit', String(this.options.searchLimit ?? 50)],
      // The Hub returns only the expanded fields when any are asked for (as @huggingface/hub does).
      ...['downloads', 'likes', 'lastModified', 'gated', 'private'].map((key): [string, string] => ['expand', key]),
    ])
    const models = await this.json<ModelSummary[]>(`/api/models?${params}`, { what: 'search' })
    if (!Array.isArray(models)) throw badAnswer()
    return models
      .filter((model) => typeof model.id === 'string' && !model.private)
      .map((model) => ({
        repo: model.id,
        downloads: typeof model.downloads === 'number' ? model.downloads : null,
        likes: typeof model.likes === 'number' ? model.likes : null,
        updatedAt: typeof model.lastModified === 'string' ? model.lastModified : null,
        gated: model.gated !== undefined && model.gated !== false && model.gated !== 'false',
      }))
  }

  /**
   * The repo's model files: one entry per single .gguf and one per complete split set (first part,
   * total size, part count). Vision projectors (mmproj) are left out: they are not models to chat with.
   * Smallest first.
   */
  async files(repo: string): Promise<HubFile[]> {
    const tree = await this.tree(repo)
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
    const tree = await this.tree(repo)
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

  private async tree(repo: string): Promise<TreeEntry[]> {
    const entries: TreeEntry[] = []
    let next: string | null = `${this.hubUrl()}/api/models/${repo}/tree/main?recursive=true`
    // The Hub pages long listings (1000 entries) through a Link header.
    for (let page = 0; next && page < 100; page++) {
      const res = await this.request(next, { what: 'repo', repo })
      const body = await readJson<TreeEntry[]>(res)
      if (!Array.isArray(body)) throw badAnswer()
      entries.push(...body.filter((entry) => entry && typeof entry.path === 'string'))
      next = nextLink(res.headers.get('link'))
    }
    return entries
  }

  /** Size and SHA-256 from the Hub's 302 (not following it: the CDN's headers differ). */
  private async head(repo: string, file: string): Promise<{ size: number | null; sha256: string | null }> {
    const res = await this.request(this.resolveUrl(repo, file), { what: 'file', repo, file, method: 'HEAD' })
    await res.body?.cancel()
    const size = Number(res.headers.get('x-linked-size') ?? res.headers.get('content-length') ?? NaN)
    const etag = (res.headers.get('x-linked-etag') ?? '').replace(/^W\//, '').replace(/"/g, '').toLowerCase()
    return { size: Number.isFinite(size) && size >= 0 ? size : null, sha256: SHA256.test(etag) ? etag : null }
  }

  private async json<T>(path: string, context: RequestContext): Promise<T> {
    return readJson<T>(await this.request(`${this.hubUrl()}${path}`, context))
  }

  /** One request with a timeout and retries; answers with a 2xx or 3xx, or throws an AuraError. */
  private async request(url: string, context: RequestContext): Promise<Response> {
    const retries = this.options.retries ?? 2
    const baseDelay = this.options.retryDelayMs ?? 500
    for (let attempt = 0; ; attempt++) {
      let res: Response
      try {
        res = await this.fetchImpl(url, {
          method: context.method ?? 'GET',
          headers: { Accept: 'application/json', ...this.headers() },
          redirect: 'manual',
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 20_000),
        })
      } catch (error) {
        if (attempt < retries) {
          await delay(baseDelay * 2 ** attempt)
          continue
        }
        throw unreachable(error)
      }
      if (res.status < 400) return res
      const retryable = res.status === 429 || res.status >= 500
      if (retryable && attempt < retries) {
        await res.body?.cancel()
        await delay(retryAfterMs(res.headers.get('retry-after')) ?? baseDelay * 2 ** attempt)
        continue
      }
      throw await errorFor(res, context)
    }
  }
}

interface RequestContext {
  what: 'search' | 'repo' | 'file'
  repo?: string
  file?: string
  method?: 'GET' | 'HEAD'
}

async function errorFor(res: Response, context: RequestContext): Promise<AuraError> {
  const code = res.headers.get('x-error-code')
  await res.body?.cancel().catch(() => {})
  // The Hub answers 401 for a repo that does not exist (so private names do not leak), with this code.
  if (res.status === 404 || code === 'RepoNotFound' || code === 'EntryNotFound' || code === 'RevisionNotFound') {
    return notFound(context.repo ?? null, code === 'RepoNotFound' ? null : (context.file ?? null))
  }
  if (res.status === 401 || res.status === 403) return authRequired(context.repo ?? null, res.status)
  if (res.status === 429 || res.status >= 500) return hubBusy(res.status)
  return badAnswer(res.status)
}

async function readJson<T>(res: Response): Promise<T> {
  try {
    return (await res.json()) as T
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) throw unreachable(error)
    throw badAnswer()
  }
}

function sizeOf(entry: TreeEntry): number | null {
  const size = entry.lfs?.size ?? entry.size
  return typeof size === 'number' && size >= 0 ? size : null
}

function nextLink(header: string | null): string | null {
  return header ? (/<([^>]+)>;\s*rel="next"/.exec(header)?.[1] ?? null) : null
}

/** Seconds (or an HTTP date), capped at 10 s so a search never hangs on the Hub's say-so. */
function retryAfterMs(header: string | null): number | null {
  if (!header) return null
  const seconds = Number(header)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now()
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 10_000) : null
}

function delay(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
