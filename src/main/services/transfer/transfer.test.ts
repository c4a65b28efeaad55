import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChatsFileError, exportFileName, importBatches, parseChatsFile, toAuraJson, toMarkdown } from '../../../shared/chatTransfer'
import { createServices, type Services } from '../createServices'
import { callProcedure } from '../dispatch'
import { chatGptExport } from '../testing/chatGptExport'
import { memoryStore } from '../testing/memoryStore'

describe('chats in and out', () => {
  let dataDir: string
  let services: Services
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'aura-transfer-'))
    services = createServices({ shell: 'host', version: '0.0.0-test', paths: { dataDir }, settingsStore: memoryStore({ threads: 1 }) })
  })
  afterAll(async () => {
    await services.dispose()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it("imports ChatGPT's conversations.json: the branch shown, user and assistant turns only, and says what it skipped", async () => {
    const parsed = parseChatsFile(JSON.stringify(chatGptExport()))
    expect(parsed.source).toBe('chatgpt')
    expect(parsed.skipped).toEqual([{ title: 'Only an image', why: 'empty' }])
    expect(parsed.conversations).toHaveLength(1)
    expect(parsed.conversations[0]!.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'How much pasta for four?'],
      ['assistant', 'About 400 g.'],
      ['user', 'And sauce?'],
      ['assistant', 'One jar, 500 g.'],
    ])
    const { ids } = await callProcedure(services.dispatch, 'transfer.importChats', { conversations: parsed.conversations })
    const chat = await callProcedure(services.dispatch, 'conversations.get', { id: ids[0]! })
    expect(chat.title).toBe('Pasta for four')
    expect(chat.messages.map((m) => [m.role, m.content, m.status])).toEqual(parsed.conversations[0]!.messages.map((m) => [m.role, m.content, 'done']))
  })

  it("exports as Aura's JSON and reads it back the same; Markdown reads as a conversation", async () => {
    const first = (await callProcedure(services.dispatch, 'conversations.list', {}))[0]!
    await callProcedure(services.dispatch, 'conversations.setInstructions', { id: first.id, instructions: 'Answer in grams.' })
    const list = await callProcedure(services.dispatch, 'conversations.list', {})
    const chats = await Promise.all(list.map(({ id }) => callProcedure(services.dispatch, 'conversations.get', { id })))
    const again = parseChatsFile(toAuraJson(chats, Date.UTC(2026, 11, 6)))
    expect(again.source).toBe('aura')
    expect(again.conversations.map((c) => [c.title, c.messages.map((m) => m.content)])).toEqual(chats.map((c) => [c.title, c.messages.map((m) => m.content)]))
    expect(again.conversations[0]!.instructions).toBe('Answer in grams.')
    const { ids } = await callProcedure(services.dispatch, 'transfer.importChats', { conversations: again.conversations })
    expect((await callProcedure(services.dispatch, 'conversations.get', { id: ids[0]! })).instructions).toBe('Answer in grams.')
    const markdown = toMarkdown(chats)
    expect(markdown).toMatch(/^# Pasta for four\n\n_\d{4}-\d\d-\d\d_\n\n> \*\*Instructions:\*\* Answer in grams\.\n\n### You\n\nHow much pasta for four\?\n\n### Assistant\n\nAbout 400 g\./)
    expect(exportFileName('Pasta for four!', 'markdown', 0)).toBe('pasta-for-four.md')
    expect(exportFileName(null, 'json', Date.UTC(2026, 11, 6))).toBe('aura-chats-2026-12-06.json')
  })

  it('a file that is not a chats export says so in words and imports nothing', async () => {
    const before = (await callProcedure(services.dispatch, 'conversations.list', {})).length
    expect(() => parseChatsFile('not json {')).toThrow(ChatsFileError)
    expect(() => parseChatsFile('not json {')).toThrow(/is not JSON, so it is neither an Aura export nor ChatGPT’s conversations\.json\. Nothing was imported\./)
    expect(() => parseChatsFile('{"hello": 1}')).toThrow(/not a chats export Aura knows/)
    expect(() => parseChatsFile('[1, 2]')).toThrow(/not a chats export Aura knows/)
    await expect(callProcedure(services.dispatch, 'transfer.importChats', { conversations: [{ title: 'x', createdAt: null, messages: [] }] })).rejects.toThrow()
    expect((await callProcedure(services.dispatch, 'conversations.list', {})).length).toBe(before)
  })

  it('sends big imports in batches that fit the browser bridge', () => {
    const chat = (chars: number) => ({ title: 't', createdAt: null, messages: [{ role: 'user' as const, content: 'x'.repeat(chars), createdAt: null }] })
    expect(importBatches([chat(300_000), chat(300_000), chat(100)]).map((batch) => batch.length)).toEqual([1, 2])
    expect(importBatches(Array.from({ length: 250 }, () => chat(10))).map((batch) => batch.length)).toEqual([100, 100, 50])
  })
})
