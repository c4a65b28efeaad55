import { mkdtemp, open, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuraError } from '../../../../shared/api/errors'
import { makeDocx, makeLockedDocx } from '../../testing/documents/docx'
import { makePdf } from '../../testing/documents/pdf'
import { MAX_DOCUMENT_BYTES, parseDocument } from './index'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-parse-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function file(name: string, data: string | Buffer): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, data)
  return path
}

/** The AuraError parseDocument threw for `path`. */
async function refusal(path: string, options?: Parameters<typeof parseDocument>[2]): Promise<AuraError> {
  const error = await parseDocument(path, undefined, options).then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(AuraError)
  return error as AuraError
}

describe('parseDocument', () => {
  it('reads a PDF page by page, with its title and paragraphs', async () => {
    const path = await file('guide.pdf', makePdf({ title: 'Pond Guide', pages: [['Frogs sing in March.', 'Newts hide under stones.'], [], ['Herons visit at dawn.']] }))
    const doc = await parseDocument(path)
    expect(doc).toMatchObject({ path, title: 'Pond Guide', kind: 'pdf' })
    // The empty page 2 gives no section; page 3 keeps its number.
    expect(doc.sections).toEqual([
      { page: 1, text: 'Frogs sing in March.\n\nNewts hide under stones.' },
      { page: 3, text: 'Herons visit at dawn.' },
    ])
  })

  it('reads a Word file under its headings', async () => {
    const path = await file('kites.docx', await makeDocx([
      { text: 'Before any heading.' },
      { heading: 1, text: 'Kites' },
      { text: 'Kites fly in wind & sun.' },
      { heading: 2, text: 'Tails' },
      { text: 'Long tails steady a kite.' },
      { heading: 3, text: 'Ribbons' },
      { text: 'Ribbons are light.' },
      { heading: 2, text: 'Lines' },
      { text: 'Lines are nylon.' },
    ]))
    const doc = await parseDocument(path)
    expect(doc).toMatchObject({ title: 'Kites', kind: 'docx' })
    expect(doc.sections.map(({ heading, text }) => [heading, text])).toEqual([
      [undefined, 'Before any heading.'],
      ['Kites', 'Kites\nKites fly in wind & sun.'],
      ['Kites › Tails', 'Tails\nLong tails steady a kite.'],
      ['Kites › Tails › Ribbons', 'Ribbons\nRibbons are light.'],
      ['Kites › Lines', 'Lines\nLines are nylon.'],
    ])
  })

  it('reads Markdown under heading trails, ignoring "#" in code and front matter', async () => {
    const path = await file('install.md', [
      '---', 'title: Setup notes', 'tags: [a]', '---', 'Intro.', '',
      '# Install', '', 'Download it.', '',
      '## On Windows', '', 'Run the installer.', '', '```sh', '# a comment, not a heading', '```', '',
      'On macOS', '--------', '', 'Drag it to Applications.', '',
      '# Use ##', '', 'Open it.',
    ].join('\r\n'))
    const doc = await parseDocument(path)
    expect(doc).toMatchObject({ title: 'Setup notes', kind: 'markdown' })
    expect(doc.sections.map((section) => section.heading)).toEqual([undefined, 'Install', 'Install › On Windows', 'Install › On macOS', 'Use'])
    expect(doc.sections[2]?.text).toContain('# a comment, not a heading')
  })

  it('reads HTML text under its headings, without scripts, styles or menus', async () => {
    const path = await file('owls.html', `<html><head><title> Owls &amp; Night </title><style>p { color: red }</style>
      <script>var secret = 1</script></head><body><nav>Home | About</nav><h1>Owls</h1><p>Owls   hunt
      at <b>night</b>.</p><h2>Eyes</h2><ul><li>Big</li><li>Round</li></ul><script>track()</script><h4>Colour</h4><p>Yellow.</p></body></html>`)
    const doc = await parseDocument(path)
    expect(doc).toMatchObject({ title: 'Owls & Night', kind: 'html' })
    expect(doc.sections).toEqual([
      { heading: 'Owls', text: 'Owls\nOwls hunt at night.' },
      { heading: 'Owls › Eyes', text: 'Eyes\nBig\n\nRound' },
      // A skipped level (h2 → h4) leaves no empty step in the trail.
      { heading: 'Owls › Eyes › Colour', text: 'Colour\nYellow.' },
    ])
    expect(JSON.stringify(doc)).not.toMatch(/secret|track|color: red|Home/)
  })

  it('reads text and code whole, naming the code’s language', async () => {
    const text = await parseDocument(await file('notes.txt', '\uFEFFFirst line.\r\n\r\nSecond.'))
    expect(text).toMatchObject({ kind: 'text', title: 'notes.txt', sections: [{ text: 'First line.\n\nSecond.' }] })
    expect(text).not.toHaveProperty('language')
    const code = await parseDocument(await file('fees.py', 'def fee():\n    return 3\n'))
    expect(code).toMatchObject({ kind: 'code', language: 'Python', sections: [{ text: 'def fee():\n    return 3' }] })
    expect(await parseDocument(await file('Dockerfile', 'FROM node'))).toMatchObject({ kind: 'code', language: 'Dockerfile' })
  })
})

describe('files parseDocument refuses, in plain words', () => {
  it('a scanned PDF', async () => {
    const error = await refusal(await file('scan.pdf', makePdf({ scanned: true, pages: [[], []] })))
    expect(error.code).toBe('invalid_input')
    expect(error.data).toMatchObject({ reason: 'no_text' })
    expect(error.message).toMatch(/^“scan\.pdf” has no text Aura can read — it looks scanned/)
    expect(error.message).toMatch(/text recognition \(OCR\)/)
  })

  it('a password-protected PDF and Word file', async () => {
    const pdf = await refusal(await file('locked.pdf', makePdf({ password: true, pages: [['Secret.']] })))
    expect(pdf.data).toMatchObject({ reason: 'password' })
    expect(pdf.message).toBe('“locked.pdf” is protected by a password, so Aura can\'t read it. Save a copy without the password and add that.')
    const docx = await refusal(await file('locked.docx', makeLockedDocx()))
    expect(docx.data).toMatchObject({ reason: 'password' })
  })

  it('damaged files: not a PDF, a cut-off PDF, not a Word file, binary "text"', async () => {
    const whole = makePdf({ pages: [['Words.']] })
    for (const [name, data] of [
      ['words.pdf', 'just some words, not a PDF'],
      ['cut.pdf', whole.subarray(0, 120)],
      ['report.docx', 'PK but not a zip at all'],
      ['binary.txt', Buffer.from([0x41, 0x00, 0x42])],
    ] as const) {
      const error = await refusal(await file(name, data))
      expect(error.data, name).toMatchObject({ reason: 'damaged' })
      expect(error.message).toContain(`“${name}” looks damaged or isn't really the kind of file its name says`)
    }
  })

  it('a type Aura does not read, and a missing file', async () => {
    const unknown = await refusal(await file('photo.heic', 'x'))
    expect(unknown.data).toMatchObject({ reason: 'unknown_type' })
    expect(unknown.message).toMatch(/^Aura can't read “photo\.heic”: it reads PDF, Word \(\.docx\), Markdown, HTML, text and code files/)
    const missing = await refusal(join(dir, 'gone.md'))
    expect(missing).toMatchObject({ code: 'not_found', data: { reason: 'missing' } })
  })

  it('a 2 GiB file, by its size, before reading any of it', async () => {
    // A sparse file: 2 GiB long, nothing on disk. Reading it would take seconds and 2 GiB of memory
    // (Node refuses a readFile that large outright), so a quick "too big" proves it was not read.
    const path = join(dir, 'huge.txt')
    const handle = await open(path, 'w')
    await handle.truncate(2 * 1024 ** 3)
    await handle.close()
    const started = performance.now()
    const error = await refusal(path)
    expect(performance.now() - started).toBeLessThan(1000)
    expect(error.data).toMatchObject({ reason: 'too_big' })
    expect(error.message).toBe('“huge.txt” is 2 GiB, more than the 100 MiB Aura reads in one document. Split it into smaller files, or save just the part you need, and add those.')
    expect(MAX_DOCUMENT_BYTES).toBe(100 * 1024 ** 2)
    // The limit is the caller's to lower (a file just over it is refused too).
    const small = await refusal(await file('eleven.md', 'x'.repeat(11)), { maxBytes: 10 })
    expect(small.message).toMatch(/is 11 B, more than the 10 B/)
  })

  it('stops when asked', async () => {
    const path = await file('long.pdf', makePdf({ pages: Array.from({ length: 20 }, (_, page) => [`Page ${page + 1}.`]) }))
    const controller = new AbortController()
    controller.abort(new Error('stopped'))
    await expect(parseDocument(path, controller.signal)).rejects.toThrow('stopped')
  })
})

describe('speed', () => {
  it('parses a 200-page PDF (printed, not asserted: bench/ measures speed)', async () => {
    const paragraph = 'The tide tables for the northern harbour were copied by hand each spring, checked twice, and pinned beside the door of the harbour office. '
    const path = await file('book.pdf', makePdf({ pages: Array.from({ length: 200 }, (_, page) => [`Chapter ${page + 1}.`, paragraph.repeat(4), paragraph.repeat(3)]) }))
    const started = performance.now()
    const doc = await parseDocument(path)
    const seconds = (performance.now() - started) / 1000
    expect(doc.sections).toHaveLength(200)
    expect(doc.sections[199]).toMatchObject({ page: 200 })
    console.log(`PDF parsing: 200 pages in ${seconds.toFixed(2)} s = ${Math.round(200 / seconds)} pages/s`)
  })
})
