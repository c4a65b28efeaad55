import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { startFakeCloud, type FakeCloud } from '../src/main/services/testing/fakeCloud'
import { writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import { addOpenAiKey, addStoryModel, expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
let fake: FakeCloud | undefined
test.afterEach(async () => {
  await aura?.stop()
  await fake?.close()
  aura = undefined
  fake = undefined
})

const COMPLEX_PROMPT =
  'Design the architecture for a multi-tenant billing system with event sourcing, compare three options and justify the trade-offs'

/** Screenshots at the two sizes every changed screen is checked at: `<name>-800.png`, `<name>-1280.png`. */
async function screenshotBothSizes(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [800, 600],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height })
    await screenshot(page, `${name}-${width}`)
  }
}

const todayOf = async (page: Page): Promise<number> => Number(await page.getByTestId('cost-meter').getAttribute('data-today'))

test('the header meter moves after a cloud reply, and opens the Usage page', async ({ page }) => {
  fake = await startFakeCloud()
  // No "ask first" amount: the reply goes without a question.
  aura = await startAura({ env: { AURA_OPENAI_BASE_URL: fake.baseUrls.openai }, settings: { confirmCostAbove: null } })
  await page.goto(aura.url)
  await addOpenAiKey(page)
  await page.getByTestId('back-to-chat').click()

  const meter = page.getByTestId('cost-meter')
  await expect(meter).toBeVisible()
  await expect(meter).toHaveAttribute('data-state', 'ok')
  await expect(meter).toHaveAccessibleName(/^Cloud spending today: \$0\.00 of \$1\.00/)
  const before = await todayOf(page)

  // Auto is the default; a cloud model is picked here so the reply surely costs something.
  await expect(page.getByTestId('model-picker')).toHaveValue('auto')
  await page.getByTestId('model-picker').selectOption('openai:gpt-6.1-terra')
  await page.getByTestId('composer').fill('hello there')
  await page.getByTestId('composer').press('Enter')
  const reply = page.getByTestId('message-assistant').first()
  await expect(reply).toHaveAttribute('data-status', 'done')
  await expect(reply).toContainText('You said: hello there')
  const cost = Number(await reply.getByTestId('message-cost').getAttribute('data-cost'))
  expect(cost).toBeGreaterThan(0)

  // usage.updated moves the meter by what the reply cost.
  await expect.poll(() => todayOf(page)).toBeGreaterThan(before)
  expect(await todayOf(page)).toBeCloseTo(before + cost, 9)
  await expect(meter).toHaveAccessibleName(/^Cloud spending today: .*\$0\.\d+ of \$1\.00/)
  await screenshot(page, 'routing-meter')

  const today = await todayOf(page)
  await meter.click()
  await expect(page.getByTestId('settings-usage')).toBeVisible()
  await expect(page.getByTestId('usage-today')).toHaveAttribute('data-spent', String(today))
})

test('Local only keeps a complex request on this computer and says why', async ({ page }) => {
  fake = await startFakeCloud()
  aura = await startAura({ env: { AURA_OPENAI_BASE_URL: fake.baseUrls.openai }, prepare: (dir) => addStoryModel(dir).then(() => undefined) })
  await page.goto(aura.url)
  await addOpenAiKey(page)

  // The privacy switch, from Settings → Routing & Budget.
  await page.getByTestId('settings-nav-routing').click()
  const localOnly = page.getByTestId('setting-local-only')
  await expect(localOnly).toHaveAttribute('aria-checked', 'false')
  await localOnly.click()
  await expect(localOnly).toHaveAttribute('aria-checked', 'true')
  await expect(page.getByTestId('routing-local-only').getByTestId('save-state')).toHaveText('Saved')
  await expectAccessible(page)
  await screenshot(page, 'routing-settings')

  await page.getByTestId('back-to-chat').click()
  await page.getByTestId('new-chat').click()
  const picker = page.getByTestId('model-picker')
  await expect(picker).toHaveValue('auto')
  await expect(picker.locator('option[value="auto"]')).toContainText('Local only')
  await expect(picker.locator('option[value="openai:gpt-6.1-terra"]')).toBeDisabled()
  await expect(page.getByTestId('where-it-goes')).toContainText('nothing leaves this computer')

  fake.reset()
  await page.getByTestId('composer').fill(COMPLEX_PROMPT)
  await page.getByTestId('composer').press('Enter')
  const reply = page.getByTestId('message-assistant').first()
  await expect(reply).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  const route = reply.getByTestId('message-route')
  await expect(route).toHaveAttribute('data-tier', /^local-/)
  await expect(route).toContainText('Local only')
  expect(fake.requestsFor('openai', { chatOnly: true })).toEqual([])
  await screenshot(page, 'routing-local-only-chat')
})

test('the Usage page shows 30 days, today’s spend, and passes an accessibility check', async ({ page }) => {
  fake = await startFakeCloud()
  aura = await startAura({ env: { AURA_OPENAI_BASE_URL: fake.baseUrls.openai }, settings: { confirmCostAbove: null } })
  await page.goto(aura.url)
  await addOpenAiKey(page)
  await page.getByTestId('back-to-chat').click()
  await page.getByTestId('model-picker').selectOption('openai:gpt-6.1-terra')
  await page.getByTestId('composer').fill('count this')
  await page.getByTestId('composer').press('Enter')
  await expect(page.getByTestId('message-assistant').first()).toHaveAttribute('data-status', 'done')
  await expect.poll(() => todayOf(page)).toBeGreaterThan(0)
  const today = await todayOf(page)

  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-usage').click()
  const chart = page.getByTestId('usage-chart')
  await expect(chart).toBeVisible()
  const bars = chart.getByTestId('usage-chart-bar')
  await expect(bars).toHaveCount(30)
  // Today is the last bar, with today's spend.
  const last = bars.last()
  await expect(last).toHaveAttribute('data-today', 'true')
  expect(Number(await last.getAttribute('data-cost'))).toBeCloseTo(today, 9)
  await expect(page.getByTestId('usage-today')).toHaveAttribute('data-spent', String(today))
  await expect(page.getByTestId('usage-today-requests')).toHaveText(/^[1-9]/)
  await expect(page.getByTestId('usage-by-model')).toContainText('GPT-6.1 Terra')
  await expectAccessible(page)
  await screenshot(page, 'usage-page')

  await page.emulateMedia({ colorScheme: 'dark' })
  await screenshot(page, 'usage-page-dark')

  // The ledger as a file.
  const download = page.waitForEvent('download')
  await page.getByTestId('usage-export-csv').click()
  expect((await download).suggestedFilename()).toMatch(/\.csv$/)
})

test('a message above the ask-first amount waits for an OK; a failing cloud model falls back to this computer, its attempt kept', async ({ page }) => {
  fake = await startFakeCloud()
  aura = await startAura({
    env: { AURA_OPENAI_BASE_URL: fake.baseUrls.openai },
    // Any cloud cost asks first.
    settings: { confirmCostAbove: 0 },
    prepare: (dir) => addStoryModel(dir).then(() => undefined),
  })
  await page.goto(aura.url)
  await addOpenAiKey(page)
  await page.getByTestId('back-to-chat').click()
  await expect(page.getByTestId('model-picker')).toHaveValue('auto')

  const composer = page.getByTestId('composer')
  const dialog = page.getByTestId('cost-confirm')
  await composer.fill(COMPLEX_PROMPT)
  await composer.press('Enter')
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText(/This message will cost about .+ with .+ \(you asked to confirm above \$0\.00\)\./)
  await expectAccessible(page)
  await screenshot(page, 'routing-confirm')
  // Cancel: nothing is sent, nothing typed is lost.
  await page.getByTestId('cost-confirm').getByTestId('confirm-cancel').click()
  await expect(dialog).toBeHidden()
  await expect(composer).toHaveValue(COMPLEX_PROMPT)
  expect(fake.requestsFor('openai', { chatOnly: true })).toEqual([])

  await composer.press('Enter')
  await page.getByTestId('cost-confirm').getByTestId('confirm-ok').click()
  await expect(composer).toHaveValue('')
  const first = page.getByTestId('message-assistant').first()
  await expect(first).toHaveAttribute('data-status', 'done')
  await expect(first.getByTestId('message-route')).toHaveAttribute('data-tier', 'cloud')

  // The cloud fails: the same kind of request ends on this computer, and the reply says so.
  fake.set({ serverError: true }, { provider: 'openai' })
  await composer.fill(`${COMPLEX_PROMPT}, again`)
  await composer.press('Enter')
  await page.getByTestId('cost-confirm').getByTestId('confirm-ok').click()
  const second = page.getByTestId('message-assistant').nth(1)
  await expect(second).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(second.getByTestId('message-route')).toHaveAttribute('data-tier', /^local-/)
  const attempt = second.getByTestId('route-attempt')
  await expect(attempt).toHaveCount(1)
  await expect(attempt).toHaveAttribute('data-outcome', 'failed')
  await attempt.locator('summary').click()
  await expectAccessible(page)
  await screenshot(page, 'routing-fallback')
  await page.emulateMedia({ colorScheme: 'dark' })
  await screenshot(page, 'routing-fallback-dark')
})

test('a weak last answer says so in plain words; "Try a stronger model" re-asks the cloud and keeps both answers', async ({ page }) => {
  fake = await startFakeCloud()
  aura = await startAura({
    env: { AURA_OPENAI_BASE_URL: fake.baseUrls.openai },
    // The generated llama never stops by itself: at 40 tokens its answer is cut off (weak); the cloud's fits.
    settings: { confirmCostAbove: null, maxTokens: 40 },
    prepare: (dir) => writeTinyLlama(join(dir, 'tiny.gguf'), { seed: 3 }).then(() => undefined),
  })
  await page.goto(aura.url)
  await addOpenAiKey(page)
  await page.getByTestId('back-to-chat').click()

  // The cloud fails; the local model's answer is the last one and it is weak.
  fake.set({ serverError: true }, { provider: 'openai' })
  const composer = page.getByTestId('composer')
  await composer.fill(COMPLEX_PROMPT)
  await composer.press('Enter')
  const reply = page.getByTestId('message-assistant')
  await expect(reply).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(reply.getByTestId('message-route')).toHaveAttribute('data-tier', /^local-/)
  await expect(reply.getByTestId('message-warning')).toHaveText(/^Aura isn’t confident in this answer \(.+\)\. Try a stronger model for a better one\.$/)
  const stronger = reply.getByTestId('escalate')
  await expect(stronger).toHaveText('Try a stronger model')
  await expect(stronger).toHaveAttribute('data-highlight', 'true')
  await expectAccessible(page)
  await screenshotBothSizes(page, 'routing-weak')

  // The cloud is back: one click, and the same reply is written again by it, the earlier answers folded above.
  fake.reset()
  await stronger.click()
  await expect(reply).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(reply.getByTestId('message-route')).toHaveAttribute('data-tier', 'cloud')
  await expect(reply).toContainText('You said: Design the architecture')
  await expect(reply.getByTestId('message-warning')).toHaveCount(0)
  await expect(reply.getByTestId('escalate')).toHaveText('Ask a stronger model')
  const attempts = reply.getByTestId('route-attempt')
  await expect(attempts).toHaveCount(2)
  await expect(attempts.nth(0)).toHaveAttribute('data-outcome', 'failed')
  await expect(attempts.nth(1)).toHaveAttribute('data-outcome', 'escalated')
  await attempts.nth(1).locator('summary').click()
  await expect(attempts.nth(1)).toContainText('set aside: You asked for a stronger model')
  await expect(attempts.nth(1)).not.toContainText('No text came before it was set aside.')
  expect(fake.requestsFor('openai', { chatOnly: true }).length).toBe(1)
  await expectAccessible(page)
  await screenshotBothSizes(page, 'routing-stronger')
  // Still so after a reload: both answers are on disk.
  await page.reload()
  await page.getByTestId('conversation-item').first().click()
  await expect(page.getByTestId('message-assistant').getByTestId('route-attempt')).toHaveCount(2)
})
