import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { startFakeCloud, type FakeCloud } from '../src/main/services/testing/fakeCloud'
import { startTestHub, type TestHub } from '../src/main/services/testing/testHub'
import { encodeTinyLlama, writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import { fitsAndShoot, SIZES } from './support/fits'
import { addOpenAiKey, expect, expectAccessible, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
let hub: TestHub | undefined
let fake: FakeCloud | undefined
test.afterEach(async () => {
  await aura?.stop()
  await hub?.close()
  await fake?.close()
  aura = hub = fake = undefined
})

const languages = ['es', 'zh-CN'] as const
type Language = (typeof languages)[number]

/** Settings → Appearance → Language, as a user switches it; then back to the chat. */
async function chooseLanguage(page: Page, aura: AuraServer, language: Language): Promise<void> {
  await page.goto(`${new URL(aura.url).origin}/#/settings/appearance`)
  await page.getByTestId('setting-language').selectOption(language)
  await expect(page.locator('html')).toHaveAttribute('lang', language)
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
  await page.getByTestId('back-to-chat').click()
}

/** The model this computer is offered (`aura catalog --json`, on the same data folder). */
function suggestedFile(aura: AuraServer): { repo: string; file: string } {
  const run = spawnSync(process.execPath, [resolve(import.meta.dirname, '../bin/aura.js'), 'catalog', '--json'], {
    env: { ...process.env, AURA_KEYRING: 'off', AURA_DATA_DIR: aura.dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  })
  type Catalog = { items: { id: string; quants: { quant: string; repo: string; file: string }[] }[]; recommendation: { entryId: string; quant: string } }
  const { items, recommendation } = JSON.parse(run.stdout) as Catalog
  return items.find((i) => i.id === recommendation.entryId)!.quants.find((q) => q.quant === recommendation.quant)!
}

const onboardingWords = {
  es: { welcome: 'Te damos la bienvenida a Aura', found: 'Aura encontró', suggest: 'Te sugerimos', download: /^Descargar/, seeAll: 'Ver todos los modelos', notNow: 'Ahora no', carriesOn: 'Puedes cerrar esta ventana' },
  'zh-CN': { welcome: '欢迎使用 Aura', found: 'Aura 发现', suggest: '我们建议', download: /^下载/, seeAll: '查看所有模型', notNow: '以后再说', carriesOn: '你可以关闭此窗口' },
} as const

for (const language of languages) {
  test(`a new user's first screens in ${language}: the welcome, the suggested model and its download`, async ({ page }) => {
    hub = await startTestHub()
    aura = await startAura({ env: { AURA_HF_ENDPOINT: hub.url } })
    await page.setViewportSize(SIZES[1])
    await page.goto(aura.url)
    await chooseLanguage(page, aura, language)
    const w = onboardingWords[language]

    const card = page.getByTestId('onboarding')
    await expect(card.getByRole('heading', { level: 2 })).toHaveText(w.welcome)
    await expect(page.getByTestId('onboarding-hardware')).toContainText(w.found)
    await expect(page.getByTestId('onboarding-suggestion')).toContainText(w.suggest)
    await expect(page.getByTestId('onboarding-download')).toHaveText(w.download)
    await expect(page.getByTestId('onboarding-browse')).toHaveText(w.seeAll)
    await expect(page.getByTestId('onboarding-dismiss')).toHaveText(w.notNow)
    for (const english of ['Welcome to Aura', 'We suggest', 'Download it?', 'See all models', 'Not now']) await expect(card).not.toContainText(english)
    await expectAccessible(page)
    await fitsAndShoot(page, `languages-onboarding-${language}`)

    // "Download": its progress shows in the card, with what happens next. The Hub serves a tiny
    // stand-in for the model this computer is offered, slowly enough to watch.
    const { repo, file } = suggestedFile(aura)
    const { size } = await hub.addFile(repo, file, encodeTinyLlama())
    hub.setFaults({ throttleBytesPerSecond: Math.ceil(size / 60), files: [file] })
    await page.getByTestId('onboarding-download').click()
    await expect(card).toContainText(w.carriesOn)
    await expect(card).not.toContainText('You can close this window')
    await expect(card).not.toContainText('Download it?')
    await fitsAndShoot(page, `languages-onboarding-download-${language}`)
  })
}

const pickerWords = {
  es: {
    groups: [/^Auto/, /^En este ordenador/, /^En la nube/],
    auto: 'Aura elige para cada mensaje',
    local: 'Se ejecuta en privado en este ordenador.',
    cloud: 'Se envía a OpenAI con tu clave.',
    search: 'Buscar modelos',
    ready: 'Listo',
    unloaded: 'Sin cargar',
    speed: /^[\d.,]+ tokens\/s aquí$/,
    price: /de entrada · .+ de salida por millón de tokens/,
    cloudWord: 'nube',
    noMatch: 'Ningún modelo coincide con «zzz».',
    where: 'En este ordenador',
    defaults: 'Ajustes de Tiny Writer',
  },
  'zh-CN': {
    groups: [/^Auto/, /^这台电脑上/, /^云端/],
    auto: 'Aura 为每条消息挑选模型',
    local: '在这台电脑上私密运行。',
    cloud: '用你的密钥发送给 OpenAI。',
    search: '搜索模型',
    ready: '已就绪',
    unloaded: '未加载',
    speed: /^本机 [\d.,]+ 词元\/秒$/,
    price: /每百万词元：输入 .+ · 输出 /,
    cloudWord: '云端',
    noMatch: '没有与“zzz”匹配的模型。',
    where: '这台电脑上',
    defaults: 'Tiny Writer 的默认设置',
  },
} as const

const CLOUD = 'openai:gpt-6.1-terra'

test('the model picker and where a message goes, in Español and 中文', async ({ page }) => {
  // A key test, one local reply, axe, and two languages at two sizes.
  test.setTimeout(180_000)
  fake = await startFakeCloud()
  aura = await startAura({
    env: { AURA_OPENAI_BASE_URL: fake.baseUrls.openai },
    settings: { maxTokens: 16, onboardingDone: true, currency: 'EUR', currencyPerUsd: 0.5 },
    prepare: async (modelsDir) => {
      await writeTinyLlama(join(modelsDir, 'Tiny-Writer-Q4_K_M.gguf'), { name: 'Tiny-Writer-Q4_K_M', eosBias: 2 })
      await writeTinyLlama(join(modelsDir, 'other.gguf'), { name: 'Other Helper', seed: 5, eosBias: 2 })
    },
  })
  await page.setViewportSize(SIZES[1])
  await page.goto(aura.url)
  await addOpenAiKey(page)
  await page.getByTestId('back-to-chat').click()
  // One reply from Tiny Writer: it is loaded ("Ready") and its speed here is known.
  await page.getByTestId('model-picker').selectOption('Tiny-Writer-Q4_K_M')
  await page.getByTestId('composer').fill('Tell me about the sea')
  await page.getByTestId('composer').press('Enter')
  await expect(page.getByTestId('message-assistant').first()).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(page.getByTestId('model-button-load')).toHaveAttribute('data-state', 'ready')

  const button = page.getByTestId('model-button')
  const menu = page.getByTestId('model-menu')
  const search = page.getByTestId('model-search')
  const where = page.getByTestId('where-it-goes')
  for (const language of languages) {
    const w = pickerWords[language]
    await page.setViewportSize(SIZES[1])
    await chooseLanguage(page, aura, language)
    await page.getByTestId('new-chat').click()

    // The composer's small print and the button name where the message goes.
    await expect(where).toContainText(w.local)
    await expect(button).toContainText(w.where)
    await page.getByTestId('model-defaults-button').click()
    await expect(page.getByTestId('model-defaults').getByRole('heading')).toHaveText(w.defaults)
    await fitsAndShoot(page, `languages-picker-defaults-${language}`)
    await page.getByTestId('model-defaults-button').click()

    await button.click()
    await expect(search).toHaveAttribute('placeholder', w.search)
    await expect(menu.getByRole('group')).toHaveText([...w.groups])
    const tiny = menu.locator('[data-value="Tiny-Writer-Q4_K_M"]')
    await expect(tiny.getByTestId('model-load')).toHaveText(w.ready)
    await expect(tiny.getByTestId('model-speed')).toHaveText(w.speed)
    await expect(menu.locator('[data-value="other"]').getByTestId('model-load')).toHaveText(w.unloaded)
    await expect(menu.locator(`[data-value="${CLOUD}"]`).getByTestId('model-price')).toHaveText(w.price)
    for (const english of ['On this computer', 'Not loaded', 'Ready', 'tokens/s here', 'out per million tokens']) await expect(menu).not.toContainText(english)
    await expectAccessible(page)
    await fitsAndShoot(page, `languages-picker-${language}`)

    // Search reads the words on screen: the group's name in this language finds the cloud model.
    await search.fill(w.cloudWord)
    await expect(menu.getByRole('group')).toHaveCount(1)
    await expect(menu.getByTestId('model-group-cloud').locator(`[data-value="${CLOUD}"]`)).toBeVisible()
    await search.fill('zzz')
    await expect(page.getByTestId('model-search-empty')).toHaveText(w.noMatch)
    await search.fill('terra')
    await search.press('Enter')
    await expect(button).toHaveAttribute('data-value', CLOUD)
    await expect(where).toContainText(w.cloud)

    await page.getByTestId('model-picker').selectOption('auto')
    await expect(where).toContainText(w.auto)
    await expect(where).not.toContainText('Aura picks for each message')
    await fitsAndShoot(page, `languages-picker-auto-${language}`)
    // Back to Tiny Writer for the next language.
    await page.getByTestId('model-picker').selectOption('Tiny-Writer-Q4_K_M')
  }
})
