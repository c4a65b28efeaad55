import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CatalogEntrySchema } from '../../../shared/api'
import { quantFromFileName, splitName } from '../hub/ggufNames'
import { HubClient } from '../hub/hubClient'
import { rejection } from '../testing/rejection'
import { startTestHub, type TestHub } from '../testing/testHub'
import { CATALOG_DATA } from './catalogData'
import { CatalogService } from './catalogService'
import { estimateQuantBytes } from './quantSizes'

/** The research table the catalog was taken from: in the shared folder beside the repository, absent on a bare clone. */
const REFERENCE = fileURLToPath(new URL('../../../../../shared/reference/hf-gguf-catalog.md', import.meta.url))
const catalog = new CatalogService()
const entries = catalog.entries()

describe('catalog data', () => {
  it('validates against the contract, with unique ids', () => {
    for (const entry of entries) expect(() => CatalogEntrySchema.parse(entry), entry.id).not.toThrow()
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length)
  })

  it('covers the families the model manager promises', () => {
    const families = new Set(entries.map((e) => e.family))
    for (const family of ['Qwen3', 'Qwen3-Coder', 'Phi-4', 'Gemma 3', 'Devstral', 'Llama 3.3', 'StarCoder2', 'DeepSeek-Coder-V2', 'Llama 3.1', 'Llama 3.2', 'Mistral', 'Tiny demo']) {
      expect(families, family).toContain(family)
    }
    for (const id of ['gemma-3-4b', 'gemma-3-12b', 'gemma-3-27b', 'phi-4-mini', 'phi-4-mini-reasoning', 'llama-3.3-70b', 'starcoder2-15b', 'mistral-nemo-12b']) {
      expect(catalog.find(id), id).toBeDefined()
    }
    const starters = entries.filter((e) => e.parameters >= 0.4e9 && e.parameters <= 3.3e9)
    expect(starters.length).toBeGreaterThanOrEqual(5)
  })

  it('has one default quant per entry: Q4_K_M wherever it is offered', () => {
    for (const entry of entries) {
      const defaults = entry.quants.filter((q) => q.isDefault)
      expect(defaults, entry.id).toHaveLength(1)
      if (entry.quants.some((q) => q.quant === 'Q4_K_M')) expect(defaults[0]!.quant, entry.id).toBe('Q4_K_M')
    }
  })

  it('names each quant as its file name does, and split sets by their first part', () => {
    for (const entry of entries) {
      for (const q of entry.quants) {
        const fromName = quantFromFileName(q.file)
        if (fromName !== null) expect(fromName, `${entry.id} ${q.file}`).toBe(q.quant)
        const split = splitName(q.file)
        expect(q.parts, q.file).toBe(split ? split.total : 1)
        if (split) expect(split.part).toBe(1)
        expect(q.repo).toMatch(/^[\w.-]+\/[\w.-]+$/)
      }
    }
  })

  it('gives every quant a size, smallest first, estimates close to the reference where both exist', () => {
    for (const entry of entries) {
      const sizes = entry.quants.map((q) => q.sizeBytes!)
      for (const size of sizes) expect(size, entry.id).toBeGreaterThan(0)
      expect([...sizes].sort((a, b) => a - b)).toEqual(sizes)
      for (const q of entry.quants.filter((q) => q.sizeSource === 'reference' && q.parts === 1 && entry.parameters > 1e9)) {
        const estimate = estimateQuantBytes(entry.parameters, q.quant)
        if (estimate !== null) expect(Math.abs(estimate - q.sizeBytes!) / q.sizeBytes!, `${entry.id} ${q.quant}`).toBeLessThan(0.2)
      }
    }
  })

  it('has the architecture numbers a memory estimate needs', () => {
    for (const entry of entries) {
      expect(entry.arch, entry.id).toBeDefined()
      const { layers, kvHeads, headDim, embedding } = entry.arch!
      for (const n of [layers, kvHeads, headDim, embedding]) expect(Number.isInteger(n) && n > 0, entry.id).toBe(true)
    }
  })

  it('offers models for documents (embeddings) apart: marked, never a chat model, BGE Small first', () => {
    const embedders = entries.filter((e) => e.embedding)
    expect(embedders.map((e) => e.id)).toEqual(['bge-small-en-v1.5', 'nomic-embed-text-v1.5'])
    for (const entry of embedders) expect(entry.capabilities, entry.id).not.toContain('chat')
    expect(catalog.quant('bge-small-en-v1.5').quant).toMatchObject({ quant: 'Q8_0', file: 'bge-small-en-v1.5-q8_0.gguf', sizeBytes: 36_806_944 })
  })

  it('uses only ungated repos (gated ones need a token Aura cannot assume)', () => {
    for (const entry of entries) {
      expect(entry.gated, entry.id).toBe(false)
      for (const q of entry.quants) expect(q.repo, entry.id).not.toMatch(/^(google|meta-llama)\//)
    }
  })

  it('takes every repo and file from the reference table, never invents one', (ctx) => {
    ctx.skip(!existsSync(REFERENCE), `needs the research table at ${REFERENCE} (the shared folder beside the repository)`)
    // The table also writes sets of names as `Model-{Q3_K_M,Q4_K_M}.gguf`: spell those out.
    const text = readFileSync(REFERENCE, 'utf8')
    const expanded = [...text.matchAll(/`([^`{}]*)\{([^}`]+)\}([^`]*)`/g)].flatMap(([, head, alternatives, tail]) =>
      alternatives!.split(',').map((alternative) => `\`${head}${alternative}${tail}\``),
    )
    const reference = [text, ...expanded].join('\n')
    for (const entry of CATALOG_DATA) {
      for (const q of entry.quants) {
        expect(reference, q.repo).toContain(`\`${q.repo}\``)
        // The table abbreviates repeated names in a row: `…-Q8_0.gguf` or `.Q8_0.gguf` for Model-Q8_0.gguf.
        const tail = q.file.slice(q.file.search(/[-.](?:UD-)?(?:I?Q\d|BF16|F16)[^-.]*(?:[-.]\d{5}-of-\d{5})?\.gguf$/i))
        const mentioned = reference.includes(q.file) || reference.includes(`…${tail}`) || reference.includes(`\`${tail}\``)
        expect(mentioned, `${entry.id}: ${q.repo}/${q.file}`).toBe(true)
      }
    }
  })
})

describe('CatalogService', () => {
  it('finds entries and quants, and says plainly what is missing', async () => {
    expect(catalog.find('qwen3-4b')!.name).toBe('Qwen3 4B')
    expect(catalog.find('nope')).toBeUndefined()
    expect(catalog.quant('qwen3-4b').quant.file).toBe('Qwen3-4B-Q4_K_M.gguf')
    expect(catalog.quant('qwen3-4b', 'q8_0').quant.quant).toBe('Q8_0')
    const missing = await rejection(Promise.resolve().then(() => catalog.quant('qwen3-4b', 'Q2_K')))
    expect(missing).toMatchObject({ code: 'not_found', message: expect.stringMatching(/Choose one of: .*Q4_K_M/) })
    expect((await rejection(Promise.resolve().then(() => catalog.get('nope')))).code).toBe('not_found')
  })

  it('maps a Hub file back to its entry, any part of a split set included', () => {
    expect(catalog.findByFile('ggml-org/tiny-llamas', 'stories260K.gguf')!.entry.id).toBe('stories260k')
    const part2 = 'Llama-3.3-70B-Instruct-Q8_0/Llama-3.3-70B-Instruct-Q8_0-00002-of-00002.gguf'
    expect(catalog.findByFile('bartowski/Llama-3.3-70B-Instruct-GGUF', part2)!.quant.quant).toBe('Q8_0')
    expect(catalog.findByFile('someone/else', 'stories260K.gguf')).toBeUndefined()
  })
})

describe('the demo entry on the test Hub', () => {
  let hub: TestHub
  beforeAll(async () => {
    hub = await startTestHub()
  })
  afterAll(async () => {
    await hub.close()
  })

  it('resolves and downloads through the configured Hub URL', async () => {
    const { quant } = catalog.quant('stories260k')
    const client = new HubClient({ hubUrl: () => 'https://huggingface.co', env: { AURA_HF_ENDPOINT: hub.url } })
    const [source, ...rest] = await client.resolveDownload(quant.repo, quant.file)
    expect(rest).toEqual([])
    const served = hub.file(quant.repo, quant.file)!
    expect(source).toMatchObject({ sizeBytes: served.size, sha256: served.sha256 })
    const bytes = Buffer.from(await (await fetch(source!.url)).arrayBuffer())
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(served.sha256)
  })
})
