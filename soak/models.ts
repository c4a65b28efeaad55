/**
 * Soak: damaged model files. Each variant of a good GGUF (truncated at many offsets, empty, wrong
 * magic, header fields corrupted one by one) is put in the models folder: the model list shows it
 * with a plain-words `problem`, loading it (through the library, and straight into the engine)
 * fails with model_invalid, deleting it works, and a good model still loads and answers (threads: 1) afterwards.
 */
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AuraError } from '../src/shared/api'
import { LlamaEngine } from '../src/main/services/engine/llamaEngine'
import { ModelLibrary } from '../src/main/services/models/modelLibrary'
import { ggufLayout } from '../src/main/services/testing/gguf'
import { encodeTinyLlama, writeDamagedGguf, writeTinyLlama, type GgufDamage } from '../src/main/services/testing/tinyLlama'
import { plainWords } from './downloads'
import type { SoakContext, SoakFinding, SoakSection } from './harness'

interface Variant {
  name: string
  write(path: string): Promise<void>
}

function variants(good: Buffer, goodPath: string, small: boolean): Variant[] {
  const layout = ggufLayout(good)
  const kv = (key: string) => {
    const found = layout.kvs.find((k) => k.key === key)
    if (!found) throw new Error(`the test model has no ${key}`)
    return found
  }
  const edit = (name: string, change: (copy: Buffer) => void): Variant => ({
    name,
    write: async (path) => {
      const copy = Buffer.from(good)
      change(copy)
      await writeFile(path, copy)
    },
  })
  const helper = (damage: GgufDamage): Variant => ({ name: `writeDamagedGguf: ${damage}`, write: async (path) => void (await writeDamagedGguf(path, damage, goodPath)) })
  const u64 = (copy: Buffer, at: number, value: bigint) => copy.writeBigUInt64LE(value, at)
  const firstTensor = layout.tensors[0]!
  const lastTensor = layout.tensors.at(-1)!
  const tokens = kv('tokenizer.ggml.tokens')
  const list: Variant[] = [
    helper('zero-length'),
    helper('truncated'),
    helper('wrong-magic'),
    helper('header-corrupted'),
    edit('magic in lower case ("gguf")', (c) => c.write('gguf', 0, 'latin1')),
    edit('magic zeroed', (c) => c.fill(0, 0, 4)),
    edit('version 0', (c) => c.writeUInt32LE(0, 4)),
    edit('version 1 (unsupported)', (c) => c.writeUInt32LE(1, 4)),
    edit('version 99', (c) => c.writeUInt32LE(99, 4)),
    edit('absurd tensor count (2^63)', (c) => u64(c, 8, 1n << 63n)),
    edit('absurd metadata count (2^40)', (c) => u64(c, 16, 1n << 40n)),
    edit('metadata count 10,000 (runs past the end)', (c) => u64(c, 16, 10_000n)),
    edit('tensor count one too many', (c) => u64(c, 8, BigInt(layout.tensors.length + 1))),
    edit('tensor count zero', (c) => u64(c, 8, 0n)),
    edit('first key length absurd (2^40)', (c) => u64(c, layout.kvs[0]!.keyLenAt, 1n << 40n)),
    edit('a key length of 1 GB', (c) => u64(c, kv('general.architecture').keyLenAt, 1n << 30n)),
    edit('the architecture string length absurd (2^50)', (c) => u64(c, kv('general.architecture').valueAt, 1n << 50n)),
    edit('the architecture string runs past the end', (c) => u64(c, kv('general.architecture').valueAt, BigInt(good.length))),
    edit('unknown value type (99) in the metadata', (c) => c.writeUInt32LE(99, kv('general.architecture').typeAt)),
    edit('the token list count absurd (2^40)', (c) => u64(c, tokens.countAt!, 1n << 40n)),
    edit('the token list item type unknown (77)', (c) => c.writeUInt32LE(77, tokens.itemTypeAt!)),
    edit('a tensor name length absurd (2^40)', (c) => u64(c, firstTensor.nameLenAt, 1n << 40n)),
    edit('a tensor with 100 dimensions', (c) => c.writeUInt32LE(100, lastTensor.dimsAt)),
    edit('a tensor offset past the end of the file', (c) => u64(c, lastTensor.offsetAt, 1n << 40n)),
    edit('flipped bytes in the architecture name', (c) => {
      const at = kv('general.architecture').valueAt + 8
      for (let i = 0; i < 5; i++) c[at + i] = c[at + i]! ^ 0xff
    }),
    edit('the architecture key renamed (flipped bytes in a key)', (c) => {
      const at = kv('general.architecture').keyLenAt + 8
      c[at] = c[at]! ^ 0x20
    }),
    edit('the header zeroed after the magic and version', (c) => c.fill(0, 8, layout.headerEnd)),
    { name: 'random bytes (no header)', write: async (path) => writeFile(path, seededBytes(good.length, 7)) },
    {
      name: 'the magic and version, then random bytes',
      write: async (path) => {
        const copy = seededBytes(good.length, 8)
        good.copy(copy, 0, 0, 8)
        await writeFile(path, copy)
      },
    },
    { name: 'the header only (the weights missing)', write: async (path) => writeFile(path, good.subarray(0, layout.headerEnd)) },
  ]
  // Truncated at many offsets: inside the fixed header, the metadata, the tensor infos and the weights.
  const cuts = small
    ? [4, 20, Math.floor(layout.headerEnd / 2), good.length - 1]
    : [
        1, 4, 7, 8, 12, 16, 20, 23, 24, 30,
        ...Array.from({ length: 12 }, (_, i) => Math.floor(((i + 1) * layout.headerEnd) / 13)),
        layout.headerEnd,
        ...Array.from({ length: 12 }, (_, i) => layout.headerEnd + Math.floor(((i + 1) * (good.length - layout.headerEnd)) / 13)),
        good.length - 1,
      ]
  for (const cut of cuts) list.push({ name: `truncated at byte ${cut} of ${good.length}`, write: async (path) => writeFile(path, good.subarray(0, cut)) })
  return list
}

function seededBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length)
  let x = seed >>> 0 || 1
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

export const section: SoakSection = {
  name: 'models',
  async run(ctx: SoakContext): Promise<SoakFinding[]> {
    const modelsDir = join(ctx.workDir, 'models')
    const goodPath = await writeTinyLlama(join(modelsDir, 'good.gguf'), { chatTemplate: true, eosBias: 3 })
    const source = encodeTinyLlama({ chatTemplate: true, eosBias: 3, seed: 5 })
    const sourcePath = join(ctx.workDir, 'source.gguf')
    await writeFile(sourcePath, source)
    const library = new ModelLibrary(() => modelsDir)
    const engine = new LlamaEngine({ gpu: false, idleUnloadMs: null })
    const list = variants(source, sourcePath, ctx.small)
    const tally = { passed: 0, injected: 0, failures: [] as string[] }
    const answers = async (): Promise<string | null> => {
      const result = await engine.generate({
        model: { id: 'good', file: goodPath },
        messages: [{ role: 'user', content: 'Hello there' }],
        maxTokens: 4,
        temperature: 0,
        threads: 1,
        contextSize: 256,
      })
      return result.stats.tokens >= 1 ? null : 'the good model wrote nothing'
    }
    try {
      const first = await answers()
      if (first) throw new Error(`the good model does not work before any damage: ${first}`)
      for (const [index, variant] of list.entries()) {
        const file = join(modelsDir, `damaged-${String(index).padStart(2, '0')}.gguf`)
        let problem: string | null = null
        tally.injected++
        try {
          await variant.write(file)
          problem = await judge(library, engine, file)
          problem ??= await answers()
        } catch (error) {
          problem = `threw: ${error instanceof Error ? error.message : String(error)}`
        }
        await rm(file, { force: true })
        if (problem === null) tally.passed++
        else if (tally.failures.length < 8) tally.failures.push(`${variant.name}: ${problem}`)
      }
    } finally {
      await engine.dispose()
    }
    ctx.log(`  damaged .gguf: ${tally.passed}/${tally.injected}`)
    return [
      {
        fault: `model: a damaged .gguf in the models folder (${tally.injected} variants: empty, wrong magic, bad version, absurd counts and lengths, unknown value types, bad tensor offsets, flipped bytes in keys, tensor count one too many or zero, a garbled architecture name, truncated at many offsets)`,
        ...tally,
        expected: 'listed with a plain-words problem; loading it (library and engine) fails with model_invalid; models.delete removes it; the good model still loads and answers',
      },
    ]
  },
}

/** The damaged file as the app meets it: listed with a problem, refused on load, nothing else harmed. */
async function judge(library: ModelLibrary, engine: LlamaEngine, file: string): Promise<string | null> {
  const models = await library.list()
  const good = models.find((m) => m.id === 'good')
  if (!good || good.problem) return `the good model is no longer listed as usable: ${good?.problem}`
  const listed = models.find((m) => m.file === file)
  if (!listed) return 'not listed at all'
  if (!listed.problem) return 'listed as a usable model'
  if (!plainWords(listed.problem)) return `the problem is not in plain words: ${listed.problem}`
  for (const [how, load] of [
    ['the library', () => library.resolve(listed.id)],
    ['the engine', () => engine.load({ id: listed.id, file }, { threads: 1, contextSize: 256 })],
  ] as const) {
    try {
      await load()
      return `${how} loaded it`
    } catch (error) {
      if (!(error instanceof AuraError)) return `${how} threw a non-Aura error: ${String(error)}`
      if (error.code !== 'model_invalid') return `${how} refused it with ${error.code}: ${error.message}`
      if (!plainWords(error.message)) return `${how}'s message is not plain words: ${error.message}`
    }
  }
  // The list says "Delete it and download it again": deleting it must work.
  await library.deleteModel(listed.id)
  if ((await library.list()).some((m) => m.file === file)) return 'still listed after it was deleted'
  return null
}
