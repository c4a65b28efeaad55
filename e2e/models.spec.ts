import { join } from 'node:path'
import { startTestHub, TEST_HUB_FILES, TEST_HUB_REPOS, type TestHub } from '../src/main/services/testing/testHub'
import { writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import { expect, expectAccessible, screenshot, screenshotsDir, startAura, test, type AuraServer } from './support/aura'

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

test('models for documents are offered apart in the catalog and never in the chat’s model list', async ({ page }) => {
  aura = await startAura({
    prepare: async (modelsDir) => {
      await writeTinyLlama(join(modelsDir, 'aura-tiny.gguf'), { seed: 7, chatTemplate: true })
      await writeTinyLlama(join(modelsDir, 'tiny-embedder.gguf'), { seed: 8, pooling: 'mean', name: 'Tiny Embedder' })
    },
  })
  await page.goto(aura.url)
  const picker = page.getByTestId('model-picker')
  await expect(picker.locator('option[value="aura-tiny"]')).toHaveCount(1)
  await expect(picker.locator('option[value="tiny-embedder"]')).toHaveCount(0)

  await page.getByTestId('open-settings').click()
  const embedder = page.getByTestId('installed-model').filter({ hasText: 'Tiny Embedder' })
  await expect(embedder.getByTestId('model-for-documents')).toBeVisible()
  await expect(embedder.getByTestId('installed-chat')).toHaveCount(0)
  await page.setViewportSize({ width: 800, height: 600 })
  await embedder.evaluate((row) => row.scrollIntoView({ block: 'center' }))
  await page.screenshot({ path: join(screenshotsDir, 'installed-for-documents-800x600.png') })
  const documents = page.getByTestId('catalog-documents')
  await expect(documents.getByTestId('catalog-item')).toHaveCount(2)
  await expect(documents.locator('[data-testid="catalog-item"][data-entry-id="bge-small-en-v1.5"]')).toContainText('BGE Small (English)')
  // Not among the chat models above it, and gone when a purpose is picked.
  await expect(page.locator('[aria-label="Models you can download"] [data-entry-id="bge-small-en-v1.5"]')).toHaveCount(0)
  for (const [width, height] of [
    [800, 600],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height })
    await documents.getByRole('heading', { name: 'For documents' }).evaluate((heading) => heading.scrollIntoView({ block: 'center' }))
    await expectAccessible(page)
    // What the user sees there (the whole page is long at these sizes).
    await page.screenshot({ path: join(screenshotsDir, `catalog-documents-${width}x${height}.png`) })
  }
  await page.getByTestId('catalog-filter').getByText('Coding').click()
  await expect(documents).toHaveCount(0)
})
