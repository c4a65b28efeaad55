import { mkdirSync, realpathSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { makePdf } from '../src/main/services/testing/documents/pdf'
import { writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import { expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'
import { expectFits, SIZES } from './support/fits'

let aura: AuraServer | undefined
test.afterEach(async () => {
  await aura?.stop()
  aura = undefined
})


async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size)
    await expectFits(page, `${name} at ${size.width}×${size.height}`)
    await screenshot(page, `${name}-${size.width}x${size.height}`)
  }
}

test('a collection from a folder is indexed; a chat that uses it cites the passage; a PDF attached to a chat joins its documents', async ({ page }) => {
  test.setTimeout(180_000)
  aura = await startAura({
    prepare: async (modelsDir) => {
      await writeTinyLlama(join(modelsDir, 'tiny.gguf'), { seed: 3, chatTemplate: true })
      // A model for documents (generated: its vectors mean nothing; the keyword side finds the passage).
      await writeTinyLlama(join(modelsDir, 'embed.gguf'), { seed: 30, pooling: 'mean', embedding: 64 })
    },
    settings: { maxTokens: 8, temperature: 0 },
  })
  const notes = join(aura.dataDir, 'notes')
  mkdirSync(notes)
  writeFileSync(join(notes, 'lighthouse.md'), '# Lighthouses\n\n## Keepers\n\nThe lighthouse keeper climbs 217 steps every evening to light the lamp.\n')
  writeFileSync(join(notes, 'garden.txt'), 'Tomatoes need six hours of sun a day. Water the basil every morning.')
  writeFileSync(join(notes, 'harbour.pdf'), makePdf({ pages: [['The harbour opens at dawn.'], ['Ferries leave every hour for the islands.']] }))

  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(aura.url)
  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-documents').click()
  await expect(page.getByTestId('settings-documents')).toBeVisible()
  expect(page.url()).toContain('#/settings/documents')
  await page.getByTestId('collection-name').fill('My notes')
  await page.getByTestId('collection-folder').fill(realpathSync(notes))
  await page.getByTestId('collection-add').click()
  const collection = page.getByTestId('collection')
  await expect(collection).toHaveAttribute('data-status', 'ready', { timeout: 60_000 })
  await expect(collection).toContainText('3 documents')
  await expect(page.getByTestId('documents-model')).toContainText('Searching by words and by meaning.')
  await expectAccessible(page)
  await shoot(page, 'documents-settings')

  // A new chat searches "My notes": picked from the chip under the message box.
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.getByTestId('new-chat').first().click()
  await page.getByTestId('documents-chip').click()
  await page.getByTestId('collection-option').click()
  await expect(page.getByTestId('documents-chip')).toContainText('1 document source')
  await shoot(page, 'documents-chip')
  await page.keyboard.press('Escape')

  await page.getByTestId('composer').fill('How many steps does the lighthouse keeper climb?')
  await page.getByTestId('composer').press('Enter')
  const reply = page.getByTestId('message-assistant').last()
  await expect(reply).toHaveAttribute('data-status', 'done', { timeout: 90_000 })
  const sources = reply.getByTestId('source')
  await expect(sources.first()).toContainText('Lighthouses › Keepers')
  await expect(sources.first()).not.toContainText('Lighthouses › Lighthouses')
  await sources.first().click()
  const passage = page.getByTestId('passage')
  await expect(passage).toBeVisible()
  await expect(passage.getByTestId('passage-text')).toContainText('climbs 217 steps')
  await shoot(page, 'documents-passage')
  await page.keyboard.press('Escape')
  await expect(passage).toBeHidden()

  // A PDF attached to the chat goes to its documents, not into the message.
  const report = join(aura.dataDir, 'report.pdf')
  writeFileSync(report, makePdf({ pages: [['The quarterly report counts forty lighthouses.']] }))
  await page.getByTestId('attach-input').setInputFiles(report)
  await expect(page.getByTestId('documents-chip')).toContainText('2 document sources')
  await page.getByTestId('documents-chip').click()
  await expect(page.getByTestId('chat-file')).toContainText('report.pdf')
  await expect(page.getByTestId('allow-cloud')).toHaveAttribute('aria-checked', 'false')
  await shoot(page, 'documents-attached')
  await page.keyboard.press('Escape')

  // In Spanish.
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-appearance').click()
  await page.getByTestId('setting-language').selectOption('es')
  await page.getByTestId('settings-nav-documents').click()
  await expect(page.getByTestId('settings-documents')).toContainText('Documentos')
  await expect(page.getByTestId('collection')).toContainText('3 documentos')
  await shoot(page, 'documents-settings-es')
  await page.getByTestId('conversation-item').first().click({ timeout: 5000 }).catch(async () => {
    // The list folds away on a narrow window: the settings' way back to the chat.
    await page.goBack()
  })
  await page.getByTestId('message-assistant').last().getByTestId('source').first().click()
  await expect(page.getByTestId('passage')).toBeVisible()
  await shoot(page, 'documents-passage-es')
})
