import { describe, expect, it } from 'vitest'
import type { CloudModel, InstalledModel, Message } from '../api'
import { i18n } from '../i18n'
import { chatTokens, contextUse, contextWindow, fileTooLong } from './contextUse'
import { autoChatModel, cloudChatModel, localChatModel } from './useModel'

const local = (id: string, contextLength: number | null) => ({ id, name: id, problem: null, contextLength }) as unknown as InstalledModel
const cloud = (contextWindow: number | null) => ({ id: 'openai:gpt-x', name: 'GPT-X', contextWindow }) as unknown as CloudModel
const message = (role: Message['role'], content: string, extra: Partial<Message> = {}): Message =>
  ({ id: content, role, content, createdAt: 0, status: 'done', modelId: null, error: null, stats: null, ...extra }) as Message

describe('context gauge', () => {
  it('a local model’s window is the context size in Settings, never more than the model was trained on', () => {
    expect(contextWindow(localChatModel(local('tiny', 2048)), 4096, [])).toEqual({ tokens: 2048, auto: false })
    expect(contextWindow(localChatModel(local('big', 32768)), 4096, [])).toEqual({ tokens: 4096, auto: false })
    expect(contextWindow(cloudChatModel(cloud(400_000)), 4096, [])).toEqual({ tokens: 400_000, auto: false })
    expect(contextWindow(cloudChatModel(cloud(null)), 4096, [])).toBeNull()
    // Auto: the largest local model it may move a long chat to.
    expect(contextWindow(autoChatModel(false), 8192, [local('a', 2048), local('b', 32768)])).toEqual({ tokens: 8192, auto: true })
    expect(contextWindow(autoChatModel(false), 8192, [])).toBeNull()
  })

  it('counts the answers, the user’s files and the draft, never a reply’s thoughts or a failed reply', () => {
    const file = { name: 'a.txt', size: 400, text: 'x'.repeat(400) }
    const messages = [
      message('user', 'y'.repeat(40), { attachments: [file] }),
      message('assistant', 'z'.repeat(80), { thoughts: { text: 't'.repeat(4000), ms: 10 } }),
      message('assistant', 'failed', { status: 'error' }),
    ]
    const user = Math.ceil((40 + '\n\nAttached file: a.txt\n```\n'.length + 400 + '\n```'.length) / 4) + 4
    expect(chatTokens(messages, '', [])).toBe(user + 20 + 4)
    expect(chatTokens(messages, 'w'.repeat(8), [])).toBe(user + 24 + 2 + 4)
    // The chat's instructions are read before every message.
    expect(chatTokens(messages, '', [], ` ${'i'.repeat(40)} `)).toBe(user + 20 + 4 + 10 + 4)
  })

  it('says the share in plain words, with the numbers in its tooltip, and what happens past the window', () => {
    const use = contextUse(1640, { tokens: 4096, auto: false })
    expect(use.percent).toBe(40)
    expect(use.words).toBe('Uses about 40% of what this model can read at once')
    expect(use.detail).toContain('About 1,640 of 4,096 tokens')
    expect(contextUse(3, { tokens: 400_000, auto: false }).words).toBe('Uses less than 1% of what this model can read at once')
    expect(contextUse(5000, { tokens: 4096, auto: false }).words).toBe('Longer than this model can read at once: the oldest messages will be left out')
    expect(contextUse(100, { tokens: 4096, auto: true }).words).toContain('Auto’s largest local model')
  })

  it('refuses a file longer than the model can read, saying both sizes', () => {
    const window = { tokens: 4096, auto: false }
    expect(fileTooLong({ name: 'small.md', size: 4000, text: 'a'.repeat(4000) }, window, 'Tiny')).toBeNull()
    expect(fileTooLong({ name: 'big.csv', size: 80_000, text: 'a'.repeat(80_000) }, window, 'Tiny')).toBe(
      '“big.csv” is too long for Tiny: about 20,009 tokens, and it can read about 4,096 at once. Attach a shorter file or a part of it, or pick a model with a larger window.',
    )
    expect(fileTooLong({ name: 'big.csv', size: 80_000, text: 'a'.repeat(80_000) }, null, 'GPT')).toBeNull()
  })

  it('says it in the language on screen, with its numbers written that way', async () => {
    await i18n.changeLanguage('es')
    try {
      const use = contextUse(1640, { tokens: 4096, auto: false })
      expect(use.words).toMatch(/^Usa cerca del 40\s% de lo que este modelo puede leer de una vez$/)
      expect(use.detail).toContain('Unos 1640 de 4096 tokens')
      expect(fileTooLong({ name: 'big.csv', size: 80_000, text: 'a'.repeat(80_000) }, { tokens: 4096, auto: true }, 'Tiny')).toContain('«big.csv» es demasiado largo para los modelos locales')
    } finally {
      await i18n.changeLanguage('en')
    }
  })
})
