import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../src/main/services/testing/fakeCloud'
import type { Locator, Page } from '@playwright/test'
import { expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
let fake: FakeCloud | undefined
test.afterEach(async () => {
  await aura?.stop()
  await fake?.close()
  aura = undefined
  fake = undefined
})

/** Picks a model, sends a message, and waits for the finished reply. */
async function askWith(page: Page, modelId: string, text: string): Promise<Locator> {
  await page.getByTestId('model-picker').selectOption(modelId)
  await page.getByTestId('composer').fill(text)
  await page.getByTestId('composer').press('Enter')
  const reply = page.getByTestId('message-assistant').first()
  await expect(reply).toHaveAttribute('data-status', 'done')
  return reply
}

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
  const reply = await askWith(page, 'openai:gpt-6.1-terra', 'hello there')
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
  await page.getByTestId('back-to-chat').click()
  const option = page.getByTestId('model-picker').locator('option[value^="server.test-server:"]').first()
  await expect(option).toHaveCount(1)
  const reply = await askWith(page, (await option.getAttribute('value'))!, 'hi server')
  await expect(reply.getByTestId('message-cost')).toContainText(/free|\$0/i)
})

test('a model without a known price: booked at a marked stand-in the user can replace; OpenRouter’s prices dated and checked on demand', async ({ page }) => {
  fake = await startFakeCloud()
  const env = {
    AURA_OPENAI_BASE_URL: fake.baseUrls.openai,
    OPENAI_API_KEY: FAKE_CLOUD_VALID_KEY,
    AURA_OPENROUTER_BASE_URL: fake.baseUrls.openrouter,
    OPENROUTER_API_KEY: FAKE_CLOUD_VALID_KEY,
  }
  // A model id OpenAI accepts but Aura's table does not list, asked from the command line first.
  const dataDir = mkdtempSync(join(tmpdir(), 'aura-e2e-'))
  mkdirSync(join(dataDir, 'models'))
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ threads: 1, confirmCostAbove: null }))
  const bin = resolve(import.meta.dirname, '../bin/aura.js')
  // Not spawnSync: this process serves the fake cloud.
  const cli = await new Promise<{ status: number | null; stderr: string }>((done) => {
    const child = spawn(process.execPath, [bin, 'run', '--model', 'openai:gpt-4.1-mini', 'hello there'], { env: { ...process.env, AURA_KEYRING: 'off', ...env, AURA_DATA_DIR: dataDir } })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (status) => done({ status, stderr }))
  })
  expect(cli.status, cli.stderr).toBe(0)
  expect(cli.stderr).toMatch(/cost \$0\.000\d+ \(estimated: price unknown\)/)

  aura = await startAura({ dataDir, env })
  await page.goto(aura.url)
  // The model it was used with is in the picker, its price marked unknown; a reply says its cost is estimated.
  const option = page.getByTestId('model-picker').locator('option[value="openai:gpt-4.1-mini"]')
  await expect(option).toContainText('price unknown, counted as $10.00 in / $50.00 out')
  const reply = await askWith(page, 'openai:gpt-4.1-mini', 'hello there')
  await expect(reply.getByTestId('message-cost')).toHaveAttribute('data-estimated', 'true')
  await expect(reply.getByTestId('message-cost')).toContainText(/\$\S+ estimated/)
  await expect(page.getByTestId('chat-cost')).toContainText('(estimated)')
  for (const [width, height] of [[800, 600], [1280, 800]] as const) {
    await page.setViewportSize({ width, height })
    await screenshot(page, `cost-estimated-reply-${width}`)
  }

  // The Usage page says how much of the month is estimated, and which model.
  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-usage').click()
  await expect(page.getByTestId('usage-estimated')).toContainText(/of this month’s cost is estimated/)
  await expect(page.getByTestId('usage-by-model').locator('tr[data-key="openai:gpt-4.1-mini"]').getByTestId('usage-estimated-chip')).toBeVisible()
  await expectAccessible(page)
  for (const [width, height] of [[800, 600], [1280, 800]] as const) {
    await page.setViewportSize({ width, height })
    await page.getByTestId('usage-estimated').scrollIntoViewIfNeeded()
    await screenshot(page, `usage-estimated-${width}`)
  }

  // Cloud Keys → Prices: the row to give its real price; OpenRouter's list dated, checked again on demand.
  await page.getByTestId('settings-nav-cloud-keys').click()
  const row = page.locator('[data-testid="price-row"][data-model-id="openai:gpt-4.1-mini"]')
  await expect(row.getByTestId('price-estimated')).toBeVisible()
  const live = page.getByTestId('live-prices')
  await expect(live.getByTestId('live-prices-date')).toContainText(/Prices as of \w{3} \d{1,2}, \d{4}, from OpenRouter’s model list/)
  const listed = fake.requestsFor('openrouter').filter((r) => r.path.endsWith('/models')).length
  await live.getByTestId('live-prices-refresh').click()
  await expect.poll(() => fake!.requestsFor('openrouter').filter((r) => r.path.endsWith('/models')).length).toBe(listed + 1)
  await expect(live.getByTestId('live-prices-refresh')).toHaveText('Check now')
  await expectAccessible(page)
  for (const [width, height] of [[800, 600], [1280, 800]] as const) {
    await page.setViewportSize({ width, height })
    await row.scrollIntoViewIfNeeded()
    await screenshot(page, `prices-estimated-${width}`)
  }
  await row.getByTestId('price-input').fill('0.40')
  await row.getByTestId('price-output').fill('1.60')
  await row.getByTestId('price-save').click()
  await expect(row.getByTestId('price-edited')).toBeVisible()
  await expect(row.getByTestId('price-estimated')).toHaveCount(0)
})
