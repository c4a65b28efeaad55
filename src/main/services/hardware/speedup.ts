import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { extract } from 'tar'
import { AuraError } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import { defaultStatfs, ensureFreeSpace, type StatFs } from '../downloads/diskSpace'

/**
 * The NVIDIA speed-up: node-llama-cpp's prebuilt CUDA package for this platform, at the engine's exact
 * version, fetched as the package registry's tarball, checked against the integrity hash (sha512 SRI)
 * the registry publishes for that version, and unpacked under `<dir>/node_modules/@node-llama-cpp/`,
 * where speedupLoader.ts lets node-llama-cpp import it. A cut connection resumes with an HTTP Range.
 */
export interface SpeedupOptions {
  /** `<data folder>/gpu`. */
  dir: string
  /** The package registry's base URL (see {@link registryUrl}). */
  registry: string
  /** e.g. ['@node-llama-cpp/linux-x64-cuda']. */
  packages: readonly string[]
  /** node-llama-cpp's version: prebuilt packages load only at the same version. */
  version: string
  fetch?: typeof fetch
  statfs?: StatFs
  onProgress?: (progress: { name: string; receivedBytes: number; totalBytes: number | null }) => void
  /** Tries per package after a cut connection (each resumes where the last stopped). Default 5. */
  attempts?: number
  signal?: AbortSignal
}

/** Installs each package (already installed ones are kept); returns their folders. */
export async function installSpeedup(options: SpeedupOptions): Promise<string[]> {
  const folders: string[] = []
  for (const name of options.packages) folders.push(await installPackage(name, options))
  return folders
}

/** Where a package lands: `<dir>/node_modules/@node-llama-cpp/linux-x64-cuda`. */
export function packageFolder(dir: string, name: string): string {
  return join(dir, 'node_modules', ...name.split('/'))
}

async function installPackage(name: string, options: SpeedupOptions): Promise<string> {
  const { dir, version } = options
  const folder = packageFolder(dir, name)
  if ((await readVersion(folder)) === version) return folder
  const doFetch = options.fetch ?? fetch
  const dist = await readDist(doFetch, options.registry, name, version, options.signal)
  await mkdir(dir, { recursive: true })
  await ensureFreeSpace({ dir, what: 'the NVIDIA speed-up', neededBytes: dist.unpackedSize + (dist.size ?? 0), reservedBytes: 0, statfs: options.statfs ?? defaultStatfs })
  const part = join(dir, `${name.replace(/[@/]/g, '_')}-${version}.tgz.part`)
  await downloadTo(part, dist.tarball, doFetch, options, name)
  const actual = `sha512-${await sha512Base64(part)}`
  if (actual !== dist.integrity) {
    await rm(part, { force: true })
    throw new AuraError('checksum_mismatch', words('gpu.checksum'), {
      package: name,
    })
  }
  const staging = `${folder}.unpacking`
  await rm(staging, { recursive: true, force: true })
  await mkdir(staging, { recursive: true })
  await extract({ file: part, cwd: staging, strip: 1 })
  await rm(folder, { recursive: true, force: true })
  await rename(staging, folder)
  await rm(part, { force: true })
  return folder
}

async function readVersion(folder: string): Promise<string | null> {
  try {
    return (JSON.parse(await readFile(join(folder, 'package.json'), 'utf8')) as { version?: string }).version ?? null
  } catch {
    return null
  }
}

interface Dist {
  tarball: string
  integrity: string
  unpackedSize: number
  size: number | null
}

/** The registry's document for one version: `GET <registry>/<@scope%2fname>/<version>`. */
async function readDist(doFetch: typeof fetch, registry: string, name: string, version: string, signal?: AbortSignal): Promise<Dist> {
  const url = `${registry.replace(/\/+$/, '')}/${name.replace('/', '%2f')}/${version}`
  let body: { dist?: { tarball?: string; integrity?: string; unpackedSize?: number } }
  try {
    const response = await doFetch(url, { signal, headers: { accept: 'application/json' } })
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    body = (await response.json()) as typeof body
  } catch (error) {
    throw unreachable(error)
  }
  const dist = body.dist
  if (!dist?.tarball || !dist.integrity?.startsWith('sha512-')) {
    throw new AuraError('download_failed', words('gpu.noIntegrity'), { package: name })
  }
  return { tarball: dist.tarball, integrity: dist.integrity, unpackedSize: dist.unpackedSize ?? 0, size: null }
}

/** Into `part`, resuming from its length with a Range request after a cut connection. */
async function downloadTo(part: string, url: string, doFetch: typeof fetch, options: SpeedupOptions, name: string): Promise<void> {
  const attempts = options.attempts ?? 5
  let lastError: unknown = null
  for (let attempt = 0; attempt < attempts; attempt++) {
    const have = await stat(part).then((s) => s.size, () => 0)
    let response: Response
    try {
      response = await doFetch(url, { signal: options.signal, headers: have > 0 ? { range: `bytes=${have}-` } : {} })
    } catch (error) {
      lastError = error
      continue
    }
    if (response.status === 416) return // the part is whole already
    if (!response.ok) throw unreachable(new Error(`HTTP ${response.status}`))
    const resumed = response.status === 206
    const total = Number(response.headers.get('content-length') ?? NaN) + (resumed ? have : 0)
    const fh = await open(part, resumed ? 'a' : 'w')
    let received = resumed ? have : 0
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        await fh.write(chunk)
        received += chunk.byteLength
        options.onProgress?.({ name, receivedBytes: received, totalBytes: Number.isFinite(total) ? total : null })
      }
      if (!Number.isFinite(total) || received >= total) return
      lastError = new Error('the connection ended early')
    } catch (error) {
      if (isDiskFull(error)) throw diskFull(options.dir)
      lastError = error
    } finally {
      await fh.close()
    }
  }
  throw unreachable(lastError)
}

async function sha512Base64(file: string): Promise<string> {
  const hash = createHash('sha512')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('base64')
}

const isDiskFull = (error: unknown) => (error as { code?: string } | null)?.code === 'ENOSPC' || (error as { code?: string } | null)?.code === 'EDQUOT'

function diskFull(dir: string): AuraError {
  return new AuraError('disk_full', words('gpu.diskFull', { dir }), { dir })
}

function unreachable(error: unknown): AuraError {
  return new AuraError('download_failed', words('gpu.downloadFailed'), { detail: String(error) })
}

/**
 * The package registry the user's npm uses: `AURA_NPM_REGISTRY`, then npm's own `npm_config_registry`,
 * then the `registry=` line of the user's .npmrc. Aura names no registry itself: a company mirror or a
 * proxy the user set for npm is honoured, and without one the page asks for the address (Settings).
 */
export async function registryUrl(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): Promise<string | null> {
  const fromEnv = env.AURA_NPM_REGISTRY || env.npm_config_registry || env.NPM_CONFIG_REGISTRY
  if (fromEnv) return fromEnv
  try {
    const npmrc = await readFile(join(home, '.npmrc'), 'utf8')
    return /^\s*registry\s*=\s*(\S+)\s*$/m.exec(npmrc)?.[1] ?? null
  } catch {
    return null
  }
}
