import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { startFakeCloud, type FakeCloud } from '../src/main/services/testing/fakeCloud'
import { writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import { addOpenAiKey, expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
let fake: FakeCloud | undefined
test.afterEach(async () => {
  await aura?.stop()
  await fake?.close()
  aura = undefined
  fake = undefined
})

const CLOUD = 'openai:gpt-6.1-terra'

/** Sends a message in a new chat and returns the finished reply's text. */
async function replyTo(page: Page, text: string): Promise<string> {
  await page.getByTestId('new-chat').click()
  // The new chat is shown (not the last one's reply) before the message goes.
  await expect(page.getByTestId('message-assistant')).toHaveCount(0)
  await page.getByTestId('composer').fill(text)
  await page.getByTestId('composer').press('Enter')
  const reply = page.getByTestId('message-assistant').first()
  await expect(reply).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  return (await reply.locator('.markdown').textContent()) ?? ''
}

test('the model picker: grouped by where models run, searched and driven by keyboard, with price, speed and loaded state', async ({ page }) => {
  // A key test, a local reply and axe in two themes and two sizes.
  test.setTimeout(180_000)
  fake = await startFakeCloud()
  aura = await startAura({
    env: { AURA_OPENAI_BASE_URL: fake.baseUrls.openai },
    // Prices in the user's currency.
    settings: { maxTokens: 16, onboardingDone: true, currency: 'EUR', currencyPerUsd: 0.5 },
    prepare: async (modelsDir) => {
      await writeTinyLlama(join(modelsDir, 'Tiny-Writer-Q4_K_M.gguf'), { name: 'Tiny-Writer-Q4_K_M', eosBias: 2 })
      await writeTinyLlama(join(modelsDir, 'other.gguf'), { name: 'Other Helper', seed: 5, eosBias: 2 })
    },
  })
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(aura.url)
  await addOpenAiKey(page)
  await page.getByTestId('back-to-chat').click()

  const button = page.getByTestId('model-button')
  const menu = page.getByTestId('model-menu')
  const search = page.getByTestId('model-search')
  await expect(button).toHaveAttribute('data-value', 'auto')
  await button.click()
  await expect(menu).toBeVisible()
  await expect(search).toBeFocused()
  // Groups in order, named for where the models run.
  await expect(menu.getByRole('group')).toHaveText([/^Auto/, /^On this computer/, /^Cloud/])
  const tiny = menu.locator('[data-value="Tiny-Writer-Q4_K_M"]')
  // A name in words, not the file's quantization tag; its size and fit; not loaded yet.
  await expect(tiny).toContainText('Tiny Writer')
  await expect(tiny).not.toContainText('Q4_K_M')
  await expect(tiny).toContainText('Runs well')
  await expect(tiny.getByTestId('model-load')).toHaveText('Not loaded')
  await expect(menu.locator(`[data-value="${CLOUD}"]`).getByTestId('model-price')).toContainText(/€[\d.,]+ in · €[\d.,]+ out per million tokens/)

  // Type to search, arrows, Enter: the cloud model is picked, and focus is back on the button.
  await search.fill('terra')
  await expect(menu.getByRole('option')).toHaveCount(1)
  await search.press('ArrowDown')
  await search.press('Enter')
  await expect(menu).toBeHidden()
  await expect(button).toBeFocused()
  await expect(button).toHaveAttribute('data-value', CLOUD)
  await expect(page.getByTestId('model-picker')).toHaveValue(CLOUD)
  await expect(button).toContainText('OpenAI')

  // Esc closes without a change; focus returns.
  await button.press('ArrowDown')
  await expect(menu).toBeVisible()
  await search.press('ArrowDown')
  await search.press('Escape')
  await expect(menu).toBeHidden()
  await expect(button).toBeFocused()
  await expect(button).toHaveAttribute('data-value', CLOUD)

  // A letter typed on the button starts a search; Enter picks the first match.
  await button.press('t')
  await expect(search).toHaveValue('t')
  await search.pressSequentially('iny')
  await expect(menu.getByRole('option')).toHaveCount(1)
  await search.press('Enter')
  await expect(button).toHaveAttribute('data-value', 'Tiny-Writer-Q4_K_M')
  await expect(button).toContainText('Tiny Writer')

  // After a reply the model is loaded ("Ready") and its speed here is known.
  await page.getByTestId('composer').fill('Tell me about the sea')
  await page.getByTestId('composer').press('Enter')
  await expect(page.getByTestId('message-assistant').first()).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(page.getByTestId('model-button-load')).toHaveAttribute('data-state', 'ready')
  await button.click()
  await expect(tiny.getByTestId('model-load')).toHaveText('Ready')
  await expect(tiny.getByTestId('model-speed')).toHaveText(/^[\d.]+ tokens\/s here$/)
  await expect(menu.locator('[data-value="other"]').getByTestId('model-load')).toHaveText('Not loaded')
  await expect(menu.locator('[aria-selected="true"]')).toHaveAttribute('data-value', 'Tiny-Writer-Q4_K_M')

  await expectAccessible(page)
  await screenshot(page, 'picker-open-1280x800')
  await page.emulateMedia({ colorScheme: 'dark' })
  await expectAccessible(page)
  await screenshot(page, 'picker-open-dark-1280x800')
  await page.emulateMedia({ colorScheme: 'light' })
  await search.press('Escape')
  await page.setViewportSize({ width: 800, height: 600 })
  await button.click()
  await expect(menu).toBeVisible()
  // The list fits the window: nothing runs off its right or bottom edge.
  const box = (await menu.boundingBox())!
  expect(box.x + box.width).toBeLessThanOrEqual(800)
  expect(box.y + box.height).toBeLessThanOrEqual(600)
  await expectAccessible(page)
  await screenshot(page, 'picker-open-800x600')

  // A click outside closes it.
  await page.getByTestId('chat-title').click()
  await expect(menu).toBeHidden()
})

test('a local model’s own temperature reaches the engine: at Exact (0) it writes the same reply each time', async ({ page }) => {
  aura = await startAura({
    // No response cache: each reply is written by the engine.
    settings: { maxTokens: 24, onboardingDone: true, responseCache: 'off', temperature: 2 },
    prepare: async (modelsDir) => {
      await writeTinyLlama(join(modelsDir, 'tiny.gguf'), { name: 'Tiny' })
    },
  })
  await page.goto(aura.url)
  await page.getByTestId('model-button').click()
  await page.getByTestId('model-search').fill('tiny')
  await page.getByTestId('model-search').press('Enter')
  await expect(page.getByTestId('model-button')).toHaveAttribute('data-value', 'tiny')

  const defaults = page.getByTestId('model-defaults-button')
  const panel = page.getByTestId('model-defaults')
  /** Sets the model's own temperature ('' = the settings' own, 2) in "Defaults for this model". */
  const setTemperature = async (value: string) => {
    await defaults.click()
    await panel.getByTestId('model-default-temperature').selectOption(value)
    await expect(panel.getByTestId('model-defaults-state')).toHaveText('Saved')
    await panel.getByTestId('model-default-temperature').press('Escape')
    await expect(panel).toBeHidden()
    await expect(defaults).toBeFocused()
  }

  await defaults.click()
  await panel.getByTestId('model-default-temperature').selectOption('0')
  await expect(panel.getByTestId('model-defaults-state')).toHaveText('Saved')
  await expectAccessible(page)
  await page.setViewportSize({ width: 1280, height: 800 })
  await screenshot(page, 'picker-model-defaults-1280x800')
  await page.setViewportSize({ width: 800, height: 600 })
  await expect(panel).toBeVisible()
  await screenshot(page, 'picker-model-defaults-800x600')
  await panel.getByTestId('model-default-temperature').press('Escape')
  // Wide again: the chat list (and its New chat) is beside the page.
  await page.setViewportSize({ width: 1280, height: 800 })

  // At Exact (0) the engine takes the likeliest word each time: the reply is the same whenever it is
  // asked. At the settings' 2 it is a draw, unlike it. (A draw's seed is the time, so two draws close
  // together can match: only the greedy reply is compared across time.)
  const exact = await replyTo(page, 'Say something')
  expect(exact.length).toBeGreaterThan(0)
  await setTemperature('')
  const drawn = await replyTo(page, 'Say something')
  await setTemperature('0')
  expect(await replyTo(page, 'Say something')).toBe(exact)
  expect(drawn).not.toBe(exact)
})
