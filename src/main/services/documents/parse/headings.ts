import type { Section } from '../contract'

/** Joins a heading trail the way a citation shows it: "Install › On Windows". */
export const HEADING_SEPARATOR = ' › '

/**
 * Collects text under headings into sections, each carrying the trail of headings above it, for the
 * parsers whose documents have headings (Markdown, HTML, Word). Text before the first heading has none.
 */
export class SectionBuilder {
  private readonly trail: string[] = []
  private readonly sections: Section[] = []
  private lines: string[] = []

  /** A heading of `level` (1 = top) starts a new section; deeper headings under it are dropped from the trail. */
  heading(level: number, text: string): void {
    const title = text.replace(/\s+/g, ' ').trim()
    if (!title) return
    this.flush()
    this.trail.length = Math.min(this.trail.length, level - 1)
    while (this.trail.length < level - 1) this.trail.push('')
    this.trail.push(title)
    // The heading's own words are searchable too: "On Windows" should find the section under it.
    this.lines.push(title)
  }

  text(line: string): void {
    this.lines.push(line)
  }

  /** The sections in reading order; sections with no words are left out. */
  finish(): Section[] {
    this.flush()
    return this.sections
  }

  private flush(): void {
    const text = this.lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()
    this.lines = []
    if (!text) return
    const heading = this.trail.filter(Boolean).join(HEADING_SEPARATOR)
    this.sections.push(heading ? { text, heading } : { text })
  }
}
