import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import { addStoryModel, expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
test.afterEach(async () => {
  await aura?.stop()
  aura = undefined
})

test('a new user sees how to get a model', async ({ page }) => {
  aura = await startAura()
  await page.goto(aura.url)
  await expect(page.getByTestId('empty-state')).toBeVisible()
  await expect(page.getByTestId('empty-state')).toContainText(aura.modelsDir)
  await expectAccessible(page)
  await screenshot(page, 'empty-state')

  await page.emulateMedia({ colorScheme: 'dark' })
  await screenshot(page, 'empty-state-dark')
})

test('chat with a local model: streamed, stopped, and still there after a reload', async ({ page }) => {
  let storyModel = ''
  aura = await startAura({
    // Room for the endless model to still be writing when Stop is pressed (its context is 2,048).
    settings: { maxTokens: 1800 },
    prepare: async (modelsDir) => {
      storyModel = await addStoryModel(modelsDir)
      // A model that practically never ends by itself: its reply is the one we stop.
      await writeTinyLlama(join(modelsDir, 'endless-tiny.gguf'), { name: 'Endless Tiny', eosBias: -8 })
    },
  })
  await page.goto(aura.url)

  await page.getByTestId('model-picker').selectOption(storyModel)
  await page.getByTestId('composer').fill('Once upon a time')
  await page.getByTestId('composer').press('Enter')

  const first = page.getByTestId('message-assistant').first()
  await expect(page.getByTestId('message-user').first()).toContainText('Once upon a time')
  await expect(first).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  const firstText = (await first.locator('p').first().innerText()).trim()
  expect(firstText.length).toBeGreaterThan(20)
  await expect(page.getByTestId('conversation-item').first()).toContainText('Once upon a time')
  await expectAccessible(page)
  await screenshot(page, 'chat-reply')

  // The second reply runs long enough to be stopped midway.
  await page.getByTestId('model-picker').selectOption('endless-tiny')
  await page.getByTestId('composer').fill('And then?')
  await page.getByTestId('send').click()
  const second = page.getByTestId('message-assistant').nth(1)
  await expect(second).toHaveAttribute('data-status', 'streaming')
  // The reply's own text (not the route line under it) is under way.
  await expect.poll(async () => (await second.getByTestId('message-text').allTextContents()).join('').trim().length).toBeGreaterThan(10)
  await page.getByTestId('stop').click()
  await expect(second).toHaveAttribute('data-status', 'stopped')
  const stoppedText = (await second.getByTestId('message-text').innerText()).trim()
  expect(stoppedText.length).toBeGreaterThan(10)
  await screenshot(page, 'chat-stopped')

  await page.reload()
  await page.getByTestId('conversation-item').first().click()
  await expect(page.getByTestId('message-assistant')).toHaveCount(2)
  await expect(page.getByTestId('message-assistant').first()).toHaveAttribute('data-status', 'done')
  await expect(page.getByTestId('message-assistant').first()).toContainText(firstText.slice(0, 40))
  await expect(page.getByTestId('message-assistant').nth(1)).toHaveAttribute('data-status', 'stopped')
  await expect(page.getByTestId('message-assistant').nth(1)).toContainText(stoppedText.slice(0, 20))
})

test('a damaged model file shows a clear error and the app keeps working', async ({ page }) => {
  let goodModel = ''
  aura = await startAura({
    prepare: async (modelsDir) => {
      goodModel = await addStoryModel(modelsDir)
      writeFileSync(join(modelsDir, 'broken.gguf'), Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(60, 7)]))
    },
  })
  await page.goto(aura.url)

  await page.getByTestId('open-settings').click()
  await expect(page.getByTestId('settings-models')).toBeVisible()
  const broken = page.getByTestId('installed-model').filter({ hasText: 'broken' })
  await expect(broken).toContainText(/damaged|not a GGUF/i)
  await expectAccessible(page)
  await screenshot(page, 'settings-models')

  // The damaged model cannot be picked; a good one still answers.
  await page.getByTestId('new-chat').click()
  await expect(page.getByTestId('model-picker').locator('option', { hasText: 'broken' })).toBeDisabled()
  await page.getByTestId('model-picker').selectOption(goodModel)
  await page.getByTestId('composer').fill('Once upon a time')
  await page.getByTestId('composer').press('Enter')
  await expect(page.getByTestId('message-assistant').first()).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
})
