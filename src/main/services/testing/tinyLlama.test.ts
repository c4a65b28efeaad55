import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readGgufFileInfo } from 'node-llama-cpp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CHATML_TEMPLATE,
  buildTinyVocab,
  encodeTinyLlama,
  writeDamagedGguf,
  writeTinyLlama,
  writeTinyLlamaShards,
} from './tinyLlama'
import { toF16 } from './gguf'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-tiny-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('writeTinyLlama', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = encodeTinyLlama({ seed: 7 })
    expect(encodeTinyLlama({ seed: 7 }).equals(a)).toBe(true)
    expect(encodeTinyLlama({ seed: 8 }).equals(a)).toBe(false)
    expect(a.subarray(0, 4).toString('ascii')).toBe('GGUF')
    expect(a.readUInt32LE(4)).toBe(3)
  })

  it('writes a llama GGUF that node-llama-cpp reads back', async () => {
    const path = await writeTinyLlama(join(dir, 'tiny.gguf'))
    const info = await readGgufFileInfo(path, { logWarnings: false })
    const md = info.metadata as unknown as Record<string, Record<string, unknown>>
    expect(info.version).toBe(3)
    expect(md.general?.architecture).toBe('llama')
    expect(md.general?.name).toBe('Aura Tiny Llama')
    expect(md.general?.file_type).toBe(0)
    expect(info.architectureMetadata.context_length).toBe(2048)
    expect(info.architectureMetadata.block_count).toBe(2)
    expect(info.architectureMetadata.embedding_length).toBe(64)

    const tokenizer = md.tokenizer as { ggml: Record<string, unknown>; chat_template?: string }
    const tokens = tokenizer.ggml.tokens as string[]
    expect(tokenizer.ggml.model).toBe('llama')
    expect(tokens.slice(0, 3)).toEqual(['<unk>', '<s>', '</s>'])
    expect(tokens[3]).toBe('<0x00>')
    expect(tokens[3 + 255]).toBe('<0xFF>')
    expect(tokens).toContain('▁the')
    expect((tokenizer.ggml.scores as number[]).length).toBe(tokens.length)
    expect((tokenizer.ggml.token_type as number[]).length).toBe(tokens.length)
    expect(tokenizer.ggml.bos_token_id).toBe(1)
    expect(tokenizer.ggml.eos_token_id).toBe(2)
    expect(tokenizer.chat_template).toBeUndefined()

    // Every tensor's data lies inside the file, 32-byte aligned.
    const size = (await stat(path)).size
    for (const tensor of info.fullTensorInfo ?? []) {
      const elements = tensor.dimensions.reduce<number>((a, b) => a * Number(b), 1)
      expect(Number(tensor.fileOffset) % 32).toBe(0)
      expect(Number(tensor.fileOffset) + elements * 4).toBeLessThanOrEqual(size)
    }
    expect(info.fullTensorInfo?.map((t) => t.name)).toContain('blk.1.ffn_down.weight')
  })

  it('embeds a ChatML template on request, with the same weights', async () => {
    const path = await writeTinyLlama(join(dir, 'chat.gguf'), { chatTemplate: true })
    const info = await readGgufFileInfo(path, { logWarnings: false })
    expect((info.metadata.tokenizer as { chat_template?: string }).chat_template).toBe(CHATML_TEMPLATE)
    const plain = encodeTinyLlama()
    const chat = await readFile(path)
    // Same tensor bytes at the end of both files.
    expect(chat.subarray(chat.length - 100_000).equals(plain.subarray(plain.length - 100_000))).toBe(true)
  })

  it('has a SentencePiece vocabulary with byte fallback and ChatML markers', () => {
    const vocab = buildTinyVocab()
    expect(new Set(vocab.tokens).size).toBe(vocab.tokens.length)
    expect(vocab.tokens.filter((t) => /^<0x[0-9A-F]{2}>$/.test(t))).toHaveLength(256)
    expect(vocab.tokens[vocab.imStart]).toBe('<|im_start|>')
    expect(vocab.tokens[vocab.imEnd]).toBe('<|im_end|>')
    // Every multi-character piece can be built by merging: its prefix without the last character is a token.
    const set = new Set(vocab.tokens)
    for (const [i, token] of vocab.tokens.entries()) {
      if (vocab.types[i] === 1 && [...token].length > 1) expect(set.has([...token].slice(0, -1).join(''))).toBe(true)
    }
  })
})

describe('writeTinyLlamaShards', () => {
  it('writes a split set that node-llama-cpp splices back into one model', async () => {
    const paths = await writeTinyLlamaShards(join(dir, 'split'), 'tiny', 3)
    expect(paths.map((p) => p.split('/').pop())).toEqual([
      'tiny-00001-of-00003.gguf',
      'tiny-00002-of-00003.gguf',
      'tiny-00003-of-00003.gguf',
    ])
    const info = await readGgufFileInfo(paths[0] ?? '', { logWarnings: false })
    expect(info.splicedParts).toBe(3)
    const whole = await readGgufFileInfo(await writeTinyLlama(join(dir, 'whole.gguf')), { logWarnings: false })
    expect(info.fullTensorInfo?.map((t) => t.name)).toEqual(whole.fullTensorInfo?.map((t) => t.name))
    expect(new Set(info.fullTensorInfo?.map((t) => t.filePart))).toEqual(new Set([1, 2, 3]))
  })
})

describe('writeDamagedGguf', () => {
  it('writes the four kinds of damage', async () => {
    const whole = encodeTinyLlama()
    const truncated = await readFile(await writeDamagedGguf(join(dir, 'bad', 'truncated.gguf'), 'truncated'))
    expect(truncated.length).toBe(Math.floor(whole.length / 2))
    expect(truncated.equals(whole.subarray(0, truncated.length))).toBe(true)

    expect((await stat(await writeDamagedGguf(join(dir, 'bad', 'empty.gguf'), 'zero-length'))).size).toBe(0)

    const magic = await readFile(await writeDamagedGguf(join(dir, 'bad', 'magic.gguf'), 'wrong-magic'))
    expect(magic.subarray(0, 4).toString('ascii')).toBe('GGML')
    expect(magic.length).toBe(whole.length)

    const header = join(dir, 'bad', 'header.gguf')
    await writeDamagedGguf(header, 'header-corrupted')
    expect((await readFile(header)).subarray(0, 4).toString('ascii')).toBe('GGUF')
    await expect(readGgufFileInfo(header, { logWarnings: false })).rejects.toThrow()
  })

  it('damages a given source file', async () => {
    const source = await writeTinyLlama(join(dir, 'source.gguf'), { seed: 3 })
    const out = await readFile(await writeDamagedGguf(join(dir, 'bad', 'from-source.gguf'), 'truncated', source))
    expect(out.equals((await readFile(source)).subarray(0, out.length))).toBe(true)
  })
})

describe('F16 and bigger variants', () => {
  it('converts numbers to half-precision bits like IEEE 754', () => {
    expect([0, 1, -2, 0.5, 65504, 1e6, -1e6, 5.960464477539063e-8, 1e-9].map(toF16)).toEqual([
      0x0000, 0x3c00, 0xc000, 0x3800, 0x7bff, 0x7c00, 0xfc00, 0x0001, 0x0000,
    ])
    expect(toF16(1 + 2 ** -11)).toBe(0x3c00) // a tie rounds to even
    expect(toF16(1 + 3 * 2 ** -11)).toBe(0x3c02)
    expect(toF16(Number.NaN) & 0x7c00).toBe(0x7c00)
  })

  it('writes an F16 llama with a padded vocabulary, streamed to disk, the same bytes as in memory', async () => {
    const options = { tensorType: 'f16' as const, vocabSize: 2000, embedding: 96, heads: 6, kvHeads: 3, feedForward: 160, seed: 5 }
    const path = await writeTinyLlama(join(dir, 'half.gguf'), options)
    expect((await readFile(path)).equals(encodeTinyLlama(options))).toBe(true)
    const info = await readGgufFileInfo(path, { logWarnings: false })
    const md = info.metadata as unknown as Record<string, Record<string, unknown>>
    expect(md.general?.file_type).toBe(1) // MOSTLY_F16
    expect(((md.tokenizer as { ggml: Record<string, unknown> }).ggml.tokens as string[]).length).toBe(2000)
    const types = new Map(info.fullTensorInfo?.map((t) => [t.name, t.ggmlType]))
    expect(types.get('blk.0.attn_q.weight')).toBe(1) // F16
    expect(types.get('output.weight')).toBe(1)
    expect(types.get('output_norm.weight')).toBe(0) // norms stay F32
    expect(buildTinyVocab(2000).tokens.slice(-1)[0]).toMatch(/^▁~\d+$/)
  })
})
