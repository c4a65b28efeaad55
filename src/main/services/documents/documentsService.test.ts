import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AuraError, type DocumentsProgress } from '../../../shared/api'
import { LlamaEngine } from '../engine/llamaEngine'
import { ModelLibrary } from '../models'
import { makePdf } from '../testing/documents/pdf'
import { writeTinyLlama } from '../testing/tinyLlama'
import { DocumentsService } from './documentsService'
import { readDocument, type Reader } from './read'

let root: string
let engine: LlamaEngine
const services: DocumentsService[] = []

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'aura-docs-'))
  engine = new LlamaEngine({ gpu: false, idleUnloadMs: null })
})

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.dispose()))
})

afterAll(async () => {
  await engine?.dispose()
  await rm(root, { recursive: true, force: true })
})

let count = 0
/** A fresh data folder, models folder (with the given tiny embedding models) and documents folder. */
async function setup(options: { embedders?: { name: string; width: number; window?: number }[]; read?: Reader } = {}) {
  const dir = join(root, `case-${++count}`)
  const modelsDir = join(dir, 'models')
  const docs = join(dir, 'docs')
  await mkdir(modelsDir, { recursive: true })
  await mkdir(docs, { recursive: true })
  for (const [i, { name, width, window }] of (options.embedders ?? []).entries()) {
    await writeTinyLlama(join(modelsDir, `${name}.gguf`), { seed: 30 + i, pooling: 'mean', embedding: width, ...(window && { contextLength: window }) })
  }
  const models = new ModelLibrary(() => modelsDir)
  const progress: DocumentsProgress[] = []
  const open = () => {
    const service = new DocumentsService({
      file: join(dir, 'documents.db'),
      engine,
      models,
      threads: () => 1,
      read: options.read,
      onProgress: (p) => progress.push(p),
    })
    services.push(service)
    return service
  }
  return { dir, docs, modelsDir, progress, open }
}

const NOTES = {
  'garden.md': 'Tomatoes need six hours of sun a day.\n\nWater the basil every morning.',
  'bikes.txt': 'A bicycle chain wants oil every few hundred kilometres.\n\nCheck the tyre pressure weekly.',
  'bread.md': 'Sourdough rises overnight in a cool kitchen.\n\nBake at 240 degrees for forty minutes.',
}

async function writeNotes(folder: string) {
  for (const [name, text] of Object.entries(NOTES)) await writeFile(join(folder, name), text)
}

describe('documents', () => {
  it('indexes a folder in the background, with progress, and finds passages by keyword without a model for documents', async () => {
    const { docs, progress, open } = await setup()
    await writeNotes(docs)
    const service = open()
    const info = await service.addCollection('Notes', docs)
    expect(info).toMatchObject({ name: 'Notes', folder: docs, documents: 3 })
    await service.idle()

    expect(service.collections()).toEqual([expect.objectContaining({ name: 'Notes', documents: 3, failed: 0, status: 'ready', progress: null })])
    const last = progress.at(-1)!
    expect(last).toMatchObject({ collection: 'Notes', done: 3, total: 3, failed: 0, file: null, etaMs: 0 })
    const result = await service.find('how often should I oil my bicycle chain?', { collections: ['Notes'] }, 3)
    expect(result.retrieval).toBe('keyword')
    expect(result.note).toMatch(/no model for documents is installed/)
    expect(result.passages[0]).toMatchObject({ path: join(docs, 'bikes.txt'), title: 'bikes.txt', collection: 'Notes' })
    expect(result.passages[0]!.text).toContain('bicycle chain')
    // The Library a chat uses: the same passages.
    expect(await service.search('sourdough', { collections: ['Notes'] }, 3)).toEqual([expect.objectContaining({ path: join(docs, 'bread.md') })])
    // A scope that holds nothing finds nothing; one file only finds in it.
    expect(await service.search('sourdough', {}, 3)).toEqual([])
    expect(await service.search('water OR sun', { files: [join(docs, 'garden.md')] }, 5)).toEqual([
      expect.objectContaining({ path: join(docs, 'garden.md') }),
    ])
  })

  it('reads PDFs, Markdown and the rest through the parsers: passages say their page or heading; a scanned PDF is listed with why', async () => {
    const { docs, open } = await setup()
    await writeFile(join(docs, 'manual.pdf'), makePdf({ title: 'Heater manual', pages: [Array.from({ length: 30 }, (_, i) => `Step ${i + 1}: unpack the heater and keep the box for later.`), ['Descale the boiler with citric acid every month.']] }))
    await writeFile(join(docs, 'scan.pdf'), makePdf({ pages: [['x']], scanned: true }))
    await writeFile(join(docs, 'guide.md'), '# Install\n\n## On Windows\n\nRun the installer and pick a folder.\n')
    await writeFile(join(docs, 'photo.jpg'), 'not read')
    const service = open()
    await service.addCollection('Manuals', docs)
    await service.idle()
    expect(service.list({ collection: 'Manuals' }).map((doc) => doc.title).sort()).toEqual(['Heater manual', 'Install', 'scan.pdf'])
    expect(service.list({ collection: 'Manuals' }).find((doc) => doc.path.endsWith('scan.pdf'))).toMatchObject({ status: 'failed', problem: expect.stringMatching(/looks scanned/) })
    // A chunk's page is where its first words are (the splitter runs across pages).
    expect(await service.search('descale boiler', { collections: ['Manuals'] }, 1)).toEqual([
      expect.objectContaining({ title: 'Heater manual', page: expect.any(Number), text: expect.stringContaining('Descale the boiler') }),
    ])
    expect(await service.search('installer', { collections: ['Manuals'] }, 1)).toEqual([expect.objectContaining({ heading: expect.stringContaining('On Windows') })])
  })

  it('embeds every chunk with the installed model for documents, and searches by keyword and vectors fused', async () => {
    const { docs, open } = await setup({ embedders: [{ name: 'bge-small-test', width: 64 }] })
    await writeNotes(docs)
    const service = open()
    await service.addCollection('Notes', docs)
    await service.idle()
    const status = await service.status()
    expect(status).toMatchObject({ modelId: 'bge-small-test' })
    expect(status.embeddedChunks).toBe(status.chunks)
    expect(status.chunks).toBeGreaterThanOrEqual(3)
    expect(service.list({ collection: 'Notes' }).every((doc) => doc.embedded)).toBe(true)

    const result = await service.find('sourdough kitchen', { collections: ['Notes'] }, 10)
    expect(result).toMatchObject({ retrieval: 'hybrid', note: null })
    // The tiny model's vectors mean nothing, but every chunk is a vector hit: the keyword hit, also a
    // vector hit, is first (two lists' shares), and every passage came back once.
    expect(result.passages[0]!.path).toBe(join(docs, 'bread.md'))
    expect(new Set(result.passages.map((p) => `${p.path}#${p.ordinal}`)).size).toBe(result.passages.length)
    expect(result.passages.length).toBe(status.chunks)
  })

  it('reads a file again only when its content changed, and lists a file it cannot read with the reason while the rest go on', async () => {
    const reads: string[] = []
    const read: Reader = async (path, signal) => {
      reads.push(path)
      if (path.endsWith('broken.md')) throw new AuraError('invalid_input', 'This file is damaged: Aura could not read it.')
      return readDocument(path, signal)
    }
    const { docs, open } = await setup({ read })
    await writeNotes(docs)
    await writeFile(join(docs, 'broken.md'), 'x')
    const service = open()
    await service.addCollection('Notes', docs)
    await service.idle()
    expect(reads).toHaveLength(4)
    expect(service.list({ collection: 'Notes' }).find((doc) => doc.path.endsWith('broken.md'))).toMatchObject({
      status: 'failed',
      problem: 'This file is damaged: Aura could not read it.',
    })
    expect(service.collections()[0]).toMatchObject({ documents: 4, failed: 1 })

    // The same again: nothing read. A new time on the same bytes: hashed, not read. New bytes: read.
    await service.add([docs], { collection: 'Notes' })
    await service.idle()
    expect(reads).toHaveLength(4)
    const later = new Date(Date.now() + 60_000)
    await utimes(join(docs, 'garden.md'), later, later)
    await writeFile(join(docs, 'bread.md'), 'Rye bread is denser than wheat bread.')
    await service.add([docs], { collection: 'Notes' })
    await service.idle()
    expect(reads.slice(4)).toEqual([join(docs, 'bread.md')])
    expect(await service.search('rye', { collections: ['Notes'] }, 3)).toEqual([expect.objectContaining({ path: join(docs, 'bread.md') })])
    expect(await service.search('sourdough', { collections: ['Notes'] }, 3)).toEqual([])
  })

  it('follows the folder: a new file is indexed, a deleted one leaves the index', async () => {
    const { docs, open } = await setup()
    await writeNotes(docs)
    const service = open()
    service.start()
    await service.addCollection('Notes', docs)
    await service.idle()
    await writeFile(join(docs, 'tea.md'), 'Green tea wants water at eighty degrees.')
    await rm(join(docs, 'bikes.txt'))
    await expect.poll(() => service.list({ collection: 'Notes' }).map((doc) => doc.title).sort(), { timeout: 10_000 }).toEqual(['bread.md', 'garden.md', 'tea.md'])
    await service.idle()
    expect(await service.search('green tea', { collections: ['Notes'] }, 3)).toEqual([expect.objectContaining({ title: 'tea.md' })])
  })

  it('resumes after a restart: files still waiting are read when it starts again', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const slow: Reader = async (path, signal) => {
      await Promise.race([gate, new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))])
      return readDocument(path, signal)
    }
    const first = await setup({ read: slow })
    await writeNotes(first.docs)
    const service = first.open()
    await service.add([first.docs], { collection: 'Later' })
    await service.dispose() // mid-run: nothing read yet
    release()
    services.splice(services.indexOf(service), 1)

    const again = first.open()
    expect(again.list({ collection: 'Later' }).map((doc) => doc.status)).toEqual(['queued', 'queued', 'queued'])
    again.start()
    await again.idle()
    expect(again.list({ collection: 'Later' }).map((doc) => doc.status)).toEqual(['indexed', 'indexed', 'indexed'])
  })

  it('stops a removed collection at once, and keeps a chat’s own documents apart from the collections', async () => {
    const { docs, open } = await setup()
    await writeNotes(docs)
    const service = open()
    await service.add([join(docs, 'garden.md')], { conversationId: 'c1' })
    await service.add([docs], { collection: 'Notes' })
    service.removeCollection('Notes')
    await service.idle()
    expect(service.collections()).toEqual([])
    expect(service.list({ conversationId: 'c1' })).toEqual([expect.objectContaining({ title: 'garden.md', status: 'indexed' })])
    expect((await service.find('basil', { conversationId: 'c1' }, 3)).passages).toHaveLength(1)
    expect(() => service.removeCollection('Notes')).toThrow(/no collection called “Notes”/)
    await expect(service.add([join(docs, 'missing.md')], {})).rejects.toThrow(/There is no file or folder at/)
    expect(service.remove([join(docs, 'garden.md')], { conversationId: 'c1' })).toBe(1)
    expect(service.list({})).toEqual([])
  })

  it('embeds a chunk longer than the model reads at a time by its start (the keyword index keeps all of it)', async () => {
    const { docs, open } = await setup({ embedders: [{ name: 'short-window', width: 64, window: 64 }] })
    await writeFile(join(docs, 'long.md'), `${'The lighthouse keeper climbs the stairs every evening. '.repeat(20)}The lamp is lit with paraffin.`)
    const service = open()
    await service.addCollection('Long', docs)
    await service.idle()
    expect(service.list({ collection: 'Long' })).toEqual([expect.objectContaining({ status: 'indexed', embedded: true })])
    expect(await service.search('paraffin', { collections: ['Long'] }, 1)).toEqual([expect.objectContaining({ title: 'long.md' })])
  })

  it('a models folder that cannot be listed leaves documents searching by keyword, and a later change tries again', async () => {
    const { docs, modelsDir, open } = await setup()
    await writeNotes(docs)
    const service = open()
    await service.addCollection('Notes', docs)
    await service.idle()
    // The models folder became a file (the user moved things by hand): listing it fails.
    await rm(modelsDir, { recursive: true })
    await writeFile(modelsDir, 'not a folder')
    await expect(service.modelsChanged()).resolves.toBeUndefined()
    expect((await service.find('bread', { collections: ['Notes'] }, 3)).retrieval).toBe('keyword')
    await rm(modelsDir)
    await mkdir(modelsDir)
    await writeTinyLlama(join(modelsDir, 'bge-small-back.gguf'), { seed: 41, pooling: 'mean', embedding: 32 })
    await service.modelsChanged()
    await service.idle()
    expect(await service.status()).toMatchObject({ modelId: 'bge-small-back' })
  })

  it('embeds everything again when the model for documents changes to one of another width', async () => {
    const { docs, modelsDir, open } = await setup({ embedders: [{ name: 'other-embedder', width: 32 }] })
    await writeNotes(docs)
    const service = open()
    await service.addCollection('Notes', docs)
    await service.idle()
    expect(await service.status()).toMatchObject({ modelId: 'other-embedder' })
    await writeTinyLlama(join(modelsDir, 'bge-small-two.gguf'), { seed: 40, pooling: 'mean', embedding: 64 })
    await service.modelsChanged()
    await service.idle()
    const status = await service.status()
    expect(status).toMatchObject({ modelId: 'bge-small-two' })
    expect(status.embeddedChunks).toBe(status.chunks)
    expect(service.list({}).every((doc) => doc.embedded)).toBe(true)
    expect((await service.find('bread', { collections: ['Notes'] }, 3)).retrieval).toBe('hybrid')
  })
})
