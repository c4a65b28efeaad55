import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Download } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import { memoryStore } from '../testing/memoryStore'
import { startTestHub, TEST_HUB_FILES, TEST_HUB_REPOS, type TestHub } from '../testing/testHub'
import { writeTinyLlama } from '../testing/tinyLlama'
import { caller } from '../testing/procedures'
import { loadRecording, replayProbe } from '../testing/replayProbe'

/** The model manager's procedures through the real services, against a real local Hub. */
describe('models, catalog, hub and downloads procedures', () => {
  let dir: string
  let hub: TestHub
  let services: Services
  const downloads: Download[] = []
  let modelsChanged = 0

  const call = caller(() => services)
  const finished = (id: string) =>
    expect
      .poll(() => downloads.findLast((download) => download.id === id)?.state, { timeout: 20_000 })
      .toMatch(/^(done|failed)$/)
      .then(() => downloads.findLast((download) => download.id === id)!)

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aura-manager-'))
    hub = await startTestHub()
    services = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir: join(dir, 'data') },
      settingsStore: memoryStore({ threads: 1 }),
      env: { AURA_HF_ENDPOINT: hub.url },
    })
    services.onEvent((event, payload) => {
      if (event === 'downloads.progress') downloads.push(payload as Download)
      if (event === 'models.changed') modelsChanged++
    })
  })
  afterAll(async () => {
    await services.dispose()
    await hub.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('describes this computer and suggests a catalog model that runs well on it', async () => {
    const profile = await call('hardware.get', {})
    expect(profile.ramTotalBytes).toBeGreaterThan(0)
    const { items, recommendation } = await call('catalog.list', {})
    expect(items.length).toBeGreaterThan(20)
    const suggested = items.find((item) => item.id === recommendation?.entryId)!
    const quant = suggested.quants.find((candidate) => candidate.quant === recommendation!.quant)!
    expect(suggested.fits.find((fit) => fit.quant === quant.quant)!.fit.label).toBe('runs_well')
    // Every quant of every entry carries its fit; a 70B model is too big for a 24 GB machine without a GPU.
    expect(items.every((item) => item.fits.length === item.quants.length)).toBe(true)
    if (profile.gpus.length === 0 && profile.ramTotalBytes < 40 * 1024 ** 3) {
      expect(items.find((item) => item.id.includes('70b'))!.fits.every((fit) => fit.fit.label === 'too_big')).toBe(true)
    }
  })

  it('finds GGUF repos on the Hub and lists their files', async () => {
    expect((await call('hub.search', { query: 'tiny' })).map((repo) => repo.repo)).toContain(TEST_HUB_REPOS.tiny)
    const files = await call('hub.files', { repo: TEST_HUB_REPOS.sharded })
    expect(files).toEqual([expect.objectContaining({ file: TEST_HUB_FILES.sharded[0], parts: 3 })])
  })

  it('downloads a catalog model, lists it with its fit, and deletes it', async () => {
    const { items } = await call('catalog.list', {})
    const demo = items.find((item) => item.id === 'stories260k')!.quants[0]!
    const started = await call('downloads.start', { repo: demo.repo, file: demo.file })
    const done = await finished(started.id)
    expect(done).toMatchObject({ state: 'done', error: null })
    expect(modelsChanged).toBeGreaterThan(0)

    const installed = (await call('models.list', {})).find((model) => model.id === done.modelId)!
    expect(installed).toMatchObject({ imported: false, problem: null, fit: { label: 'runs_well' } })
    expect((await call('catalog.list', {})).items.find((item) => item.id === 'stories260k')!.installedModelId).toBe(done.modelId)
    const fit = await call('models.fit', { id: done.modelId, contextSize: 1024 })
    expect(fit.kvCacheBytes).toBeLessThan((await call('models.fit', { id: done.modelId, contextSize: 2048 })).kvCacheBytes)

    await call('models.delete', { id: done.modelId })
    expect(existsSync(installed.file)).toBe(false)
    expect((await call('models.list', {})).map((model) => model.id)).not.toContain(done.modelId)
  })

  it('keeps a Hugging Face token sealed, and uses it for gated repos', async () => {
    await expect(call('downloads.start', { repo: TEST_HUB_REPOS.gated, file: TEST_HUB_FILES.gated })).rejects.toMatchObject({ code: 'hub_auth_required' })
    expect(await call('hub.setToken', { token: hub.token })).toEqual({ configured: true, last4: hub.token.slice(-4), problem: null, savedFor: new URL(hub.url).host })
    const started = await call('downloads.start', { repo: TEST_HUB_REPOS.gated, file: TEST_HUB_FILES.gated })
    expect((await finished(started.id)).state).toBe('done')
    // Nothing under the data folder holds the token in the clear.
    const dataDir = join(dir, 'data')
    const files = readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(join(dataDir, name)).isFile())
    for (const name of files) expect(readFileSync(join(dataDir, name)).includes(Buffer.from(hub.token)), name).toBe(false)
    expect(await call('hub.setToken', { token: null })).toEqual({ configured: false, last4: null, problem: null, savedFor: null })
    expect(await call('hub.tokenStatus', {})).toEqual({ configured: false, last4: null, problem: null, savedFor: null })
  })

  it('imports a model in place and forgets it without touching the file', async () => {
    const outside = join(dir, 'elsewhere', 'my-model.gguf')
    await writeTinyLlama(outside)
    const imported = await call('models.import', { path: outside })
    expect(imported).toMatchObject({ imported: true, file: outside, fit: { label: 'runs_well' } })
    expect(services.settings.get().importedModels).toEqual([outside])
    await call('models.delete', { id: imported.id })
    expect(existsSync(outside)).toBe(true)
    expect(services.settings.get().importedModels).toEqual([])
  })

  it('deletes a model the list says cannot be used, and forgets an imported one whose file is gone', async () => {
    // The page shows "Can't be used: … Delete it and download it again." next to its Delete button.
    const damaged = join(services.modelsDir(), 'damaged.gguf')
    const good = await writeTinyLlama(join(dir, 'good.gguf'))
    writeFileSync(damaged, readFileSync(good).subarray(0, 200))
    const vanished = join(dir, 'elsewhere', 'vanished.gguf')
    await writeTinyLlama(vanished)
    const imported = await call('models.import', { path: vanished })
    rmSync(vanished)

    const listed = await call('models.list', {})
    expect(listed.find((model) => model.file === damaged)?.problem).toMatch(/Delete it and download it again/)
    expect(listed.find((model) => model.id === imported.id)?.problem).toMatch(/moved or deleted/)

    await call('models.delete', { id: 'damaged' })
    expect(existsSync(damaged)).toBe(false)
    await call('models.delete', { id: imported.id })
    expect(services.settings.get().importedModels).toEqual([])
    expect((await call('models.list', {})).map((model) => model.id)).not.toContain(imported.id)
    await expect(call('models.delete', { id: 'damaged' })).rejects.toMatchObject({ code: 'model_not_found' })
  })

  it('moves the models folder with its models', async () => {
    await writeTinyLlama(join(services.modelsDir(), 'keep-me.gguf'))
    const before = (await call('models.list', {})).map((model) => model.id).sort()
    expect(before).toContain('keep-me')
    const target = join(dir, 'new-models')
    expect(await call('models.setFolder', { path: target, moveFiles: true })).toEqual({ modelsDir: target, moved: before.length })
    expect(services.modelsDir()).toBe(target)
    expect((await call('models.list', {})).map((model) => model.id).sort()).toEqual(before)
  })
})

/** A model's fit as its own load choices make it, on a recorded machine with a graphics card. */
describe("a model's fit follows its defaults", () => {
  it('layers on the GPU and the KV type a user chose change the listed fit, as the engine would load it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aura-fit-choice-'))
    const { readings } = await loadRecording('gaming-pc-rtx4070-12gb')
    const services = createServices({ shell: 'host', version: '0.0.0-test', paths: { dataDir: dir }, settingsStore: memoryStore({ threads: 1 }), systemProbe: replayProbe(readings) })
    const call = caller(() => services)
    try {
      await writeTinyLlama(join(dir, 'models', 'tiny.gguf'), { layers: 4 })
      const fitOf = async () => (await call('models.list', {})).find((model) => model.id === 'tiny')!.fit!
      const automatic = await fitOf()
      expect(automatic.gpuShare).toBe(1)
      await call('settings.update', { modelDefaults: { tiny: { gpuLayers: 1, kvCacheType: 'q8_0' } } })
      const chosen = await fitOf()
      expect(chosen.gpuShare).toBe(0.25)
      expect(chosen.kvCacheBytes).toBeLessThan(automatic.kvCacheBytes * 0.6)
      expect(await call('models.fit', { id: 'tiny' })).toEqual(chosen)
    } finally {
      await services.dispose()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
