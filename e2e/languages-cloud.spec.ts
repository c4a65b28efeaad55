import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Page } from '@playwright/test'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../src/main/services/testing/fakeCloud'
import { cloudRecord, usageRecord } from '../src/main/services/testing/usageRecords'
import { fitsAndShoot, SIZES } from './support/fits'
import { expect, expectAccessible, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
let fake: FakeCloud | undefined
test.afterEach(async () => {
  await aura?.stop()
  await fake?.close()
  aura = undefined
  fake = undefined
})


/** Words of Cloud Keys, Assistants and Usage in each language, and English words of theirs that must be gone. */
const words = {
  es: {
    cloudKeys: 'Claves de la nube',
    companies: 'Empresas en la nube',
    works: 'Funciona',
    servers: 'Tus propios servidores',
    onThisComputer: 'En este ordenador: gratis y permitido con Solo local.',
    serverModels: /^\d+ modelos? en el selector de modelos/,
    prices: 'Precios',
    inputHeader: 'Entrada, $ por M',
    // Prices as the language writes them, and typed the same way.
    price: '1,00',
    typed: '0,40',
    edited: 'editado',
    assistants: 'Asistentes',
    writing: 'Ayudante de escritura',
    builtIn: 'Incluido',
    newAssistant: 'Nuevo asistente',
    natural: 'Natural (0,7): textos del día a día',
    mine: 'Mi asistente',
    usage: 'Uso',
    today: 'Hoy',
    thisMonth: 'Este mes',
    chartTitle: 'Gasto en la nube por día, últimos 30 días',
    // 1,25 US$: a decimal comma, the symbol after.
    money: /^1,25\s?US\$$/,
  },
  'zh-CN': {
    cloudKeys: '云端密钥',
    companies: '云端公司',
    works: '可用',
    servers: '你自己的服务器',
    onThisComputer: '在这台电脑上：免费，“仅本地”模式下也可使用。',
    serverModels: /^模型选择器中有 \d+ 个模型/,
    prices: '价格',
    inputHeader: '输入，美元/百万',
    price: '1.00',
    typed: '0.40',
    edited: '已修改',
    assistants: '助手',
    writing: '写作助手',
    builtIn: '内置',
    newAssistant: '新建助手',
    natural: '自然（0.7）——日常写作',
    mine: '我的助手',
    usage: '用量',
    today: '今天',
    thisMonth: '本月',
    chartTitle: '每天的云端花费，最近 30 天',
    money: /^US\$1\.25$/,
  },
} as const

const english = ['Cloud companies', 'Your own servers', 'Works', 'Add a server', 'Writing helper', 'Start a chat', 'This month', 'Last 30 days', 'Show the numbers']

/** A few days of requests in the ledger, as Aura writes it: cloud replies that cost something and local ones that saved. */
function seedUsage(dataDir: string): void {
  const now = Date.now()
  const records = [
    cloudRecord(now - 60_000, 1.25, { inputTokens: 12_000, outputTokens: 3_400 }),
    usageRecord(now - 120_000, { inputTokens: 900, outputTokens: 400, baselineCostUsd: 0.5 }),
    // Earlier this month, where the month has days before today.
    ...[1, 2, 3].map((back) => new Date(new Date(now).setDate(new Date(now).getDate() - back)).getTime()).filter((at) => new Date(at).getMonth() === new Date(now).getMonth()).map((at) => cloudRecord(at, 0.4)),
  ]
  mkdirSync(join(dataDir, 'usage'), { recursive: true })
  for (const record of records) {
    const date = new Date(record.at)
    const file = join(dataDir, 'usage', `usage-${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}.jsonl`)
    writeFileSync(file, JSON.stringify(record) + '\n', { flag: 'a' })
  }
}

async function expectNoEnglish(page: Page, where: string): Promise<void> {
  const text = await page.getByTestId(where).innerText()
  for (const word of english) expect(text, `“${word}” on ${where}`).not.toContain(word)
}

for (const language of ['es', 'zh-CN'] as const) {
  const w = words[language]
  test(`Cloud Keys, Assistants and Usage in ${language}`, async ({ page }) => {
    fake = await startFakeCloud()
    aura = await startAura({
      env: { AURA_OPENAI_BASE_URL: fake.baseUrls.openai },
      settings: { onboardingDone: true },
      prepare: (modelsDir) => seedUsage(dirname(modelsDir)),
    })
    const origin = new URL(aura.url).origin
    await page.goto(aura.url)
    await page.goto(`${origin}/#/settings/appearance`)
    await page.getByTestId('setting-language').selectOption(language)
    await expect(page.locator('html')).toHaveAttribute('lang', language)

    // Cloud Keys: a key pasted, saved and tested, in the language on screen.
    await page.getByTestId('settings-nav-cloud-keys').click()
    const cloudPage = page.getByTestId('settings-cloud-keys')
    await expect(cloudPage.getByRole('heading', { level: 2 })).toHaveText(w.cloudKeys)
    await expect(page.locator('#providers-heading')).toHaveText(w.companies)
    const openai = page.locator('[data-testid="provider-card"][data-provider="openai"]')
    await openai.getByTestId('key-input').fill(FAKE_CLOUD_VALID_KEY)
    await openai.getByTestId('key-save').click()
    await expect(openai.getByTestId('key-status')).toHaveAttribute('data-status', 'valid')
    await expect(openai.getByTestId('key-status')).toHaveText(w.works)
    // (The test's own message comes from Aura's services: their words are translated apart.)

    // A server of the user's own.
    await expect(page.locator('#servers-heading')).toHaveText(w.servers)
    await page.getByTestId('server-name').fill(w.mine)
    await page.getByTestId('server-url').fill(fake.baseUrls.local)
    await page.getByTestId('server-add').click()
    const server = page.getByTestId('server-card').filter({ hasText: w.mine })
    await expect(server.getByTestId('server-where')).toHaveText(w.onThisComputer)
    await expect(server.getByTestId('server-models')).toHaveText(w.serverModels)

    // Prices: the headings, and the date each price was taken in the language's own order.
    await expect(page.locator('#prices-heading')).toHaveText(w.prices)
    const row = page.locator('[data-testid="price-row"][data-model-id="openai:gpt-6.1-terra"]')
    await expect(row).toBeVisible()
    await page.setViewportSize(SIZES[1])
    await expect(page.getByText(w.inputHeader).first()).toBeVisible()
    const source = await row.getByTestId('price-source').innerText()
    expect(source).not.toMatch(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d/)
    if (language === 'zh-CN') expect(source).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/)
    else expect(source).toMatch(/\d{1,2} [a-z]{3,4}\.? \d{4}/)
    await expect(row.getByTestId('price-input')).toHaveValue(w.price)
    await row.getByTestId('price-input').fill(w.typed)
    await row.getByTestId('price-save').click()
    await expect(row).toHaveAttribute('data-edited', 'true')
    await expect(row.getByTestId('price-edited')).toHaveText(w.edited)
    await expect(row.getByTestId('price-input')).toHaveValue(w.typed)
    await expectNoEnglish(page, 'settings-cloud-keys')
    await expectAccessible(page)
    await fitsAndShoot(page, `languages-cloud-${language}`, openai)
    await fitsAndShoot(page, `languages-cloud-servers-${language}`, server)
    await fitsAndShoot(page, `languages-cloud-prices-${language}`, row)

    // Assistants: Aura's own by their names in this language; one of the user's own made here.
    await page.goto(`${origin}/#/settings/assistants`)
    const assistantsPage = page.getByTestId('settings-assistants')
    await expect(assistantsPage.getByRole('heading', { level: 2 })).toHaveText(w.assistants)
    const writing = page.getByTestId('assistant-card').filter({ hasText: w.writing })
    await expect(writing).toContainText(w.builtIn)
    await page.getByTestId('assistant-new').click()
    await expect(page.getByTestId('assistant-new')).toHaveCount(0)
    await expect(page.getByTestId('assistant-form')).toHaveAccessibleName(w.newAssistant)
    await page.getByTestId('assistant-name').fill(w.mine)
    await page.getByTestId('assistant-instructions').fill('Answer briefly.')
    await page.getByTestId('assistant-temperature').selectOption({ label: w.natural })
    await fitsAndShoot(page, `languages-assistants-form-${language}`)
    await page.getByTestId('assistant-save').click()
    const mine = page.getByTestId('assistant-card').filter({ hasText: w.mine })
    await expect(mine).toContainText(w.natural.split(/: |——/)[0]!)
    await expectNoEnglish(page, 'settings-assistants')
    await expectAccessible(page)
    await fitsAndShoot(page, `languages-assistants-${language}`)

    // Usage: the recorded requests, money and dates as this language writes them.
    await page.goto(`${origin}/#/settings/usage`)
    const usagePage = page.getByTestId('settings-usage')
    await expect(usagePage.getByRole('heading', { level: 2 })).toHaveText(w.usage)
    await expect(page.getByTestId('usage-today').getByRole('heading')).toHaveText(w.today)
    await expect(page.getByTestId('usage-month').getByRole('heading')).toHaveText(w.thisMonth)
    await expect(page.getByTestId('usage-today-spent')).toHaveText(w.money)
    await expect(page.getByTestId('usage-chart').locator('title').first()).toHaveText(w.chartTitle)
    await expect(page.getByTestId('usage-chart')).toContainText(w.today)
    await expectNoEnglish(page, 'settings-usage')
    await expectAccessible(page)
    await fitsAndShoot(page, `languages-usage-${language}`)
    await page.getByTestId('usage-chart-view-tokens').click()
    await fitsAndShoot(page, `languages-usage-tokens-${language}`, page.getByTestId('usage-chart'))
    await fitsAndShoot(page, `languages-usage-tables-${language}`, page.getByTestId('usage-by-tier'))
  })
}
