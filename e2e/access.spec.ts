import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import WebSocket from 'ws'
import { WIRE_PATH } from '../src/shared/api'
import { expect, screenshot, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
let neighbour: Server | undefined
test.afterEach(async () => {
  await aura?.stop()
  aura = undefined
  neighbour?.closeAllConnections()
  await new Promise((resolve) => neighbour?.close(resolve) ?? resolve(undefined))
  neighbour = undefined
})

/** Whether a WebSocket with these handshake headers gets an answer from Aura (it is let in) or is closed or refused. */
function letsIn(port: number, headers: Record<string, string>, protocols: string[] = []): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${WIRE_PATH}`, protocols, { headers })
    ws.once('open', () => ws.send(JSON.stringify({ type: 'request', id: 1, procedure: 'app.info', input: {} })))
    ws.once('message', () => {
      resolve(true)
      ws.close()
    })
    ws.once('close', () => resolve(false))
    ws.once('unexpected-response', () => resolve(false))
    ws.once('error', () => resolve(false))
  })
}

test('the access token reaches no other local server; reload and a second tab still get in', async ({ page, context }) => {
  aura = await startAura()
  const auraPort = Number(new URL(aura.url).port)
  const token = /token=([\w-]+)/.exec(aura.url)![1]!

  // Another web server on this computer (a dev server, another user's service), on another port.
  const seen: string[] = []
  neighbour = createServer((request, response) => {
    seen.push(`${request.method} ${request.url} ${JSON.stringify(request.headers)}`)
    response.writeHead(200, { 'Content-Type': request.url === '/' ? 'text/html' : 'text/plain' })
    response.end(request.url === '/' ? '<!doctype html><title>neighbour</title><img src="/pixel.png"><script>fetch("/api", { credentials: "include" })</script>' : 'ok')
  })
  await new Promise<void>((resolve) => neighbour!.listen(0, '127.0.0.1', resolve))
  const neighbourPort = (neighbour.address() as AddressInfo).port

  await page.goto(aura.url)
  await expect(page.getByTestId('empty-state')).toBeVisible()
  // Used once, the token leaves the address bar (and so this history entry).
  await expect.poll(() => page.url()).not.toContain(token)
  await page.reload()
  await expect(page.getByTestId('empty-state')).toBeVisible()

  // The same browser visits the neighbour: its page, an image, a credentialed fetch.
  await page.goto(`http://127.0.0.1:${neighbourPort}/`)
  await expect.poll(() => seen.length).toBeGreaterThanOrEqual(3)
  expect(seen.join('\n')).not.toContain(token)
  // A page there cannot open Aura's WebSocket (its Origin is not Aura's)…
  const fromNeighbour = await page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url)
        ws.onmessage = () => resolve('answered')
        ws.onopen = () => ws.send(JSON.stringify({ type: 'request', id: 1, procedure: 'app.info', input: {} }))
        ws.onclose = (event) => resolve(`closed ${event.code}`)
      }),
    `ws://127.0.0.1:${auraPort}${WIRE_PATH}`,
  )
  expect(fromNeighbour).toBe('closed 1006') // its handshake refused (403)
  // …and the neighbour's server, replaying every header it was sent with Aura's own Origin, is not let in.
  for (const line of seen) {
    const headers = JSON.parse(line.slice(line.indexOf('{'))) as Record<string, string>
    delete headers.host
    expect(await letsIn(auraPort, { ...headers, Origin: `http://127.0.0.1:${auraPort}` }), line).toBe(false)
  }

  // A second tab opening the printed address gets in; a tab without it is told what to do.
  const second = await context.newPage()
  await second.goto(aura.url)
  await expect(second.getByTestId('empty-state')).toBeVisible()
  const bare = await context.newPage()
  await bare.goto(`http://127.0.0.1:${auraPort}/`)
  await expect(bare.getByRole('alert')).toContainText(/Open the address Aura printed when it started/)
  await screenshot(bare, 'access-link-needed')
})

test('Aura restarted with a new link (--new-link): the old tab says to open the new address, and pasting it there gets in', async ({ page }) => {
  const first = await startAura()
  const port = Number(new URL(first.url).port)
  await page.goto(first.url)
  await expect(page.getByTestId('empty-state')).toBeVisible()
  await first.kill()
  aura = await startAura({ dataDir: first.dataDir, port, args: ['--new-link'] })
  await expect(page.getByTestId('access-refused')).toContainText(/Open the address Aura printed when it started/, { timeout: 30_000 })
  await screenshot(page, 'access-after-restart')
  // Only the fragment differs: the browser loads nothing by itself.
  await page.goto(aura.url)
  await expect(page.getByTestId('access-refused')).toHaveCount(0)
  await expect(page.getByTestId('empty-state')).toBeVisible()
  await expect.poll(() => page.url()).toBe(`http://127.0.0.1:${port}/`)
})

test('aura serve refuses any address but this computer\'s, and says why', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'aura-lan-'))
  try {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'my-laptop.local']) {
      const result = spawnSync(process.execPath, [resolve(import.meta.dirname, '../bin/aura.js'), 'serve', '--port', '0', '--host', host], {
        env: { ...process.env, AURA_KEYRING: 'off', AURA_DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 30_000,
      })
      expect(result.status, host).toBe(2)
      expect(result.stdout).not.toMatch(/Aura is running/)
      expect(result.stderr).toContain(`only on this computer: --host must be 127.0.0.1, ::1 or localhost, not "${host}"`)
      expect(result.stderr).toMatch(/travel unencrypted/)
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})
