import type { Page } from '@playwright/test'
import { expectFits, SIZES } from './support/fits'
import { expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
test.afterEach(async () => {
  await aura?.stop()
  aura = undefined
})


/** The shell in one language: the chat list, the settings menu and the Appearance page. */
const words = {
  es: { lang: 'es', cloudKeys: 'Ajustes → Claves de la nube', choose: 'Elegir un archivo…', addModel: 'Añade un modelo de IA para empezar', newChat: 'Nueva conversación', empty: 'Tus conversaciones aparecerán aquí.', models: 'Modelos de IA', appearance: 'Apariencia', back: 'Volver a la conversación' },
  'zh-CN': { lang: 'zh-CN', cloudKeys: '设置 → 云端密钥', choose: '选择文件…', addModel: '添加一个 AI 模型即可开始', newChat: '新对话', empty: '你的对话会显示在这里。', models: 'AI 模型', appearance: '外观', back: '返回对话' },
} as const

async function expectShellIn(page: Page, w: (typeof words)[keyof typeof words]): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', w.lang)
  await expect(page.getByTestId('new-chat')).toHaveText(w.newChat)
  await expect(page.getByTestId('conversations-empty')).toHaveText(w.empty)
  await expect(page.getByTestId('settings-nav-models')).toContainText(w.models)
  await expect(page.getByTestId('settings-appearance').getByRole('heading', { level: 2 })).toHaveText(w.appearance)
  await expect(page.getByTestId('back-to-chat')).toHaveText(w.back)
}

test('Settings → Appearance switches the app to Español and to 中文, kept after a reload', async ({ page }) => {
  aura = await startAura({ settings: { onboardingDone: true } })
  await page.goto(aura.url)
  await page.goto(`${new URL(aura.url).origin}/#/settings/appearance`)
  // English while the setting follows this browser (en-US in the tests).
  await expect(page.getByTestId('new-chat')).toHaveText('New chat')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')

  for (const language of ['es', 'zh-CN'] as const) {
    // Wide: the chat list shows beside the page (a narrow window folds it away).
    await page.setViewportSize(SIZES[1])
    await page.getByTestId('setting-language').selectOption(language)
    await expectShellIn(page, words[language])
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
    await page.reload()
    await expectShellIn(page, words[language])
    for (const size of SIZES) {
      await page.setViewportSize(size)
      await expectFits(page, `${language} at ${size.width}×${size.height}`)
      await screenshot(page, `languages-${language}-${size.width}x${size.height}`)
    }
    await expectAccessible(page)

    // The chat page: a new user's first screen, and the composer.
    await page.getByTestId('back-to-chat').click()
    await expect(page.getByTestId('empty-state').getByRole('heading', { level: 2 })).toHaveText(words[language].addModel)
    // A link inside a translated sentence keeps its words (and a name: axe).
    await expect(page.getByTestId('cloud-keys-hint').getByRole('button')).toHaveText(words[language].cloudKeys)
    await expectAccessible(page)
    for (const size of SIZES) {
      await page.setViewportSize(size)
      await expectFits(page, `chat in ${language} at ${size.width}×${size.height}`)
      await screenshot(page, `languages-${language}-chat-${size.width}x${size.height}`)
    }
    // A settings page with longer sentences: export and import.
    await page.setViewportSize(SIZES[0])
    await page.goto(`${new URL(aura.url).origin}/#/settings/chats`)
    await expect(page.getByTestId('import-choose')).toHaveText(words[language].choose)
    await expectFits(page, `chats page in ${language}`)
    await screenshot(page, `languages-${language}-chats-800x600`)
    await page.goto(`${new URL(aura.url).origin}/#/settings/appearance`)
  }

  // Back to the computer's language: English again.
  await page.getByTestId('setting-language').selectOption('system')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByTestId('back-to-chat')).toHaveText('Back to chat')
})

test('on System, Aura follows the computer’s language', async ({ browser }) => {
  aura = await startAura({ settings: { onboardingDone: true } })
  const context = await browser.newContext({ locale: 'es-ES' })
  const page = await context.newPage()
  await page.goto(aura.url)
  await page.goto(`${new URL(aura.url).origin}/#/settings/appearance`)
  await expectShellIn(page, words.es)
  await expect(page.getByTestId('setting-language')).toHaveValue('system')
  await context.close()
})
