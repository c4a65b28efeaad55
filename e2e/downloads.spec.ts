import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startTestHub, TEST_HUB_FILES, TEST_HUB_REPOS, type TestHub } from '../src/main/services/testing/testHub'
import { writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import { expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
let hub: TestHub | undefined
let scratch: string | undefined
test.afterEach(async () => {
  await aura?.stop()
  await hub?.close()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
  aura = hub = scratch = undefined
})

test('a slow download with a cut connection: the header shows it on every page, its panel says what the wait means, pause and resume work', async ({ page }) => {
  // A GGUF the test makes itself, served slowly by a local server in the Hub's shape.
  scratch = mkdtempSync(join(tmpdir(), 'aura-downloads-'))
  const model = join(scratch, 'generated.gguf')
  await writeTinyLlama(model, { name: 'stories260K' })
  hub = await startTestHub({ storiesPath: model })
  const file = TEST_HUB_FILES.stories
  const size = hub.file(TEST_HUB_REPOS.stories, file)!.size
  const slow = Math.ceil(size / 20)
  // Cut three times, a tenth of the file into each answer: the waits between tries grow (about 1, 2, 4 s).
  hub.setFaults({ throttleBytesPerSecond: slow, drop: { afterBytes: Math.floor(size / 10), times: 3 }, files: [file] })
  aura = await startAura({ env: { AURA_HF_ENDPOINT: hub.url } })
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(aura.url)

  await expect(page.getByTestId('downloads-indicator')).toHaveCount(0)
  await page.getByTestId('open-settings').click()
  await page.locator('[data-testid="catalog-item"][data-entry-id="stories260k"]').getByTestId('catalog-download').click()

  // Back on the chat, far from the Models page: the header still shows the download, and opens it.
  await page.getByTestId('back-to-chat').click()
  const indicator = page.getByTestId('downloads-indicator')
  await expect(indicator).toBeVisible()
  await indicator.click()
  const panel = page.getByTestId('downloads-panel')
  await expect(panel).toBeInViewport()
  const row = panel.getByTestId('download-row')
  await expect(row).toHaveAttribute('data-state', 'downloading')

  // The cut connection is said in words, with when Aura tries again — not as 0 B/s.
  const warning = row.getByTestId('download-warning')
  await expect(warning).toContainText(/^Connection lost — trying again (in \d+ s|now…)$/, { timeout: 30_000 })
  await expect(row).not.toContainText(/0 B\/s/)
  await expect(indicator).toHaveAttribute('data-waiting', 'true')
  await screenshot(page, 'downloads-connection-lost-1280x800')
  await page.setViewportSize({ width: 800, height: 600 })
  await expect(panel).toBeInViewport()
  await screenshot(page, 'downloads-connection-lost-800x600')
  await page.setViewportSize({ width: 1280, height: 800 })

  // Bytes flow again: speed and time left come back.
  await expect(row).toContainText(/\/s · (less than a minute|about \d+ min) left/, { timeout: 30_000 })
  await expect(warning).toHaveCount(0)
  await expectAccessible(page)

  await row.getByTestId('download-pause').click()
  await expect(row).toHaveAttribute('data-state', 'paused')
  await expect(row).toContainText(/Paused at/)
  // Paused is not running: the header keeps the panel while it is open.
  await row.getByTestId('download-resume').click()
  await expect(row).toHaveAttribute('data-state', 'done', { timeout: 60_000 })
  await expect(row.getByTestId('download-chat')).toBeVisible()

  // Done: closing the panel leaves nothing in the header.
  await page.keyboard.press('Escape')
  await expect(panel).toHaveCount(0)
  await expect(indicator).toHaveCount(0)
  const cdn = hub.requests.filter((request) => request.server === 'cdn' && request.file === file)
  expect(cdn.filter((request) => request.fault?.includes('drop'))).toHaveLength(3)
  expect(hub.bytesServed(file)).toBeLessThan(size * 1.3)
})

test('cancel from the header panel asks first, then removes the download', async ({ page }) => {
  hub = await startTestHub()
  const file = TEST_HUB_FILES.stories
  const size = hub.file(TEST_HUB_REPOS.stories, file)!.size
  hub.setFaults({ throttleBytesPerSecond: Math.ceil(size / 30), files: [file] })
  aura = await startAura({ env: { AURA_HF_ENDPOINT: hub.url } })
  await page.goto(aura.url)
  await page.getByTestId('open-settings').click()
  await page.locator('[data-testid="catalog-item"][data-entry-id="stories260k"]').getByTestId('catalog-download').click()
  await page.getByTestId('downloads-indicator').click()
  const row = page.getByTestId('downloads-panel').getByTestId('download-row')
  await expect(row).toContainText(/\/s/)
  await row.getByTestId('download-cancel').click()
  await page.getByRole('button', { name: 'Stop download' }).click()
  await expect(row).toHaveAttribute('data-state', 'canceled')
  await expect(row).toContainText('Canceled — nothing was kept.')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('downloads-indicator')).toHaveCount(0)
})
