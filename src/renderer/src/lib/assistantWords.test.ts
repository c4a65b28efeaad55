import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from '../i18n'
import { assistantWords } from './assistantWords'

const writing = { id: 'builtin-writing', name: 'Writing helper', description: 'Drafts, edits and tightens your writing' }

describe('assistantWords', () => {
  afterEach(() => void i18n.changeLanguage('en'))

  it('names Aura’s own assistants in the language on screen, and the user’s own as typed', async () => {
    expect(assistantWords(writing)).toEqual({ name: 'Writing helper', description: 'Drafts, edits and tightens your writing' })
    await i18n.changeLanguage('es')
    expect(assistantWords(writing).name).toBe('Ayudante de escritura')
    await i18n.changeLanguage('zh-CN')
    expect(assistantWords(writing).name).toBe('写作助手')
    const mine = { id: 'a1', name: 'Writing helper', description: 'mine' }
    expect(assistantWords(mine)).toEqual({ name: 'Writing helper', description: 'mine' })
    // A built-in added later in the main process, with no words here yet: its own name.
    expect(assistantWords({ id: 'builtin-new', name: 'New one', description: 'd' }).name).toBe('New one')
    // A chat's record of its assistant (id and name, as it was then).
    expect(assistantWords({ id: 'builtin-translator', name: 'Translator' }).name).toBe('翻译')
  })
})
