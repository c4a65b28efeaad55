import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Conversation, Message, Settings } from '../../../shared/api'
import { ConversationStore } from '../chat/conversationStore'
import { startAuraProcess, type AuraProcess } from '../testing/auraProcess'
import { writeTinyLlama } from '../testing/tinyLlama'

/**
 * Two real Aura processes on one data folder (as the desktop app, `aura serve` and the CLI are):
 * whatever each one writes, nothing the other wrote is lost. Real host ports (the `conf` settings
 * file), real conversation files, real llama.cpp on a generated model, one thread.
 */
describe('two processes on one data folder', () => {
  let dataDir: string
  let a: AuraProcess
  let b: AuraProcess

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'aura-shared-'))
    await writeTinyLlama(join(dataDir, 'models', 'chatty.gguf'), { chatTemplate: true, eosBias: 2 })
    a = startAuraProcess(dataDir)
    b = startAuraProcess(dataDir)
    await a.call('settings.update', { threads: 1, maxTokens: 24 })
  }, 60_000)
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    rmSync(dataDir, { recursive: true, force: true })
  })

  const reply = async (aura: AuraProcess, conversationId: string, text: string) => {
    const { assistantMessage } = await aura.call<{ assistantMessage: Message }>('chat.send', { conversationId, text, modelId: 'chatty' })
    return aura.event<{ message: Message }>('chat.done', ({ message }) => message.id === assistantMessage.id)
  }

  it('keeps both processes’ replies in the same conversation, taken in turns and at the same time', async () => {
    const { id } = await a.call<Conversation>('conversations.create', {})
    // In turns: each process's copy of the conversation is stale when it replies.
    await reply(a, id, 'A one')
    await reply(b, id, 'B one')
    await reply(a, id, 'A two')
    // At the same time: both stream into the file together.
    const [fromA, fromB] = await Promise.all([reply(a, id, 'A three'), reply(b, id, 'B two')])
    expect([fromA.message.status, fromB.message.status]).toEqual(['done', 'done'])

    const userTexts = (conversation: Conversation) => conversation.messages.filter((m) => m.role === 'user').map((m) => m.content).sort()
    const expected = ['A one', 'A three', 'A two', 'B one', 'B two']
    for (const conversation of [await a.call<Conversation>('conversations.get', { id }), await b.call<Conversation>('conversations.get', { id }), await new ConversationStore(join(dataDir, 'conversations'), { now: Date.now }).get(id)]) {
      expect(userTexts(conversation)).toEqual(expected)
      expect(conversation.messages.filter((m) => m.role === 'assistant').map((m) => m.status)).toEqual(['done', 'done', 'done', 'done', 'done'])
      expect(conversation.messages.map((m) => m.id)).toContain(fromA.message.id)
      expect(conversation.messages.map((m) => m.id)).toContain(fromB.message.id)
    }
  }, 120_000)

  it('keeps both processes’ settings changes, one after the other and racing', async () => {
    await a.call('settings.update', { temperature: 0.3 })
    // B's copy predates A's change.
    await b.call('settings.update', { confirmCostAbove: 2 })
    expect(await b.call<Settings>('settings.get', {})).toMatchObject({ temperature: 0.3, confirmCostAbove: 2 })

    // Racing: 40 changes each, of different settings, sent without waiting.
    const rounds = Array.from({ length: 40 }, (_, i) => i + 1)
    await Promise.all([
      ...rounds.map((i) => a.call('settings.update', { maxTokens: 100 + i })),
      ...rounds.map((i) => b.call('settings.update', { contextSize: 1000 + i })),
    ])
    const onDisk = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as Settings
    expect(onDisk).toMatchObject({ threads: 1, temperature: 0.3, confirmCostAbove: 2, maxTokens: 140, contextSize: 1040 })
    for (const aura of [a, b]) expect(await aura.call<Settings>('settings.get', {})).toMatchObject({ temperature: 0.3, maxTokens: 140, contextSize: 1040 })
  }, 60_000)
})
