/**
 * 👍 / 👎 through the real services: the rating is kept in the conversation file (an added line
 * type; a file written before ratings existed loads and takes one), it teaches Auto, the page
 * reads what Auto learned in plain words, and Reset forgets it. No model runs: the conversations
 * are files as Aura writes them, with replies Auto routed to the local model.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Message, MessageRoute, RouteDecision } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import { memoryStore } from '../testing/memoryStore'
import { writeTinyLlama } from '../testing/tinyLlama'
import { caller } from '../testing/procedures'

const PROBE = 'Write a TypeScript function debounce(fn, ms) with proper generic types.'

let dir: string
let services: Services
const call = caller(() => services)
function start(): Services {
  return createServices({
    shell: 'host',
    version: '0.0.0-test',
    paths: { dataDir: dir },
    settingsStore: memoryStore({ threads: 1 }),
    // A key makes the cloud a tier; previews never call it.
    env: { ANTHROPIC_API_KEY: 'sk-ant-test-0000000000' },
  })
}

/** A conversation file as a version without ratings wrote it: a question and Auto's local reply. */
function writeConversation(id: string, decision: RouteDecision): string {
  const route: MessageRoute = { mode: 'auto', tier: decision.tier, complexity: decision.complexity, taskType: decision.taskType, reason: decision.reason, attempts: [], confidence: 0.9, cacheHit: false }
  const user: Message = { id: `${id}-q`, role: 'user', content: PROBE, createdAt: 1, status: 'done', modelId: null, error: null, stats: null }
  const reply: Message = { id: `${id}-a`, role: 'assistant', content: 'function debounce() {}', createdAt: 2, status: 'done', modelId: decision.modelId, error: null, stats: null, route }
  const lines = [{ t: 'meta', id, title: 'Debounce', createdAt: 1, updatedAt: 2, modelId: 'auto' }, { t: 'msg', message: user }, { t: 'msg', message: reply }]
  writeFileSync(join(dir, 'conversations', `${id}.jsonl`), lines.map((line) => JSON.stringify(line)).join('\n') + '\n', { mode: 0o600 })
  return reply.id
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aura-rating-'))
  await writeTinyLlama(join(dir, 'models', 'tiny.gguf'), { seed: 3 })
  services = start()
})
afterEach(async () => {
  await services.dispose()
  rmSync(dir, { recursive: true, force: true })
})

describe('rating replies', () => {
  it('keeps the rating on the message, learns from 👎 on Auto’s local replies, says so in plain words, and resets', async () => {
    const before = await call('router.preview', { text: PROBE })
    expect(before.tier).not.toBe('cloud')
    expect(await call('feedback.learned', {})).toEqual({ adjustments: [], signals: 0 })
    await call('conversations.list', {})

    const replies = ['c-1', 'c-2', 'c-3'].map((id) => ({ id, messageId: writeConversation(id, before) }))
    for (const { id, messageId } of replies) {
      const rated = await call('chat.rate', { conversationId: id, messageId, rating: 'down' })
      expect(rated.rating).toBe('down')
    }
    // Kept on disk as an added line, read back by a fresh process.
    expect(readFileSync(join(dir, 'conversations', 'c-1.jsonl'), 'utf8')).toContain('"t":"rate"')
    await services.dispose()
    services = start()
    const reloaded = await call('conversations.get', { id: 'c-1' })
    expect(reloaded.messages.map((m) => m.rating ?? null)).toEqual([null, 'down'])

    const after = await call('router.preview', { text: PROBE })
    expect(after.tier).toBe('cloud')
    expect(after.reason).toMatch(/learned from your ratings/)
    const learned = await call('feedback.learned', {})
    expect(learned.signals).toBe(3)
    expect(learned.adjustments).toHaveLength(1)
    expect(learned.adjustments[0]).toMatchObject({ taskType: 'coding', from: before.tier, to: 'cloud' })
    expect(learned.adjustments[0]!.text).toMatch(/coding questions now go to a cloud model .*first, after 3 answers you rated down/)

    // Changing one 👎 to 👍 takes it back and counts the 👍: below the minimum, back to local.
    await call('chat.rate', { conversationId: 'c-1', messageId: replies[0]!.messageId, rating: 'up' })
    expect((await call('router.preview', { text: PROBE })).modelId).toBe(before.modelId)
    await call('chat.rate', { conversationId: 'c-1', messageId: replies[0]!.messageId, rating: 'down' })
    expect((await call('router.preview', { text: PROBE })).tier).toBe('cloud')

    expect(await call('feedback.reset', {})).toEqual({ adjustments: [], signals: 0 })
    expect(await call('router.preview', { text: PROBE })).toEqual(before)
  })

  it('a reply from a model the user picked is kept rated but teaches Auto nothing; a question cannot be rated', async () => {
    const before = await call('router.preview', { text: PROBE })
    await call('conversations.list', {})
    for (const id of ['p-1', 'p-2', 'p-3', 'p-4']) {
      const messageId = writeConversation(id, before)
      const file = join(dir, 'conversations', `${id}.jsonl`)
      writeFileSync(file, readFileSync(file, 'utf8').replace('"mode":"auto"', '"mode":"model"'))
      expect((await call('chat.rate', { conversationId: id, messageId, rating: 'down' })).rating).toBe('down')
    }
    expect(await call('feedback.learned', {})).toEqual({ adjustments: [], signals: 0 })
    await expect(call('chat.rate', { conversationId: 'p-1', messageId: 'p-1-q', rating: 'up' })).rejects.toMatchObject({ code: 'not_found' })
  })
})
