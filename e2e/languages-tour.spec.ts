import type { Page } from '@playwright/test'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../src/main/services/testing/fakeCloud'
import { horizontalProblems } from './support/fits'
import { addStoryModel, expect, screenshot, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
let fake: FakeCloud | undefined
test.afterEach(async () => {
  await aura?.stop()
  await fake?.close()
  aura = undefined
  fake = undefined
})

/**
 * Words of the page's own (buttons, headings, labels from the converted areas) that must not show in
 * another language. Not model names, not what the main process words (docs/languages.md): only ours.
 */
const ENGLISH = [
  // Not "Settings": huggingface.co's own menu is named in English on the AI Models page.
  'Settings pages',
  'Back to chat',
  'New chat',
  'Save',
  'Cancel',
  'Delete',
  'Download',
  'Installed',
  'Cloud Keys',
  'Routing & Budget',
  'Assistants',
  'Start a chat',
  'Export',
  'Import',
  'Usage',
  'Connect apps',
  'Privacy',
  'Appearance',
  'Language',
  'Data folder',
  'Version',
  'Search',
  'Temperature',
  'On this page',
  'Look for models',
  'Message Aura',
  'AI can make mistakes',
  'Add instructions',
  'Start with',
  'This chat was started',
  'Connection test',
  'Spending',
  'per day',
  'Show',
  'Hide',
  'Loading',
]

/** Our English words on screen (whole words, case as written). */
async function englishOnScreen(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText()
  const titles = await page.locator('[title], [aria-label], [placeholder]').evaluateAll((els) => els.map((el) => [el.getAttribute('title'), el.getAttribute('aria-label'), el.getAttribute('placeholder')].filter(Boolean).join(' ')))
  const all = `${text}\n${titles.join('\n')}`
  return ENGLISH.filter((word) => new RegExp(`(^|[^\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(all))
}

/** Nothing spills sideways, nothing is cut off, and none of our English shows. */
async function checkPage(page: Page, name: string): Promise<void> {
  // Soft: one run lists every page's problems.
  expect.soft(await horizontalProblems(page), `${name}: spills or is cut off`).toEqual([])
  expect.soft(await englishOnScreen(page), `${name}: English words of ours`).toEqual([])
  await screenshot(page, name)
}

test('every settings page and the chat, in Español and in 中文 at 800×600: nothing English of ours, nothing cut off', async ({ page }) => {
  test.setTimeout(300_000)
  fake = await startFakeCloud()
  aura = await startAura({
    settings: { onboardingDone: true, confirmCostAbove: null, maxTokens: 16 },
    env: { AURA_DEEPSEEK_BASE_URL: fake.baseUrls.deepseek, DEEPSEEK_API_KEY: FAKE_CLOUD_VALID_KEY },
    prepare: (dir) => addStoryModel(dir).then(() => undefined),
  })
  await page.setViewportSize({ width: 800, height: 600 })
  const origin = new URL(aura.url).origin
  await page.goto(aura.url)

  for (const language of ['es', 'zh-CN'] as const) {
    await page.setViewportSize({ width: 800, height: 600 })
    await page.goto(`${origin}/#/settings/appearance`)
    await page.getByTestId('setting-language').selectOption(language)
    await expect(page.locator('html')).toHaveAttribute('lang', language)

    // Every page the settings menu lists (pages added later are visited too).
    const ids = await page.locator('[data-testid^="settings-nav-"]').evaluateAll((links) => links.map((link) => link.getAttribute('data-testid')!.slice('settings-nav-'.length)))
    expect(ids.length).toBeGreaterThanOrEqual(10)
    for (const id of ids) {
      await page.goto(`${origin}/#/settings/${id}`)
      await expect(page.getByTestId('settings-scroller')).toBeVisible()
      // Pages that load their lists: wait until nothing says it is busy.
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0)
      await checkPage(page, `languages-tour-${language}-${id}-800x600`)
    }

    // The chat: a cloud model picked, a reply, and the header with the chat's title beside the model's button.
    // Wide for the new chat: a narrow window folds the chat list (and its button) away.
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.getByTestId('back-to-chat').click()
    await page.getByTestId('new-chat').click()
    await page.getByTestId('model-picker').selectOption('deepseek:deepseek-flash')
    await page.getByTestId('composer').fill('What is two and two, in a few words please?')
    await page.getByTestId('composer').press('Enter')
    await expect(page.getByTestId('message-assistant').first()).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
    await expect(page.getByTestId('chat-title')).not.toHaveText('')
    await page.setViewportSize({ width: 800, height: 600 })
    const button = (await page.getByTestId('model-button').boundingBox())!
    const title = (await page.getByTestId('chat-title').boundingBox())!
    expect(button.x + button.width, 'the model’s button ends before the chat’s title').toBeLessThanOrEqual(title.x + 0.5)
    // What the model button holds stays inside it (a name truncates rather than spill).
    const spill = await page.getByTestId('model-button').evaluate((el) => el.scrollWidth - el.clientWidth)
    expect(spill, 'the model button’s contents spill over').toBeLessThanOrEqual(1)
    // The small print is one line of the language: no Latin space after a Chinese full stop.
    if (language === 'zh-CN') expect(await page.getByTestId('where-it-goes').textContent()).not.toMatch(/。\s/)
    await checkPage(page, `languages-tour-${language}-chat-800x600`)
  }
})
