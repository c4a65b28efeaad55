import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../src/main/services/testing/fakeCloud'
import { writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import { expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'

const CLOUD = 'deepseek:deepseek-flash'
const THOUGHTS = 'The user says hello. A short, friendly greeting back is all this needs.'

let aura: AuraServer | undefined
let fake: FakeCloud | undefined
test.afterEach(async () => {
  await aura?.stop()
  await fake?.close()
  aura = undefined
  fake = undefined
})

/** Aura with a small local llama (not loaded yet) and DeepSeek's key pointing at the fake cloud. */
async function start(): Promise<{ fake: FakeCloud; aura: AuraServer }> {
  fake = await startFakeCloud()
  aura = await startAura({
    settings: { maxTokens: 24, confirmCostAbove: null },
    env: { AURA_DEEPSEEK_BASE_URL: fake.baseUrls.deepseek, DEEPSEEK_API_KEY: FAKE_CLOUD_VALID_KEY },
    prepare: async (modelsDir) => {
      await writeTinyLlama(join(modelsDir, 'aura-tiny.gguf'), { chatTemplate: true, eosBias: 3 })
    },
  })
  return { fake, aura }
}

/** Every status word and thoughts label the page shows from now on, in order, each once. */
async function recordStatus(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = []
    ;(window as unknown as { statusSeen: string[] }).statusSeen = seen
    const note = () => {
      for (const el of document.querySelectorAll('[data-testid="thinking"], [data-testid="thoughts-label"]')) {
        const words = (el.textContent ?? '').replace(/\d+ s$/, '').trim()
        if (words && seen.at(-1) !== words) seen.push(words)
      }
    }
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true })
  })
  return () => page.evaluate(() => (window as unknown as { statusSeen: string[] }).statusSeen)
}

async function ask(page: Page, modelId: string, text: string) {
  await page.getByTestId('model-picker').selectOption(modelId)
  await page.getByTestId('composer').fill(text)
  await page.getByTestId('composer').press('Enter')
}

test('replies say what they are doing in the true order; a cloud model’s thoughts fold above its answer; the gauge shows the window used', async ({ page }) => {
  const { fake } = await start()
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(aura!.url)

  // A local model that does not think: loading, then reading — never "Thinking…".
  const seen = await recordStatus(page)
  await ask(page, 'aura-tiny', 'Hello there')
  const local = page.getByTestId('message-assistant').first()
  await expect(local).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  const localWords = (await seen()).filter((w) => w !== 'Starting…')
  expect(localWords[0]).toBe('Loading the model…')
  expect(localWords).not.toContain('Thinking…')
  expect(localWords.filter((w) => w !== 'Reading your message…')).toEqual(['Loading the model…'])
  await expect(local.getByTestId('thoughts')).toHaveCount(0)

  // The gauge: this chat's share of the model's window, in plain words, numbers in the tooltip.
  const gauge = page.getByTestId('context-gauge')
  await expect(gauge).toContainText(/Uses (about \d+%|less than 1%) of what this model can read at once/)
  await expect(gauge).toHaveAttribute('title', /About [\d,]+ of 2,048 tokens/)
  const before = Number(await gauge.getAttribute('data-percent'))
  await page.getByTestId('composer').fill('word '.repeat(1400))
  await expect.poll(async () => Number(await gauge.getAttribute('data-percent'))).toBeGreaterThan(before + 40)
  await expect(gauge).toHaveAttribute('data-level', 'high')
  await page.getByTestId('composer').fill('')

  // A cloud model that thinks: reading, thinking (live, in the thoughts block), then its answer.
  fake.set({ thoughts: THOUGHTS, delayMs: 120 })
  const cloudSeen = await recordStatus(page)
  await ask(page, CLOUD, 'Hi, cloud')
  const reply = page.getByTestId('message-assistant').nth(1)
  await expect(reply.getByTestId('thoughts')).toHaveAttribute('data-thinking', 'true')
  await screenshot(page, 'reading-thinking')
  await expect(reply).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  expect((await cloudSeen()).filter((w) => w !== 'Starting…' && !w.startsWith('Thought for'))).toEqual(['Reading your message…', 'Thinking…'])

  const thoughts = reply.getByTestId('thoughts')
  await expect(thoughts.getByTestId('thoughts-label')).toHaveText(/^Thought for (\d+ s|a moment)$/)
  await expect(thoughts.getByTestId('thoughts-text')).toBeHidden()
  await expect(reply).toContainText('You said: Hi, cloud.')
  // Keyboard: the folded block opens with Enter on its summary.
  await thoughts.locator('summary').focus()
  await page.keyboard.press('Enter')
  await expect(thoughts.getByTestId('thoughts-text')).toHaveText(THOUGHTS)
  await expectAccessible(page)
  await screenshot(page, 'reading-thoughts-1280')
  await page.setViewportSize({ width: 800, height: 600 })
  await screenshot(page, 'reading-thoughts-800')

  // Never sent back: the next request carries the answer, not the thoughts.
  fake.set({})
  await ask(page, CLOUD, 'Thanks')
  await expect(page.getByTestId('message-assistant').nth(2)).toHaveAttribute('data-status', 'done')
  const body = JSON.stringify(fake.requestsFor('deepseek', { chatOnly: true }).at(-1)?.body)
  expect(body).toContain('You said: Hi, cloud.')
  expect(body).not.toContain('friendly greeting')

  // Settings → AI Models → Replies: thoughts can be hidden (at 800 px Settings is behind "Show chats").
  await page.getByTestId('sidebar-toggle').click()
  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-models').click()
  await page.getByTestId('setting-show-thoughts').click()
  await expect(page.getByTestId('setting-show-thoughts')).toHaveAttribute('aria-checked', 'false')
  await page.getByTestId('back-to-chat').click()
  await expect(page.getByTestId('message-assistant').nth(1)).toContainText('You said: Hi, cloud.')
  await expect(page.getByTestId('thoughts')).toHaveCount(0)
})

test('text files attach by picker and by drop, as chips that go with the message; a file that is not text is refused in plain words', async ({ page }) => {
  const { fake } = await start()
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(aura!.url)
  await page.getByTestId('model-picker').selectOption(CLOUD)
  const composer = page.getByTestId('composer')
  await composer.fill('What is on my list?')

  // The picker.
  await page.getByTestId('attach-input').setInputFiles({ name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# Shopping\n- apples\n- pears\n') })
  const chips = page.getByTestId('attachment')
  await expect(chips).toHaveCount(1)
  await expect(chips.first()).toContainText('notes.md')
  await expect(chips.first()).toContainText('28 B')

  // A drop anywhere on the chat (files read in the page, no path involved).
  await page.evaluate(() => {
    const data = new DataTransfer()
    data.items.add(new File(['name,qty\napples,3\n'], 'stock.csv', { type: 'text/csv' }))
    document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true }))
    ;(window as unknown as { held: DataTransfer }).held = data
  })
  await expect(page.getByTestId('drop-overlay')).toBeVisible()
  await screenshot(page, 'reading-drop-overlay')
  await page.evaluate(() => {
    const data = (window as unknown as { held: DataTransfer }).held
    document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }))
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }))
  })
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0)
  await expect(chips).toHaveCount(2)
  await expect(chips.nth(1)).toContainText('stock.csv')

  // Not text: refused in a sentence; what was typed and attached stays. (A text file too big for the message
  // now goes to the chat's documents, indexed instead of refused: e2e/documents.spec.ts.)
  await page.getByTestId('attach-input').setInputFiles([
    { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]) },
  ])
  const problem = page.getByTestId('attach-error')
  await expect(problem).toContainText('“photo.png” is not a text file')
  await expect(chips).toHaveCount(2)
  await expect(composer).toHaveValue('What is on my list?')
  await expectAccessible(page)
  await screenshot(page, 'reading-attach-1280')
  await page.setViewportSize({ width: 800, height: 600 })
  await screenshot(page, 'reading-attach-800')

  // A chip can be taken off; the rest go with the message, into the prompt after its words.
  await page.getByRole('button', { name: 'Remove stock.csv' }).click()
  await expect(chips).toHaveCount(1)
  await page.getByTestId('send').click()
  const sent = page.getByTestId('message-user').first()
  await expect(sent.getByTestId('attachment')).toContainText('notes.md')
  await expect(page.getByTestId('message-assistant').first()).toHaveAttribute('data-status', 'done')
  await expect(page.getByTestId('attachments')).toHaveCount(1) // the composer's chips are gone
  const body = fake.requestsFor('deepseek', { chatOnly: true }).at(-1)?.body as { messages: { role: string; content: string }[] }
  expect(body.messages.find((m) => m.role === 'user')?.content).toBe('What is on my list?\n\nAttached file: notes.md\n```\n# Shopping\n- apples\n- pears\n\n```')

  // A file longer than the picked model can read at once now goes to the chat's documents (e2e/documents.spec.ts).
})
