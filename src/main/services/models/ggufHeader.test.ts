import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { open, truncate, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { malformedGgufs } from '../testing/ggufFuzz'
import { encodeTinyLlama } from '../testing/tinyLlama'
import { GGUF_LIMITS } from './ggufHeader'
import { readModelInfo } from './modelInfo'

/** A GGUF whose only metadata is one list of `items` bytes, in a (sparse) file as large as it claims. */
async function writeByteListGguf(path: string, items: number): Promise<void> {
  const key = Buffer.from('general.huge')
  const header = Buffer.alloc(24 + 8 + key.length + 16)
  header.write('GGUF', 0, 'latin1')
  let at = header.writeUInt32LE(3, 4)
  at = header.writeBigUInt64LE(0n, at) // tensors
  at = header.writeBigUInt64LE(1n, at) // metadata entries
  at = header.writeBigUInt64LE(BigInt(key.length), at)
  at += key.copy(header, at)
  at = header.writeUInt32LE(9, at) // an array…
  at = header.writeUInt32LE(0, at) // …of u8
  header.writeBigUInt64LE(BigInt(items), at)
  const file = await open(path, 'w')
  await file.write(header, 0, header.length, 0)
  await file.truncate(header.length + items)
  await file.close()
}

const plain = (problem: string | null) => problem !== null && /^[A-Z]/.test(problem) && !/\b(undefined|NaN|Error|\[object)\b/.test(problem)

describe('the GGUF header walk', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aura-gguf-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('lists a 115 MB file holding one list of 115 million bytes as damaged, in a process that lives on, and deletes it', async () => {
    // node-llama-cpp's parser built a JS array of every item and V8 aborted the process
    // ("Fatal JavaScript invalid size error"), which nothing can catch: so the listing runs in a child.
    const modelsDir = join(dir, 'crash')
    mkdirSync(modelsDir)
    await writeByteListGguf(join(modelsDir, 'crash.gguf'), 115_000_000)
    const library = join(import.meta.dirname, 'modelLibrary.ts')
    const code = `
      const { createJiti } = require(${JSON.stringify(createRequire(import.meta.url).resolve('jiti'))})
      createJiti(${JSON.stringify(library)}).import(${JSON.stringify(library)}).then(async ({ ModelLibrary }) => {
        const library = new ModelLibrary(() => ${JSON.stringify(modelsDir)})
        const [model] = await library.list()
        const deleted = await library.deleteModel(model.id)
        console.log(JSON.stringify({ problem: model.problem, deleted: deleted.kind, rss: process.memoryUsage().rss }))
      })`
    const child = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', timeout: 60_000 })
    expect(child.status, child.stderr.slice(0, 400)).toBe(0)
    const result = JSON.parse(child.stdout) as { problem: string; deleted: string; rss: number }
    expect(result.problem).toMatch(/^This file is damaged or was made to cause harm\. Its header holds a list of 115,000,000 values/)
    expect(result.deleted).toBe('deleted')
    expect(existsSync(join(modelsDir, 'crash.gguf'))).toBe(false)
    expect(result.rss).toBeLessThan(400 * 1024 ** 2)
  }, 70_000)

  it('lets node-llama-cpp read a GGUF header only after the walk (readCheckedGguf)', () => {
    const root = join(import.meta.dirname, '..', '..', '..')
    const callers = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
      .filter((name) => /readGgufFileInfo\(|new GgufInsights|GgufInsights\.from\(/.test(readFileSync(join(root, name), 'utf8')))
    expect(callers).toEqual([join('main', 'services', 'models', 'modelInfo.ts')])
  })

  it('reads a list at the cap, and refuses one item more before reading it', async () => {
    const file = join(dir, 'at-cap.gguf')
    await writeByteListGguf(file, GGUF_LIMITS.items)
    // Well-formed: what remains wrong is that it is no model (no architecture).
    expect((await readModelInfo(file, dir)).problem).toMatch(/damaged or not a GGUF model/)
    await writeByteListGguf(file, GGUF_LIMITS.items + 1)
    expect((await readModelInfo(file, dir)).problem).toMatch(/made to cause harm\. Its header holds a list of 4,194,305 values/)
  })

  it('answers each of ≥ 1,000 seeded malformed headers with a plain problem, in bounded memory and time', async () => {
    const cases = Number(process.env.AURA_GGUF_FUZZ_CASES ?? 1000)
    const good = encodeTinyLlama({ layers: 2, embedding: 8, heads: 2, kvHeads: 1, feedForward: 16 })
    const file = join(dir, 'fuzz.gguf')
    await writeFile(file, good)
    expect((await readModelInfo(file, dir)).problem).toBeNull() // the unharmed file is a usable model
    const variants = malformedGgufs(good, cases, 12)

    // What stays allocated is read after a full collection every 100 headers (a reading between two
    // collections is mostly garbage, and how much depends on the collector's timing, not on the reader);
    // RSS, read after every header, bounds the peaks. The spread between the lowest and highest reading:
    // garbage left by earlier tests cannot hide growth.
    setFlagsFromString('--expose-gc')
    const collect = runInNewContext('gc') as () => void
    collect()
    const before = process.memoryUsage()
    const rss = { min: before.rss, max: before.rss }
    const heap = { min: before.heapUsed, max: before.heapUsed }
    let read = 0
    const unanswered: string[] = []
    const answers = new Map<string, number>()
    const kinds: Array<[string, RegExp]> = [
      ['over a cap', /made to cause harm/],
      ['damaged structure', /damaged or not a GGUF/],
      ['incomplete', /incomplete/],
      ['unknown architecture', /of the kind/],
      ['weights vs layers', /^This file is damaged:/],
    ]
    const started = performance.now()
    for (const variant of variants) {
      await writeFile(file, variant.bytes)
      if (variant.size && variant.size > variant.bytes.length) await truncate(file, variant.size)
      const { problem } = await readModelInfo(file, dir)
      if (!plain(problem)) unanswered.push(`${variant.name}: ${problem}`)
      const kind = kinds.find(([, pattern]) => pattern.test(problem ?? ''))?.[0] ?? 'other'
      answers.set(kind, (answers.get(kind) ?? 0) + 1)
      rss.max = Math.max(rss.max, process.memoryUsage().rss)
      if (++read % 100 === 0 || read === variants.length) {
        collect()
        const now = process.memoryUsage()
        rss.min = Math.min(rss.min, now.rss)
        heap.min = Math.min(heap.min, now.heapUsed)
        heap.max = Math.max(heap.max, now.heapUsed)
      }
    }
    const seconds = (performance.now() - started) / 1000
    const mib = (bytes: number) => (bytes / 1024 ** 2).toFixed(1)
    console.log(
      `GGUF fuzz: ${variants.length} malformed headers in ${seconds.toFixed(2)} s (${((seconds * 1000) / variants.length).toFixed(2)} ms each); ` +
        `${variants.length - unanswered.length} answered with a problem; heap kept at most ${mib(heap.max - heap.min)} MiB more after a collection, RSS at most ${mib(rss.max - rss.min)} MiB; ` +
        [...answers].map(([kind, n]) => `${kind}: ${n}`).join(', '),
    )
    expect(variants.length).toBeGreaterThanOrEqual(Math.min(cases, 1000))
    expect(unanswered).toEqual([])
    expect(heap.max - heap.min).toBeLessThan(16 * 1024 ** 2)
    expect(rss.max - rss.min).toBeLessThan(128 * 1024 ** 2)
  }, 120_000)
})
