import { join } from 'node:path'
import { writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import { expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'
import { SIZES } from './support/fits'

let aura: AuraServer | undefined
test.afterEach(async () => {
  await aura?.stop()
  aura = undefined
})

test('the hardware card says what the local models run on (here: the processor, no graphics card Aura can use)', async ({ page }) => {
  aura = await startAura()
  for (const size of SIZES) {
    await page.setViewportSize(size)
    await page.goto(aura.url)
    await page.getByRole('button', { name: 'See all models' }).click()
    const line = page.getByTestId('hardware-backend')
    await expect(line).toBeVisible()
    await expect(line).toHaveAttribute('data-backend', 'cpu')
    await expect(line).toContainText('Using the processor: no graphics card Aura can use')
    // Nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true)
    await line.scrollIntoViewIfNeeded()
    await screenshot(page, `gpu-hardware-card-${size.width}x${size.height}`)
  }
  await expectAccessible(page)
})

test('a model’s own GPU layers, conversation memory and flash attention reach the engine, and the card says how far off the memory estimate was', async ({ page }) => {
  test.setTimeout(180_000)
  aura = await startAura({
    settings: { maxTokens: 8, onboardingDone: true, responseCache: 'off' },
    prepare: async (modelsDir) => {
      await writeTinyLlama(join(modelsDir, 'tiny.gguf'), { name: 'Tiny' })
    },
  })
  await page.goto(aura.url)
  await page.getByTestId('model-button').click()
  await page.getByTestId('model-search').fill('tiny')
  await page.getByTestId('model-search').press('Enter')
  await page.getByTestId('model-defaults-button').click()
  const panel = page.getByTestId('model-defaults')
  for (const [id, value] of [
    ['model-default-gpu-layers', '0'],
    ['model-default-kv-cache', 'f16'],
    ['model-default-flash', 'off'],
  ] as const) {
    await panel.getByTestId(id).selectOption(value)
    await expect(panel.getByTestId('model-defaults-state')).toHaveText('Saved')
  }
  await expect(panel.getByTestId('model-default-gpu-layers').locator('option').first()).toHaveText('Automatic')
  await expectAccessible(page)
  for (const size of [
    { width: 1280, height: 800 },
    { width: 800, height: 600 },
  ]) {
    await page.setViewportSize(size)
    await expect(panel).toBeVisible()
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true)
    await screenshot(page, `gpu-model-load-choices-${size.width}x${size.height}`)
  }
  await panel.getByTestId('model-default-flash').press('Escape')
  await page.setViewportSize({ width: 1280, height: 800 })

  // A reply loads the model with those choices; the load is measured against the estimate.
  await page.getByTestId('composer').fill('Hello')
  await page.getByTestId('composer').press('Enter')
  await expect(page.getByTestId('message-assistant').first()).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await page.goto(`${new URL(aura.url).origin}/#/settings/models`)
  const error = page.getByTestId('estimate-error')
  await expect(error).toContainText(/Aura’s memory estimates on this computer: within \d+% on the last load\./, { timeout: 15_000 })
  await error.scrollIntoViewIfNeeded()
  await screenshot(page, 'gpu-estimate-error-1280x800')
})
