import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Message } from '../../../shared/api'
import { ConversationStore } from './conversationStore'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

let time = 1_000
const clock = { now: () => ++time }

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'aura-versions-'))
  dirs.push(dir)
  return dir
}

const user = (content: string, parentId?: string | null) => ({ role: 'user' as const, content, status: 'done' as const, modelId: null, ...(parentId !== undefined && { parentId }) })
const reply = (content: string, parentId?: string) => ({ role: 'assistant' as const, content, status: 'done' as const, modelId: 'm', ...(parentId && { parentId }) })
const texts = (messages: Message[] | undefined) => (messages ?? []).map((message) => message.content)

describe('versions of a turn (the message tree)', () => {
  it('keeps an earlier reply as another version, shows either, and remembers which across a restart', async () => {
    const dir = tempDir()
    const store = new ConversationStore(dir, clock)
    const { id } = await store.create()
    const question = await store.addMessage(id, user('Name a colour'))
    const first = await store.addMessage(id, reply('Red'))
    const second = await store.addMessage(id, reply('Blue', question.id))
    let chat = await store.get(id)
    expect(texts(chat.messages)).toEqual(['Name a colour', 'Blue'])
    expect(texts(chat.otherBranches)).toEqual(['Red'])

    chat = await store.showVersion(id, first.id)
    expect(texts(chat.messages)).toEqual(['Name a colour', 'Red'])
    expect(texts(chat.otherBranches)).toEqual(['Blue'])
    // A follow-up continues the branch shown.
    await store.addMessage(id, user('Why?'))
    await store.flush()

    const reopened = await new ConversationStore(dir, clock).get(id)
    expect(texts(reopened.messages)).toEqual(['Name a colour', 'Red', 'Why?'])
    expect(reopened.messages.map((message) => message.parentId)).toEqual([null, question.id, first.id])
    expect(reopened.otherBranches!.map((message) => message.id)).toEqual([second.id])
  })

  it('an edited message starts a branch; the earlier one, with what followed it, is one switch away', async () => {
    const dir = tempDir()
    const store = new ConversationStore(dir, clock)
    const { id } = await store.create()
    const a = await store.addMessage(id, user('Hi'))
    const b = await store.addMessage(id, reply('Hello'))
    const c = await store.addMessage(id, user('Tell a joke'))
    await store.addMessage(id, reply('Knock knock'))
    await store.addMessage(id, user('Another'))
    const edited = await store.addMessage(id, user('Tell a poem', b.id))
    await store.addMessage(id, reply('Roses are red', edited.id))
    expect(texts((await store.get(id)).messages)).toEqual(['Hi', 'Hello', 'Tell a poem', 'Roses are red'])

    // Back to the first version: the whole branch after it comes back, to its end.
    const back = await store.showVersion(id, c.id)
    expect(texts(back.messages)).toEqual(['Hi', 'Hello', 'Tell a joke', 'Knock knock', 'Another'])
    // Compacted (rewritten after a reply) and read again: the same tree, the same branch shown.
    await store.endMessage(id, (await store.addMessage(id, { ...reply(''), status: 'streaming' })).id, { status: 'done', content: 'Again?' })
    await store.flush()
    const lines = readFileSync(join(dir, `${id}.jsonl`), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { t: string; shown?: boolean })
    expect(lines.filter((line) => line.t === 'msg' && line.shown === false)).toHaveLength(2)
    const reopened = await new ConversationStore(dir, clock).get(id)
    expect(texts(reopened.messages)).toEqual(['Hi', 'Hello', 'Tell a joke', 'Knock knock', 'Another', 'Again?'])
    expect(texts(reopened.otherBranches)).toEqual(['Tell a poem', 'Roses are red'])
    expect(reopened.messages[0]!.id).toBe(a.id)
  })

  it('deleting a message takes the messages after it in its branch; another version takes its place', async () => {
    const store = new ConversationStore(tempDir(), clock)
    const { id } = await store.create()
    const q = await store.addMessage(id, user('Q'))
    const r1 = await store.addMessage(id, reply('R1'))
    await store.addMessage(id, user('Q2'))
    await store.addMessage(id, reply('R2'))
    const r1b = await store.addMessage(id, reply('R1b', q.id))
    // Deleting the version shown brings the other one (and its follow-ups) back.
    let chat = await store.dropMessage(id, r1b.id)
    expect(texts(chat.messages)).toEqual(['Q', 'R1', 'Q2', 'R2'])
    expect(chat.otherBranches).toEqual([])
    // Deleting a message in the middle takes what came after it.
    chat = await store.dropMessage(id, r1.id)
    expect(texts(chat.messages)).toEqual(['Q'])
    await expect(store.dropMessage(id, r1.id)).rejects.toMatchObject({ code: 'not_found' })
    expect((await store.summary(id)).messageCount).toBe(1)
  })

  it('opens a chat saved before versions (no parentId, regenerate as drop + msg) as the same one branch', async () => {
    const dir = tempDir()
    const id = '0a6c2b1e-1111-4222-8333-944455556666'
    const message = (mid: string, role: string, content: string, at: number) => ({ id: mid, role, content, createdAt: at, status: 'done', modelId: role === 'user' ? null : 'm', error: null, stats: null })
    // As Aura wrote files before this change: the first reply regenerated (dropped, then written again).
    const old = [
      { t: 'meta', id, title: 'Old chat', createdAt: 10, modelId: 'm' },
      { t: 'msg', message: message('u1', 'user', 'First question', 11) },
      { t: 'msg', message: { ...message('a1', 'assistant', '', 12), status: 'streaming' } },
      { t: 'end', id: 'a1', status: 'done', error: null, stats: { tokens: 3, tokensPerSecond: 1, timeToFirstTokenMs: 5 }, content: 'Old answer', at: 13 },
      { t: 'drop', id: 'a1', at: 14 },
      { t: 'msg', message: message('a2', 'assistant', 'New answer', 15) },
      { t: 'msg', message: message('u2', 'user', 'Second question', 16) },
      { t: 'msg', message: message('a3', 'assistant', 'Second answer', 17) },
    ]
    writeFileSync(join(dir, `${id}.jsonl`), old.map((line) => JSON.stringify(line)).join('\n') + '\n')
    const store = new ConversationStore(dir, clock)
    const chat = await store.get(id)
    expect(texts(chat.messages)).toEqual(['First question', 'New answer', 'Second question', 'Second answer'])
    expect(chat.messages.map((m) => m.parentId)).toEqual([null, 'u1', 'a2', 'u2'])
    expect(chat).toMatchObject({ title: 'Old chat', otherBranches: [], instructions: '', temperature: null, assistant: null })
    // A new version on an old chat works like on a new one.
    await store.addMessage(id, reply('Another second answer', 'u2'))
    expect(texts((await store.get(id)).otherBranches)).toEqual(['Second answer'])
  })

  it('keeps a chat’s instructions, temperature and assistant', async () => {
    const dir = tempDir()
    const store = new ConversationStore(dir, clock)
    const { id } = await store.create({ instructions: 'Answer in French.', temperature: 0.2, assistant: { id: 'builtin-translator', name: 'Translator' } })
    await store.setInstructions(id, 'Answer in Spanish.')
    await store.addMessage(id, user('Hello'))
    await store.endMessage(id, (await store.addMessage(id, { ...reply(''), status: 'streaming' })).id, { status: 'done', content: 'Hola' })
    await store.flush()
    expect(await new ConversationStore(dir, clock).get(id)).toMatchObject({
      instructions: 'Answer in Spanish.',
      temperature: 0.2,
      assistant: { id: 'builtin-translator', name: 'Translator' },
    })
  })
})
