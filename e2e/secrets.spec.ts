import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { startFakeCloud, type FakeCloud } from '../src/main/services/testing/fakeCloud'
import { expect, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
let fake: FakeCloud | undefined
test.afterEach(async () => {
  await aura?.stop()
  await fake?.close()
  aura = undefined
  fake = undefined
})

/** The forms a key's bytes could take on their way somewhere. */
function forms(key: string): string[] {
  const bytes = Buffer.from(key)
  return [key, bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex'), encodeURIComponent(key)]
}

/** Where a key was found in a piece of text or bytes, or null. */
function leak(haystack: string | Buffer, keys: string[]): string | null {
  for (const key of keys) {
    for (const form of forms(key)) {
      if (typeof haystack === 'string' ? haystack.includes(form) : haystack.includes(Buffer.from(form))) return form
    }
  }
  return null
}

/** Everything the page's own script can reach: window's properties (deep, cycles cut), both storages, cookies. */
async function pageState(page: Page): Promise<string> {
  return page.evaluate(() => {
    const seen = new WeakSet<object>()
    let budget = 200_000
    const walk = (value: unknown, depth: number): unknown => {
      if (budget-- <= 0 || depth > 8) return undefined
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return value
      if (typeof value !== 'object' && typeof value !== 'function') return undefined
      const object = value as object
      if (seen.has(object) || object instanceof Node) return undefined
      seen.add(object)
      const out: Record<string, unknown> = {}
      let names: string[]
      try {
        names = Object.getOwnPropertyNames(object)
      } catch {
        return undefined
      }
      for (const name of names) {
        try {
          out[name] = walk((object as Record<string, unknown>)[name], depth + 1)
        } catch {
          // a getter that throws
        }
      }
      return out
    }
    return JSON.stringify({
      window: walk(window, 0),
      localStorage: { ...localStorage },
      sessionStorage: { ...sessionStorage },
      cookie: document.cookie,
      inputs: [...document.querySelectorAll('input, textarea')].map((element) => (element as HTMLInputElement).value),
    })
  })
}

/** The renderer's whole JS heap, after a garbage collection, as the heap snapshot's text. */
async function heapSnapshot(page: Page): Promise<string> {
  const session = await page.context().newCDPSession(page)
  await session.send('HeapProfiler.enable')
  await session.send('HeapProfiler.collectGarbage')
  const chunks: string[] = []
  session.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk))
  await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  await session.detach()
  return chunks.join('')
}

test('keys saved, tested and used leave no trace: data folder, logs, page state, DOM, error messages', async ({ page }) => {
  const key = `sk-aura-${randomBytes(24).toString('hex')}`
  const rejected = `sk-wrong-${randomBytes(24).toString('hex')}`
  fake = await startFakeCloud({ keys: [key] })
  aura = await startAura({ env: { AURA_OPENAI_BASE_URL: fake.baseUrls.openai } })
  await page.goto(aura.url)
  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-cloud-keys').click()
  const openai = page.locator('[data-testid="provider-card"][data-provider="openai"]')

  // A key the provider refuses: the message says so without echoing it.
  await openai.getByTestId('key-input').fill(rejected)
  await openai.getByTestId('key-save').click()
  await openai.getByTestId('key-test').click()
  await expect(openai.getByTestId('key-status')).toHaveAttribute('data-status', 'invalid')
  await expect(openai).toContainText(/did not accept/i)
  const refusal = await openai.innerText()
  expect(leak(refusal, [rejected])).toBeNull()
  // Only the last 4 characters are shown.
  expect(refusal).not.toContain(rejected.slice(0, -4))

  await openai.getByRole('button', { name: 'Replace…' }).click()
  await openai.getByTestId('key-input').fill(key)
  await openai.getByTestId('key-save').click()
  await expect(openai.getByTestId('key-input')).toHaveCount(0)
  await openai.getByTestId('key-test').click()
  await expect(openai.getByTestId('key-status')).toHaveAttribute('data-status', 'valid')

  // Used: a reply from the cloud model.
  await page.getByTestId('back-to-chat').click()
  await page.getByTestId('model-picker').selectOption('openai:gpt-6.1-terra')
  await page.getByTestId('composer').fill('hello there')
  await page.getByTestId('composer').press('Enter')
  const replies = page.getByTestId('message-assistant')
  await expect(replies.first()).toHaveAttribute('data-status', 'done')
  await expect(replies.first()).toContainText('You said: hello there')

  // And an error: the provider fails mid-stream; the message on screen is plain and key-free.
  fake.set({ serverError: { status: 500 } })
  await page.getByTestId('composer').fill('and again')
  await page.getByTestId('composer').press('Enter')
  await expect(replies).toHaveCount(2)
  await expect(replies.nth(1)).toHaveAttribute('data-status', 'error')
  const error = await replies.nth(1).innerText()
  expect(error.trim().length).toBeGreaterThan(0)
  expect(leak(error, [key])).toBeNull()
  fake.set({ dropAfterChunks: 1, replyTokens: 30 })
  await page.getByTestId('composer').fill('once more')
  await page.getByTestId('composer').press('Enter')
  await expect(replies).toHaveCount(3)
  await expect(replies.nth(2)).toHaveAttribute('data-status', 'error')
  // The keys were really sent to the provider (so they were there to leak).
  expect(fake.requests.some((request) => request.apiKey === key)).toBe(true)
  expect(fake.requests.some((request) => request.apiKey === rejected)).toBe(true)

  const keys = [key, rejected]
  // Every file under the data folder, the vault's own files included.
  const files = readdirSync(aura.dataDir, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(join(aura!.dataDir, name)).isFile())
  expect(files.length).toBeGreaterThan(2)
  for (const name of files) expect(leak(readFileSync(join(aura.dataDir, name)), keys), name).toBeNull()
  // The host's logs (stdout and stderr).
  expect(leak(aura.output(), keys)).toBeNull()
  // The page: its DOM, everything its script can reach, its storage, and its heap after a GC.
  expect(leak(await page.evaluate(() => document.documentElement.outerHTML), keys)).toBeNull()
  expect(leak(await page.content(), keys)).toBeNull()
  expect(leak(await pageState(page), keys)).toBeNull()
  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-cloud-keys').click()
  await expect(openai.getByTestId('key-status')).toHaveAttribute('data-status', 'valid')
  expect(leak(await page.evaluate(() => document.documentElement.outerHTML), keys)).toBeNull()
  expect(leak(await pageState(page), keys)).toBeNull()
  const heap = await heapSnapshot(page)
  // The snapshot does hold the page's strings (what the user typed is there): the search can find things.
  expect(heap).toContain('once more')
  expect(leak(heap, keys)).toBeNull()
})
