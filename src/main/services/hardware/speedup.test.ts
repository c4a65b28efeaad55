import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { create } from 'tar'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { installSpeedup, packageFolder, registryUrl } from './speedup'
import { SPEEDUP_HOOK, speedupModules } from './speedupLoader'
import { SpeedupService } from './speedupService'
import type { BackendChoice, BackendReason } from '../../../shared/api'
import { rejection } from '../testing/rejection'
import type { AuraError } from '../../../shared/api'
import { shapeIn } from '../../../shared/i18n'

/** A real prebuilt package of node-llama-cpp (the smallest), packed as the registry serves it: files under `package/`. */
const NAME = '@node-llama-cpp/linux-armv7l'
const SOURCE = join(process.cwd(), 'node_modules', NAME)
const VERSION = (JSON.parse(await readFile(join(SOURCE, 'package.json'), 'utf8')) as { version: string }).version

let dir: string
let tarball: Buffer
let integrity: string
let server: Server
let base: string
/** What the test server does: publish a wrong hash, cut the first tarball response after this many bytes. */
const mode = { wrongHash: false, cutAfter: 0 }
let requests: Array<{ url: string; range: string | undefined }>

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-speedup-'))
  const file = join(dir, 'package.tgz')
  await create({ gzip: true, cwd: SOURCE, prefix: 'package', file, portable: true }, ['package.json', 'dist', 'bins'])
  tarball = await readFile(file)
  integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`
  server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', range: req.headers.range })
    if (req.url === `/${NAME.replace('/', '%2f')}/${VERSION}`) {
      const published = mode.wrongHash ? `sha512-${createHash('sha512').update('something else').digest('base64')}` : integrity
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ name: NAME, version: VERSION, dist: { tarball: `${base}/tarballs/package.tgz`, integrity: published, unpackedSize: 13 * 1024 ** 2 } }))
      return
    }
    if (req.url === '/tarballs/package.tgz') {
      const start = Number(/bytes=(\d+)-/.exec(req.headers.range ?? '')?.[1] ?? 0)
      const body = tarball.subarray(start)
      res.writeHead(start > 0 ? 206 : 200, { 'content-length': body.length, ...(start > 0 ? { 'content-range': `bytes ${start}-${tarball.length - 1}/${tarball.length}` } : {}) })
      if (mode.cutAfter > 0) {
        const cut = mode.cutAfter
        mode.cutAfter = 0
        res.write(body.subarray(0, cut), () => res.destroy())
        return
      }
      res.end(body)
      return
    }
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
  await rm(dir, { recursive: true, force: true })
})

let target: string
beforeEach(async () => {
  mode.wrongHash = false
  mode.cutAfter = 0
  requests = []
  target = await mkdtemp(join(dir, 'gpu-'))
})

const install = (extra: Partial<Parameters<typeof installSpeedup>[0]> = {}) => installSpeedup({ dir: target, registry: base, packages: [NAME], version: VERSION, ...extra })

describe('the NVIDIA speed-up download', () => {
  it('fetches the tarball the registry publishes for this version, checks its sha512, and unpacks it where node-llama-cpp can import it', async () => {
    const progress: number[] = []
    const [folder] = await install({ onProgress: (p) => progress.push(p.receivedBytes) })
    expect(folder).toBe(packageFolder(target, NAME))
    expect(JSON.parse(await readFile(join(folder!, 'package.json'), 'utf8')).version).toBe(VERSION)
    expect(progress.at(-1)).toBe(tarball.length)
    expect(await readdir(target)).toEqual(['node_modules']) // no .part left

    // node-llama-cpp's own bare import now finds the copy in the data folder (in a plain Node process, as in the app).
    const script = join(target, 'load.mjs')
    const map = speedupModules(target, [NAME])
    await writeFile(
      script,
      `import { register } from 'node:module'\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(SPEEDUP_HOOK)}`)}, { data: { map: ${JSON.stringify(map)} } })\n` +
        `const m = await import(${JSON.stringify(NAME)})\nconsole.log(JSON.stringify(m.getBinsDir()))`,
    )
    const { stdout } = await promisify(execFile)(process.execPath, [script], { cwd: process.cwd() })
    expect(JSON.parse(stdout)).toEqual({ binsDir: join(folder!, 'bins'), packageVersion: VERSION })

    // Installed once: asking again downloads nothing.
    requests = []
    await install()
    expect(requests).toEqual([])
  })

  it('throws away a tarball whose hash is not the published one', async () => {
    mode.wrongHash = true
    const error = await rejection(install())
    expect(error).toMatchObject({ code: 'checksum_mismatch' })
    expect((error as Error).message).toMatch(/not the one published/)
    expect(existsSync(packageFolder(target, NAME))).toBe(false)
    expect(await readdir(target)).toEqual([])
  })

  it('resumes with a Range request after the connection is cut', async () => {
    mode.cutAfter = 1024 * 1024
    await install()
    const downloads = requests.filter((r) => r.url.startsWith('/tarballs/'))
    expect(downloads.length).toBe(2)
    expect(downloads[1]!.range).toMatch(/^bytes=\d+-$/)
    expect(Number(/\d+/.exec(downloads[1]!.range!)![0])).toBeGreaterThan(0)
    expect(existsSync(join(packageFolder(target, NAME), 'dist', 'index.js'))).toBe(true)
  })

  it('refuses in plain words before downloading when the disk has no room (the downloads service’s disk check)', async () => {
    const error = await rejection(install({ statfs: async () => ({ bavail: 256, bsize: 4096 }) }))
    expect(error).toMatchObject({ code: 'disk_full' })
    expect((error as Error).message).toMatch(/not enough free space for the NVIDIA speed-up/)
    expect(requests.filter((r) => r.url.startsWith('/tarballs/'))).toEqual([])
  })

  it('says the connection failed when the registry cannot be reached', async () => {
    const error = await rejection(install({ registry: 'http://127.0.0.1:1' }))
    expect(error).toMatchObject({ code: 'download_failed' })
    expect((error as Error).message).toBe('Aura could not download the NVIDIA speed-up. Check the internet connection and try again.')
  })
})

describe('registryUrl', () => {
  it('is the one npm is set to use: environment first, then the user’s .npmrc; none of its own', async () => {
    const home = await mkdtemp(join(dir, 'home-'))
    expect(await registryUrl({}, home)).toBeNull()
    await writeFile(join(home, '.npmrc'), 'fund=false\nregistry = http://127.0.0.1:4873/\n')
    expect(await registryUrl({}, home)).toBe('http://127.0.0.1:4873/')
    expect(await registryUrl({ npm_config_registry: 'http://mirror.test/' }, home)).toBe('http://mirror.test/')
    expect(await registryUrl({ AURA_NPM_REGISTRY: 'http://aura.test/', npm_config_registry: 'http://mirror.test/' }, home)).toBe('http://aura.test/')
  })
})

describe('SpeedupService', () => {
  const service = (backend: BackendChoice | undefined, registry: string | null = base, platform = 'linux-x64') =>
    new SpeedupService({ dir: target, fetch, backend: async () => backend, onProgress: () => {}, registry: async () => registry, platform })
  const onVulkan = (reason: BackendReason, needs: string | null = null): BackendChoice => ({
    backend: 'vulkan',
    device: 'NVIDIA GeForce RTX 4070',
    vramBytes: 12 * 1024 ** 3,
    loaded: true,
    fallbacks: [{ backend: 'cuda', reason, needs }],
  })

  it('refuses in plain words, before downloading, when the driver is too old or missing, on a Mac, or without a registry', async () => {
    expect((await rejection(service(onVulkan('driver_too_old', '528.33')).install())).message).toMatch(/^Your NVIDIA driver is too old for the NVIDIA speed-up: it needs version 528\.33 or newer\. Update the driver/)
    expect((await rejection(service(onVulkan('driver_missing')).install())).message).toMatch(/^No NVIDIA driver was found\./)
    expect((await rejection(service(undefined, base, 'mac-arm64').install())).message).toMatch(/for Windows and Linux/)
    expect((await rejection(service(onVulkan('speedup_not_installed'), null).install())).message).toMatch(/which package registry/)
    expect(requests).toEqual([])
  })

  it('says its refusals and failures in the page’s language (English unchanged)', async () => {
    const tooOld = (await rejection(service(onVulkan('driver_too_old', '528.33')).install())) as AuraError
    expect(shapeIn(tooOld, 'es').message).toMatch(/^Tu controlador NVIDIA es demasiado antiguo .* 528\.33 o posterior/)
    expect(shapeIn(tooOld, 'zh-CN').message).toContain('528.33')
    const offline = (await rejection(install({ registry: 'http://127.0.0.1:1' }))) as AuraError
    expect(shapeIn(offline, 'es').message).toBe('Aura no pudo descargar la aceleración NVIDIA. Comprueba la conexión a internet e inténtalo de nuevo.')
  })
})
