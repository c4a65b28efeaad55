import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type Notice } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import { memoryStore } from '../testing/memoryStore'
import { freePort, holdPort } from '../testing/ports'

const reachable = (port: number) =>
  fetch(`http://127.0.0.1:${port}/v1/models`).then(
    (response) => response.status,
    () => null,
  )

/** "Let other apps use Aura": the listener follows settings.api in the shells that stay up. */
describe('the API switch', () => {
  let dir: string
  let services: Services
  const notices: Notice[] = []

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aura-api-switch-'))
    services = createServices({ shell: 'host', version: '0.0.0-test', paths: { dataDir: dir }, settingsStore: memoryStore() })
    services.onEvent((event, payload) => {
      if (event === 'app.notice') notices.push(payload as Notice)
    })
  })
  afterAll(async () => {
    await services.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  it('is off by default, starts when turned on, moves with the port and stops when turned off', async () => {
    expect(services.settings.get().api).toEqual({ enabled: false, port: 4891, network: false, corsOrigins: [], modelNames: DEFAULT_SETTINGS.api.modelNames })
    const first = await freePort()
    await services.dispatch('settings.update', { api: { enabled: false, port: first } })
    await services.serveApi()
    expect(await reachable(first)).toBeNull()

    await services.dispatch('settings.update', { api: { enabled: true, port: first } })
    await expect.poll(() => reachable(first)).toBe(401)

    const second = await freePort()
    await services.dispatch('settings.update', { api: { enabled: true, port: second } })
    await expect.poll(() => reachable(second)).toBe(401)
    expect(await reachable(first)).toBeNull()

    await services.dispatch('settings.update', { api: { enabled: false, port: second } })
    await expect.poll(() => reachable(second)).toBeNull()
  })

  it("the page's procedures: the address while on, keys made once and listed without their hash, revoked", async () => {
    const port = await freePort()
    await services.dispatch('settings.update', { api: { enabled: true, port } })
    await expect.poll(async () => (await services.dispatch('api.status', {})) as unknown).toEqual({ ok: true, data: { enabled: true, port, url: `http://127.0.0.1:${port}/v1`, problem: null, network: false, networkUrls: [] } })
    const made = (await services.dispatch('api.createKey', { name: 'Cursor', dailyBudgetUsd: 1.5 })) as { ok: true; data: { key: string } }
    const models = await fetch(`http://127.0.0.1:${port}/v1/models`, { headers: { authorization: `Bearer ${made.data.key}` } })
    expect(models.status).toBe(200)
    const listed = (await services.dispatch('api.keys', {})) as { ok: true; data: Record<string, unknown>[] }
    expect(listed.data).toEqual([{ name: 'Cursor', last4: made.data.key.slice(-4), createdAt: expect.any(Number), dailyBudgetUsd: 1.5, localOnly: false, allowedModels: [], spentTodayUsd: 0 }])
    expect(await services.dispatch('api.createKey', { name: 'cursor' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await services.dispatch('api.revokeKey', { name: 'Cursor' })).toEqual({ ok: true, data: {} })
    expect((await fetch(`http://127.0.0.1:${port}/v1/models`, { headers: { authorization: `Bearer ${made.data.key}` } })).status).toBe(401)
    await services.dispatch('settings.update', { api: { enabled: false, port } })
  })

  it('says in plain words when its port is taken', async () => {
    const taken = await holdPort()
    const { port } = taken.address() as { port: number }
    try {
      await services.dispatch('settings.update', { api: { enabled: true, port } })
      await expect.poll(() => notices.at(-1)?.message).toContain(`Port ${port} is already in use by another program`)
      // The page (Settings → Connect apps) reads the same words from api.status.
      expect(await services.dispatch('api.status', {})).toMatchObject({ ok: true, data: { enabled: true, url: null, problem: expect.stringContaining(`Port ${port} is already in use`) } })
    } finally {
      await services.dispatch('settings.update', { api: { enabled: false, port } })
      await new Promise((resolve) => taken.close(resolve))
    }
  })
})
