/**
 * A local stand-in for the Hugging Face Hub: a real HTTP server on 127.0.0.1 that speaks the routes
 * Aura (and `@huggingface/hub` 2.x) use, plus a second "CDN" server that `resolve` redirects to with
 * a signed, expiring URL — the shape of huggingface.co → cdn-lfs.hf.co. Hugging Face is unreachable
 * from the build machines, so every download, search and fault test runs against this.
 *
 * Hub routes:
 *   GET  /api/models?search=&author=&filter=gguf&sort=&limit=     list (downloads, likes, lastModified, gated)
 *   GET  /api/models/{owner}/{name}[/revision/{rev}]               model info with siblings
 *        (both with `expand=field`, repeated: then only those fields and the ids, as the Hub answers)
 *   GET  /api/models/{owner}/{name}/tree/{rev}[/{path}]?recursive= entries with size and lfs {oid, size}
 *   GET|HEAD /{owner}/{name}/resolve/{rev}/{path}                  302 to the CDN (X-Linked-Etag, X-Linked-Size)
 * CDN:
 *   GET|HEAD /repos/{xx}/{yy}/{sha256}?repo=&file=&Expires=&Signature=  the bytes, with Range (206)
 *
 * Faults are switched per test with {@link TestHub.setFaults}; every request is logged in
 * {@link TestHub.requests} with the body bytes actually sent, so a test can tell how much of a file
 * was transferred in total.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { encodeTinyLlama, rng, writeTinyLlamaShards } from './tinyLlama'

/** Where the shared fixture lives next to the repository (absent on a bare clone). */
export const STORIES_FIXTURE = fileURLToPath(new URL('../../../../../shared/fixtures/models/stories260K.gguf', import.meta.url))

/** The repos a default test Hub serves. */
export const TEST_HUB_REPOS = {
  /** Like the real repo: `stories260K.gguf` (the shared fixture, or the generated tiny llama on a bare clone). */
  stories: 'ggml-org/tiny-llamas',
  /** The generated tiny llama with a chat template, one file. */
  tiny: 'aura-test/tiny-llama-GGUF',
  /** The generated tiny llama as a 3-part split set. */
  sharded: 'aura-test/tiny-llama-sharded-GGUF',
  /** Gated ('manual'): resolve needs the hub's token. */
  gated: 'aura-test/tiny-llama-gated-GGUF',
} as const

export const TEST_HUB_FILES = {
  stories: 'stories260K.gguf',
  tiny: 'aura-tiny-llama-F32.gguf',
  sharded: ['aura-tiny-llama-F32-00001-of-00003.gguf', 'aura-tiny-llama-F32-00002-of-00003.gguf', 'aura-tiny-llama-F32-00003-of-00003.gguf'],
  gated: 'aura-tiny-llama-F32.gguf',
} as const

/** Which requests a status fault (5xx, 429) hits. `download` = resolve and CDN requests. */
export type FaultTarget = 'api' | 'resolve' | 'cdn' | 'download' | 'any'

export interface TestHubFaults {
  /**
   * Drop the connection (socket destroyed) after `afterBytes` body bytes of a CDN response, `times`
   * times (default 1; Infinity for always). Without `afterBytes` the offset is random within the
   * response, from `seed` (default 1), so runs are repeatable.
   */
  drop?: { afterBytes?: number; times?: number; seed?: number }
  /** Answer `count` requests with `status` (default 503). */
  serverErrors?: { count: number; status?: number; on?: FaultTarget }
  /** Answer `count` requests with 429 and `Retry-After: retryAfterSeconds` (default 1). */
  rateLimit?: { count: number; retryAfterSeconds?: number; on?: FaultTarget }
  /** Send a CDN body shorter than its Content-Length (missing `missingBytes`, default half), then close. */
  shortBody?: { times?: number; missingBytes?: number }
  /** Serve bytes that differ from the file's `lfs.oid` (one byte flipped mid-file), `times` times (default Infinity). */
  wrongBytes?: { times?: number }
  /** Every Hub route answers 401 without `Authorization: Bearer <token>`, 403 with another token. */
  requireToken?: string
  /** Signed CDN URLs expire this long after `resolve` issued them (the CDN answers 403). Default one hour. */
  signedUrlTtlMs?: number
  /** Cap CDN bodies at this many bytes per second, so progress can be watched. */
  throttleBytesPerSecond?: number
  /** Limit the file faults (drop, shortBody, wrongBytes, throttle, download-target statuses) to these paths (`file` or `repo/file`). */
  files?: string[]
}

export interface TestHubRequest {
  server: 'hub' | 'cdn'
  method: string
  /** Path and query as requested. */
  url: string
  status: number
  range: string | null
  authorization: string | null
  /** Body bytes written (so far, for a response still streaming). */
  bytesSent: number
  /** The fault applied, if any (e.g. 'drop', 'server_error', 'expired'). */
  fault: string | null
  repo: string | null
  file: string | null
}

export interface TestHubRepoMeta {
  downloads: number
  likes: number
  /** ISO date. */
  lastModified: string
  gated: false | 'auto' | 'manual'
  private: boolean
  tags: string[]
  pipelineTag: string
}

export interface TestHubFileInfo {
  repo: string
  path: string
  size: number
  sha256: string
  /** Served through the CDN with an `lfs` entry (all .gguf and large files); small text files are not. */
  lfs: boolean
}

export interface TestHubOptions {
  /** Serve nothing until files are added. Default false: the repos in {@link TEST_HUB_REPOS}. */
  empty?: boolean
  /** The token gated repos accept (and `requireToken` defaults aside). Default 'hf_aura_test_token'. */
  token?: string
  /** The stories260K file to serve; default the shared fixture when present, else a generated tiny llama. */
  storiesPath?: string
  faults?: TestHubFaults
  /** Tree listing page size (pagination through a `Link: <...>; rel="next"` header). Default 1000, like the Hub. */
  treePageSize?: number
  /** Fixed ports (e2e); default 0 = any free port. */
  port?: number
  cdnPort?: number
}

export interface TestHub {
  /** e.g. http://127.0.0.1:40123 — what `hubUrl` / `AURA_HF_ENDPOINT` is set to. */
  url: string
  cdnUrl: string
  /** The token gated repos accept. */
  token: string
  /** Every request, in arrival order. */
  readonly requests: TestHubRequest[]
  /** Replaces all faults (and their counters); `setFaults({})` clears them. */
  setFaults(faults: TestHubFaults): void
  /**
   * Adds (or replaces) a file; `content` is the bytes or a path to read them from. Creates the repo if needed.
   * With `stream: true` and a path, the file stays on disk and is read for each request (big files:
   * the benchmark's 512 MiB), so it must not change while it is served.
   */
  addFile(repo: string, path: string, content: Uint8Array | string, options?: AddFileOptions): Promise<TestHubFileInfo>
  addRepo(repo: string, meta?: Partial<TestHubRepoMeta>): void
  removeFile(repo: string, path: string): void
  file(repo: string, path: string): TestHubFileInfo | undefined
  /** `<url>/<repo>/resolve/main/<path>` */
  resolveUrl(repo: string, path: string): string
  /** Body bytes the CDN sent, for one file (path or repo/path) or all. */
  bytesServed(file?: string): number
  clearRequests(): void
  close(): Promise<void>
}

export interface AddFileOptions {
  /** Default: .gguf files and files over 10 MiB. */
  lfs?: boolean
  /** Serve a path's bytes from disk on each request instead of holding them in memory (always LFS). */
  stream?: boolean
}

/** The bytes of a served file: in memory, or read from disk range by range. */
type Content = Buffer | { path: string }

interface StoredFile extends TestHubFileInfo {
  content: Content
  gitOid: string
  pointerSize: number
}

interface StoredRepo extends TestHubRepoMeta {
  id: string
  sha: string
  files: Map<string, StoredFile>
}

/** Remaining counts of the counted faults; the rest of TestHubFaults is read as set. */
interface FaultState {
  faults: TestHubFaults
  drops: number
  serverErrors: number
  rateLimits: number
  shortBodies: number
  wrongBytes: number
  random: () => number
}

const DEFAULT_TOKEN = 'hf_aura_test_token'
const DEFAULT_TTL_MS = 60 * 60 * 1000
const CHUNK = 64 * 1024

export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const token = options.token ?? DEFAULT_TOKEN
  const treePageSize = options.treePageSize ?? 1000
  const secret = randomBytes(16)
  const repos = new Map<string, StoredRepo>()
  const requests: TestHubRequest[] = []
  let state = faultState(options.faults ?? {})
  let hubUrl = ''
  let cdnUrl = ''

  const addRepo = (id: string, meta: Partial<TestHubRepoMeta> = {}): StoredRepo => {
    const existing = repos.get(id)
    if (existing) {
      Object.assign(existing, meta)
      return existing
    }
    const repo: StoredRepo = {
      id,
      sha: sha1(`repo:${id}`),
      downloads: 0,
      likes: 0,
      lastModified: '2025-01-01T00:00:00.000Z',
      gated: false,
      private: false,
      tags: ['gguf'],
      pipelineTag: 'text-generation',
      files: new Map(),
      ...meta,
    }
    repos.set(id, repo)
    return repo
  }

  const addFile = async (repoId: string, path: string, content: Uint8Array | string, opts: AddFileOptions = {}) => {
    const streamed = opts.stream === true && typeof content === 'string'
    const bytes = streamed ? null : typeof content === 'string' ? await readFile(content) : Buffer.from(content)
    const size = bytes ? bytes.length : (await stat(content as string)).size
    const repo = repos.get(repoId) ?? addRepo(repoId)
    const sha256 = bytes ? createHash('sha256').update(bytes).digest('hex') : await hashFile(content as string)
    // A streamed file is always an LFS file (served by the CDN, identified by its pointer).
    const lfs = !bytes || (opts.lfs ?? (path.endsWith('.gguf') || size > 10 * 1024 * 1024))
    const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256}\nsize ${size}\n`
    // The git blob id: of the LFS pointer for LFS files, of the content otherwise (as git computes it).
    const blob = lfs || !bytes ? Buffer.from(pointer) : bytes
    const gitOid = createHash('sha1').update(`blob ${blob.length}\0`).update(blob).digest('hex')
    const stored: StoredFile = {
      repo: repoId,
      path,
      size,
      sha256,
      lfs,
      content: bytes ?? { path: content as string },
      gitOid,
      pointerSize: pointer.length,
    }
    repo.files.set(path, stored)
    if (path.endsWith('.gguf') && !repo.tags.includes('gguf')) repo.tags.push('gguf')
    return publicInfo(stored)
  }

  const findFile = (repoId: string, path: string) => repos.get(repoId)?.files.get(path)

  // ------------------------------------------------------------------ the Hub

  const hub = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hub')
    const entry = logRequest(requests, 'hub', req)
    track(res, entry)
    try {
      routeHub(req, res, url, entry)
    } catch (error) {
      sendJson(res, 500, { error: String(error) })
    }
  })

  function routeHub(req: IncomingMessage, res: ServerResponse, url: URL, entry: TestHubRequest) {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent)
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'Method not allowed' })

    if (parts[0] === 'api' && parts[1] === 'models') {
      if (authFault(req, res, entry, state.faults.requireToken)) return
      if (statusFault(res, entry, 'api', null)) return
      if (parts.length === 2) return sendJson(res, 200, listModels(url).map((model) => expanded(model, url)))
      const repoId = `${parts[2]}/${parts[3]}`
      const repo = repos.get(repoId)
      entry.repo = repoId
      if (!repo || repo.private) return repoNotFound(res)
      if (parts.length === 4 || (parts[4] === 'revision' && parts.length === 6)) return sendJson(res, 200, expanded(modelInfo(repo), url))
      if (parts[4] === 'tree' && parts.length >= 6) {
        if (!knownRevision(repo, parts[5]!)) return revisionNotFound(res)
        return sendTree(res, url, repo, parts.slice(6).join('/'))
      }
      return sendJson(res, 404, { error: 'Not found' })
    }

    if (parts.length >= 5 && parts[2] === 'resolve') {
      const repoId = `${parts[0]}/${parts[1]}`
      const path = parts.slice(4).join('/')
      Object.assign(entry, { repo: repoId, file: path })
      const repo = repos.get(repoId)
      const required = state.faults.requireToken ?? (repo?.gated || repo?.private ? token : undefined)
      if (authFault(req, res, entry, required, repo?.gated ? repoId : undefined)) return
      if (!repo) return repoNotFound(res)
      if (!knownRevision(repo, parts[3]!)) return revisionNotFound(res)
      const file = repo.files.get(path)
      if (!file) return sendError(res, 404, 'EntryNotFound', `Entry not found: ${path}`)
      if (statusFault(res, entry, 'resolve', file)) return
      return sendResolve(req, res, repo, file)
    }

    sendJson(res, 404, { error: 'Not found' })
  }

  function listModels(url: URL) {
    const search = url.searchParams.get('search')?.toLowerCase()
    const author = url.searchParams.get('author')
    const filters = url.searchParams.getAll('filter')
    const limit = Number(url.searchParams.get('limit') ?? 1000) || 1000
    const sort = url.searchParams.get('sort') ?? 'downloads'
    const found = [...repos.values()].filter(
      (repo) =>
        !repo.private &&
        (!search || repo.id.toLowerCase().includes(search)) &&
        (!author || repo.id.startsWith(`${author}/`)) &&
        filters.every((tag) => repo.tags.includes(tag)),
    )
    const key = (repo: StoredRepo) => (sort === 'likes' ? repo.likes : sort === 'lastModified' ? Date.parse(repo.lastModified) : repo.downloads)
    found.sort((a, b) => key(b) - key(a))
    return found.slice(0, limit).map((repo) => ({ ...repoSummary(repo) }))
  }

  function sendTree(res: ServerResponse, url: URL, repo: StoredRepo, under: string) {
    const recursive = url.searchParams.get('recursive') === 'true'
    const prefix = under ? `${under}/` : ''
    const entries: Record<string, unknown>[] = []
    const dirs = new Set<string>()
    for (const file of [...repo.files.values()].sort((a, b) => a.path.localeCompare(b.path))) {
      if (!file.path.startsWith(prefix)) continue
      const rest = file.path.slice(prefix.length)
      const slash = rest.indexOf('/')
      if (slash >= 0 && !dirs.has(prefix + rest.slice(0, slash))) {
        const dir = prefix + rest.slice(0, slash)
        dirs.add(dir)
        entries.push({ type: 'directory', oid: sha1(`dir:${repo.id}:${dir}`), size: 0, path: dir })
      }
      if (slash >= 0 && !recursive) continue
      entries.push({
        type: 'file',
        oid: file.gitOid,
        size: file.size,
        path: file.path,
        ...(file.lfs ? { lfs: { oid: file.sha256, size: file.size, pointerSize: file.pointerSize } } : {}),
      })
    }
    if (under && entries.length === 0) return sendError(res, 404, 'EntryNotFound', `${under} does not exist on "main"`)
    const start = Number(url.searchParams.get('cursor') ?? 0) || 0
    const page = entries.slice(start, start + treePageSize)
    if (start + treePageSize < entries.length) {
      const next = new URL(url.pathname + url.search, hubUrl)
      next.searchParams.set('cursor', String(start + treePageSize))
      res.setHeader('Link', `<${next.href}>; rel="next"`)
    }
    sendJson(res, 200, page)
  }

  function sendResolve(req: IncomingMessage, res: ServerResponse, repo: StoredRepo, file: StoredFile) {
    res.setHeader('X-Repo-Commit', repo.sha)
    if (!file.lfs) {
      // Small text files come straight from the Hub, like README.md on huggingface.co.
      res.setHeader('ETag', `"${file.gitOid}"`)
      return sendBytes(req, res, file.content, file.size, file.gitOid, null, null)
    }
    const expires = Date.now() + (state.faults.signedUrlTtlMs ?? DEFAULT_TTL_MS)
    const location = new URL(`/repos/${file.sha256.slice(0, 2)}/${file.sha256.slice(2, 4)}/${file.sha256}`, cdnUrl)
    location.searchParams.set('repo', repo.id)
    location.searchParams.set('file', file.path)
    location.searchParams.set('response-content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(basename(file.path))}`)
    location.searchParams.set('Expires', String(expires))
    location.searchParams.set('Signature', sign(secret, file.sha256, repo.id, file.path, expires))
    location.searchParams.set('Key-Pair-Id', 'K_AURA_TEST_HUB')
    res.writeHead(302, {
      Location: location.href,
      'X-Linked-Etag': `"${file.sha256}"`,
      'X-Linked-Size': String(file.size),
      ETag: `"${file.gitOid}"`,
      'Content-Length': '0',
    })
    res.end()
  }

  // ------------------------------------------------------------------ the CDN

  const cdn = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://cdn')
    const entry = logRequest(requests, 'cdn', req)
    track(res, entry)
    const sha = url.pathname.split('/').pop() ?? ''
    const repoId = url.searchParams.get('repo') ?? ''
    const path = url.searchParams.get('file') ?? ''
    const expires = Number(url.searchParams.get('Expires'))
    Object.assign(entry, { repo: repoId, file: path })
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed')
    if (url.searchParams.get('Signature') !== sign(secret, sha, repoId, path, expires)) {
      entry.fault = 'bad_signature'
      return sendText(res, 403, '<Error><Code>AccessDenied</Code><Message>Invalid signature</Message></Error>')
    }
    if (Date.now() > expires) {
      entry.fault = 'expired'
      return sendText(res, 403, '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>')
    }
    const file = findFile(repoId, path)
    if (!file || file.sha256 !== sha) return sendText(res, 404, '<Error><Code>NoSuchKey</Code></Error>')
    if (statusFault(res, entry, 'cdn', file)) return
    res.setHeader('Content-Type', 'application/octet-stream')
    res.setHeader('X-Linked-Etag', `"${file.sha256}"`)
    void sendBytes(req, res, file.content, file.size, file.sha256, file, entry)
  })

  /** Writes `content` (or the requested range of it), applying the byte-level faults when `file` is given. */
  async function sendBytes(
    req: IncomingMessage,
    res: ServerResponse,
    content: Content,
    size: number,
    etag: string,
    file: StoredFile | null,
    entry: TestHubRequest | null,
  ) {
    const applies = file !== null && fileMatches(state.faults, file)
    // One byte flipped mid-file: the same size, another SHA-256.
    let flipAt = -1
    if (applies && state.faults.wrongBytes && state.wrongBytes > 0) {
      state.wrongBytes--
      flipAt = Math.floor(size / 2)
      if (entry) entry.fault = 'wrong_bytes'
    }
    const range = parseRange(req.headers.range, String(req.headers['if-range'] ?? '') || undefined, etag, size)
    if (range === 'unsatisfiable') {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` })
      return res.end()
    }
    const [start, end] = range ?? [0, size - 1]
    const length = end + 1 - start
    res.setHeader('Accept-Ranges', 'bytes')
    res.setHeader('ETag', `"${etag}"`)
    res.setHeader('Content-Length', String(length))
    if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`)
    res.statusCode = range ? 206 : 200
    if (req.method === 'HEAD' || length === 0) return res.end()

    let stopAt = length
    let ending: 'drop' | 'short' | null = null
    const dropAfter =
      applies && state.faults.drop && state.drops > 0 && length > 1
        ? (state.faults.drop.afterBytes ?? 1 + Math.floor(state.random() * (length - 1)))
        : Infinity
    // A response shorter than the drop point goes through whole and leaves the drop for the next one.
    if (dropAfter < length) {
      state.drops--
      ;[stopAt, ending] = [dropAfter, 'drop']
    } else if (applies && state.faults.shortBody && state.shortBodies > 0 && length > 1) {
      state.shortBodies--
      const missing = state.faults.shortBody.missingBytes ?? Math.ceil(length / 2)
      ;[stopAt, ending] = [Math.max(0, length - missing), 'short']
      res.setHeader('Connection', 'close')
    }
    if (ending && entry) entry.fault = ending
    const rate = applies ? state.faults.throttleBytesPerSecond : undefined
    await writeBody(res, readContent(content, start, start + stopAt, flipAt), stopAt, rate)
    if (ending === 'drop') return res.socket?.destroy()
    res.end()
    if (ending === 'short') res.socket?.end()
  }

  // ------------------------------------------------------------------ faults

  function authFault(req: IncomingMessage, res: ServerResponse, entry: TestHubRequest, required: string | undefined, gatedRepo?: string) {
    if (!required) return false
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    if (given === required) return false
    entry.fault = given ? 'forbidden' : 'unauthorized'
    if (gatedRepo) {
      const message = given
        ? `Access to model ${gatedRepo} is restricted and you are not in the authorized list. Visit https://huggingface.co/${gatedRepo} to ask for access.`
        : `Access to model ${gatedRepo} is restricted. You must have access to it and be authenticated to access it. Please log in.`
      sendError(res, given ? 403 : 401, 'GatedRepo', message)
    } else {
      sendError(res, given ? 403 : 401, given ? 'Forbidden' : 'Unauthorized', given ? 'Invalid credentials in Authorization header' : 'Authentication required')
    }
    return true
  }

  function statusFault(res: ServerResponse, entry: TestHubRequest, where: 'api' | 'resolve' | 'cdn', file: StoredFile | null) {
    const { faults } = state
    // `files` narrows the download faults only; API routes have no file.
    const hits = (on: FaultTarget = 'download') =>
      (on === 'any' || on === where || (on === 'download' && where !== 'api')) && (file === null || fileMatches(faults, file))
    if (faults.serverErrors && state.serverErrors > 0 && hits(faults.serverErrors.on)) {
      state.serverErrors--
      entry.fault = 'server_error'
      sendText(res, faults.serverErrors.status ?? 503, 'Service temporarily unavailable')
      return true
    }
    if (faults.rateLimit && state.rateLimits > 0 && hits(faults.rateLimit.on)) {
      state.rateLimits--
      entry.fault = 'rate_limited'
      res.setHeader('Retry-After', String(faults.rateLimit.retryAfterSeconds ?? 1))
      sendError(res, 429, 'RateLimited', 'You have been rate-limited; retry later.')
      return true
    }
    return false
  }

  // ------------------------------------------------------------------ start

  const tempDir = await mkdtemp(join(tmpdir(), 'aura-test-hub-'))
  if (!options.empty) await addDefaultContent(addRepo, addFile, tempDir, options.storiesPath)
  hubUrl = await listen(hub, options.port ?? 0)
  cdnUrl = await listen(cdn, options.cdnPort ?? 0)

  return {
    url: hubUrl,
    cdnUrl,
    token,
    requests,
    setFaults: (faults) => {
      state = faultState(faults)
    },
    addFile,
    addRepo: (repo, meta) => void addRepo(repo, meta),
    removeFile: (repo, path) => void repos.get(repo)?.files.delete(path),
    file: (repo, path) => {
      const file = findFile(repo, path)
      return file && publicInfo(file)
    },
    resolveUrl: (repo, path) => `${hubUrl}/${repo}/resolve/main/${path.split('/').map(encodeURIComponent).join('/')}`,
    bytesServed: (file) =>
      requests
        .filter((r) => r.server === 'cdn' && (!file || r.file === file || `${r.repo}/${r.file}` === file))
        .reduce((sum, r) => sum + r.bytesSent, 0),
    clearRequests: () => void requests.splice(0),
    close: async () => {
      await Promise.all([stop(hub), stop(cdn)])
      await rm(tempDir, { recursive: true, force: true })
    },
  }
}

// -------------------------------------------------------------------- content

async function addDefaultContent(
  addRepo: (repo: string, meta?: Partial<TestHubRepoMeta>) => unknown,
  addFile: (repo: string, path: string, content: Uint8Array | string) => Promise<unknown>,
  dir: string,
  storiesPath: string | undefined,
) {
  const readme = (title: string) => Buffer.from(`---\nlicense: mit\ntags: [gguf]\n---\n# ${title}\n\nServed by Aura's test Hub.\n`)
  const stories = storiesPath ?? (existsSync(STORIES_FIXTURE) ? STORIES_FIXTURE : undefined)
  addRepo(TEST_HUB_REPOS.stories, { downloads: 12_345, likes: 42, lastModified: '2024-06-01T10:00:00.000Z', tags: ['gguf', 'llama'] })
  await addFile(TEST_HUB_REPOS.stories, TEST_HUB_FILES.stories, stories ?? encodeTinyLlama({ name: 'stories260K' }))
  await addFile(TEST_HUB_REPOS.stories, 'README.md', readme('tiny-llamas'))

  addRepo(TEST_HUB_REPOS.tiny, { downloads: 2_000, likes: 7, lastModified: '2025-03-01T10:00:00.000Z', tags: ['gguf', 'llama', 'conversational'] })
  await addFile(TEST_HUB_REPOS.tiny, TEST_HUB_FILES.tiny, encodeTinyLlama({ chatTemplate: true, eosBias: 3 }))
  await addFile(TEST_HUB_REPOS.tiny, 'README.md', readme('Aura tiny llama'))

  addRepo(TEST_HUB_REPOS.sharded, { downloads: 300, likes: 1, lastModified: '2025-02-01T10:00:00.000Z', tags: ['gguf', 'llama'] })
  const shards = await writeTinyLlamaShards(dir, 'aura-tiny-llama-F32', 3, { chatTemplate: true })
  for (const [index, shard] of shards.entries()) await addFile(TEST_HUB_REPOS.sharded, TEST_HUB_FILES.sharded[index]!, shard)

  addRepo(TEST_HUB_REPOS.gated, { downloads: 50, likes: 0, lastModified: '2025-01-15T10:00:00.000Z', gated: 'manual', tags: ['gguf', 'llama'] })
  await addFile(TEST_HUB_REPOS.gated, TEST_HUB_FILES.gated, encodeTinyLlama({ chatTemplate: true, seed: 2 }))
}

// -------------------------------------------------------------------- helpers

function faultState(faults: TestHubFaults): FaultState {
  return {
    faults,
    drops: faults.drop ? (faults.drop.times ?? 1) : 0,
    serverErrors: faults.serverErrors?.count ?? 0,
    rateLimits: faults.rateLimit?.count ?? 0,
    shortBodies: faults.shortBody ? (faults.shortBody.times ?? 1) : 0,
    wrongBytes: faults.wrongBytes ? (faults.wrongBytes.times ?? Infinity) : 0,
    // Seeded, so random drop offsets repeat from run to run.
    random: rng(faults.drop?.seed ?? 1),
  }
}

function fileMatches(faults: TestHubFaults, file: StoredFile) {
  return !faults.files || faults.files.some((f) => f === file.path || f === `${file.repo}/${file.path}`)
}

function repoSummary(repo: StoredRepo) {
  return {
    _id: repo.sha.slice(0, 24),
    id: repo.id,
    modelId: repo.id,
    author: repo.id.split('/')[0],
    private: repo.private,
    gated: repo.gated,
    pipeline_tag: repo.pipelineTag,
    library_name: 'gguf',
    tags: repo.tags,
    downloads: repo.downloads,
    likes: repo.likes,
    lastModified: repo.lastModified,
    createdAt: repo.lastModified,
  }
}

function modelInfo(repo: StoredRepo) {
  return {
    ...repoSummary(repo),
    sha: repo.sha,
    disabled: false,
    siblings: [...repo.files.keys()].sort().map((rfilename) => ({ rfilename })),
  }
}

/** With `expand` the Hub answers only the fields asked for, besides `_id` and `id`. */
function expanded(model: Record<string, unknown>, url: URL) {
  const fields = url.searchParams.getAll('expand')
  if (fields.length === 0) return model
  return Object.fromEntries(Object.entries(model).filter(([key]) => key === '_id' || key === 'id' || fields.includes(key)))
}

function knownRevision(repo: StoredRepo, revision: string) {
  return revision === 'main' || revision === 'HEAD' || revision === repo.sha
}

function publicInfo({ repo, path, size, sha256, lfs }: StoredFile): TestHubFileInfo {
  return { repo, path, size, sha256, lfs }
}

function sign(secret: Buffer, sha: string, repo: string, path: string, expires: number) {
  return createHmac('sha256', secret).update(`${sha}\n${repo}\n${path}\n${expires}`).digest('base64url')
}

function sha1(text: string) {
  return createHash('sha1').update(text).digest('hex')
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n`; null = the whole file (no range, several ranges, or a stale If-Range). */
function parseRange(header: string | undefined, ifRange: string | undefined, etag: string, size: number): [number, number] | 'unsatisfiable' | null {
  if (!header) return null
  if (ifRange && ifRange.replace(/^W\//, '') !== `"${etag}"`) return null
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match) return null
  const [, from, to] = match
  if (from === '' && to === '') return null
  let start: number
  let end: number
  if (from === '') {
    start = Math.max(0, size - Number(to))
    end = size - 1
  } else {
    start = Number(from)
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1)
  }
  if (start >= size || start > end) return 'unsatisfiable'
  return [start, end]
}

function logRequest(requests: TestHubRequest[], server: 'hub' | 'cdn', req: IncomingMessage): TestHubRequest {
  const entry: TestHubRequest = {
    server,
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    status: 0,
    range: req.headers.range ?? null,
    authorization: req.headers.authorization ?? null,
    bytesSent: 0,
    fault: null,
    repo: null,
    file: null,
  }
  requests.push(entry)
  return entry
}

/** Keeps the log entry's status and body byte count current as the response is written. */
function track(res: ServerResponse, entry: TestHubRequest) {
  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    entry.status = res.statusCode
    if (chunk && typeof chunk !== 'function') entry.bytesSent += Buffer.byteLength(chunk as Buffer)
    return write(chunk, ...rest)
  }) as typeof res.write
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
  res.end = ((...args: unknown[]) => {
    const chunk = args[0]
    if (chunk && typeof chunk !== 'function') entry.bytesSent += Buffer.byteLength(chunk as Buffer)
    return end(...args)
  }) as typeof res.end
  res.once('finish', () => (entry.status = res.statusCode))
  res.once('close', () => (entry.status ||= res.statusCode))
}

/** Bytes `from` to `to` (exclusive) of the content, in pieces of at most CHUNK; the byte at `flipAt` inverted. */
async function* readContent(content: Content, from: number, to: number, flipAt: number): AsyncGenerator<Buffer> {
  if (to <= from) return
  const pieces: AsyncIterable<Buffer> | Iterable<Buffer> = Buffer.isBuffer(content)
    ? (function* () {
        for (let offset = from; offset < to; offset += CHUNK) yield content.subarray(offset, Math.min(to, offset + CHUNK))
      })()
    : (createReadStream(content.path, { start: from, end: to - 1, highWaterMark: CHUNK }) as AsyncIterable<Buffer>)
  let position = from
  for await (const piece of pieces) {
    let chunk = piece
    if (flipAt >= position && flipAt < position + chunk.length) {
      chunk = Buffer.from(chunk)
      chunk[flipAt - position] = chunk[flipAt - position]! ^ 0xff
    }
    position += chunk.length
    yield chunk
  }
}

async function writeBody(res: ServerResponse, body: AsyncIterable<Buffer>, length: number, bytesPerSecond: number | undefined) {
  const started = Date.now()
  const chunkSize = bytesPerSecond ? Math.max(1, Math.min(CHUNK, Math.floor(bytesPerSecond / 10))) : CHUNK
  let offset = 0
  for await (const piece of body) {
    for (let at = 0; at < piece.length; at += chunkSize) {
      const chunk = piece.subarray(at, at + chunkSize)
      if (bytesPerSecond) {
        // Each chunk goes out when the rate allows it, so N bytes take N / rate seconds in all.
        const due = started + ((offset + chunk.length) / bytesPerSecond) * 1000
        if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()))
      }
      if (res.destroyed) return
      await write(res, chunk)
      offset += chunk.length
    }
  }
  if (offset < length && !res.destroyed) res.destroy(new Error('the served file is shorter than it was'))
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Resolves once the chunk is handed to the socket (or the client went away). */
function write(res: ServerResponse, chunk: Buffer) {
  return new Promise<void>((resolve) => {
    res.once('close', resolve)
    res.write(chunk, () => {
      res.off('close', resolve)
      resolve()
    })
  })
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

function sendError(res: ServerResponse, status: number, code: string, message: string) {
  res.setHeader('X-Error-Code', code)
  res.setHeader('X-Error-Message', message)
  sendJson(res, status, { error: message })
}

function repoNotFound(res: ServerResponse) {
  sendError(res, 404, 'RepoNotFound', 'Repository not found')
}

function revisionNotFound(res: ServerResponse) {
  sendError(res, 404, 'RevisionNotFound', 'Invalid rev id')
}

function sendText(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

function listen(server: Server, port: number) {
  return new Promise<string>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address() as AddressInfo
      resolve(`http://127.0.0.1:${actual}`)
    })
  })
}

function stop(server: Server) {
  return new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
