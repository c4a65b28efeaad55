import { mkdtempSync, rmSync } from 'node:fs'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../createServices'
import { memoryStore } from '../testing/memoryStore'
import { freePort } from '../testing/ports'
import { fromThisNetwork, networkUrls } from './network'

/** This machine's first address that is not loopback (IPv4), or null: where another computer would reach it. */
const own = Object.values(networkInterfaces()).flat()
const lanAddress = own.find((entry) => entry && !entry.internal && entry.family === 'IPv4')?.address ?? null
/** An IPv6 address of this network (not link-local, which needs a scope), if the machine has one. */
const lanAddress6 = own.find((entry) => entry && !entry.internal && entry.family === 'IPv6' && !entry.address.startsWith('fe80'))?.address ?? null

const status = (url: string, key?: string) =>
  fetch(url, { headers: key ? { authorization: `Bearer ${key}` } : {}, signal: AbortSignal.timeout(3000) }).then(
    (response) => response.status,
    () => null,
  )

/** "From other computers on this network" (settings.api.network): off by default, followed live. */
describe.skipIf(!lanAddress)('the API on the local network', () => {
  // Skipped on a machine with no address but loopback: there is no other address to reach it at.
  let dir: string
  let services: Services

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aura-api-network-'))
    services = createServices({ shell: 'host', version: '0.0.0-test', paths: { dataDir: dir }, settingsStore: memoryStore() })
    await services.serveApi()
  })
  afterAll(async () => {
    await services.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  it('is loopback only while off, reachable at the LAN address once on (a key still needed), and loopback only again once off', async () => {
    expect(services.settings.get().api).toMatchObject({ network: false, corsOrigins: [] })
    const port = await freePort()
    const lan = `http://${lanAddress}:${port}/v1/models`
    await services.dispatch('settings.update', { api: { ...services.settings.get().api, enabled: true, port } })
    await expect.poll(() => status(`http://127.0.0.1:${port}/v1/models`)).toBe(401)
    expect(await status(lan)).toBeNull()
    if (lanAddress6) expect(await status(`http://[${lanAddress6}]:${port}/v1/models`)).toBeNull()
    expect(await services.dispatch('api.status', {})).toMatchObject({ ok: true, data: { network: false, networkUrls: [] } })

    await services.dispatch('settings.update', { api: { ...services.settings.get().api, network: true } })
    await expect.poll(() => status(lan)).toBe(401)
    const { key } = services.apiKeys.create('phone')
    expect(await status(lan, key)).toBe(200)
    // IPv6 too, where the machine has it (the listener takes both on '::').
    if (lanAddress6) expect(await status(`http://[${lanAddress6}]:${port}/v1/models`, key)).toBe(200)
    expect(await status(`http://127.0.0.1:${port}/v1/models`, key)).toBe(200)
    expect(await services.dispatch('api.status', {})).toMatchObject({ ok: true, data: { network: true, url: `http://127.0.0.1:${port}/v1`, networkUrls: expect.arrayContaining([`http://${lanAddress}:${port}/v1`]) } })

    await services.dispatch('settings.update', { api: { ...services.settings.get().api, network: false } })
    await expect.poll(() => status(lan)).toBeNull()
    expect(await status(`http://127.0.0.1:${port}/v1/models`, key)).toBe(200)
    await services.dispatch('settings.update', { api: { ...services.settings.get().api, enabled: false } })
  })
})

describe('who counts as this network', () => {
  const interfaces = {
    lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
    eth0: [
      { address: '192.0.2.2', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '192.0.2.2/24' },
      { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: 'fe80::1/64', scopeid: 4 },
    ],
  } as ReturnType<typeof networkInterfaces>

  it("private ranges, link-local and this computer's own subnets, not the internet", () => {
    for (const address of ['127.0.0.1', '::1', '192.168.1.20', '10.1.2.3', '172.20.0.5', '100.101.102.103', 'fd12::7', 'fe80::abcd', '192.0.2.77', '::ffff:192.168.1.20', '::ffff:192.0.2.9'])
      expect([address, fromThisNetwork(address, interfaces)]).toEqual([address, true])
    for (const address of ['8.8.8.8', '203.0.113.5', '192.0.3.1', '2001:db8::1', '::ffff:8.8.8.8', undefined])
      expect([address, fromThisNetwork(address, interfaces)]).toEqual([address, false])
  })

  it('names the addresses other computers use: IPv4, not loopback', () => {
    expect(networkUrls(4891, interfaces)).toEqual(['http://192.0.2.2:4891/v1'])
  })
})
