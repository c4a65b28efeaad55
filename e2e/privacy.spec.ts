import { startFakeCloud, type FakeCloud } from '../src/main/services/testing/fakeCloud'
import { startTestHub, type TestHub } from '../src/main/services/testing/testHub'
import { addOpenAiKey, expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
let hub: TestHub | undefined
let fake: FakeCloud | undefined
test.afterEach(async () => {
  await aura?.stop()
  await hub?.close()
  await fake?.close()
  aura = hub = fake = undefined
})

test('Settings → Privacy lists every connection Aura made, by day, in plain words, and says what Local only keeps here', async ({ page }) => {
  hub = await startTestHub()
  fake = await startFakeCloud()
  aura = await startAura({ env: { AURA_HF_ENDPOINT: hub.url, AURA_OPENAI_BASE_URL: fake.baseUrls.openai }, settings: { confirmCostAbove: null } })
  const hubHost = new URL(hub.url).host
  const cloudHost = new URL(fake.url).host
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(aura.url)

  // Nothing yet: a fresh Aura has connected to nothing.
  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-privacy').click()
  await expect(page.getByTestId('privacy-empty')).toHaveText('Aura has not connected to anything yet.')

  // A download, a key test and a cloud reply, as a user does them.
  await page.getByTestId('settings-nav-models').click()
  await page.locator('[data-testid="catalog-item"][data-entry-id="stories260k"]').getByTestId('catalog-download').click()
  await expect(page.getByTestId('download-row').first()).toHaveAttribute('data-state', 'done', { timeout: 30_000 })
  await page.getByTestId('back-to-chat').click()
  await addOpenAiKey(page)
  await page.getByTestId('back-to-chat').click()
  await page.getByTestId('model-picker').selectOption('openai:gpt-6.1-terra')
  await page.getByTestId('composer').fill('hello there')
  await page.getByTestId('composer').press('Enter')
  await expect(page.getByTestId('message-assistant').first()).toHaveAttribute('data-status', 'done')

  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-privacy').click()
  const privacy = page.getByTestId('settings-privacy')
  await expect(privacy).toContainText('Aura connects to the internet only for what you ask')
  await expect(page.getByRole('region', { name: 'Today' })).toBeVisible()
  const rows = page.getByTestId('privacy-connection')
  await expect(rows.first()).toHaveAttribute('data-purpose', 'cloud_reply')
  await expect(rows.first()).toContainText('Sending your message to a cloud model')
  await expect(rows.first()).toContainText(cloudHost)
  await expect(rows.filter({ hasText: 'Testing a key you saved' })).toContainText(cloudHost)
  const download = rows.filter({ hasText: 'Downloading a model you chose' })
  await expect(download).toContainText(hubHost)
  await expect(download).toContainText(`answered by ${new URL(hub.cdnUrl).host}`)
  await expect(page.getByTestId('privacy-local-only')).toHaveAttribute('data-on', 'false')
  await expect(page.getByTestId('privacy-local-only')).toContainText('your message is sent to that company')
  await expectAccessible(page)
  await screenshot(page, 'privacy-1280')
  await page.setViewportSize({ width: 800, height: 600 })
  await screenshot(page, 'privacy-800')

  // From here to the switch and back: Local only says what it keeps on this computer.
  await page.getByRole('button', { name: 'Turn on Local only' }).click()
  await page.getByTestId('setting-local-only').click()
  await expect(page.getByTestId('routing-local-only').getByTestId('save-state')).toHaveText('Saved')
  await page.getByTestId('settings-nav-privacy').click()
  const note = page.getByTestId('privacy-local-only')
  await expect(note).toHaveAttribute('data-on', 'true')
  await expect(note).toContainText('Local only is on: nothing leaves this computer except downloads you start.')
  await expectAccessible(page)
  await screenshot(page, 'privacy-local-only-800')
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.setViewportSize({ width: 1280, height: 800 })
  await screenshot(page, 'privacy-local-only-dark-1280')
})
