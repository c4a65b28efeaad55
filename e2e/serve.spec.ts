import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { expect, screenshot, startAura, test, type AuraServer } from './support/aura'
import { expectFits, SIZES } from './support/fits'

let aura: AuraServer | undefined
let scratch: string | undefined
test.afterEach(async () => {
  await aura?.stop()
  aura = undefined
  if (scratch) rmSync(scratch, { recursive: true, force: true })
  scratch = undefined
})


test('restarting aura serve under an open tab: the tab shows Reconnecting… and gets back in by itself', async ({ page }) => {
  const first = await startAura({ port: 'kept' })
  await page.goto(first.url)
  await expect(page.getByTestId('empty-state')).toBeVisible()
  await first.kill()
  await expect(page.getByTestId('reconnecting')).toBeVisible()
  await screenshot(page, 'serve-reconnecting')

  // The same command again, no --port: the same port and the same link.
  aura = await startAura({ dataDir: first.dataDir, port: 'kept' })
  expect(aura.url).toBe(first.url)
  await expect(page.getByTestId('reconnecting')).toHaveCount(0, { timeout: 30_000 })
  await expect(page.getByTestId('access-refused')).toHaveCount(0)
  await expect(page.getByTestId('empty-state')).toBeVisible()
  // Really back: the page can ask Aura again (Settings loads from it).
  await page.getByTestId('open-settings').click()
  await expect(page.getByTestId('settings-nav-cloud-keys')).toBeVisible()
})

test('aura serve --open opens the default browser on Aura, with the token on no command line', async ({ page }) => {
  test.skip(process.platform === 'win32', 'the stand-in opener is a shell script')
  scratch = mkdtempSync(join(tmpdir(), 'aura-open-'))
  // A stand-in for the system opener: a real program on PATH that writes down what it was given.
  const given = join(scratch, 'given.txt')
  for (const name of ['xdg-open', 'open']) {
    writeFileSync(join(scratch, name), `#!/bin/sh\nprintf '%s\\n' "$@" > '${given}'\n`)
    chmodSync(join(scratch, name), 0o755)
  }
  aura = await startAura({ args: ['--open'], env: { PATH: `${scratch}:${process.env.PATH}` } })
  // The opener runs once Aura printed its address: wait for what it wrote down.
  await expect.poll(() => (existsSync(given) ? readFileSync(given, 'utf8').trim() : ''), { timeout: 10_000 }).not.toBe('')
  const opened = readFileSync(given, 'utf8').trim()
  expect(opened).not.toContain(new URL(aura.url).hash.slice('#token='.length))
  // What the browser does with it: the page goes on to Aura, and Aura lets it in.
  await page.goto(pathToFileURL(opened).href)
  await expect(page.getByTestId('empty-state')).toBeVisible()
  await expect.poll(() => page.url()).toBe(new URL('/', aura.url).href)
})

test('a request without the token: a page that says how to open Aura, JSON for an app', async ({ page, request }) => {
  aura = await startAura()
  const base = new URL('/', aura.url).href
  for (const size of SIZES) {
    await page.setViewportSize(size)
    const answer = await page.goto(`${base}wire`)
    expect(answer?.status()).toBe(404)
    await expect(page.getByTestId('refusal')).toContainText('aura serve --open')
    await expect(page.getByTestId('refusal')).toContainText(`${base}#token=…`)
    await expectFits(page)
    await screenshot(page, `serve-refusal-${size.width}x${size.height}`)
  }
  const app = await request.post(`${base}v1/chat/completions`, { data: { model: 'x', messages: [] } })
  expect(app.status()).toBe(405)
  expect(app.headers()['content-type']).toMatch(/^application\/json/)
  expect((await app.json()) as unknown).toMatchObject({ error: { code: 'method_not_allowed', message: expect.stringMatching(/aura api serve/) as unknown } })
})
