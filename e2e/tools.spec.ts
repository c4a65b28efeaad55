import { spawnSync } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../src/main/services/testing/fakeCloud'
import { startHttpMcpServer } from '../src/main/services/testing/mcpServers'
import { writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import { expect, expectAccessible, startAura, test, type AuraServer } from './support/aura'
import { fitsAndShoot } from './support/fits'

/** Tools through MCP servers, in the page: Settings → Tools, the ask inline in a reply, each call a card (docs/tools.md). */
const bin = resolve(import.meta.dirname, '../bin/aura.js')
const everything = resolve(import.meta.dirname, '../node_modules/.bin/mcp-server-everything')
let aura: AuraServer | undefined
let fake: FakeCloud | undefined
test.afterEach(async () => {
  await aura?.stop()
  await fake?.close()
  aura = undefined
  fake = undefined
})

/** `aura mcp add everything -- mcp-server-everything stdio` on the data folder, before Aura starts (as a user at a terminal). */
function addEverything(dataDir: string): void {
  const added = spawnSync(process.execPath, [bin, 'mcp', 'add', 'everything', '--', everything, 'stdio'], { env: { ...process.env, AURA_KEYRING: 'off', AURA_DATA_DIR: dataDir }, encoding: 'utf8' })
  expect(added.status, added.stderr).toBe(0)
}

/** Settings → Tools by its address (the access link first: it lets the page in). */
async function openTools(page: Page, server: AuraServer): Promise<void> {
  await page.goto(server.url)
  await page.goto(`${new URL(server.url).origin}/#/settings/tools`)
}

/** On Settings → Tools: adds the server “calc” at an address with these header lines; its card. */
async function addByAddress(page: Page, url: string, headers: string) {
  await page.getByTestId('tools-add-kind-url').check()
  await page.getByTestId('tools-add-name').fill('calc')
  await page.getByTestId('tools-add-url').fill(url)
  await page.getByTestId('tools-add-secrets').fill(headers)
  await page.getByTestId('tools-add-button').click()
  return page.locator('[data-testid="tools-server"][data-server="calc"]')
}

const send = async (page: Page, text: string) => {
  await page.getByTestId('composer').fill(text)
  await page.getByTestId('composer').press('Enter')
}

test('Settings → Tools: the published server-everything added by its command, running with its tools; one turned off, one always allowed; removed after asking', async ({ page }) => {
  aura = await startAura({ settings: { onboardingDone: true } })
  await openTools(page, aura)
  await expect(page.getByTestId('tools-none')).toBeVisible()
  // The gallery says what each server needs and whether it is here.
  await expect(page.getByTestId('tools-gallery-entry')).toHaveCount(5)
  await expect(page.locator('[data-testid="tools-gallery-entry"][data-entry="files"]')).toContainText('Needs Node.js')

  // A wrong line is refused in plain words before anything is sent.
  await page.getByTestId('tools-add-name').fill('everything')
  await page.getByTestId('tools-add-command-line').fill(everything)
  await page.getByTestId('tools-add-args').fill('stdio')
  await page.getByTestId('tools-add-secrets').fill('GREETING hello-from-env')
  await page.getByTestId('tools-add-button').click()
  await expect(page.getByTestId('tools-add-error')).toContainText('Line 1 of the environment variables')
  await page.getByTestId('tools-add-secrets').fill('GREETING=hello-from-env')
  await page.getByTestId('tools-add-button').click()
  await expect(page.getByTestId('tools-add-name')).toHaveValue('')

  const server = page.locator('[data-testid="tools-server"][data-server="everything"]')
  await expect(server).toHaveAttribute('data-state', 'running')
  // The variable's name shows, as set; its value never reaches the page.
  await expect(server.getByTestId('tools-server-secrets')).toContainText('GREETING: set')
  expect(await page.content()).not.toContain('hello-from-env')
  // A long list of tools starts folded under its count.
  await expect(server.getByTestId('tools-server-count')).toHaveText(/^\d+ tools$/)
  await server.getByTestId('tools-server-count').click()
  const echo = server.locator('[data-testid="tools-tool"][data-tool="echo"]')
  await expect(echo).toBeVisible()
  expect(await server.getByTestId('tools-tool').count()).toBeGreaterThan(3)

  await echo.getByTestId('tools-tool-switch').click()
  await expect(echo).toHaveAttribute('data-enabled', 'false')
  const add = server.locator('[data-testid="tools-tool"][data-tool="get-sum"]')
  await add.getByTestId('tools-tool-permission').selectOption('always')
  await expect(add.getByTestId('tools-tool-permission')).toHaveValue('always')
  // Kept: the page read anew shows the same.
  await page.reload()
  await server.getByTestId('tools-server-count').click()
  await expect(echo).toHaveAttribute('data-enabled', 'false')
  await expect(add.getByTestId('tools-tool-permission')).toHaveValue('always')

  // Edit: the command and its arguments as they are; a new variable added, the one set kept unseen.
  await server.getByTestId('tools-server-edit').click()
  await expect(server.getByTestId('tools-edit-command-line')).toHaveValue(everything)
  await expect(server.getByTestId('tools-edit-args')).toHaveValue('stdio')
  await expect(server.getByTestId('tools-edit-set')).toHaveText(/GREETING: set/)
  await server.getByTestId('tools-edit-secrets').fill('EXTRA=on')
  await server.getByTestId('tools-edit-button').click()
  await expect(server.getByTestId('tools-edit')).toHaveCount(0)
  await expect(server).toHaveAttribute('data-state', 'running')
  await expect(server.getByTestId('tools-server-secrets')).toContainText('GREETING: set')
  await expect(server.getByTestId('tools-server-secrets')).toContainText('EXTRA: set')

  await server.getByTestId('tools-server-restart').click()
  await expect(server).toHaveAttribute('data-state', 'running')
  await expect(server.getByTestId('tools-server-restart')).toBeEnabled()
  await server.getByTestId('tools-server-count').click()
  await expectAccessible(page)
  await fitsAndShoot(page, 'tools-page-en', server)

  await server.getByTestId('tools-server-remove').click()
  await expect(server.getByTestId('confirm-dialog')).toContainText('Remove “everything”?')
  await server.getByTestId('confirm-ok').click()
  await expect(server).toHaveCount(0)
  await expect(page.getByTestId('tools-none')).toBeVisible()
})

for (const language of ['en', 'es'] as const) {
  const words = {
    en: { refused: 'refused Aura (401). Check its headers', set: (name: string) => `${name}: set`, remove: 'Remove X-Team', keep: 'Keep X-Team', removing: 'X-Team: removed when you save', headers: 'Headers' },
    es: { refused: 'rechazó a Aura (401). Revisa sus cabeceras', set: (name: string) => `${name}: guardada`, remove: 'Quitar X-Team', keep: 'Conservar X-Team', removing: 'X-Team: se quita al guardar', headers: 'Cabeceras' },
  }[language]

  test(`in ${language}: Settings → Tools: a server at an address with a wrong header fails in plain words; Edit sets the right token (the other header removed, Cancel changing nothing) and it runs, its tools’ on / off kept`, async ({ page }) => {
    const http = await startHttpMcpServer('e2e-token')
    try {
      aura = await startAura({ settings: { onboardingDone: true, language } })
      await openTools(page, aura)
      const server = await addByAddress(page, http.url, 'Authorization: Bearer wrong-token\nX-Team: blue')
      await expect(server).toHaveAttribute('data-state', 'failed')
      await expect(server.getByTestId('tools-server-problem')).toContainText(words.refused)

      // Cancel (here by Escape) leaves everything as it was, the keyboard back on Edit.
      const edit = server.getByTestId('tools-server-edit')
      await edit.focus()
      await page.keyboard.press('Enter')
      const form = server.getByTestId('tools-edit')
      await expect(server.getByTestId('tools-edit-url')).toBeFocused()
      await expect(server.getByTestId('tools-edit-url')).toHaveValue(http.url)
      await server.getByTestId('tools-edit-url').fill('http://typo.invalid/mcp')
      await page.keyboard.press('Escape')
      await expect(form).toHaveCount(0)
      await expect(edit).toBeFocused()
      await expect(server.getByTestId('tools-server-how')).toHaveText(http.url)

      // The headers set show by name only; a new token replaces the old one and X-Team is removed.
      await page.keyboard.press('Enter')
      await expect(server.getByTestId('tools-edit-url')).toHaveValue(http.url)
      await expect(server.getByTestId('tools-edit-set')).toContainText(words.set('Authorization'))
      await expect(server.getByTestId('tools-edit-set')).toContainText(words.set('X-Team'))
      await server.getByTestId('tools-edit-secrets').fill('Authorization: Bearer e2e-token')
      await server.getByRole('button', { name: words.remove }).click()
      await expect(server.locator('[data-name="X-Team"]')).toContainText(words.removing)
      await expect(server.getByRole('button', { name: words.keep })).toBeFocused()
      await expectAccessible(page)
      await fitsAndShoot(page, `tools-edit-${language}`, form)
      await server.getByTestId('tools-edit-button').click()

      await expect(form).toHaveCount(0)
      await expect(server).toHaveAttribute('data-state', 'running')
      await expect(edit).toBeFocused()
      await expect(server.getByTestId('tools-server-problem')).toHaveCount(0)
      await expect(server.getByTestId('tools-server-secrets')).toHaveText(new RegExp(`^${words.headers}\\s*${words.set('Authorization')}$`))
      const add = server.locator('[data-testid="tools-tool"][data-tool="add"]')
      await expect(add).toBeVisible()
      expect(await page.content()).not.toContain('e2e-token')

      // Its tools' choices are kept by its name across an edit: Save restarts it, 'add' stays off.
      await add.getByTestId('tools-tool-switch').click()
      await expect(add).toHaveAttribute('data-enabled', 'false')
      await edit.click()
      await server.getByTestId('tools-edit-button').click()
      await expect(form).toHaveCount(0)
      await expect(server).toHaveAttribute('data-state', 'running')
      await expect(add).toHaveAttribute('data-enabled', 'false')
    } finally {
      await http.close()
    }
  })
}

for (const language of ['en', 'es'] as const) {
  const words = {
    en: { ask: 'The model wants to use a tool', done: 'Done', denied: 'Not allowed', untrusted: 'Aura has not checked it' },
    es: { ask: 'El modelo quiere usar una herramienta', done: 'Hecho', denied: 'No permitido', untrusted: 'Aura no lo ha comprobado' },
  }[language]

  test(`in ${language}: the cloud model asks for everything's echo; allowed once inline, its result flows back and the answer uses it; then not allowed`, async ({ page }) => {
    fake = await startFakeCloud()
    fake.set({ toolCall: { name: 'everything__echo', arguments: { message: 'hello from the model' } } })
    aura = await startAura({
      env: { AURA_OPENAI_BASE_URL: fake.baseUrls.openai, OPENAI_API_KEY: FAKE_CLOUD_VALID_KEY },
      settings: { onboardingDone: true, language },
      prepare: (modelsDir) => addEverything(dirname(modelsDir)),
    })
    await page.goto(aura.url)
    await expect(page.locator('html')).toHaveAttribute('lang', language)
    await expect(page.getByTestId('tools-indicator')).toBeVisible()
    await page.getByTestId('model-picker').selectOption('openai:gpt-6.1-terra')
    await send(page, 'Say hello through the tool')

    // The ask, inline in the reply, with the keyboard's focus on it.
    const ask = page.getByTestId('tool-ask')
    await expect(ask).toContainText(words.ask)
    await expect(ask).toContainText('everything')
    await expect(ask).toContainText('hello from the model')
    await expect(page.getByTestId('tool-ask-once')).toBeFocused()
    await expectAccessible(page)
    await fitsAndShoot(page, `tools-ask-${language}`)
    await page.keyboard.press('Enter')

    const reply = page.getByTestId('message-assistant').last()
    await expect(reply).toHaveAttribute('data-status', 'done')
    await expect(reply.getByTestId('message-text')).toContainText('The tool said: Echo: hello from the model')
    const card = reply.getByTestId('tool-call')
    await expect(card).toHaveAttribute('data-state', 'done')
    await expect(card.getByTestId('tool-call-state')).toHaveText(words.done)
    await card.getByTestId('tool-call-toggle').click()
    await expect(card.getByTestId('tool-call-args')).toContainText('message')
    await expect(card.getByTestId('tool-call-args')).toContainText('hello from the model')
    await expect(card.getByTestId('tool-call-result')).toHaveText('Echo: hello from the model')
    await expect(card.getByTestId('tool-call-untrusted')).toContainText(words.untrusted)
    // The second request to the cloud carried the call's result.
    const requests = fake.requestsFor('openai', { chatOnly: true })
    expect(JSON.stringify(requests.at(-1)!.body)).toContain('Echo: hello from the model')
    await expectAccessible(page)
    await fitsAndShoot(page, `tools-card-${language}`, card)

    // Don't allow: the tool does not run, the model hears so, the card says it.
    await send(page, 'Once more please')
    await page.getByTestId('tool-ask-deny').click()
    const second = page.getByTestId('message-assistant').last()
    await expect(second).toHaveAttribute('data-status', 'done')
    await expect(second.getByTestId('tool-call')).toHaveAttribute('data-state', 'denied')
    await expect(second.getByTestId('tool-call-state')).toHaveText(words.denied)
    await expect(second.getByTestId('message-text')).toContainText('did not allow')

    // By the composer: how many tools models may use, a way to Settings → Tools (in this language).
    await expect(page.getByTestId('tools-indicator')).toHaveAttribute('data-tools', /^[1-9]\d*$/)
    await page.getByTestId('tools-indicator').click()
    await expect(page.getByTestId('settings-tools')).toBeVisible()
    const server = page.locator('[data-testid="tools-server"][data-server="everything"]')
    await expect(server).toHaveAttribute('data-state', 'running')
    await fitsAndShoot(page, `tools-page-${language}`)
  })
}

test('a local tiny model calls a tool through the grammar: valid arguments for its schema, on a server added by its address with a header', async ({ page }) => {
  const http = await startHttpMcpServer('e2e-token')
  try {
    aura = await startAura({
      // Room for a call (its name and arguments are tokens too); greedy, so every run writes the same calls
      // (sampled, a number's exponent may overflow: such a call fails before the tool, see toolCalls.test.ts).
      settings: { onboardingDone: true, maxTokens: 200, temperature: 0 },
      // A chat model that starts node-llama-cpp's generic call syntax at once.
      prepare: async (modelsDir) => {
        await writeTinyLlama(join(modelsDir, 'caller.gguf'), { chatTemplate: true, extraTokens: { '||call:': 20 }, eosBias: 2, seed: 5 })
      },
    })
    await openTools(page, aura)
    const server = await addByAddress(page, http.url, 'Authorization: Bearer e2e-token')
    await expect(server).toHaveAttribute('data-state', 'running')
    await expect(server.getByTestId('tools-server-secrets')).toContainText('Authorization: set')
    expect(await page.content()).not.toContain('e2e-token')

    await page.getByTestId('back-to-chat').click()
    await page.getByTestId('model-picker').selectOption('caller')
    await send(page, 'What is two plus two?')
    await expect(page.getByTestId('tool-ask')).toContainText('calc')
    await page.getByTestId('tool-ask-chat').click()
    const reply = page.getByTestId('message-assistant').last()
    await expect(reply).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
    // This model calls whenever it may; "this chat" let every later call run without asking.
    const cards = reply.getByTestId('tool-call')
    expect(await cards.count()).toBeGreaterThan(1)
    await expect(page.getByTestId('tool-ask')).toHaveCount(0)
    const first = cards.first()
    await expect(first).toHaveAttribute('data-state', 'done')
    await first.getByTestId('tool-call-toggle').click()
    // The grammar wrote the schema's arguments, numbers both, and the server added them.
    const args = first.getByTestId('tool-call-args')
    await expect(args.locator('dt')).toHaveText(['a', 'b'])
    for (const value of await args.locator('dd').allTextContents()) expect(Number.isFinite(Number(value)), value).toBe(true)
    await expect(first.getByTestId('tool-call-result')).toHaveText(/^-?[\d.e+-]+$/)
  } finally {
    await http.close()
  }
})
