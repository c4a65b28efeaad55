import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ConversationStore, DEFAULT_TITLE } from './conversationStore'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

let time = 1_000
const clock = { now: () => ++time }

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'aura-chats-'))
  dirs.push(dir)
  return dir
}

describe('ConversationStore', () => {
  it('creates, renames, lists newest first, and survives a restart', async () => {
    const dir = tempDir()
    const store = new ConversationStore(dir, clock)
    const a = await store.create()
    const b = await store.create({ title: 'Holiday plans', modelId: 'm1' })
    expect(a.title).toBe(DEFAULT_TITLE)
    await store.rename(a.id, 'Recipes')
    // Renaming does not move a conversation up; a new message does.
    expect((await store.list()).map((summary) => summary.title)).toEqual(['Holiday plans', 'Recipes'])
    await store.addMessage(a.id, { role: 'user', content: 'How do I bake bread?', status: 'done', modelId: null })
    await store.flush()

    const reopened = new ConversationStore(dir, clock)
    expect((await reopened.list()).map((summary) => summary.title)).toEqual(['Recipes', 'Holiday plans'])
    expect(await reopened.get(b.id)).toMatchObject({ title: 'Holiday plans', modelId: 'm1', messages: [] })
    expect((await reopened.get(a.id)).messages[0]).toMatchObject({ role: 'user', content: 'How do I bake bread?' })
  })

  it('searches titles and message text, with a snippet around the match', async () => {
    const store = new ConversationStore(tempDir(), clock)
    const a = await store.create({ title: 'Sourdough' })
    const b = await store.create({ title: 'Taxes' })
    await store.addMessage(b.id, { role: 'user', content: 'Which forms do I need for the sourdough bakery I own?', status: 'done', modelId: null })
    await store.create({ title: 'Unrelated' })
    const found = await store.list('SOURDOUGH')
    expect(found.map((summary) => summary.id).sort()).toEqual([a.id, b.id].sort())
    expect(found.find((summary) => summary.id === b.id)!.snippet).toContain('sourdough bakery')
    expect(await store.list('nothing like this')).toEqual([])
  })

  it('streams text to disk; after a crash mid-reply the reply is kept and marked interrupted', async () => {
    const dir = tempDir()
    const store = new ConversationStore(dir, clock)
    const conversation = await store.create()
    await store.addMessage(conversation.id, { role: 'user', content: 'Tell me a story', status: 'done', modelId: null })
    const reply = await store.addMessage(conversation.id, { role: 'assistant', content: '', status: 'streaming', modelId: 'm1' })
    await store.appendText(conversation.id, reply.id, 'Once upon ')
    await store.appendText(conversation.id, reply.id, 'a time')
    // A crash tears the last write in half.
    appendFileSync(join(dir, `${conversation.id}.jsonl`), '{"t":"text","id":"' + reply.id + '","te')

    const afterCrash = new ConversationStore(dir, clock)
    const restored = await afterCrash.get(conversation.id)
    expect(restored.messages).toHaveLength(2)
    expect(restored.messages[1]).toMatchObject({ content: 'Once upon a time', status: 'interrupted' })
    // The file was rewritten whole: it loads cleanly again, without the torn line.
    const lines = readFileSync(join(dir, `${conversation.id}.jsonl`), 'utf8').trim().split('\n')
    expect(lines.every((line) => JSON.parse(line))).toBe(true)
  })

  it('a tool call waiting or running when a reply was cut off reads back as stopped, its finished calls as they were', async () => {
    const dir = tempDir()
    const store = new ConversationStore(dir, clock)
    const conversation = await store.create()
    await store.addMessage(conversation.id, { role: 'user', content: 'Read my notes', status: 'done', modelId: null })
    const reply = await store.addMessage(conversation.id, { role: 'assistant', content: '', status: 'streaming', modelId: 'm1' })
    const call = { server: 'files', tool: 'read_file', args: { path: 'notes.txt' }, truncated: false }
    await store.setToolCalls(conversation.id, reply.id, [
      { ...call, id: 'a', state: 'done', result: 'Buy oat milk', ms: 3 },
      { ...call, id: 'b', state: 'asking', result: null, ms: null, askId: 'ask-1' },
    ])
    await store.flush()
    const restored = await new ConversationStore(dir, clock).get(conversation.id)
    expect(restored.messages[1]).toMatchObject({ status: 'interrupted', toolCalls: [{ id: 'a', state: 'done', result: 'Buy oat milk' }, { id: 'b', state: 'stopped' }] })
    expect(restored.messages[1]!.toolCalls![1]).not.toHaveProperty('askId')
  })

  it('heals a torn last line so that later appends are not lost', async () => {
    const dir = tempDir()
    const store = new ConversationStore(dir, clock)
    const conversation = await store.create()
    appendFileSync(join(dir, `${conversation.id}.jsonl`), '{"t":"title","tit')
    const reopened = new ConversationStore(dir, clock)
    await reopened.addMessage(conversation.id, { role: 'user', content: 'still here', status: 'done', modelId: null })
    await reopened.flush()
    const again = await new ConversationStore(dir, clock).get(conversation.id)
    expect(again.messages.map((message) => message.content)).toEqual(['still here'])
  })

  it('ends a reply with its final state and compacts the file', async () => {
    const dir = tempDir()
    const store = new ConversationStore(dir, clock)
    const conversation = await store.create()
    const reply = await store.addMessage(conversation.id, { role: 'assistant', content: '', status: 'streaming', modelId: 'm1' })
    for (const piece of ['a', 'b', 'c']) await store.appendText(conversation.id, reply.id, piece)
    const ended = await store.endMessage(conversation.id, reply.id, { status: 'stopped', content: 'abc', stats: { tokens: 3, tokensPerSecond: 10, timeToFirstTokenMs: 5 } })
    expect(ended).toMatchObject({ status: 'stopped', content: 'abc' })
    const lines = readFileSync(join(dir, `${conversation.id}.jsonl`), 'utf8').trim().split('\n')
    expect(lines).toHaveLength(2)
    expect((await new ConversationStore(dir, clock).get(conversation.id)).messages[0]).toMatchObject({ status: 'stopped', content: 'abc', stats: { tokens: 3 } })
  })

  it('drops a message, deletes a conversation and its file', async () => {
    const dir = tempDir()
    const store = new ConversationStore(dir, clock)
    const conversation = await store.create()
    const message = await store.addMessage(conversation.id, { role: 'assistant', content: 'x', status: 'done', modelId: null })
    await store.dropMessage(conversation.id, message.id)
    expect((await store.get(conversation.id)).messages).toEqual([])
    await store.delete(conversation.id)
    await expect(store.get(conversation.id)).rejects.toMatchObject({ code: 'not_found' })
    expect(readdirSync(dir)).toEqual([])
  })

  it('refuses ids that are not its own and skips unreadable files with a notice', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'garbage.jsonl'), 'not json at all\n')
    const damaged: string[] = []
    const store = new ConversationStore(dir, clock, (file) => damaged.push(file))
    await expect(store.get('../../etc/passwd')).rejects.toMatchObject({ code: 'not_found' })
    expect(await store.list()).toEqual([])
    expect(damaged).toEqual([join(dir, 'garbage.jsonl')])
  })

  it('a header whose id was damaged on disk: the conversation keeps its file, opens, changes, and survives a restart', async () => {
    const dir = tempDir()
    const store = new ConversationStore(dir, clock)
    const { id } = await store.create({ title: 'Bread' })
    await store.addMessage(id, { role: 'user', content: 'How long to proof?', status: 'done', modelId: null })
    await store.flush()
    const file = join(dir, `${id}.jsonl`)
    writeFileSync(file, readFileSync(file, 'utf8').replace(id, `${id.slice(0, -4)}beef`))

    const reopened = new ConversationStore(dir, clock)
    expect((await reopened.list()).map((summary) => summary.id)).toEqual([id])
    await reopened.addMessage(id, { role: 'user', content: 'And at what temperature?', status: 'done', modelId: null })
    await reopened.flush()
    expect(readdirSync(dir).filter((name) => name.endsWith('.jsonl'))).toEqual([`${id}.jsonl`])
    expect((await new ConversationStore(dir, clock).get(id)).messages.map((m) => m.content)).toEqual(['How long to proof?', 'And at what temperature?'])
  })

  it('a line damaged in the middle: the rest is kept, and the damaged file is copied aside first', async () => {
    const dir = tempDir()
    const store = new ConversationStore(dir, clock)
    const { id } = await store.create()
    for (const content of ['one', 'two', 'three']) await store.addMessage(id, { role: 'user', content, status: 'done', modelId: null })
    await store.flush()
    const file = join(dir, `${id}.jsonl`)
    const lines = readFileSync(file, 'utf8').split('\n')
    lines[2] = lines[2]!.slice(0, 20) + '\u0000garbled'
    const damaged = lines.join('\n')
    writeFileSync(file, damaged)

    const told: [string, string | undefined][] = []
    const reopened = new ConversationStore(dir, clock, (damagedFile, backup) => told.push([damagedFile, backup]))
    expect((await reopened.get(id)).messages.map((m) => m.content)).toEqual(['one', 'three'])
    expect(told).toHaveLength(1)
    expect(told[0]![0]).toBe(file)
    expect(readFileSync(told[0]![1]!, 'utf8')).toBe(damaged)
    // A torn last line (a crash) is not damage: no copy, no word.
    appendFileSync(file, '{"t":"text","id":')
    const after: unknown[] = []
    await new ConversationStore(dir, clock, (...args) => after.push(args)).get(id)
    expect(after).toEqual([])
  })
  it('a conversation deleted while a reply streams into it stays deleted: later text is dropped, the file not made again', async () => {
    const dir = tempDir()
    const store = new ConversationStore(dir, clock)
    const { id } = await store.create()
    const reply = await store.addMessage(id, { role: 'assistant', content: '', status: 'streaming', modelId: 'm1' })
    await store.appendText(id, reply.id, 'Once')
    await store.delete(id)
    // What the reply still streams (from this process, or another one that does not know).
    await store.appendText(id, reply.id, ' upon a time')
    await new ConversationStore(dir, clock).appendText(id, reply.id, '!')
    await expect(store.endMessage(id, reply.id, { status: 'done', content: 'Once upon a time!' })).rejects.toMatchObject({ code: 'not_found' })
    await store.flush()
    expect(readdirSync(dir)).toEqual([])
  })
})
