/**
 * A reply's Markdown, cut into its top-level blocks so that each block is parsed once and
 * memoised: while a reply streams in, only its last block is parsed again per update (not the
 * whole reply), and a long conversation parses only the messages on screen.
 *
 * The cuts are made only where CommonMark itself ends every open block, so the blocks render
 * exactly as the whole text would: at a blank line outside a fenced code block, before a line that
 * neither is indented (a list item's continuation, indented code) nor starts a list item (a loose
 * list stays one list). Text with link or footnote definitions (which reach across blocks) or HTML
 * comments (which may span blank lines) is not cut at all.
 */

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/
/** A line that may still belong to the block before the blank line. */
const CONTINUES = /^(?:[ \t]|[-+*][ \t]|[-+*]$|\d{1,9}[.)](?:[ \t]|$))/
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m

export function splitBlocks(text: string): string[] {
  if (DEFINITION.test(text) || text.includes('<!--')) return [text]
  const lines = text.split('\n')
  const blocks: string[] = []
  let start = 0
  /** The last line of the current block that is not blank. */
  let end = -1
  let fence: string | null = null
  let afterBlank = false
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (fence !== null) {
      const close = FENCE_CLOSE.exec(line)
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) fence = null
      end = i
      afterBlank = false
      continue
    }
    if (line.trim() === '') {
      afterBlank = end >= start
      continue
    }
    if (afterBlank && !CONTINUES.test(line)) {
      blocks.push(lines.slice(start, end + 1).join('\n'))
      start = i
    }
    afterBlank = false
    end = i
    const open = FENCE_OPEN.exec(line)
    // A backtick fence's info string cannot hold a backtick (else it is inline code).
    if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) fence = open[1]!
  }
  blocks.push(lines.slice(start).join('\n'))
  return blocks
}

/** Only characters that start no Markdown construct (no newline: a line start could be one). */
const PLAIN = /^[\p{L}\p{M}\p{N} ,.;:'"?!()-]*$/u
/** …and, at the start of a paragraph, no list item, thematic break or indented code. */
const BLOCK_START = /^(?:\s|-|\d{1,9}[.)](?:\s|$))/
const LINK_LITERAL = /www\./i

/**
 * The block is a paragraph of plain words, which Markdown would render as `<p>{text}</p>`: it
 * needs no parser at all (a long reply of plain prose streams without re-parsing it per update).
 */
export function isPlainParagraph(text: string): boolean {
  return PLAIN.test(text) && !BLOCK_START.test(text) && !LINK_LITERAL.test(text)
}
