/**
 * Conversations under kill -9: the built host (`node bin/aura.js serve`, as a user runs it) with its
 * own data folder and a generated tiny llama that never stops by itself, driven over its WebSocket.
 * A message is sent (to a new or an earlier conversation), and the process is SIGKILLed at a random
 * moment while the reply streams; then Aura starts again on the same folder and every conversation
 * is checked against what was known before the kill.
 *
 * Right: conversations.list and .get succeed for every conversation, no notice of a skipped file;
 * every earlier message is there unchanged; the message sent is there; the reply in flight is the
 * only one cut short (status interrupted), its text a prefix of what streamed or the reverse.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Conversation, ConversationSummary, Envelope, Message, Notice } from '../src/shared/api'
import { rng as seeded, writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import { connectHost, type HostClient } from '../bench/lib/hostClient'
import type { SoakContext, SoakFinding, SoakSection } from './harness'

interface Host {
  child: ChildProcess
  client: HostClient
  output(): string
}

async function startHost(root: string, dataDir: string): Promise<Host> {
  const child = spawn(process.execPath, [join(root, 'bin/aura.js'), 'serve', '--port', '0'], {
    env: { ...process.env, AURA_KEYRING: 'off', AURA_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`aura serve did not start in 60 s: ${output.slice(-2000)}`)), 60_000)
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^Aura is running at (http:\/\/\S+)$/.exec(line)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`aura serve exited (${code ?? signal}): ${output.slice(-2000)}`))
    })
  })
  return { child, client: await connectHost(url), output: () => output }
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => {
    child.once('exit', () => done())
    child.kill(signal)
  })
}

async function call<T>(client: HostClient, procedure: string, input: unknown): Promise<T> {
  const result = (await client.request(procedure, input)) as Envelope<T>
  if (!result.ok) throw new Error(`${procedure}: ${result.error.code}: ${result.error.message}`)
  return result.data
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** What was sent before the last kill, to look for after the restart. */
interface InFlight {
  conversationId: string
  userText: string
  userMessageId: string | null
  assistantMessageId: string | null
  streamed: string
}

export const section: SoakSection = {
  name: 'conversations',
  async run(ctx: SoakContext): Promise<SoakFinding[]> {
    const kills = ctx.small ? 3 : 50
    const random = seeded(11)
    const dataDir = mkdtempSync(join(ctx.workDir, 'conversations-'))
    mkdirSync(join(dataDir, 'models'), { recursive: true })
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ threads: 1, maxTokens: 1800 }))
    // A wide window: conversations can go on after an interrupted reply or two.
    await writeTinyLlama(join(dataDir, 'models', 'tiny.gguf'), { name: 'Tiny', eosBias: -8, contextLength: 16_384 })

    const finding: SoakFinding = {
      fault: 'conversation: process killed (SIGKILL) at a random moment while a reply streams, then restarted',
      injected: 0,
      passed: 0,
      expected:
        'every conversation file loads (list/get succeed, no skipped-file notice); earlier messages unchanged; the message sent kept; only the reply in flight cut short (status interrupted, its text a prefix of what streamed or the reverse)',
      failures: [],
    }
    /** Every conversation as last verified. */
    let known = new Map<string, Conversation>()
    let inFlight: InFlight | null = null
    let interruptedTotal = 0
    let charsKept = 0
    let continued = 0
    let host: Host | null = null

    try {
      for (let round = 0; round <= kills; round++) {
        host = await startHost(ctx.root, dataDir)
        const { client } = host
        // ---- after a kill: check everything against what was known ----
        if (round > 0) {
          const problems: string[] = []
          try {
            const info = await call<{ notices: Notice[] }>(client, 'app.info', {})
            const skipped = info.notices.filter((notice) => /could not be read|damaged/i.test(notice.message))
            if (skipped.length) problems.push(`notice: ${skipped[0]!.message}`)
            const list = await call<ConversationSummary[]>(client, 'conversations.list', {})
            const now = new Map<string, Conversation>()
            for (const summary of list) now.set(summary.id, await call<Conversation>(client, 'conversations.get', { id: summary.id }))
            for (const [id, before] of known) {
              const after = now.get(id)
              if (!after) {
                problems.push(`conversation ${id} lost`)
                continue
              }
              for (const message of before.messages) {
                const found = after.messages.find((candidate) => candidate.id === message.id)
                if (!found) problems.push(`message ${message.id} lost`)
                else if (found.content !== message.content || found.status !== message.status) problems.push(`message ${message.id} changed (${message.status} → ${found.status})`)
              }
            }
            if (inFlight) {
              const conversation = now.get(inFlight.conversationId)
              if (!conversation) problems.push('the conversation of the message in flight is missing')
              else {
                const previous = known.get(inFlight.conversationId)?.messages.length ?? 0
                const added = conversation.messages.slice(previous)
                const user = added.find((message) => message.role === 'user')
                const reply = added.find((message) => message.role === 'assistant')
                if (inFlight.userMessageId && user?.id !== inFlight.userMessageId) problems.push('the message sent is missing')
                if (user && user.content !== inFlight.userText) problems.push('the message sent changed')
                if (inFlight.assistantMessageId) {
                  if (reply?.id !== inFlight.assistantMessageId) problems.push('the reply in flight is missing')
                  else {
                    if (reply.status !== 'interrupted') problems.push(`the reply in flight is ${reply.status}, not interrupted`)
                    const a = reply.content
                    const b = inFlight.streamed
                    if (!(a.startsWith(b) || b.startsWith(a))) problems.push('the reply kept is not what streamed')
                    interruptedTotal++
                    charsKept += a.length
                  }
                }
                if (added.length > 2) problems.push(`${added.length} messages added, expected at most 2`)
              }
            }
            known = now
          } catch (error) {
            problems.push((error as Error).message)
          }
          finding.injected++
          if (problems.length) {
            if (finding.failures.length < 5) finding.failures.push(`kill #${round}: ${problems.join('; ')}`)
          } else finding.passed++
          ctx.log(`conversations: kill #${round}: ${problems.length ? problems.join('; ') : 'ok'} (${known.size} conversations)`)
        }
        if (round === kills) break

        // ---- send a message, kill Aura while the reply streams ----
        const existing = [...known.keys()]
        let conversationId: string
        if (existing.length === 0 || random() < 0.3) {
          conversationId = (await call<Conversation>(client, 'conversations.create', {})).id
        } else conversationId = existing[Math.floor(random() * existing.length)]!
        const userText = `Message ${round}: tell me a long story about the sea — ünïcødé ✓ "quotes" \\ backslash`
        const flight: InFlight = { conversationId, userText, userMessageId: null, assistantMessageId: null, streamed: '' }
        let firstDelta: () => void = () => {}
        const started = new Promise<void>((resolve) => (firstDelta = resolve))
        const off = client.onEvent((event, payload) => {
          if (event !== 'chat.delta') return
          const delta = payload as { messageId: string; text: string }
          if (delta.messageId !== flight.assistantMessageId) return
          flight.streamed += delta.text
          firstDelta()
        })
        let result = (await client.request('chat.send', { conversationId, text: userText, modelId: 'tiny' })) as Envelope<{ userMessage: Message; assistantMessage: Message }>
        if (!result.ok && result.error.code === 'no_model_available') {
          // An earlier conversation grew past the tiny model's window: go on in a new one.
          conversationId = (await call<Conversation>(client, 'conversations.create', {})).id
          flight.conversationId = conversationId
          result = (await client.request('chat.send', { conversationId, text: userText, modelId: 'tiny' })) as Envelope<{ userMessage: Message; assistantMessage: Message }>
        } else if (result.ok && known.has(conversationId)) continued++
        if (!result.ok) throw new Error(`chat.send: ${result.error.code}: ${result.error.message}`)
        const sent = result.data
        flight.userMessageId = sent.userMessage.id
        flight.assistantMessageId = sent.assistantMessage.id
        // Mostly while text streams; now and then before the first word.
        if (random() < 0.85) {
          await Promise.race([started, sleep(30_000)])
          await sleep(Math.floor(random() * 800))
        } else await sleep(Math.floor(random() * 200))
        off()
        inFlight = flight
        // Before the kill the conversation as it was, plus nothing: what changed is checked as "added".
        if (!known.has(conversationId)) known.set(conversationId, { ...(await call<Conversation>(client, 'conversations.get', { id: conversationId })), messages: [] })
        else {
          // Earlier messages as known; the two new ones are checked separately.
        }
        host.client.close()
        await stop(host.child, 'SIGKILL')
        host = null
      }
    } catch (error) {
      finding.failures.push(`the run broke off: ${(error as Error).message}`)
    } finally {
      if (host) {
        host.client.close()
        await stop(host.child, 'SIGTERM')
      }
      rmSync(dataDir, { recursive: true, force: true })
    }
    ctx.log(`conversations: ${finding.passed}/${finding.injected} kills right; ${interruptedTotal} replies interrupted, ${charsKept} characters of them kept; ${continued} sends went to an earlier conversation`)
    return [finding]
  },
}
