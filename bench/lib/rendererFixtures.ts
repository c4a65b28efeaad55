/**
 * A long conversation as the conversation store writes it (`compact`: a meta line, then one
 * `{t:'msg', message}` line per message), with realistic mixed lengths: short questions, replies of
 * one line to several paragraphs, lists, tables and fenced code.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Message } from '../../src/shared/api'
import { rng as seeded } from '../../src/main/services/testing/tinyLlama'

const WORDS = (
  'the model runs on your computer and answers in a few seconds while the cloud can be faster for long ' +
  'questions about code data privacy cost memory threads context tokens budget a small story about a cat ' +
  'who found a blue ball in the park and wanted to share it with every friend she met that morning ' +
  'you can change this later in settings if the reply is too short or too long try another prompt'
).split(' ')


function sentence(rand: () => number, min = 6, max = 22): string {
  const n = min + Math.floor(rand() * (max - min))
  const words = Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]!)
  words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1)
  if (rand() < 0.15) words[Math.floor(rand() * n)] = `**${WORDS[Math.floor(rand() * WORDS.length)]}**`
  if (rand() < 0.1) words[Math.floor(rand() * n)] = `\`${WORDS[Math.floor(rand() * WORDS.length)]}()\``
  return words.join(' ') + (rand() < 0.2 ? '?' : '.')
}

const paragraph = (rand: () => number) => Array.from({ length: 1 + Math.floor(rand() * 4) }, () => sentence(rand)).join(' ')

const CODE = [
  '```ts\nexport function add(a: number, b: number): number {\n  return a + b\n}\n\nconsole.log(add(2, 3))\n```',
  '```python\nimport json\n\ndef load(path):\n    with open(path) as f:\n        return json.load(f)\n\nprint(load("data.json"))\n```',
  '```bash\nnpm install\nnpm run build\nnode bin/aura.js serve --port 0\n```',
]

function reply(rand: () => number): string {
  const kind = rand()
  if (kind < 0.25) return sentence(rand)
  const parts = [paragraph(rand)]
  if (kind < 0.55) parts.push(paragraph(rand))
  else if (kind < 0.7) parts.push(Array.from({ length: 2 + Math.floor(rand() * 4) }, () => `- ${sentence(rand, 3, 10)}`).join('\n'))
  else if (kind < 0.85) parts.push(CODE[Math.floor(rand() * CODE.length)]!, paragraph(rand))
  else if (kind < 0.92) parts.push('## Summary', Array.from({ length: 3 }, (_, i) => `${i + 1}. ${sentence(rand, 3, 9)}`).join('\n'))
  else parts.push('| Model | Speed | Cost |\n| --- | --- | --- |\n| local | 40 tokens/s | free |\n| cloud | 90 tokens/s | $0.002 |')
  return parts.join('\n\n')
}

export interface WrittenConversation {
  id: string
  title: string
  /** The last message (a reply): once it is painted, the conversation is open. */
  lastId: string
}

/** Writes `<dataDir>/conversations/<id>.jsonl` with `count` messages (user and reply in turn; `count` is made even). */
export function writeConversation(dataDir: string, options: { id: string; title: string; count: number; seed: number; updatedAt: number }): WrittenConversation {
  // Seeded: the same conversation every run.
  const rand = seeded(options.seed)
  const start = options.updatedAt - (options.count + 2) * 60_000
  const messages: Message[] = []
  const count = options.count + (options.count % 2)
  for (let i = 0; i < count; i++) {
    const user = i % 2 === 0
    const createdAt = start + i * 60_000
    messages.push({
      id: `${options.id}-m${i}`,
      role: user ? 'user' : 'assistant',
      content: user ? (rand() < 0.7 ? sentence(rand, 4, 16) : paragraph(rand)) : reply(rand),
      createdAt,
      status: 'done',
      modelId: user ? null : 'aura-tiny',
      error: null,
      stats: user ? null : { tokens: 120, inputTokens: 400, timeToFirstTokenMs: 180, tokensPerSecond: 42, costUsd: 0 },
    })
  }
  const dir = join(dataDir, 'conversations')
  mkdirSync(dir, { recursive: true })
  const meta = { t: 'meta', id: options.id, title: options.title, createdAt: start, updatedAt: options.updatedAt, modelId: null }
  const lines = [meta, ...messages.map((message) => ({ t: 'msg', message }))]
  writeFileSync(join(dir, `${options.id}.jsonl`), lines.map((line) => JSON.stringify(line)).join('\n') + '\n')
  return { id: options.id, title: options.title, lastId: messages.at(-1)!.id }
}
