import type { Server } from 'node:net'
import type { Page } from '@playwright/test'
import OpenAI from 'openai'
import { freePort, holdPort } from '../src/main/services/testing/ports'
import { addStoryModel, expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'
import { expectFits } from './support/fits'

let aura: AuraServer | undefined
let blocker: Server | undefined
test.afterEach(async () => {
  await aura?.stop()
  await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)))
  aura = blocker = undefined
})


/** Settings → Connect apps, at 1280×800. */
async function openConnect(page: Page, url: string) {
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(url)
  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-connect').click()
  return page.getByTestId('settings-connect')
}

test('Settings → Connect apps: turn it on, make a key, an app uses it, Test answers, Usage shows the app', async ({ page, context }) => {
  const port = await freePort()
  let modelId = ''
  aura = await startAura({
    settings: { api: { enabled: false, port }, retryWeakAnswers: false, confirmCostAbove: null },
    prepare: async (dir) => {
      modelId = await addStoryModel(dir)
    },
  })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: aura.url })
  const connect = await openConnect(page, aura.url)

  // Off by default: nothing listens, and Test says what to do.
  await expect(connect.getByTestId('connect-enabled')).toHaveAttribute('aria-checked', 'false')
  await expect(connect.getByTestId('connect-state')).toHaveAttribute('data-state', 'off')
  await connect.getByTestId('connect-test').click()
  await expect(connect.getByTestId('connect-test-result')).toContainText('The API is off. Turn on “Let other apps use Aura” first')

  // On: the address apps use.
  await connect.getByTestId('connect-enabled').click()
  await expect(connect.getByTestId('connect-state')).toHaveAttribute('data-state', 'running')
  const address = `http://127.0.0.1:${port}/v1`
  await expect(connect.getByTestId('connect-address')).toHaveText(address)

  // A key for "my script": shown once, copied with one click, then only its last 4.
  await connect.getByTestId('connect-key-name').fill('my script')
  await connect.getByTestId('connect-key-create').click()
  const shown = (await connect.getByTestId('connect-fresh-key-value').textContent())!.trim()
  expect(shown).toMatch(/^aura-[\w-]{43}$/)
  await connect.getByTestId('connect-fresh-key-copy').click()
  const key = await page.evaluate(() => navigator.clipboard.readText())
  expect(key).toBe(shown)
  const card = connect.locator('[data-testid="connect-key"][data-name="my script"]')
  await expect(card.getByTestId('connect-key-last4')).toHaveText(`aura-…${key.slice(-4)}`)
  // The set-up blocks carry the new key and the address (without /v1 for Claude Code).
  await expect(connect.locator('[data-testid="connect-snippet"][data-app="claude-code"]')).toContainText(`ANTHROPIC_BASE_URL=http://127.0.0.1:${port}\nexport ANTHROPIC_AUTH_TOKEN=${key}`)
  await expect(connect.locator('[data-testid="connect-snippet"][data-app="openai"]')).toContainText(`OPENAI_BASE_URL=${address}\nexport OPENAI_API_KEY=${key}`)
  await expect(connect.locator('[data-testid="connect-snippet"][data-app="continue"]')).toContainText(`apiBase: ${address}\n    apiKey: ${key}`)
  await expectAccessible(page)
  // The settings pane scrolls on its own: one picture per part of the page.
  for (const [width, height] of [
    [1280, 800],
    [800, 600],
  ] as const) {
    await page.setViewportSize({ width, height })
    await expectFits(page)
    for (const part of ['connect-listener', 'connect-keys', 'connect-setup']) {
      await page.locator(`#${part}`).evaluate((el) => el.scrollIntoView({ block: 'start' }))
      await screenshot(page, `${part}-${width}`)
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 })

  // The app itself: the official SDK with the shown address and the copied key, answered by the local model.
  const sdk = new OpenAI({ baseURL: address, apiKey: key, maxRetries: 0 })
  const reply = await sdk.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Say hello' }], max_tokens: 16 })
  expect(reply.model).toBe(modelId)

  // Test: a real request through the listener, with its answer, who answered and how long it took.
  await connect.getByTestId('connect-test').click()
  await expect(connect.getByTestId('connect-test-result')).toHaveAttribute('data-state', 'done', { timeout: 60_000 })
  await expect(connect.getByTestId('connect-test-model')).toHaveText(modelId)
  await expect(connect.getByTestId('connect-test-result')).toContainText(/It works\. Answered by .+ in [\d.]+ s:/)
  test.info().annotations.push({ type: 'test button', description: (await connect.getByTestId('connect-test-result').textContent()) ?? '' })
  await page.setViewportSize({ width: 800, height: 600 })
  await connect.getByTestId('connect-test-result').evaluate((el) => el.scrollIntoView({ block: 'center' }))
  await expectFits(page)
  await screenshot(page, 'connect-test-800')
  await page.setViewportSize({ width: 1280, height: 800 })

  // Limits per key: a daily budget, Local only, the models it may use; they stay after a reload, and the key is never shown again.
  await card.getByTestId('connect-key-budget').fill('0.5')
  await card.getByTestId('connect-key-budget').press('Enter')
  await expect(card.getByTestId('save-state')).toHaveText('Saved')
  await card.getByTestId('connect-key-local-only').click()
  await card.getByTestId('connect-key-model-add').selectOption(modelId)
  await expect(card.locator(`[data-testid="connect-key-model"][data-model="${modelId}"]`)).toBeVisible()
  await expect(card.getByTestId('save-state')).toHaveText('Saved')
  await page.reload()
  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-connect').click()
  await expect(card.getByTestId('connect-key-budget')).toHaveValue('0.5')
  await expect(card.getByTestId('connect-key-local-only')).toHaveAttribute('aria-checked', 'true')
  await expect(card.locator(`[data-testid="connect-key-model"][data-model="${modelId}"]`)).toBeVisible()
  await card.scrollIntoViewIfNeeded()
  await screenshot(page, 'connect-key-limits-1280')
  await expect(connect.getByTestId('connect-fresh-key')).toHaveCount(0)
  await expect(connect.locator('[data-testid="connect-snippet"][data-app="openai"]')).toContainText('OPENAI_API_KEY=paste-your-aura-key-here')
  expect((await sdk.models.list()).data.map((m) => m.id)).toEqual(['auto', modelId])

  // Usage: what each app asked, beside Aura itself.
  await page.getByTestId('settings-nav-usage').click()
  const byApp = page.getByTestId('usage-by-app')
  await expect(byApp.locator('[data-key="app:my script"]')).toContainText('my script')
  await expect(byApp.locator('[data-key="app:my script"]')).toContainText('1')
  await expect(byApp.locator('[data-key="app:connection test"]')).toContainText('Connection test')
  await expectAccessible(page)
  await byApp.scrollIntoViewIfNeeded()
  await screenshot(page, 'connect-usage-1280')

  // Another program holds the port: said here, in words.
  await page.getByTestId('settings-nav-connect').click()
  blocker = await holdPort()
  const taken = (blocker.address() as { port: number }).port
  await connect.getByTestId('connect-port').fill(String(taken))
  await connect.getByTestId('connect-port').press('Enter')
  await expect(connect.getByTestId('connect-problem')).toContainText(`Port ${taken} is already in use by another program`)
  await expect(connect.getByTestId('connect-state')).toHaveAttribute('data-state', 'problem')
  await page.setViewportSize({ width: 800, height: 600 })
  await expectFits(page)
  await screenshot(page, 'connect-port-taken-800')
  await connect.getByTestId('connect-port').fill(String(port))
  await connect.getByTestId('connect-port').press('Enter')
  await expect(connect.getByTestId('connect-state')).toHaveAttribute('data-state', 'running')

  // Revoke asks first; then the app is refused.
  await card.getByTestId('connect-key-revoke').click()
  await page.getByTestId('connect-revoke-dialog').getByRole('button', { name: 'Revoke' }).click()
  await expect(connect.getByTestId('connect-no-keys')).toBeVisible()
  await expect(sdk.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError)
})

test('Settings → Connect apps: other computers on this network (with its warning and addresses) and the web pages that may call Aura', async ({ page }) => {
  const port = await freePort()
  aura = await startAura({ settings: { api: { enabled: true, port } } })
  const connect = await openConnect(page, aura.url)
  await expect(connect.getByTestId('connect-state')).toHaveAttribute('data-state', 'running')

  // Off by default: no warning, no addresses.
  await expect(connect.getByTestId('connect-network')).toHaveAttribute('aria-checked', 'false')
  await expect(connect.getByTestId('connect-network-on')).toHaveCount(0)
  await connect.getByTestId('connect-network').click()
  await expect(connect.getByTestId('connect-network-warning')).toContainText('Anyone on this network who has one of your keys can use your models and spend your cloud budget')
  await expect(connect.locator('#connect-listener')).toContainText('other computers on your network too')
  // The addresses other computers use (where this machine has one but loopback): reachable, and a key is still needed.
  const addresses = connect.getByTestId('connect-network-addresses').locator('code')
  if (await addresses.count()) {
    const lan = (await addresses.first().textContent())!
    expect(lan).toMatch(new RegExp(`^http://[\\d.]+:${port}/v1$`))
    expect((await fetch(`${lan}/models`)).status).toBe(401)
  }

  // A web page's address: checked, written as browsers send it, then answered with CORS.
  const input = connect.getByTestId('connect-origin-input')
  await input.fill('localhost:5173')
  await connect.getByTestId('connect-origin-add').click()
  await expect(connect.getByTestId('connect-origin-problem')).toContainText('such as http://localhost:5173')
  await input.fill('http://localhost:5173/')
  await connect.getByTestId('connect-origin-add').click()
  await expect(connect.locator('[data-testid="connect-origin"][data-origin="http://localhost:5173"]')).toBeVisible()
  await expect(input).toHaveValue('')
  const preflight = () => fetch(`http://127.0.0.1:${port}/v1/models`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } })
  expect((await preflight()).headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
  await expectAccessible(page)
  for (const [width, height] of [
    [1280, 800],
    [800, 600],
  ] as const) {
    await page.setViewportSize({ width, height })
    await expectFits(page)
    await page.locator('#connect-network').evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await screenshot(page, `connect-network-${width}`)
  }

  // Removed: no CORS header; network off: the warning goes.
  await connect.getByRole('button', { name: 'Remove http://localhost:5173' }).click()
  await expect(connect.getByTestId('connect-origin')).toHaveCount(0)
  expect((await preflight()).headers.get('access-control-allow-origin')).toBeNull()
  await connect.getByTestId('connect-network').click()
  await expect(connect.getByTestId('connect-network-on')).toHaveCount(0)
})
