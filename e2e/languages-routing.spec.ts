import type { Locator, Page } from '@playwright/test'
import { startFakeCloud, type FakeCloud } from '../src/main/services/testing/fakeCloud'
import { freePort } from '../src/main/services/testing/ports'
import { addOpenAiKey, addStoryModel, expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'
import { expectFits, SIZES } from './support/fits'

let aura: AuraServer | undefined
let fake: FakeCloud | undefined
test.afterEach(async () => {
  await aura?.stop()
  await fake?.close()
  aura = fake = undefined
})


/** A few words of each page in each language, and the English they replace. */
const words = {
  es: {
    howAutoPicks: 'Cómo elige Auto',
    saved: 'Guardado',
    inUsd: 'En dólares estadounidenses:',
    showRoute: 'Mostrar la ruta',
    tokenHint: 'fragmentos de palabra',
    makeKey: 'Crear una clave',
    freshKey: 'Cópiala ahora',
    claudeWhere: 'En la terminal',
    addRule: 'Añadir una regla',
    ruleProblem: 'Escribe un nombre para cada regla',
    keyTest: 'Probar una clave que guardaste',
  },
  'zh-CN': {
    howAutoPicks: 'Auto 如何选择',
    saved: '已保存',
    inUsd: '折合美元：',
    showRoute: '查看去向',
    tokenHint: '词的一小部分',
    makeKey: '创建密钥',
    freshKey: '请立即复制',
    claudeWhere: '在终端中',
    addRule: '添加规则',
    ruleProblem: '请为每条规则填写名称',
    keyTest: '测试你保存的密钥',
  },
} as const
const english = ['How Auto picks', 'Show the route', 'Make a key', 'Add a rule', 'Testing a key you saved']

/** Nothing sideways at either size; a screenshot of the page's top and of each part named in `views`. */
async function fitsEverySize(page: Page, name: string, views: Record<string, Locator> = {}): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size)
    await expectFits(page, `${name} at ${size.width}×${size.height}`)
    await page.getByRole('heading', { level: 2 }).first().scrollIntoViewIfNeeded()
    await screenshot(page, `${name}-${size.width}x${size.height}`)
    for (const [part, view] of Object.entries(views)) {
      await view.evaluate((element) => element.scrollIntoView({ block: 'start' }))
      await screenshot(page, `${name}-${part}-${size.width}x${size.height}`)
    }
  }
}

test('Routing & Budget, Connect apps and Privacy’s connections speak Español and 中文', async ({ page }) => {
  fake = await startFakeCloud()
  const port = await freePort()
  aura = await startAura({
    env: { AURA_OPENAI_BASE_URL: fake.baseUrls.openai },
    settings: { onboardingDone: true, confirmCostAbove: null, api: { enabled: false, port } },
    prepare: (dir) => addStoryModel(dir).then(() => undefined),
  })
  const origin = new URL(aura.url).origin
  await page.setViewportSize(SIZES[1])
  await page.goto(aura.url)
  // A key test: a connection for Privacy's list.
  await addOpenAiKey(page)

  for (const language of ['es', 'zh-CN'] as const) {
    const w = words[language]
    await page.setViewportSize(SIZES[1])
    await page.goto(`${origin}/#/settings/appearance`)
    await page.getByTestId('setting-language').selectOption(language)
    await expect(page.locator('html')).toHaveAttribute('lang', language)

    // Routing & Budget: Auto's choices, a budget, Try it (with a Term's tooltip), savings.
    await page.goto(`${origin}/#/settings/routing`)
    const routing = page.getByTestId('settings-routing')
    await expect(routing.getByRole('navigation')).toContainText(w.howAutoPicks)
    await expect(page.locator('#routing-auto h3')).toHaveText(w.howAutoPicks)
    await routing.getByTestId('setting-daily-budget').fill(language === 'es' ? '5' : '6')
    await routing.getByTestId('setting-daily-budget').press('Enter')
    await expect(page.locator('#routing-budget').getByTestId('save-state')).toHaveText(w.saved)
    await expect(routing.getByTestId('budget-in-usd')).toContainText(w.inUsd)
    await routing.getByTestId('route-preview-input').fill('Compare three designs for a billing system, with their costs')
    await expect(routing.getByTestId('route-preview-run')).toHaveText(w.showRoute)
    await routing.getByTestId('route-preview-run').click()
    const term = routing.getByTestId('route-preview').locator('span[title][tabindex="0"]')
    await expect(term).toHaveAttribute('title', new RegExp(w.tokenHint))
    for (const text of english) await expect(routing).not.toContainText(text)
    await fitsEverySize(page, `languages-routing-${language}`, { budget: page.locator('#routing-budget'), try: page.locator('#routing-try') })
    await expectAccessible(page)

    // Connect apps: turn it on, make a key, the set-up blocks, the model names.
    await page.setViewportSize(SIZES[1])
    await page.goto(`${origin}/#/settings/connect`)
    const connect = page.getByTestId('settings-connect')
    if ((await connect.getByTestId('connect-enabled').getAttribute('aria-checked')) === 'false') await connect.getByTestId('connect-enabled').click()
    await expect(connect.getByTestId('connect-state')).toHaveAttribute('data-state', 'running')
    await connect.getByTestId('connect-key-name').fill(`app ${language}`)
    await expect(connect.getByTestId('connect-key-create')).toHaveText(w.makeKey)
    await connect.getByTestId('connect-key-create').click()
    await expect(connect.getByTestId('connect-fresh-key')).toContainText(w.freshKey)
    const claude = connect.locator('[data-testid="connect-snippet"][data-app="claude-code"]')
    await expect(claude).toContainText(w.claudeWhere)
    // The code itself stays as it is.
    await expect(claude.locator('code')).toContainText('export ANTHROPIC_BASE_URL=')
    // The model names editor: a new rule left without a name says so.
    const names = connect.getByTestId('model-names')
    await names.getByRole('button', { name: w.addRule }).click()
    await names.getByTestId('model-name-rule').last().getByRole('textbox').focus()
    await names.getByTestId('model-name-rule').last().getByRole('textbox').blur()
    await expect(names.getByRole('alert')).toContainText(w.ruleProblem)
    for (const text of english) await expect(connect).not.toContainText(text)
    await fitsEverySize(page, `languages-connect-${language}`, { keys: page.locator('#connect-keys'), setup: page.locator('#connect-setup'), names: page.locator('#connect-model-names') })
    await expectAccessible(page)

    // Privacy: the connections, in words.
    await page.setViewportSize(SIZES[1])
    await page.goto(`${origin}/#/settings/privacy`)
    const rows = page.getByTestId('privacy-connection')
    await expect(rows.filter({ hasText: w.keyTest })).toHaveCount(1)
    await expect(page.getByTestId('settings-privacy')).not.toContainText('Testing a key you saved')
    await fitsEverySize(page, `languages-privacy-${language}`)
  }
})
