import { startTestHub, TEST_HUB_FILES, TEST_HUB_REPOS, type TestHub } from '../src/main/services/testing/testHub'
import { expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
let hub: TestHub | undefined
test.afterEach(async () => {
  await aura?.stop()
  await hub?.close()
  aura = undefined
  hub = undefined
})

test('a new user is shown their computer and a suggestion, downloads the demo model through a dropped connection, and chats with it', async ({ page }) => {
  hub = await startTestHub()
  const demoFile = TEST_HUB_FILES.stories
  const size = hub.file(TEST_HUB_REPOS.stories, demoFile)!.size
  // Slow enough to watch the bar move; the connection drops once, 40% in.
  hub.setFaults({ throttleBytesPerSecond: Math.ceil(size / 4), drop: { afterBytes: Math.floor(size * 0.4), times: 1 }, files: [demoFile] })
  aura = await startAura({ env: { AURA_HF_ENDPOINT: hub.url } })
  await page.goto(aura.url)

  const onboarding = page.getByTestId('onboarding')
  await expect(onboarding).toBeVisible()
  await expect(onboarding).toContainText(/Aura found/)
  await expect(onboarding).toContainText(/suggest/i)
  await expectAccessible(page)
  await screenshot(page, 'onboarding')

  await page.getByTestId('open-settings').click()
  await expect(page.getByTestId('hardware-card')).toBeVisible()
  await expect(page.getByTestId('hardware-card')).toContainText(/memory/i)
  const demo = page.locator('[data-testid="catalog-item"][data-entry-id="stories260k"]')
  await expect(demo.getByTestId('fit-badge')).toHaveAttribute('data-fit', 'runs_well')
  await demo.getByTestId('catalog-download').click()

  const row = page.getByTestId('download-row').first()
  await expect(row).toHaveAttribute('data-state', 'downloading')
  const progress = row.getByTestId('download-progress')
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThan(0)
  const midway = Number(await progress.getAttribute('aria-valuenow'))
  expect(midway).toBeLessThan(100)
  await screenshot(page, 'downloading')
  await expect(page.getByTestId('download-row').first()).toHaveAttribute('data-state', 'done', { timeout: 30_000 })

  // The connection really dropped, and the download went on from where it stopped.
  const demoRequests = hub.requests.filter((request) => request.server === 'cdn' && request.file === demoFile)
  expect(demoRequests.some((request) => request.fault?.includes('drop'))).toBe(true)
  expect(demoRequests.some((request) => request.range !== null && !request.range.startsWith('bytes=0-'))).toBe(true)
  expect(hub.bytesServed(demoFile)).toBeLessThan(size * 1.3)

  await expect(page.getByTestId('installed-model').filter({ hasText: 'stories260K' })).toBeVisible()
  await expectAccessible(page)
  await screenshot(page, 'ai-models')
  await page.emulateMedia({ colorScheme: 'dark' })
  await screenshot(page, 'ai-models-dark')
  await page.emulateMedia({ colorScheme: 'light' })

  await page.getByTestId('back-to-chat').click()
  await page.getByTestId('model-picker').selectOption('stories260K')
  await page.getByTestId('composer').fill('Once upon a time')
  await page.getByTestId('composer').press('Enter')
  await expect(page.getByTestId('message-assistant').first()).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
})

test('damaged bytes from the Hub are refused and nothing is installed', async ({ page }) => {
  hub = await startTestHub()
  hub.setFaults({ wrongBytes: { times: 100 }, files: [TEST_HUB_FILES.stories] })
  aura = await startAura({ env: { AURA_HF_ENDPOINT: hub.url } })
  await page.goto(aura.url)
  await page.getByTestId('open-settings').click()
  await page.locator('[data-testid="catalog-item"][data-entry-id="stories260k"]').getByTestId('catalog-download').click()
  const row = page.getByTestId('download-row').first()
  await expect(row).toHaveAttribute('data-state', 'failed', { timeout: 30_000 })
  await expect(row).toContainText(/damaged/i)
  await expect(page.getByTestId('installed-model')).toHaveCount(0)
})
