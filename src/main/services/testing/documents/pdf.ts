/**
 * A small PDF writer for tests: pages of paragraphs in Helvetica, real enough for pdf.js to read
 * (xref table, page tree, content streams), plus the files a reader must refuse: a scanned page (a
 * picture, no text) and a password-protected file.
 */

export interface PdfOptions {
  /** Each page's paragraphs (ASCII). */
  pages: string[][]
  /** The document's Title in its information dictionary. */
  title?: string
  /** Pages are pictures with no text, as a scanner makes them. */
  scanned?: boolean
  /** Locked with a user password (the standard security handler; the password is not the empty one). */
  password?: boolean
}

const FONT_SIZE = 11
const LEADING = 14
const WRAP = 90

export function makePdf(options: PdfOptions): Buffer {
  const objects: string[] = []
  const add = (body: string): number => objects.push(body)

  const catalog = add('') // filled in below, once the page tree's number is known
  const pageTree = add('')
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>')
  const image = options.scanned ? add(stream('<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8', '\x00\xff\xff\x00')) : 0
  const pageNumbers: number[] = []
  for (const paragraphs of options.pages) {
    const content = add(stream('<<', options.scanned ? 'q 500 0 0 700 50 50 cm /Im1 Do Q' : pageText(paragraphs)))
    const resources = options.scanned ? `<< /XObject << /Im1 ${image} 0 R >> >>` : `<< /Font << /F1 ${font} 0 R >> >>`
    pageNumbers.push(add(`<< /Type /Page /Parent ${pageTree} 0 R /MediaBox [0 0 612 792] /Resources ${resources} /Contents ${content} 0 R >>`))
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pageTree} 0 R >>`
  objects[pageTree - 1] = `<< /Type /Pages /Kids [${pageNumbers.map((n) => `${n} 0 R`).join(' ')}] /Count ${pageNumbers.length} >>`
  const info = add(`<< /Title (${escape(options.title ?? '')}) /Producer (Aura tests) >>`)
  const encrypt = options.password
    ? add(`<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <${'4a'.repeat(32)}> /U <${'7b'.repeat(32)}> >>`)
    : 0

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'
  const offsets: number[] = []
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(out, 'latin1'))
    out += `${index + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = Buffer.byteLength(out, 'latin1')
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  out += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  const id = `<${'0123456789abcdef'.repeat(2)}>`
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R /ID [${id} ${id}]${encrypt ? ` /Encrypt ${encrypt} 0 R` : ''} >>\n`
  out += `startxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

function stream(dictionaryStart: string, data: string): string {
  return `${dictionaryStart} /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`
}

/** Paragraphs as wrapped lines from the top of the page, a blank line between paragraphs. */
function pageText(paragraphs: string[]): string {
  const lines: string[] = []
  for (const paragraph of paragraphs) {
    lines.push(...wrap(paragraph), '')
  }
  let y = 740
  const ops = [`BT /F1 ${FONT_SIZE} Tf`]
  for (const line of lines) {
    if (line) ops.push(`1 0 0 1 72 ${y} Tm (${escape(line)}) Tj`)
    y -= LEADING
  }
  ops.push('ET')
  return ops.join('\n')
}

function wrap(paragraph: string): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of paragraph.split(/\s+/)) {
    if (line && line.length + 1 + word.length > WRAP) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}

function escape(text: string): string {
  return text.replace(/[\\()]/g, (char) => `\\${char}`)
}
