import type { Page } from '@playwright/test'
import { addStoryModel, expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
test.afterEach(async () => {
  await aura?.stop()
  aura = undefined
})

/** The tokens the model read for a reply, from its footer ("read 123 · wrote 45 tokens"). */
async function tokensRead(reply: ReturnType<Page['getByTestId']>): Promise<number> {
  return Number((await reply.getByTestId('message-tokens').getAttribute('data-read')) ?? Number.NaN)
}

const replyText = async (reply: ReturnType<Page['getByTestId']>) => (await reply.locator('p').first().innerText()).trim()

async function at(page: Page, width: number, height: number, name: string) {
  await page.setViewportSize({ width, height })
  await screenshot(page, `${name}-${width}x${height}`)
}

test('versions, edit and resend, delete, instructions and an assistant, against a tiny local model', async ({ page }) => {
  test.setTimeout(240_000)
  let storyModel = ''
  aura = await startAura({ settings: { maxTokens: 40 }, prepare: async (modelsDir) => void (storyModel = await addStoryModel(modelsDir)) })
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(aura.url)
  await page.getByTestId('model-picker').selectOption(storyModel)

  // A reply, then a second version of it: ‹ 2/2 ›, and back to the first, exactly as it was.
  await page.getByTestId('composer').fill('Once upon a time')
  await page.getByTestId('composer').press('Enter')
  const reply = page.getByTestId('message-assistant').first()
  await expect(reply).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  const firstText = await replyText(reply)
  const plainTokens = await tokensRead(reply)
  expect(plainTokens).toBeGreaterThan(0)
  await page.getByTestId('regenerate').click()
  await expect(reply.getByTestId('version-of')).toHaveText('2/2', { timeout: 60_000 })
  await expect(reply).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  // By keyboard: the previous-version button takes focus and Enter.
  await reply.getByTestId('version-previous').focus()
  await page.keyboard.press('Enter')
  await expect(reply.getByTestId('version-of')).toHaveText('1/2')
  expect(await replyText(reply)).toBe(firstText)
  await expectAccessible(page)
  await at(page, 1280, 800, 'branches-versions')
  await at(page, 800, 600, 'branches-versions')
  await page.setViewportSize({ width: 1280, height: 800 })

  // Edit the question and send it again: a new version of it with its own reply; the first stays.
  const question = page.getByTestId('message-user').first()
  await question.hover()
  await question.getByTestId('edit-message').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('edit-field')).toBeFocused()
  await page.getByTestId('edit-field').fill('Once upon a time there was a cat')
  await at(page, 1280, 800, 'branches-editing')
  await page.keyboard.press('Enter')
  await expect(question).toContainText('there was a cat')
  await expect(question.getByTestId('version-of')).toHaveText('2/2')
  await expect(reply).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  // The new branch has one reply: no ‹ › on it.
  await expect(reply.getByTestId('versions')).toHaveCount(0)
  await question.getByTestId('version-previous').click()
  await expect(question).not.toContainText('there was a cat')
  await expect(question.getByTestId('version-of')).toHaveText('1/2')
  await expect(reply.getByTestId('version-of')).toHaveText('2/2')
  await question.getByTestId('version-next').click()
  await expect(question).toContainText('there was a cat')

  // Delete the edited message (after a yes): its reply goes with it, and the first version is shown again.
  await question.hover()
  await question.getByTestId('delete-message').click()
  await expect(page.getByTestId('delete-message-dialog')).toBeVisible()
  await screenshot(page, 'branches-delete-1280x800')
  await page.getByTestId('delete-message-dialog').getByRole('button', { name: 'Delete' }).click()
  await expect(question).not.toContainText('there was a cat')
  await expect(question.getByTestId('versions')).toHaveCount(0)
  await expect(page.getByTestId('message-assistant')).toHaveCount(1)
  await expect(reply.getByTestId('version-of')).toHaveText('2/2')
  // After a reload the chat is as it was left.
  await page.reload()
  await page.getByTestId('conversation-item').first().click()
  await expect(page.getByTestId('message-assistant').first().getByTestId('version-of')).toHaveText('2/2')

  // Instructions for a new chat reach the model: it reads them before the same message.
  await page.getByTestId('new-chat').click()
  await page.getByTestId('instructions-edit').click()
  await page.getByTestId('instructions-field').fill('Tell every story about a small dragon named Bob who loves apples and lives by the sea.')
  await page.getByTestId('instructions-save').click()
  await expect(page.getByTestId('instructions-text')).toContainText('dragon named Bob')
  await page.getByTestId('composer').fill('Once upon a time')
  await page.getByTestId('composer').press('Enter')
  const instructed = page.getByTestId('message-assistant').first()
  await expect(instructed).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  expect(await tokensRead(instructed)).toBeGreaterThan(plainTokens + 10)
  await expect(page.getByTestId('instructions-text')).toContainText('dragon named Bob')
  await at(page, 1280, 800, 'branches-instructions')
  await at(page, 800, 600, 'branches-instructions')
  await page.setViewportSize({ width: 1280, height: 800 })

  // Settings → Assistants: the built-ins, one of the user's own, and a chat started from it.
  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-assistants').click()
  await expect(page.getByTestId('assistant-card')).toHaveCount(3)
  await expect(page.getByTestId('settings-assistants')).toContainText('Translator')
  await page.getByTestId('assistant-new').click()
  await page.getByTestId('assistant-name').fill('Storyteller')
  await page.getByTestId('assistant-instructions').fill('Write short, happy stories for small children about a friendly bear.')
  await page.getByTestId('assistant-model').selectOption(storyModel)
  await page.getByTestId('assistant-temperature').selectOption('0')
  await page.getByTestId('assistant-save').click()
  await expect(page.getByTestId('assistant-card')).toHaveCount(4)
  await expectAccessible(page)
  await at(page, 1280, 800, 'branches-assistants')
  await at(page, 800, 600, 'branches-assistants')
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.getByTestId('assistant-card').filter({ hasText: 'Storyteller' }).getByTestId('assistant-start').click()
  await expect(page.getByTestId('chat-assistant')).toHaveText('Storyteller')
  await expect(page.getByTestId('instructions-text')).toContainText('friendly bear')
  await expect(page.getByTestId('model-picker')).toHaveValue(storyModel)
  await page.getByTestId('composer').fill('Once upon a time')
  await page.getByTestId('composer').press('Enter')
  const fromAssistant = page.getByTestId('message-assistant').first()
  await expect(fromAssistant).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  expect(await tokensRead(fromAssistant)).toBeGreaterThan(plainTokens + 5)
  await expectAccessible(page)
  await at(page, 1280, 800, 'branches-assistant-chat')
  await at(page, 800, 600, 'branches-assistant-chat')

  // A new chat offers the assistants: one click starts a chat with a built-in one.
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.getByTestId('new-chat').click()
  await expect(page.getByTestId('start-with')).toHaveCount(4)
  await at(page, 800, 600, 'branches-start-with')
  await at(page, 1280, 800, 'branches-start-with')
  await page.getByTestId('start-with').filter({ hasText: 'Translator' }).click()
  await expect(page.getByTestId('chat-assistant')).toHaveText('Translator')
  await expect(page.getByTestId('instructions-text')).toContainText('professional translator')
})
