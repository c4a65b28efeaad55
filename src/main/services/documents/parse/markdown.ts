import type { Section } from '../contract'
import { SectionBuilder } from './headings'

/** Markdown's sections under their headings, and its title (the first top heading or front matter's `title:`). */
export function parseMarkdown(source: string): { title?: string; sections: Section[] } {
  const builder = new SectionBuilder()
  let title: string | undefined
  let lines = source.replace(/\r\n?/g, '\n').split('\n')

  // YAML front matter is metadata, not text (and its closing "---" would read as a heading underline).
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line))
    if (end > 0) {
      const match = lines.slice(1, end).join('\n').match(/^title:\s*["']?(.+?)["']?\s*$/m)
      title = match?.[1]
      lines = lines.slice(end + 1)
    }
  }

  let fence: string | undefined
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? ''
    // Inside a fenced code block nothing is a heading ("# comment" in a shell script).
    const fenceMark = line.match(/^ {0,3}(`{3,}|~{3,})/)?.[1]
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && line.trim() === fenceMark) fence = undefined
      builder.text(line)
      continue
    }
    if (fenceMark) {
      fence = fenceMark
      builder.text(line)
      continue
    }
    const atx = line.match(/^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/)
    if (atx) {
      const [, marks = '', text = ''] = atx
      if (marks.length === 1) title ??= text
      builder.heading(marks.length, text)
      continue
    }
    // Setext: a line of text underlined with === (level 1) or --- (level 2).
    const underline = lines[index + 1]?.match(/^ {0,3}(=+|-+)[ \t]*$/)?.[1]
    if (underline && line.trim() && !/^ {0,3}([-*+]\s|>|\d+[.)]\s)/.test(line) && !lines[index - 1]?.trim()) {
      const level = underline.startsWith('=') ? 1 : 2
      if (level === 1) title ??= line.trim()
      builder.heading(level, line)
      index++
      continue
    }
    builder.text(line)
  }
  return { title: title?.trim() || undefined, sections: builder.finish() }
}
