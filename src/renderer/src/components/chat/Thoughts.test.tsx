import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { Message } from '../../api'
import { i18n } from '../../i18n'
import { phaseWords, thoughtLabel, Thoughts, ThoughtsView } from './Thoughts'

const reply = (extra: Partial<Message>): Message =>
  ({ id: 'r1', role: 'assistant', content: 'Four.', createdAt: 0, status: 'done', modelId: null, error: null, stats: null, ...extra }) as Message

describe('thoughts', () => {
  it('folds a reply’s thoughts under “Thought for 12 s”, apart from its answer', () => {
    const html = renderToStaticMarkup(<Thoughts message={reply({ thoughts: { text: 'Two and two make four.', ms: 12_300 } })} />)
    expect(html).toMatch(/^<details[^>]*data-testid="thoughts"/)
    expect(html).not.toContain(' open')
    expect(html).toContain('<summary')
    expect(html).toContain('Thought for 12 s')
    expect(html).toContain('Two and two make four.')
    expect(renderToStaticMarkup(<Thoughts message={reply({})} />)).toBe('')
  })

  it('hides them when the user turned thoughts off', () => {
    expect(renderToStaticMarkup(<ThoughtsView text="hidden" ms={1000} thinking={false} show={false} />)).toBe('')
    expect(renderToStaticMarkup(<ThoughtsView text="Hmm" ms={3400} thinking show />)).toContain('Thinking… 3 s')
  })

  it('says what a reply is doing in the order it happens, and nothing once it writes', () => {
    expect([null, 'loading', 'reading', 'thinking', 'writing'].map((p) => phaseWords(p as never))).toEqual([
      'Starting…',
      'Loading the model…',
      'Reading your message…',
      'Thinking…',
      null,
    ])
    expect(thoughtLabel(400)).toBe('Thought for a moment')
    expect(thoughtLabel(95_000)).toBe('Thought for 1 min 35 s')
  })

  it('says it in the language on screen', async () => {
    await i18n.changeLanguage('zh-CN')
    try {
      expect(thoughtLabel(95_000)).toBe('思考了 1 分 35 秒')
      expect(phaseWords('loading')).toBe('正在加载模型…')
      expect(renderToStaticMarkup(<ThoughtsView text="Hmm" ms={3400} thinking show />)).toContain('正在思考… 3 秒')
    } finally {
      await i18n.changeLanguage('en')
    }
  })
})
