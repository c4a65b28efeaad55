import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LlamaChatResponseChunk } from 'node-llama-cpp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReplyPhase } from '../../../shared/api'
import { importNodeLlamaCpp } from '../models/modelInfo'
import { writeTinyLlama } from '../testing/tinyLlama'
import { ReplyPhases, segmentPiece } from './replyPhases'

/**
 * A local model's thoughts, at the engine's boundary with node-llama-cpp. The generated test models
 * have random weights and never open a thought by themselves, so the reply continues a thought left
 * open in the history (as node-llama-cpp allows): real llama.cpp, a real chat wrapper with thought
 * segments (Qwen's `<think>`), and the same chunk handling as LlamaEngine.generate.
 */
describe('local thought segments', () => {
  let dir: string
  let dispose: () => Promise<void>
  let generate: (onChunk: (chunk: LlamaChatResponseChunk) => void, onText: (text: string) => void) => Promise<void>

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aura-thoughts-'))
    const file = join(dir, 'tiny.gguf')
    await writeTinyLlama(file, { seed: 5, eosBias: -8 })
    const nlc = await importNodeLlamaCpp()
    const llama = await nlc.getLlama({ build: 'never', gpu: false })
    const model = await llama.loadModel({ modelPath: file })
    const context = await model.createContext({ contextSize: 512, threads: 1 })
    const chat = new nlc.LlamaChat({ contextSequence: context.getSequence(), chatWrapper: new nlc.QwenChatWrapper() })
    generate = async (onChunk, onText) => {
      await chat.generateResponse(
        [
          { type: 'user', text: 'What is two and two?' },
          { type: 'model', response: [{ type: 'segment', segmentType: 'thought', text: 'Two and two', ended: false }] },
        ],
        { maxTokens: 12, temperature: 0, onResponseChunk: onChunk, onTextChunk: onText },
      )
    }
    dispose = async () => {
      await context.dispose()
      await model.dispose()
    }
  })
  afterAll(async () => {
    await dispose()
    await rm(dir, { recursive: true, force: true })
  })

  it('sends a thought segment to onThought and says "thinking", never into the answer', async () => {
    const phases: ReplyPhase[] = []
    let thoughts = ''
    let text = ''
    const reply = new ReplyPhases({ onThought: (piece) => (thoughts += piece), onPhase: (phase) => phases.push(phase) }, () => {})
    reply.enter('reading')
    await generate(
      (chunk) => {
        const segment = segmentPiece(chunk)
        if (segment) reply.piece(segment)
      },
      (piece) => {
        text += piece
        reply.piece({ kind: 'text', text: piece })
      },
    )
    expect(thoughts.length).toBeGreaterThan(0)
    expect(phases.slice(0, 2)).toEqual(['reading', 'thinking'])
    // Whatever the random model wrote after closing its thought (if it did) is the answer, apart.
    expect(text).not.toContain(thoughts)
  })

  it('tells each phase once, and a listener that throws does not stop the reply', () => {
    const seen: string[] = []
    const warnings: string[] = []
    const reply = new ReplyPhases(
      {
        onPhase: (phase) => seen.push(phase),
        onThought: () => {
          throw new Error('listener broke')
        },
      },
      (message) => warnings.push(message),
    )
    reply.enter('loading')
    reply.enter('reading')
    reply.piece({ kind: 'thought', text: '' })
    reply.piece({ kind: 'thought', text: 'hm' })
    reply.piece({ kind: 'thought', text: 'hm' })
    reply.piece({ kind: 'other', text: 'a comment' })
    reply.piece({ kind: 'text', text: 'Four.' })
    reply.piece({ kind: 'text', text: ' Yes.' })
    expect(seen).toEqual(['loading', 'reading', 'thinking', 'writing'])
    expect(warnings).toHaveLength(2)
  })
})
