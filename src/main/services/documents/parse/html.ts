import { Parser } from 'htmlparser2'
import type { Section } from '../contract'
import { SectionBuilder } from './headings'

/** Elements whose content is not text to read: code, styles, pictures, menus. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'canvas', 'nav', 'head'])

/** Elements that end a paragraph: their text does not run on into the next one's. */
const BLOCKS = new Set([
  'p', 'div', 'br', 'hr', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'table', 'tr', 'td', 'th', 'caption',
  'section', 'article', 'aside', 'main', 'header', 'footer', 'blockquote', 'pre', 'figure',
  'figcaption', 'address', 'details', 'summary', 'form', 'fieldset', 'body',
])

/**
 * HTML's readable text under its headings (h1–h6), with scripts, styles and menus left out, and its
 * title (<title>, else the first h1). Used for .html files and for Word files converted by mammoth.
 */
export function parseHtml(html: string): { title?: string; sections: Section[] } {
  const builder = new SectionBuilder()
  let title: string | undefined
  let firstH1: string | undefined
  let paragraph = ''
  let heading: { level: number; text: string } | undefined
  let skipping = 0
  let inTitle = false
  let titleText = ''
  let pre = 0

  const endParagraph = () => {
    const text = paragraph.trim()
    if (text) builder.text(`${text}\n`)
    paragraph = ''
  }

  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'title') inTitle = true
        if (SKIPPED.has(name)) skipping++
        if (skipping) return
        if (/^h[1-6]$/.test(name)) {
          endParagraph()
          heading = { level: Number(name[1]), text: '' }
        } else if (BLOCKS.has(name)) endParagraph()
        if (name === 'pre') pre++
      },
      ontext(text) {
        if (inTitle) titleText += text
        if (skipping) return
        if (heading) heading.text += text
        else paragraph += pre ? text : text.replace(/\s+/g, ' ')
      },
      onclosetag(name) {
        if (name === 'title') {
          inTitle = false
          title ??= titleText.replace(/\s+/g, ' ').trim() || undefined
        }
        if (SKIPPED.has(name)) {
          skipping = Math.max(0, skipping - 1)
          return
        }
        if (skipping) return
        if (heading && name === `h${heading.level}`) {
          if (heading.level === 1) firstH1 ??= heading.text.replace(/\s+/g, ' ').trim()
          builder.heading(heading.level, heading.text)
          heading = undefined
        } else if (BLOCKS.has(name)) endParagraph()
        if (name === 'pre') pre = Math.max(0, pre - 1)
      },
    },
    { decodeEntities: true },
  )
  parser.write(html)
  parser.end()
  endParagraph()
  return { title: title ?? (firstH1 || undefined), sections: builder.finish() }
}
