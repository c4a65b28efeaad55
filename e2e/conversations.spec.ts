import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import { expect, screenshot, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
test.afterEach(async () => {
  await aura?.stop()
  aura = undefined
})

/** A generated model that writes until it is stopped or reaches the reply limit. */
async function startWithTinyModel(maxTokens: number) {
  aura = await startAura({
    settings: { maxTokens },
    prepare: (modelsDir) => writeTinyLlama(join(modelsDir, 'tiny.gguf'), { name: 'Tiny', eosBias: -8 }).then(() => {}),
  })
  return aura
}

async function chat(page: Page, text: string) {
  const replies = page.getByTestId('message-assistant')
  const before = await replies.count()
  await page.getByTestId('composer').fill(text)
  await page.getByTestId('composer').press('Enter')
  await expect(replies).toHaveCount(before + 1)
  await expect(replies.last()).toHaveAttribute('data-status', 'done')
}

test('conversations: new, rename, search by title and text, delete; they persist', async ({ page }) => {
  aura = await startWithTinyModel(12)
  await page.goto(aura.url)
  await page.getByTestId('model-picker').selectOption('tiny')

  await chat(page, 'Plans for the garden this spring')
  await page.getByTestId('new-chat').click()
  await chat(page, 'A letter to my landlord about the heating')
  const items = page.getByTestId('conversation-item')
  await expect(items).toHaveCount(2)
  // Newest first.
  await expect(items.first()).toContainText('A letter to my landlord')

  const garden = items.filter({ hasText: 'Plans for the garden' })
  await garden.hover()
  await garden.getByTestId('rename-conversation').click()
  await page.getByTestId('rename-input').fill('Garden')
  await page.getByTestId('rename-input').press('Enter')
  await expect(items.filter({ hasText: 'Garden' })).toHaveCount(1)
  // Renaming does not reorder.
  await expect(items.first()).toContainText('A letter to my landlord')

  await page.getByTestId('conversation-search').fill('heating')
  await expect(items).toHaveCount(1)
  await expect(items.first()).toContainText('landlord')
  await page.getByTestId('conversation-search').fill('garden')
  await expect(items).toHaveCount(1)
  await page.getByTestId('conversation-search').fill('')
  await expect(items).toHaveCount(2)
  await screenshot(page, 'conversations')

  await page.reload()
  await expect(items).toHaveCount(2)
  await expect(items.filter({ hasText: 'Garden' })).toHaveCount(1)

  const letter = items.filter({ hasText: 'landlord' })
  await letter.hover()
  await letter.getByTestId('delete-conversation').click()
  await expect(page.getByTestId('confirm-dialog')).toBeVisible()
  await page.getByTestId('confirm-ok').click()
  await expect(items).toHaveCount(1)
  await page.reload()
  await expect(items).toHaveCount(1)
  await expect(items.first()).toContainText('Garden')
})

test('Esc stops a reply; Regenerate writes a new one in its place', async ({ page }) => {
  aura = await startWithTinyModel(1800)
  await page.goto(aura.url)
  await page.getByTestId('model-picker').selectOption('tiny')
  await page.getByTestId('composer').fill('Write for a long time')
  await page.getByTestId('composer').press('Enter')
  const reply = page.getByTestId('message-assistant').first()
  // The reply's own text (not the route line under it) is under way.
  await expect.poll(async () => ((await reply.locator('p').first().textContent()) ?? '').trim().length).toBeGreaterThan(10)
  await page.getByTestId('composer').press('Escape')
  await expect(reply).toHaveAttribute('data-status', 'stopped')
  const stoppedId = await reply.getAttribute('data-id')

  await page.getByTestId('regenerate').click()
  await expect(page.getByTestId('message-assistant')).toHaveCount(1)
  await expect(reply).not.toHaveAttribute('data-id', stoppedId!)
  await expect(reply).toHaveAttribute('data-status', 'streaming')
  await page.getByTestId('stop').click()
  await expect(reply).toHaveAttribute('data-status', 'stopped')
  await expect(page.getByTestId('message-user')).toHaveCount(1)
})

test('Aura killed mid-reply: the conversation loads again, with the reply so far kept', async ({ page }) => {
  const first = await startWithTinyModel(1800)
  await page.goto(first.url)
  await page.getByTestId('model-picker').selectOption('tiny')
  await page.getByTestId('composer').fill('Keep talking')
  await page.getByTestId('composer').press('Enter')
  const reply = page.getByTestId('message-assistant').first()
  await expect.poll(async () => ((await reply.locator('p').first().textContent()) ?? '').trim().length).toBeGreaterThan(40)
  await first.kill()

  aura = await startAura({ dataDir: first.dataDir })
  await page.goto(aura.url)
  await page.getByTestId('conversation-item').first().click()
  await expect(page.getByTestId('message-user')).toContainText('Keep talking')
  await expect(reply).toHaveAttribute('data-status', 'interrupted')
  await expect(page.getByTestId('model-picker')).toHaveValue('tiny')
  expect((await reply.locator('p').first().innerText()).trim().length).toBeGreaterThan(0)
  await screenshot(page, 'after-crash')
  // And the conversation goes on.
  await page.getByTestId('regenerate').click()
  await page.getByTestId('stop').click()
  await expect(reply).toHaveAttribute('data-status', 'stopped')
})
