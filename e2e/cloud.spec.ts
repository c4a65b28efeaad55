import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../src/main/services/testing/fakeCloud'
import { expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
let fake: FakeCloud | undefined
test.afterEach(async () => {
  await aura?.stop()
  await fake?.close()
  aura = undefined
  fake = undefined
})

test('a new user pastes a key, tests it, chats with a cloud model, sees the cost, and removes the key', async ({ page }) => {
  fake = await startFakeCloud()
  aura = await startAura({ env: { AURA_OPENAI_BASE_URL: fake.baseUrls.openai } })
  await page.goto(aura.url)
  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-cloud-keys').click()
  const openai = page.locator('[data-testid="provider-card"][data-provider="openai"]')
  await expect(openai).toBeVisible()

  // A wrong key first: the user is told, in plain words.
  await openai.getByTestId('key-input').fill('sk-not-the-right-one')
  await openai.getByTestId('key-save').click()
  await openai.getByTestId('key-test').click()
  await expect(openai.getByTestId('key-status')).toHaveAttribute('data-status', 'invalid')
  await expect(openai).toContainText(/did not accept/i)

  await openai.getByRole('button', { name: 'Replace…' }).click()
  await openai.getByTestId('key-input').fill(FAKE_CLOUD_VALID_KEY)
  await openai.getByTestId('key-save').click()
  await expect(openai.getByTestId('key-input')).toHaveCount(0)
  await openai.getByTestId('key-test').click()
  await expect(openai.getByTestId('key-status')).toHaveAttribute('data-status', 'valid')
  await expectAccessible(page)
  await screenshot(page, 'cloud-keys')

  await page.getByTestId('back-to-chat').click()
  const cloudOption = page.getByTestId('model-picker').locator('option[value="openai:gpt-6.1-terra"]')
  await expect(cloudOption).toHaveCount(1)
  await expect(cloudOption).toContainText('$')
  await page.getByTestId('model-picker').selectOption('openai:gpt-6.1-terra')
  await page.getByTestId('composer').fill('hello there')
  await page.getByTestId('composer').press('Enter')
  const reply = page.getByTestId('message-assistant').first()
  await expect(reply).toHaveAttribute('data-status', 'done')
  await expect(reply).toContainText('You said: hello there')
  await expect(reply.getByTestId('message-cost')).toContainText('$')
  await screenshot(page, 'cloud-reply')

  // The key never reaches the page, its state, or anything Aura wrote.
  expect(await page.content()).not.toContain(FAKE_CLOUD_VALID_KEY)
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))
  expect(storage).not.toContain(FAKE_CLOUD_VALID_KEY)
  expect(aura.output()).not.toContain(FAKE_CLOUD_VALID_KEY)
  for (const name of readdirSync(aura.dataDir, { recursive: true, encoding: 'utf8' })) {
    const file = join(aura.dataDir, name)
    if (statSync(file).isFile()) expect(readFileSync(file).includes(Buffer.from(FAKE_CLOUD_VALID_KEY)), name).toBe(false)
  }

  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-cloud-keys').click()
  await openai.getByTestId('key-remove').click()
  await page.getByTestId('confirm-ok').click()
  await expect(openai.getByTestId('key-status')).not.toHaveAttribute('data-status', 'valid')
  await page.getByTestId('back-to-chat').click()
  await expect(page.getByTestId('model-picker').locator('option[value="openai:gpt-6.1-terra"]')).toHaveCount(0)
})

test('an OpenAI-compatible server on this computer: added from a preset, chatted with for free', async ({ page }) => {
  fake = await startFakeCloud()
  aura = await startAura()
  await page.goto(aura.url)
  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-cloud-keys').click()
  await page.getByTestId('server-name').fill('Test server')
  await page.getByTestId('server-url').fill(fake.baseUrls.local)
  await page.getByTestId('server-add').click()
  const card = page.getByTestId('server-card').filter({ hasText: 'Test server' })
  await expect(card).toBeVisible()
  await expect(card.getByTestId('server-models')).toContainText(/\d/)
  // On 127.0.0.1: this computer, so Local only may use it (no private switch to set).
  await expect(card.getByTestId('server-where')).toHaveAttribute('data-where', 'this_computer')
  await expectAccessible(page)
  for (const [width, height] of [[800, 600], [1280, 800]] as const) {
    await page.setViewportSize({ width, height })
    await card.scrollIntoViewIfNeeded()
    await screenshot(page, `server-card-${width}`)
  }
  await page.getByTestId('back-to-chat').click()
  const option = page.getByTestId('model-picker').locator('option[value^="server.test-server:"]').first()
  await expect(option).toHaveCount(1)
  const serverModel = (await option.getAttribute('value'))!
  await page.getByTestId('model-picker').selectOption(serverModel)
  await page.getByTestId('composer').fill('hi server')
  await page.getByTestId('composer').press('Enter')
  const reply = page.getByTestId('message-assistant').first()
  await expect(reply).toHaveAttribute('data-status', 'done')
  await expect(reply.getByTestId('message-cost')).toContainText(/free|\$0/i)
  // Its own badge: your server, not the cloud.
  const badge = reply.getByTestId('message-route').getByTestId('place-badge')
  await expect(badge).toHaveAttribute('data-place', 'server')
  await expect(badge).toContainText(/your server · Test server/i)
  await expect(reply.getByTestId('message-route')).not.toContainText(/cloud/i)
  for (const [width, height] of [[800, 600], [1280, 800]] as const) {
    await page.setViewportSize({ width, height })
    await screenshot(page, `server-reply-${width}`)
  }

  // Auto's best local tier can be the server: the reply to a moderate request comes from it.
  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-routing').click()
  const best = page.getByTestId('setting-quality-model')
  await best.selectOption(serverModel)
  await expect(best.locator('optgroup[label="Your server · Test server"]')).toHaveCount(1)
  await expectAccessible(page)
  for (const [width, height] of [[800, 600], [1280, 800]] as const) {
    await page.setViewportSize({ width, height })
    await best.scrollIntoViewIfNeeded()
    await screenshot(page, `server-tier-${width}`)
  }
  await page.getByTestId('back-to-chat').click()
  await page.getByTestId('new-chat').click()
  await page.getByTestId('model-picker').selectOption('auto')
  await page.getByTestId('composer').fill('Write a short cover letter for a junior accountant job at a small bakery, friendly but professional.')
  await page.getByTestId('composer').press('Enter')
  const auto = page.getByTestId('message-assistant').first()
  await expect(auto).toHaveAttribute('data-status', 'done')
  await expect(auto.getByTestId('message-route')).toHaveAttribute('data-tier', 'local-quality')
  await expect(auto.getByTestId('message-route').getByTestId('place-badge')).toContainText(/your server · Test server/i)

  // Usage: its tokens are "your servers", not cloud; nothing spent, nothing counted as saved.
  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-usage').click()
  await expect(page.getByTestId('usage-server-tokens')).toContainText(/tokens/)
  await expect(page.getByTestId('usage-cloud-tokens')).toContainText(/^0 tokens/)
  await expect(page.getByTestId('usage-by-tier')).toContainText('Your server')
  await page.getByTestId('usage-chart-view-tokens').click()
  await expect(page.getByTestId('usage-chart').locator('desc')).toContainText(/on your servers/)
  for (const [width, height] of [[800, 600], [1280, 800]] as const) {
    await page.setViewportSize({ width, height })
    await page.getByTestId('usage-token-split').scrollIntoViewIfNeeded()
    await screenshot(page, `server-usage-${width}`)
  }
})
