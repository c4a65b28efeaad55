import type { Page } from '@playwright/test'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../src/main/services/testing/fakeCloud'
import { expectFits, SIZES } from './support/fits'
import { addStoryModel, expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
let fake: FakeCloud | undefined
test.afterEach(async () => {
  await aura?.stop()
  await fake?.close()
  aura = undefined
  fake = undefined
})


/** The chat's message words in each language (a few of each kind: buttons, names read aloud, tooltips, dialogs). */
const words = {
  es: {
    addInstructions: 'Añadir instrucciones',
    instructions: 'Instrucciones',
    edit: 'Editar',
    youSaid: 'Tú dijiste',
    regenerate: 'Rehacer',
    stronger: /^(Preguntar a uno|Probar un modelo) más potente$/,
    versions: 'Versiones de esta respuesta',
    versionOf: 'Versión 2 de 2',
    good: 'Buena respuesta',
    copyReply: 'Copiar respuesta',
    firstWord: /primera palabra a los/,
    place: 'En local',
    seenAs: /^Vista como una petición/,
    gauge: /^Usa (cerca del \d+\s?%|menos del 1\s?%) de lo que puede leer de una vez el modelo local más grande de Auto$/,
    gaugeName: 'Parte usada de lo que lee el modelo',
    attached: 'Archivos adjuntos',
    editMessage: 'Editar mensaje',
    editNote: 'La versión anterior se conserva: vuelve a ella con ‹ ›.',
    send: 'Enviar',
    deleteQuestion: '¿Eliminar esta respuesta?',
  },
  'zh-CN': {
    addInstructions: '添加指令',
    instructions: '指令',
    edit: '编辑',
    youSaid: '你说',
    regenerate: '重新生成',
    stronger: /^(问更强的模型|试试更强的模型)$/,
    versions: '这条回复的各个版本',
    versionOf: '第 2 版，共 2 版',
    good: '回答得好',
    copyReply: '复制回复',
    firstWord: /后出现第一个字/,
    place: '本地',
    seenAs: /^判断为/,
    gauge: /^已用去 Auto 最大的本地模型一次能读内容的(约 \d+%|不到 1%)$/,
    gaugeName: '模型可读内容已用',
    attached: '附带的文件',
    editMessage: '编辑消息',
    editNote: '之前的版本会保留：用 ‹ › 切换回去。',
    send: '发送',
    deleteQuestion: '删除这条回复？',
  },
} as const

/** English of ours that must be gone from the chat in another language (the route's reason and warning come from Aura's services: English still). */
const ENGLISH = ['Regenerate', 'Ask a stronger model', 'Cost:', 'first word after', 'Instructions', 'Add instructions', 'Uses about']

async function fits(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size)
    await expectFits(page, `${name} at ${size.width}×${size.height}`)
    await screenshot(page, `${name}-${size.width}x${size.height}`)
  }
  await page.setViewportSize(SIZES[1])
}

test('a chat’s messages, actions, versions, route line, gauge and instructions read in Español and in 中文', async ({ page }) => {
  test.setTimeout(240_000)
  aura = await startAura({ settings: { onboardingDone: true, maxTokens: 16 }, prepare: (dir) => addStoryModel(dir).then(() => undefined) })
  await page.setViewportSize(SIZES[1])
  await page.goto(aura.url)

  for (const language of ['es', 'zh-CN'] as const) {
    const w = words[language]
    await page.goto(`${new URL(aura.url).origin}/#/settings/appearance`)
    await page.getByTestId('setting-language').selectOption(language)
    await expect(page.locator('html')).toHaveAttribute('lang', language)
    await page.getByTestId('back-to-chat').click()
    await page.getByTestId('new-chat').click()

    // Instructions, in the chat's own words.
    await expect(page.getByTestId('instructions-edit')).toHaveText(w.addInstructions)
    await page.getByTestId('instructions-edit').click()
    await page.getByTestId('instructions-field').fill('Tell short stories.')
    await page.getByTestId('instructions-save').click()
    await expect(page.getByTestId('instructions')).toContainText(w.instructions)
    await expect(page.getByTestId('instructions-edit')).toHaveText(w.edit)

    // A file and a message: Auto answers with the small model on this computer.
    await page.getByTestId('attach-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('A cat sat on a mat.') })
    await page.getByTestId('composer').fill('Once upon a time')
    await page.getByTestId('composer').press('Enter')
    const question = page.getByTestId('message-user').first()
    await expect(question).toHaveAccessibleName(w.youSaid)
    await expect(question.getByTestId('attachments')).toHaveAccessibleName(w.attached)
    const reply = page.getByTestId('message-assistant').first()
    await expect(reply).toHaveAttribute('data-status', 'done', { timeout: 60_000 })

    // Its footer (the tiny model's answer may look weak: then the stronger model stands out), its route line and the gauge.
    await expect(reply.getByTestId('regenerate')).toHaveText(w.regenerate)
    await expect(reply.getByTestId('escalate')).toHaveText(w.stronger)
    await expect(reply.getByRole('button', { name: w.good })).toBeVisible()
    await expect(reply.getByRole('button', { name: w.copyReply })).toBeVisible()
    await expect(reply.getByTestId('message-ttft')).toHaveText(w.firstWord)
    const route = reply.getByTestId('message-route')
    await expect(route.getByTestId('place-badge')).toHaveText(w.place)
    await expect(route).toHaveAttribute('title', w.seenAs)
    await expect(page.getByTestId('context-gauge-words')).toHaveText(w.gauge)
    await expect(page.getByRole('meter', { name: w.gaugeName })).toBeVisible()

    // A second version of the reply: ‹ 2/2 › says so in this language.
    await reply.getByTestId('regenerate').click()
    await expect(reply.getByTestId('version-of')).toHaveText('2/2', { timeout: 60_000 })
    await expect(reply).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
    await expect(reply.getByTestId('versions')).toHaveAccessibleName(w.versions)
    await expect(reply.getByTestId('version-of')).toHaveAttribute('aria-label', w.versionOf)
    const chat = (await page.locator('main').innerText()) + (await reply.getAttribute('aria-label'))
    for (const english of ENGLISH) expect(chat, `“${english}” in ${language}`).not.toContain(english)
    await expectAccessible(page)
    await fits(page, `languages-message-${language}`)

    // Editing the question: its field and note.
    await question.hover()
    await expect(question.getByTestId('edit-message')).toHaveAccessibleName(w.editMessage)
    await question.getByTestId('edit-message').click()
    await expect(page.getByTestId('edit-form')).toContainText(w.editNote)
    await expect(page.getByTestId('edit-send')).toHaveText(w.send)
    await fits(page, `languages-message-${language}-edit`)
    await page.keyboard.press('Escape')

    // Deleting the reply asks first, in this language.
    await reply.getByTestId('delete-message').click()
    await expect(page.getByTestId('delete-message-dialog')).toContainText(w.deleteQuestion)
    await screenshot(page, `languages-message-${language}-delete-1280x800`)
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('delete-message-dialog')).toHaveCount(0)
  }
})

/** A cloud reply's own words: its folded thoughts, its cost, the chat's cost and the day's meter in the header. */
const cloudWords = {
  es: { thought: /^Pensó (durante \d+ seg|un momento)$/, chatCost: 'Coste de esta conversación hasta ahora: Esta conversación:', meter: /^Gasto en la nube hoy: .+ de .+$/, cost: 'Coste:' },
  'zh-CN': { thought: /^思考了(片刻| \d+ 秒)$/, chatCost: '这个对话到目前为止的花费： 本对话：', meter: /^今天的云端花费：.+，上限 .+$/, cost: '花费：' },
} as const

test('a cloud reply that thinks, and what the chat cost, in Español and in 中文', async ({ page }) => {
  fake = await startFakeCloud()
  fake.set({ thoughts: 'Two and two make four.' })
  aura = await startAura({
    settings: { onboardingDone: true, confirmCostAbove: null, language: 'es' },
    env: { AURA_DEEPSEEK_BASE_URL: fake.baseUrls.deepseek, DEEPSEEK_API_KEY: FAKE_CLOUD_VALID_KEY },
  })
  await page.setViewportSize(SIZES[1])
  await page.goto(aura.url)
  for (const language of ['es', 'zh-CN'] as const) {
    const w = cloudWords[language]
    if (language !== 'es') {
      await page.goto(`${new URL(aura.url).origin}/#/settings/appearance`)
      await page.getByTestId('setting-language').selectOption(language)
      await page.getByTestId('back-to-chat').click()
    }
    await expect(page.locator('html')).toHaveAttribute('lang', language)
    await page.getByTestId('new-chat').click()
    await page.getByTestId('model-picker').selectOption('deepseek:deepseek-flash')
    await page.getByTestId('composer').fill('What is two and two?')
    await page.getByTestId('composer').press('Enter')
    const reply = page.getByTestId('message-assistant').first()
    await expect(reply).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
    await expect(reply.getByTestId('thoughts-label')).toHaveText(w.thought)
    await expect(reply.getByTestId('message-cost')).toContainText(w.cost)
    await expect(page.getByTestId('chat-cost')).toContainText(w.chatCost)
    await expect(page.getByTestId('cost-meter')).toHaveAccessibleName(w.meter)
    await expectAccessible(page)
    await fits(page, `languages-message-${language}-cloud`)
  }
})
