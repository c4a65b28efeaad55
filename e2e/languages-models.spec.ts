import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startTestHub, TEST_HUB_FILES, TEST_HUB_REPOS, type TestHub } from '../src/main/services/testing/testHub'
import { writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import { expectFits, SIZES } from './support/fits'
import { expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
let hub: TestHub | undefined
let scratch: string | undefined
test.afterEach(async () => {
  await aura?.stop()
  await hub?.close()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
  aura = hub = scratch = undefined
})


/** Settings → AI Models in one language: a few words of each part of the page. */
const words = {
  es: {
    title: 'Modelos de IA',
    computer: 'Tu ordenador',
    catalog: 'Buscar un modelo',
    installed: 'Tus modelos',
    performance: 'Rendimiento',
    hub: 'Buscar en Hugging Face',
    downloads: 'Descargas',
    pause: 'Pausar',
    resume: 'Reanudar',
    pausedAt: /^En pausa en /,
    indicator: /^1 descarga.*Mostrar las descargas$/,
    showFiles: 'Ver archivos',
    threads: 'Automático (recomendado)',
  },
  'zh-CN': {
    title: 'AI 模型',
    computer: '你的电脑',
    catalog: '找一个模型',
    installed: '你的模型',
    performance: '性能',
    hub: '在 Hugging Face 上搜索',
    downloads: '下载',
    pause: '暂停',
    resume: '继续',
    pausedAt: /^已暂停，/,
    indicator: /^1 个下载.*显示下载$/,
    showFiles: '查看文件',
    threads: '自动（推荐）',
  },
} as const

/** English words of the page that must be gone in another language. */
const english = ['Your computer', 'Find a model', 'Your models', 'Search Hugging Face', 'Performance', 'Downloading', 'Details', 'Runs well']

test('Settings → AI Models in Español and 中文: hardware, catalog, a download, installed models, Hub search, performance', async ({ page }) => {
  scratch = mkdtempSync(join(tmpdir(), 'aura-languages-models-'))
  const model = join(scratch, 'generated.gguf')
  await writeTinyLlama(model, { name: 'stories260K' })
  hub = await startTestHub({ storiesPath: model })
  const file = TEST_HUB_FILES.stories
  const size = hub.file(TEST_HUB_REPOS.stories, file)!.size
  // Slow enough that it is still running when the test looks at it.
  hub.setFaults({ throttleBytesPerSecond: Math.ceil(size / 300), files: [file] })
  aura = await startAura({
    env: { AURA_HF_ENDPOINT: hub.url },
    settings: { onboardingDone: true },
    prepare: async (modelsDir) => {
      await writeTinyLlama(join(modelsDir, 'aura-tiny.gguf'), { seed: 7, chatTemplate: true })
    },
  })
  const origin = new URL(aura.url).origin
  await page.setViewportSize(SIZES[1])
  await page.goto(aura.url)

  for (const language of ['es', 'zh-CN'] as const) {
    const w = words[language]
    await page.goto(`${origin}/#/settings/appearance`)
    await page.getByTestId('setting-language').selectOption(language)
    await expect(page.locator('html')).toHaveAttribute('lang', language)
    await page.goto(`${origin}/#/settings/models`)
    const models = page.getByTestId('settings-models')
    await expect(models.getByRole('heading', { level: 2 })).toHaveText(w.title)
    await expect(page.getByTestId('hardware-card').getByRole('heading', { level: 3 })).toHaveText(w.computer)
    await expect(page.locator('#catalog-heading')).toHaveText(w.catalog)
    await expect(page.locator('#installed-heading')).toHaveText(w.installed)
    await expect(page.getByTestId('settings-performance').getByRole('heading', { level: 3 })).toHaveText(w.performance)
    await expect(page.getByTestId('settings-performance')).toContainText(w.threads)
    await expect(page.locator('#hub-heading')).toHaveText(w.hub)

    // A download: started (first time round) or resumed, then the header's indicator, then paused.
    const demo = page.locator('[data-testid="catalog-item"][data-entry-id="stories260k"]')
    if (language === 'es') await demo.getByTestId('catalog-download').click()
    await expect(page.locator('#downloads-heading')).toHaveText(w.downloads)
    const row = page.getByTestId('download-row').first()
    if (language !== 'es') await row.getByTestId('download-resume').click()
    await expect(row).toHaveAttribute('data-state', 'downloading')
    await expect(row.getByTestId('download-pause')).toHaveText(w.pause)
    await expect(page.getByTestId('downloads-indicator')).toHaveAttribute('aria-label', w.indicator)
    for (const size of SIZES) {
      await page.setViewportSize(size)
      await expectFits(page, `${language} downloading at ${size.width}×${size.height}`)
      await screenshot(page, `languages-models-${language}-downloading-${size.width}x${size.height}`)
    }
    await row.getByTestId('download-pause').click()
    await expect(row).toHaveAttribute('data-state', 'paused')
    await expect(row.getByTestId('download-resume')).toHaveText(w.resume)
    await expect(row.locator('p').filter({ hasText: w.pausedAt })).toHaveCount(1)

    // Hub search: results and a repo's files, with their rough fit.
    await page.getByTestId('hub-search').fill('tiny')
    await page.getByTestId('hub-search-submit').click()
    const result = page.locator(`[data-testid="hub-result"][data-repo="${TEST_HUB_REPOS.tiny}"]`)
    await expect(result.getByTestId('hub-result-files')).toHaveText(w.showFiles)
    await result.getByTestId('hub-result-files').click()
    await expect(result.getByTestId('hub-file').first()).toBeVisible()

    for (const gone of english) await expect(models.getByText(gone, { exact: true })).toHaveCount(0)
    await expectAccessible(page)
    for (const size of SIZES) {
      await page.setViewportSize(size)
      await expectFits(page, `${language} at ${size.width}×${size.height}`)
      await screenshot(page, `languages-models-${language}-${size.width}x${size.height}`)
    }
    // The page scrolls inside its pane: each part in view on the small window, to look at its wording.
    await page.setViewportSize(SIZES[0])
    for (const part of ['hardware-card', 'installed-section', 'other-apps-section', 'settings-performance']) {
      await page.locator(`[data-testid="${part}"], #${part}`).first().evaluate((el) => el.scrollIntoView({ block: 'start' }))
      await screenshot(page, `languages-models-${language}-${part}-800x600`)
    }
    await page.setViewportSize(SIZES[1])
  }
})
