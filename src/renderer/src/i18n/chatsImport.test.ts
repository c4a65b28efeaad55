import { describe, expect, it } from 'vitest'
import { AURA_CHATS_FORMAT, ChatsFileError, parseChatsFile } from '../../../shared/chatTransfer'
import { i18n } from './index'

/** The import's problems come back as codes from the shared parser; the page words them (area `chats`). */
describe('the chat import’s words', () => {
  const problem = (text: string) => {
    try {
      parseChatsFile(text)
    } catch (error) {
      if (error instanceof ChatsFileError) return error.problem
    }
    throw new Error('no ChatsFileError')
  }

  it('says a file that is not a chats export in Spanish and Chinese', () => {
    expect(problem('not json {')).toBe('notJson')
    expect(problem('{"hello": 1}')).toBe('notChats')
    expect(i18n.t(`chats.${problem('not json {')}`, { lng: 'es' })).toBe(
      'Este archivo no es JSON, así que no es ni una exportación de Aura ni el conversations.json de ChatGPT. No se importó nada.',
    )
    expect(i18n.t(`chats.${problem('[1, 2]')}`, { lng: 'zh-CN' })).toMatch(/^这个文件是 JSON，但不是 Aura 认识的聊天导出文件/)
    expect(i18n.t(`chats.${problem('[1, 2]')}`, { lng: 'en' })).toBe(new ChatsFileError('notChats').message)
  })

  it('says why a chat was left out, with its limit', () => {
    const long = 'x'.repeat(200_000)
    const file = JSON.stringify({
      format: AURA_CHATS_FORMAT,
      conversations: [
        { title: 'Empty', messages: [] },
        { title: 'Long', messages: [1, 2, 3].map((createdAt) => ({ role: 'user', content: long, createdAt })) },
      ],
    })
    const { skipped } = parseChatsFile(file)
    expect(skipped).toEqual([
      { title: 'Empty', why: 'empty' },
      { title: 'Long', why: 'tooLong', limit: 500_000 },
    ])
    expect(i18n.t('chats.skipEmpty', { lng: 'es' })).toBe('no tiene mensajes con texto')
    expect(i18n.t('chats.skipTooLong', { lng: 'en', limit: '500,000' })).toBe('too long to import (over 500,000 characters)')
  })
})
