import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { Message } from '../../api'
import { citeLinks, Cited } from './Citations'

const reply = (extra: Partial<Message>): Message =>
  ({ id: 'r1', role: 'assistant', content: '', createdAt: 0, status: 'done', modelId: null, error: null, stats: null, ...extra }) as Message

const sources = [
  { n: 1, path: '/notes/billing.md', title: 'billing.md', heading: 'Billing › Events', text: 'Event sourcing keeps every billing change.' },
  { n: 2, path: '/notes/guide.pdf', title: 'guide.pdf', page: 4, text: 'Tenants share one database.' },
]

describe('citations', () => {
  it('turns [1], [2] into links to the reply’s sources, and leaves numbers it has no source for', () => {
    expect(citeLinks('Events are kept [1][2]; see also [3] and [x](y).', 2)).toBe('Events are kept [[1]](#source-1)[[2]](#source-2); see also [3] and [x](y).')
    expect(citeLinks('A list [1](#source-1) stays.', 1)).toBe('A list [1](#source-1) stays.')
    expect(citeLinks('No sources [1].', 0)).toBe('No sources [1].')
  })

  it('shows a reply’s citations as links and its sources with file and page or heading', () => {
    const html = renderToStaticMarkup(<Cited message={reply({ sources })} text="Billing keeps events [1], tenants share a database [2]." streaming={false} />)
    expect(html).toContain('href="#source-1"')
    expect(html).toContain('href="#source-2"')
    expect(html).toContain('billing.md › Billing › Events')
    expect(html).toContain('guide.pdf, page 4')
    // A Markdown file titled by its first heading is not named twice.
    const titled = renderToStaticMarkup(<Cited message={reply({ sources: [{ n: 1, path: '/n/b.md', title: 'Billing', heading: 'Billing › Events', text: 'x' }] })} text="[1]" streaming={false} />)
    expect(titled).toContain('Billing › Events')
    expect(titled).not.toContain('Billing › Billing')
    // A reply without sources is its text only.
    const plain = renderToStaticMarkup(<Cited message={reply({})} text="Just words [1]." streaming={false} />)
    expect(plain).not.toContain('#source-1')
    expect(plain).not.toContain('data-testid="sources"')
  })
})
