/**
 * Damaged files: the settings file, a usage ledger month file and a conversation file, truncated at
 * random offsets, with random bytes flipped, replaced by binary garbage or emptied. Each start goes
 * through the real composition root (createServices) on a fresh data folder; settings through the
 * host's real `conf` store (createHostPorts), so the real file is read and quarantined.
 *
 * What counts as right:
 * - settings: not JSON any more → moved aside as settings.json.damaged-<time> (bytes untouched) with
 *   a notice, defaults used; still JSON → loaded. Either way the conversations and the usage history
 *   in the same folder are intact.
 * - ledger: every line the damage left whole is loaded; when a complete line is damaged, a byte-exact
 *   copy of the file is kept as usage-….jsonl.damaged-<time> and a notice says so (a torn last line
 *   is a crash, not damage: dropped quietly).
 * - conversation: every message whose line the damage left whole is loaded, the other conversation
 *   is untouched; a file with no readable header is skipped with a notice and left on disk untouched.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { UsageRecordSchema, type Conversation, type ConversationSummary, type Envelope, type Notice, type UsageRecord } from '../src/shared/api'
import { createHostPorts } from '../src/main/host/ports'
import { ConversationStore } from '../src/main/services/chat/conversationStore'
import { createServices, type Services } from '../src/main/services/createServices'
import { silentLogger, systemClock } from '../src/main/services/ports'
import { memoryStore } from '../src/main/services/testing/memoryStore'
import { usageRecord } from '../src/main/services/testing/usageRecords'
import { rng as seeded } from '../src/main/services/testing/tinyLlama'
import type { SoakContext, SoakFinding, SoakSection } from './harness'

type Damage = 'truncated' | 'flipped' | 'garbage' | 'empty' | 'garbled-line'


/** Seeded garbage: a run damages the same way every time (the small run in the test suite is stable). */
function bytes(length: number, random: () => number): Buffer {
  return Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)))
}

function damage(original: Buffer, kind: Damage, random: () => number): Buffer {
  const at = (n: number) => Math.floor(random() * n)
  switch (kind) {
    case 'truncated':
      return original.subarray(0, 1 + at(original.length - 1))
    case 'flipped': {
      const copy = Buffer.from(original)
      const flips = 1 + at(4)
      for (let i = 0; i < flips; i++) {
        const index = at(copy.length)
        copy[index] = copy[index]! ^ (1 + at(255))
      }
      return copy
    }
    case 'garbage':
      return bytes(16 + at(2048), random)
    case 'empty':
      return Buffer.alloc(0)
    case 'garbled-line': {
      // One whole line in the middle replaced by garbage (its "\n" kept).
      const lines = original.toString('utf8').split('\n')
      const index = 1 + at(Math.max(1, lines.length - 2))
      lines[index] = bytes(8 + at(64), random).toString('latin1').replace(/\n/g, ' ')
      return Buffer.from(lines.join('\n'), 'utf8')
    }
  }
}

interface Tally {
  finding: SoakFinding
  ok(): void
  fail(why: string): void
}

function tally(fault: string, expected: string): Tally {
  const finding: SoakFinding = { fault, injected: 0, passed: 0, expected, failures: [] }
  return {
    finding,
    ok: () => {
      finding.injected++
      finding.passed++
    },
    fail: (why) => {
      finding.injected++
      if (finding.failures.length < 5) finding.failures.push(why)
    },
  }
}

async function call<T>(services: Services, procedure: string, input: unknown): Promise<T> {
  const result = (await services.dispatch(procedure, input)) as Envelope<T>
  if (!result.ok) throw new Error(`${procedure}: ${result.error.code}: ${result.error.message}`)
  return result.data
}

/** Two conversations with a few messages each, written by the real store. */
async function writeConversations(dataDir: string): Promise<Conversation[]> {
  const store = new ConversationStore(join(dataDir, 'conversations'), systemClock)
  const made: Conversation[] = []
  for (const title of ['Garden plans', 'Letter to the landlord']) {
    const conversation = await store.create({ title, modelId: 'tiny' })
    for (let turn = 0; turn < 3; turn++) {
      await store.addMessage(conversation.id, { role: 'user', content: `${title}: question ${turn} — ünïcødé ✓`, status: 'done', modelId: null })
      const reply = await store.addMessage(conversation.id, { role: 'assistant', content: '', status: 'streaming', modelId: 'tiny' })
      await store.endMessage(conversation.id, reply.id, { status: 'done', content: `Answer ${turn} about ${title}.` })
    }
    made.push(structuredClone(await store.get(conversation.id)))
  }
  await store.flush()
  return made
}

function writeLedger(dataDir: string, count: number): { file: string; records: UsageRecord[] } {
  const dir = join(dataDir, 'usage')
  mkdirSync(dir, { recursive: true })
  const start = Date.now() - count * 1000
  const records = Array.from({ length: count }, (_, i) => usageRecord(start + i * 1000, { messageId: `m${i}`, outputTokens: 10 + i }))
  const file = join(dir, `usage-${new Date().toISOString().slice(0, 7)}.jsonl`)
  writeFileSync(file, records.map((record) => JSON.stringify(record) + '\n').join(''))
  return { file, records }
}

function sameConversation(a: Conversation, b: Conversation): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

async function start(dataDir: string, settings: 'real' | Record<string, unknown>): Promise<Services> {
  if (settings === 'real') {
    const ports = await createHostPorts(dataDir, '0.0.0-soak', { AURA_KEYRING: 'off', AURA_DATA_DIR: dataDir })
    return createServices({ ...ports, logger: silentLogger })
  }
  return createServices({ shell: 'host', version: '0.0.0-soak', paths: { dataDir }, settingsStore: memoryStore(settings), logger: silentLogger, env: {} })
}

const KINDS: Damage[] = ['truncated', 'flipped', 'garbage', 'empty']

export const section: SoakSection = {
  name: 'files',
  async run(ctx: SoakContext): Promise<SoakFinding[]> {
    const perKind = ctx.small ? 2 : 25
    const random = seeded(7)
    const findings: SoakFinding[] = []
    let n = 0
    const fresh = () => {
      const dir = mkdtempSync(join(ctx.workDir, `files-${n++}-`))
      return dir
    }

    // ---- settings ----
    const settingsTally = new Map<Damage, Tally>()
    const SETTINGS = { threads: 1, maxTokens: 321, temperature: 0.4, dailyBudget: 2.5, monthlyBudget: 40, confirmCostAbove: 0.05, retryWeakAnswers: false }
    for (const kind of KINDS) {
      const t = tally(`settings file: ${kind === 'truncated' ? 'truncated at a random offset' : kind === 'flipped' ? 'random bytes flipped' : kind === 'garbage' ? 'replaced by binary garbage' : 'empty (0 bytes)'}`, 'starts; not JSON any more → set aside byte-for-byte as settings.json.damaged-<time> with a notice, defaults used; conversations and usage history intact')
      settingsTally.set(kind, t)
      for (let i = 0; i < perKind; i++) {
        const dataDir = fresh()
        let services: Services | undefined
        try {
          const conversations = await writeConversations(dataDir)
          const ledger = writeLedger(dataDir, 5)
          const original = Buffer.from(JSON.stringify(SETTINGS, null, '\t'))
          const damaged = damage(original, kind, random)
          writeFileSync(join(dataDir, 'settings.json'), damaged)
          let stillJson = true
          try {
            JSON.parse(damaged.toString('utf8'))
          } catch {
            stillJson = false
          }
          services = await start(dataDir, 'real')
          const info = await call<{ notices: Notice[] }>(services, 'app.info', {})
          await call(services, 'settings.get', {})
          const problems: string[] = []
          const backups = readdirSync(dataDir).filter((name) => name.startsWith('settings.json.damaged-'))
          if (!stillJson) {
            if (backups.length !== 1) problems.push(`${backups.length} backups`)
            else if (!readFileSync(join(dataDir, backups[0]!)).equals(damaged)) problems.push('backup differs from the damaged file')
            if (!info.notices.some((notice) => notice.level === 'warning' && notice.message.includes(backups[0] ?? 'settings.json.damaged-'))) problems.push('no notice naming the backup')
          } else if (backups.length > 0) problems.push('a valid JSON file was set aside')
          for (const expected of conversations) {
            const got = await call<Conversation>(services, 'conversations.get', { id: expected.id })
            if (!sameConversation(got, expected)) problems.push(`conversation ${expected.title} changed`)
          }
          const exported = await call<{ content: string }>(services, 'usage.export', { format: 'jsonl' })
          if (exported.content.split('\n').filter(Boolean).length !== ledger.records.length) problems.push('usage records lost')
          if (problems.length) t.fail(`${kind} #${i}: ${problems.join('; ')}`)
          else t.ok()
        } catch (error) {
          t.fail(`${kind} #${i}: ${(error as Error).message}`)
        } finally {
          await services?.dispose().catch(() => {})
          rmSync(dataDir, { recursive: true, force: true })
        }
      }
    }
    findings.push(...[...settingsTally.values()].map((t) => t.finding))

    // ---- usage ledger ----
    for (const kind of [...KINDS, 'garbled-line'] as Damage[]) {
      const t = tally(
        `usage ledger file: ${kind === 'truncated' ? 'truncated at a random offset' : kind === 'flipped' ? 'random bytes flipped' : kind === 'garbage' ? 'replaced by binary garbage' : kind === 'empty' ? 'empty (0 bytes)' : 'one line in the middle garbled'}`,
        'starts; every record on a line left whole is kept; a damaged complete line → a byte-exact copy kept as .damaged-<time> and a notice; settings and conversations intact',
      )
      for (let i = 0; i < perKind; i++) {
        const dataDir = fresh()
        let services: Services | undefined
        try {
          const conversations = await writeConversations(dataDir)
          const { file, records } = writeLedger(dataDir, 12)
          const original = readFileSync(file)
          const damaged = damage(original, kind, random)
          writeFileSync(file, damaged)
          // What a careful reader finds in the damaged bytes.
          const lines = damaged.toString('utf8').split('\n')
          const tail = lines.pop() ?? ''
          const originalLines = new Map(original.toString('utf8').split('\n').filter(Boolean).map((line) => [line, (JSON.parse(line) as UsageRecord).id]))
          const whole = new Set<string>()
          let damagedComplete = 0
          for (const line of lines) {
            if (!line.trim()) continue
            const id = originalLines.get(line)
            if (id) whole.add(id)
            else if (!validRecord(line)) damagedComplete++
          }
          const tailId = originalLines.get(tail)
          if (tailId) whole.add(tailId)

          services = await start(dataDir, { threads: 1, maxTokens: 99 })
          const exported = await call<{ content: string }>(services, 'usage.export', { format: 'jsonl' })
          const info = await call<{ notices: Notice[] }>(services, 'app.info', {})
          const loaded = new Set(exported.content.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as UsageRecord).id))
          const problems: string[] = []
          const lost = [...whole].filter((id) => !loaded.has(id))
          if (lost.length) problems.push(`${lost.length} whole records lost`)
          const backups = readdirSync(join(dataDir, 'usage')).filter((name) => name.includes('.damaged-'))
          if (damagedComplete > 0) {
            if (backups.length !== 1) problems.push(`${damagedComplete} damaged lines but ${backups.length} backups`)
            else if (!readFileSync(join(dataDir, 'usage', backups[0]!)).equals(damaged)) problems.push('backup differs from the damaged file')
            if (!info.notices.some((notice) => notice.level === 'warning' && /usage history/.test(notice.message))) problems.push('no notice')
          }
          const settings = await call<{ maxTokens: number }>(services, 'settings.get', {})
          if (settings.maxTokens !== 99) problems.push('settings changed')
          for (const expected of conversations) {
            const got = await call<Conversation>(services, 'conversations.get', { id: expected.id })
            if (!sameConversation(got, expected)) problems.push(`conversation ${expected.title} changed`)
          }
          void records
          if (problems.length) t.fail(`${kind} #${i}: ${problems.join('; ')}`)
          else t.ok()
        } catch (error) {
          t.fail(`${kind} #${i}: ${(error as Error).message}`)
        } finally {
          await services?.dispose().catch(() => {})
          rmSync(dataDir, { recursive: true, force: true })
        }
      }
      findings.push(t.finding)
    }

    // ---- conversation file ----
    for (const kind of [...KINDS, 'garbled-line'] as Damage[]) {
      const t = tally(
        `conversation file: ${kind === 'truncated' ? 'truncated at a random offset' : kind === 'flipped' ? 'random bytes flipped' : kind === 'garbage' ? 'replaced by binary garbage' : kind === 'empty' ? 'empty (0 bytes)' : 'one line in the middle garbled'}`,
        'starts; every message on a line left whole is loaded (an unreadable line is skipped); a file with no readable header is skipped with a notice and left on disk byte-for-byte; the other conversation, settings and usage intact',
      )
      for (let i = 0; i < perKind; i++) {
        const dataDir = fresh()
        let services: Services | undefined
        try {
          const [victim, other] = await writeConversations(dataDir)
          const ledger = writeLedger(dataDir, 4)
          const file = join(dataDir, 'conversations', `${victim!.id}.jsonl`)
          const original = readFileSync(file)
          const damaged = damage(original, kind, random)
          writeFileSync(file, damaged)
          const originalLines = original.toString('utf8').split('\n').filter(Boolean)
          const damagedLines = new Set(damaged.toString('utf8').split('\n'))
          const headerWhole = damagedLines.has(originalLines[0]!)
          const wholeMessages = originalLines
            .slice(1)
            .filter((line) => damagedLines.has(line))
            .map((line) => (JSON.parse(line) as { message: { id: string; content: string } }).message)

          services = await start(dataDir, { threads: 1, maxTokens: 77 })
          const list = await call<ConversationSummary[]>(services, 'conversations.list', {})
          const info = await call<{ notices: Notice[] }>(services, 'app.info', {})
          const problems: string[] = []
          const listed = list.some((summary) => summary.id === victim!.id)
          if (listed) {
            const got = await call<Conversation>(services, 'conversations.get', { id: victim!.id })
            for (const message of wholeMessages) {
              const found = got.messages.find((candidate) => candidate.id === message.id)
              if (!found || found.content !== message.content) problems.push(`message ${message.id} lost or changed`)
            }
            // And the conversation goes on: it can be renamed (appended to) and read again.
            await call(services, 'conversations.rename', { id: victim!.id, title: 'Still here' })
          } else {
            // A flipped byte in the header's id: the conversation comes back under another id than its file's name.
            const strangers = list.filter((summary) => summary.id !== other!.id)
            if (strangers.length) {
              problems.push(`loaded under another id (${strangers.map((summary) => summary.id).join(', ')}) than its file name, without a notice`)
              // Is what the user does next kept? A rename, then a restart.
              const stranger = strangers[0]!.id
              const renamed = await services.dispatch('conversations.rename', { id: stranger, title: 'Renamed after the damage' })
              if (!renamed.ok) problems.push(`it cannot be changed (${renamed.error.code})`)
              else {
                await services.dispose()
                services = await start(dataDir, { threads: 1, maxTokens: 77 })
                const again = await call<ConversationSummary[]>(services, 'conversations.list', {})
                if (!again.some((summary) => summary.title === 'Renamed after the damage')) problems.push('a rename made after it was lost at the next start')
              }
            } else {
              if (headerWhole) problems.push('a file with its header whole was not loaded')
              if (!info.notices.some((notice) => notice.message.includes(file))) problems.push('skipped without a notice')
            }
            if (!readFileSync(file).equals(damaged)) problems.push('the skipped file was changed on disk')
          }
          const untouched = await call<Conversation>(services, 'conversations.get', { id: other!.id })
          if (!sameConversation(untouched, other!)) problems.push('the other conversation changed')
          const settings = await call<{ maxTokens: number }>(services, 'settings.get', {})
          if (settings.maxTokens !== 77) problems.push('settings changed')
          const exported = await call<{ content: string }>(services, 'usage.export', { format: 'jsonl' })
          if (exported.content.split('\n').filter(Boolean).length !== ledger.records.length) problems.push('usage records lost')
          if (problems.length) t.fail(`${kind} #${i}: ${problems.join('; ')}`)
          else t.ok()
        } catch (error) {
          t.fail(`${kind} #${i}: ${(error as Error).message}`)
        } finally {
          await services?.dispose().catch(() => {})
          rmSync(dataDir, { recursive: true, force: true })
        }
      }
      findings.push(t.finding)
    }
    for (const finding of findings) ctx.log(`files: ${finding.fault}: ${finding.passed}/${finding.injected}`)
    return findings
  },
}

function validRecord(line: string): boolean {
  try {
    return UsageRecordSchema.safeParse(JSON.parse(line)).success
  } catch {
    return false
  }
}
