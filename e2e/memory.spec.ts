import { join } from 'node:path'
import { writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import { expect, expectAccessible, screenshot, screenshotsDir, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
test.afterEach(async () => {
  await aura?.stop()
  aura = undefined
})

test('Conversation memory: Automatic by default, Compact saved and kept', async ({ page }) => {
  aura = await startAura()
  await page.goto(aura.url)
  await page.getByTestId('open-settings').click()
  const section = page.getByTestId('settings-performance')
  await section.scrollIntoViewIfNeeded()
  await expect(section).toContainText('Conversation memory')
  await expect(page.getByTestId('settings-memory-auto')).toBeChecked()
  await page.getByTestId('settings-memory-q8_0').check()
  await page.getByTestId('settings-save').click()
  await expect(page.getByTestId('settings-status')).toHaveText('Saved. New settings apply to the next reply.')
  await expectAccessible(page)
  for (const [width, height] of [[800, 600], [1280, 800]] as const) {
    await page.setViewportSize({ width, height })
    await page.getByTestId('settings-memory-q8_0').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(screenshotsDir, `settings-memory-${width}x${height}.png`) })
  }
  await page.reload()
  await page.getByTestId('open-settings').click()
  await expect(page.getByTestId('settings-memory-q8_0')).toBeChecked()
})

test('a long chat on a small window: older messages left out and said so; a message too long for the window refused', async ({ page }) => {
  aura = await startAura({
    settings: { contextSize: 256, maxTokens: 16 },
    prepare: (modelsDir) => writeTinyLlama(join(modelsDir, 'small-window.gguf'), { name: 'Small Window', chatTemplate: true, eosBias: -8 }).then(() => {}),
  })
  await page.goto(aura.url)
  await page.getByTestId('model-picker').selectOption('small-window')
  const turn = 'the little cat went to the park with a red ball and '.repeat(4)
  for (let i = 0; i < 4; i++) {
    await page.getByTestId('composer').fill(`${i}: ${turn}`)
    await page.getByTestId('composer').press('Enter')
    await expect(page.getByTestId('message-assistant').nth(i)).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  }
  const last = page.getByTestId('message-assistant').last()
  await expect(last.getByTestId('message-left-out')).toHaveText(/^The earliest \d+ messages were left out to fit this model’s memory\.$/)
  await expect(page.getByTestId('message-assistant').first().getByTestId('message-left-out')).toHaveCount(0)
  await expectAccessible(page)
  for (const [width, height] of [[800, 600], [1280, 800]] as const) {
    await page.setViewportSize({ width, height })
    await screenshot(page, `chat-left-out-${width}x${height}`)
  }

  await page.getByTestId('composer').fill('the little cat went to the park with a red ball and '.repeat(80))
  await page.getByTestId('composer').press('Enter')
  const refused = page.getByTestId('message-assistant').last()
  await expect(refused).toHaveAttribute('data-status', 'error', { timeout: 60_000 })
  await expect(refused).toContainText(/This message is too long for "Small Window": it is about [\d,]+ tokens, and the model can read 240 at a time/)
  await screenshot(page, 'chat-prompt-too-long')
})
