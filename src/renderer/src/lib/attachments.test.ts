import { describe, expect, it } from 'vitest'
import { MAX_FILE_BYTES, readTextFile, toAttachments } from './attachments'

const file = (name: string, bytes: BlobPart[]) => new File(bytes, name)

describe('attached files, read in the page', () => {
  it('reads a text file (UTF-8, Windows line ends and a byte-order mark tidied) with its name and size', async () => {
    const read = await readTextFile(file('notes.md', ['\uFEFF# Café\r\n- 🍐 pear\r\n']))
    expect(read.ok).toBe(true)
    if (!read.ok) return
    expect(read.file).toMatchObject({ name: 'notes.md', text: '# Café\n- 🍐 pear\n' })
    expect(read.file.size).toBe(new TextEncoder().encode('\uFEFF# Café\r\n- 🍐 pear\r\n').length)
    expect(toAttachments([read.file])).toEqual([{ name: 'notes.md', size: read.file.size, text: '# Café\n- 🍐 pear\n' }])
  })

  it('accepts text whatever its name (a Makefile), and refuses binary files in plain words', async () => {
    expect((await readTextFile(file('Makefile', ['all:\n\tcc main.c\n']))).ok).toBe(true)
    const png = await readTextFile(file('photo.png', [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])]))
    expect(png).toEqual({ ok: false, problem: expect.stringContaining('“photo.png” is not a text file') })
    // Latin-1 bytes that are not UTF-8 (no NUL byte): not read as garbage either.
    expect(await readTextFile(file('old.txt', [new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff])]))).toMatchObject({ ok: false })
  })

  it('refuses a file too big to attach, before reading it, and says the limit', async () => {
    const big = await readTextFile(file('huge.csv', ['a,b\n'.repeat((MAX_FILE_BYTES * 1.2) / 4)]))
    expect(big).toEqual({ ok: false, problem: '“huge.csv” is too big to attach (1.2 MiB; up to 1 MiB). Attach the part you need, or split it.' })
  })
})
