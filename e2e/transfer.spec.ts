import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chatGptExport } from '../src/main/services/testing/chatGptExport'
import { expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'
import { expectFits } from './support/fits'

let aura: AuraServer | undefined
test.afterEach(async () => {
  await aura?.stop()
  aura = undefined
})

test("import ChatGPT's conversations.json with a summary, export it back as JSON and Markdown; a bad file changes nothing", async ({ page }) => {
  aura = await startAura()
  const chatgpt = join(aura.dataDir, 'conversations.json')
  writeFileSync(chatgpt, JSON.stringify(chatGptExport()))
  const notAnExport = join(aura.dataDir, 'notes.json')
  writeFileSync(notAnExport, JSON.stringify({ shopping: ['eggs'] }))

  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(aura.url)
  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-chats').click()
  await page.getByTestId('import-file').setInputFiles(chatgpt)
  const summary = page.getByTestId('import-summary')
  await expect(summary).toContainText('Imported 1 chat (4 messages) from ChatGPT.')
  await expect(summary).toContainText('“Only an image” — no messages with text')
  await expectAccessible(page)
  await screenshot(page, 'chats-imported-1280x800')
  await page.setViewportSize({ width: 800, height: 600 })
  await expectFits(page)
  await screenshot(page, 'chats-imported-800x600')
  await page.setViewportSize({ width: 1280, height: 800 })

  // A file that is not an export: said in words, nothing added.
  await page.getByTestId('import-file').setInputFiles(notAnExport)
  await expect(page.getByTestId('transfer-error')).toContainText('not a chats export Aura knows')
  await expect(page.getByTestId('export-which').locator('option')).toHaveCount(2)

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()])
  expect(json.suggestedFilename()).toMatch(/^aura-chats-\d{4}-\d\d-\d\d\.json$/)
  const exported = JSON.parse(readFileSync((await json.path())!, 'utf8')) as { format: string; conversations: { title: string; messages: { content: string }[] }[] }
  expect(exported.format).toBe('aura.chats')
  expect(exported.conversations.map((c) => [c.title, c.messages.length])).toEqual([['Pasta for four', 4]])

  await page.getByTestId('export-which').selectOption({ label: 'Pasta for four' })
  const [markdown] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-markdown').click()])
  expect(markdown.suggestedFilename()).toBe('pasta-for-four.md')
  expect(readFileSync((await markdown.path())!, 'utf8')).toContain('### You\n\nHow much pasta for four?\n\n### Assistant\n\nAbout 400 g.')

  // Aura's own JSON imports back: a second copy, nothing overwritten.
  await page.getByTestId('import-file').setInputFiles((await json.path())!)
  await expect(summary).toContainText('Imported 1 chat (4 messages) from an Aura export.')
  await expect(page.getByTestId('export-which').locator('option')).toHaveCount(3)
})
