import ReactMarkdown from 'react-markdown'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { Markdown, markdownOptions, TreeMarkdown } from './Markdown'
import { isPlainParagraph, splitBlocks } from './markdownBlocks'
import { parseToTree } from './markdownTree'

const samples = [
  'Just one plain paragraph, with commas; colons: and (brackets) - "quotes" and it\'s fine!',
  'First paragraph.\n\nSecond *paragraph* with `code`.\n\n\nThird after two blank lines.',
  '# Title\n\nSome text\n\n## Sub\n\n- one\n- two\n\n1. first\n2. second\n\n3. third (loose)\n\nAfter the list.',
  '- item\n\n  continued paragraph of the item\n\n- next item\n\n      indented code in item\n\nOut of the list.',
  'Code:\n\n```ts\nconst a = 1\n\nconst b = 2\n```\n\nAfter the code.\n\n~~~~\nwith ``` inside\n\n~~~\n~~~~\n\nEnd.',
  '```js\nunclosed fence\n\nstill code\n\n# not a heading',
  'Para\n\n    indented code\n\n    more code\n\nBack.',
  '> quote one\n\n> quote two\n>\n> same quote\n\nnot a quote',
  '| a | b |\n| --- | --- |\n| 1 | 2 |\n\nText\n\n---\n\nTitle\n=====\n\n***',
  'See [the docs][docs].\n\nMore text.\n\n[docs]: https://example.com',
  'A note[^1].\n\nMore.\n\n[^1]: The footnote.',
  'Before\n\n<!-- a comment\n\nstill comment -->\n\nAfter',
  '1. only a list item',
  '- a dash item',
  '2023 was a year. 1.5 liters of water.',
  'Visit www.example.com for more.',
  '* star list\n\n* second\n\nplain',
  '```\na\n```\n```\nb\n```\n\nc',
  'line one\nline two  \nline three\n\n+ plus list\n\n10) ordered paren\n\nend',
  'Some <b>html</b> and [a link](javascript:alert(1)) and ![an image](https://example.com/x.png) and <https://example.com>.',
]

/** Whitespace between block elements does not render; react-markdown puts a newline there. */
const normal = (html: string) => html.replace(/>\n+</g, '><')
const whole = (text: string) => normal(`<div class="markdown ">${renderToStaticMarkup(<ReactMarkdown {...markdownOptions}>{text}</ReactMarkdown>)}</div>`)
const blocks = (text: string) => normal(renderToStaticMarkup(<Markdown text={text} />))

describe('Markdown in blocks', () => {
  it('renders every sample, and every prefix of it (a reply being written), as the whole text does', () => {
    for (const sample of samples) {
      for (let end = 1; end <= sample.length; end += end < sample.length - 7 ? 7 : 1) {
        const text = sample.slice(0, end)
        expect(blocks(text), JSON.stringify(text)).toBe(whole(text))
      }
    }
  })

  it('renders a tree parsed elsewhere (the worker, its answer copied across) as react-markdown renders the text', () => {
    for (const sample of samples) {
      const tree = structuredClone(parseToTree(sample, true))
      expect(normal(`<div class="markdown ">${renderToStaticMarkup(<TreeMarkdown tree={tree} />)}</div>`), sample).toBe(whole(sample))
    }
  })

  it('cuts at blank lines between top-level blocks only', () => {
    expect(splitBlocks('a\n\nb\n\n\nc')).toEqual(['a', 'b', 'c'])
    expect(splitBlocks('```\nx\n\ny\n```\n\nz')).toEqual(['```\nx\n\ny\n```', 'z'])
    expect(splitBlocks('- a\n\n- b\n\n  more\n\nout')).toEqual(['- a\n\n- b\n\n  more', 'out'])
    expect(splitBlocks('a\n\n[x]: /y')).toEqual(['a\n\n[x]: /y'])
    // The block being written keeps its unfinished last line.
    expect(splitBlocks('a\n\nb is still go')).toEqual(['a', 'b is still go'])
  })

  it('renders plain prose without the parser only when Markdown would give the same paragraph', () => {
    expect(isPlainParagraph('Once upon a time, a cat (a small one) said: "hello!"')).toBe(true)
    for (const text of ['- a', '1. a', '2) a', '    code', 'a *b*', 'a `b`', 'see www.x.org', 'a\nb', '# h', 'a_b', 'a & b', '<b>']) {
      expect(isPlainParagraph(text), text).toBe(false)
    }
  })

  it('while streaming, the block being written is not highlighted yet; the rest is', () => {
    const text = '```js\nconst a = 1\n```\n\n```js\nconst b = 2'
    const html = renderToStaticMarkup(<Markdown text={text} streaming />)
    expect(html.match(/hljs-keyword/g)).toHaveLength(1)
    expect(html).toContain('is-streaming')
  })
})
