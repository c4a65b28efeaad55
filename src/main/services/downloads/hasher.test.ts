import { execFile } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { createStreamHash, hashChunks } from './hasher'

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** `bytes` cut into pieces of random sizes, each in an ArrayBuffer of its own (as fetch gives them). */
function ownedPieces(bytes: Buffer, seed = 1): Uint8Array[] {
  const pieces: Uint8Array[] = []
  let state = seed
  for (let at = 0; at < bytes.length; ) {
    state = (state * 1103515245 + 12345) % 2 ** 31
    const size = Math.min(bytes.length - at, 1 + (state % 200_000))
    pieces.push(new Uint8Array(bytes.subarray(at, at + size)))
    at += size
  }
  return pieces
}

describe('the SHA-256 worker', () => {
  it('gives the same digest as createHash on random data, in pieces of every size', async () => {
    const bytes = randomBytes(5 * 1024 * 1024 + 17)
    const hash = createStreamHash()
    const pieces = ownedPieces(bytes)
    for (let i = 0; i < pieces.length; i += 3) hash.update(pieces.slice(i, i + 3))
    expect(hash.bytes).toBe(bytes.length)
    expect(await hash.digest()).toBe(sha256(bytes))
    // Whole buffers were moved to the worker, not copied.
    expect(pieces.every((piece) => piece.byteLength === 0)).toBe(true)
    expect(await hashChunks([])).toBe(sha256(Buffer.alloc(0)))
  })

  it("copies views into memory it does not own, leaving the caller's bytes alone", async () => {
    const bytes = randomBytes(300_000)
    const views = [bytes.subarray(0, 1000), bytes.subarray(1000, 1000), bytes.subarray(1000, 200_000), bytes.subarray(200_000)]
    const small = Buffer.from('pooled') // from Node's shared pool
    expect(await hashChunks([...views, small])).toBe(sha256(Buffer.concat([bytes, small])))
    expect(bytes.byteLength).toBe(300_000)
    expect(small.toString()).toBe('pooled')
    // Two views of one buffer in one update: the buffer moves once at most.
    const shared = new Uint8Array(64)
    shared.fill(7)
    expect(await hashChunks([shared, shared])).toBe(sha256(Buffer.alloc(128, 7)))
  })

  it('keeps downloads apart: hashes fed in turns give their own digests', async () => {
    const a = randomBytes(3 * 1024 * 1024)
    const b = randomBytes(2 * 1024 * 1024 + 5)
    const [ha, hb] = [createStreamHash(), createStreamHash()]
    const [pa, pb] = [ownedPieces(a, 3), ownedPieces(b, 4)]
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
      if (pa[i]) ha.update([pa[i]!])
      if (pb[i]) hb.update([pb[i]!])
    }
    const dropped = createStreamHash()
    dropped.update([new Uint8Array(10)])
    dropped.dispose()
    await expect(dropped.digest()).rejects.toThrow(/ended/)
    expect(await Promise.all([ha.digest(), hb.digest()])).toEqual([sha256(a), sha256(b)])
  })

  it('drains: resolves once the worker has caught up, not before', async () => {
    const bytes = randomBytes(8 * 1024 * 1024)
    const hash = createStreamHash()
    hash.update(ownedPieces(bytes))
    let drained = false
    const drain = hash.drain(0).then(() => (drained = true))
    await Promise.resolve()
    expect(drained).toBe(false) // the worker answers by message, long after this microtask
    await drain
    // Caught up: with nothing waiting, the next drain resolves at once.
    let again = false
    void hash.drain(0).then(() => (again = true))
    await Promise.resolve()
    expect(again).toBe(true)
    expect(await hash.digest()).toBe(sha256(bytes))
  })

  it('across a resume: the bytes before it hashed again from the file, the rest as they come', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aura-hasher-'))
    try {
      const bytes = randomBytes(4 * 1024 * 1024 + 3)
      const cut = 2 * 1024 * 1024 + 1
      const path = join(dir, 'x.part')
      await writeFile(path, bytes.subarray(0, cut))
      const hash = createStreamHash()
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update([chunk as Buffer])
      hash.update(ownedPieces(bytes.subarray(cut), 9))
      expect(await hash.digest()).toBe(sha256(bytes))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('does not keep the process alive once its work is done', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aura-hasher-'))
    try {
      const script = join(dir, 'hash.ts')
      await writeFile(
        script,
        `import { createStreamHash } from ${JSON.stringify(fileURLToPath(new URL('./hasher.ts', import.meta.url)))}
        const hash = createStreamHash()
        hash.update([new Uint8Array(1000).fill(1)])
        console.log(await hash.digest())
        createStreamHash().update([new Uint8Array(10)]) // never digested: must not hold the process either`,
      )
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'jiti/register', script], {
        cwd: fileURLToPath(new URL('../../../..', import.meta.url)),
        timeout: 20_000,
      })
      expect(stdout.trim()).toBe(sha256(Buffer.alloc(1000, 1)))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
