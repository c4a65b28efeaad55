import { createHash } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { shapeIn } from '../../../shared/i18n'
import { ModelLibrary } from './modelLibrary'
import { rejection } from '../testing/rejection'
import { writeTinyLlama, writeTinyLlamaShards } from '../testing/tinyLlama'
import { moveModelsFolder } from './moveModelsFolder'
import { copyTempPath } from './safeMove'

let root: string
let from: string
let to: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aura-move-'))
  from = join(root, 'old', 'models')
  to = join(root, 'new', 'models')
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

/** Every file under `dir` (relative path → SHA-256), hidden ones included. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {}
  const walk = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) await walk(path)
      else result[relative(dir, path)] = createHash('sha256').update(await readFile(path)).digest('hex')
    }
  }
  await walk(dir)
  return result
}

/** A models folder as Aura leaves it: models at the top, in publisher folders, a split set, and other files. */
async function fillModelsFolder(dir: string): Promise<Record<string, string>> {
  await writeTinyLlama(join(dir, 'tiny.gguf'))
  await writeTinyLlama(join(dir, 'org', 'repo', 'Tiny-Chat-F32.gguf'), { chatTemplate: true, seed: 2 })
  await writeTinyLlamaShards(join(dir, 'split'), 'big', 3, { seed: 3 })
  return snapshot(dir)
}

/** Only the model files of a snapshot. */
const models = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([name]) => name.endsWith('.gguf')))

describe('moveModelsFolder', () => {
  it('moves every model, keeping sub-folders, and leaves other files', async () => {
    const before = await fillModelsFolder(from)
    await writeFile(join(from, 'next.gguf.part'), 'half a download')
    const ids = (await new ModelLibrary(() => from).list()).map((m) => m.id)

    const progress: number[] = []
    const result = await moveModelsFolder(from, to, { moveFiles: true, onProgress: (p) => progress.push(p.moved) })
    expect(result).toEqual({ moved: 5 })
    expect(progress).toEqual([1, 2, 3, 4, 5])
    expect(await snapshot(to)).toEqual(models(before))
    expect(Object.keys(await snapshot(from))).toEqual(['next.gguf.part'])
    expect(existsSync(join(from, 'org'))).toBe(false) // emptied sub-folders go
    expect((await new ModelLibrary(() => to).list()).map((m) => m.id)).toEqual(ids)
  })

  it('copies safely when the new folder is on another disk (forced copy path)', async () => {
    const before = await fillModelsFolder(from)
    const mtime = new Date('2025-03-01T12:00:00Z')
    await utimes(join(from, 'tiny.gguf'), mtime, mtime)
    const result = await moveModelsFolder(from, to, { moveFiles: true, forceCopy: true })
    expect(result).toEqual({ moved: 5 })
    expect(await snapshot(to)).toEqual(before) // no temp files left behind
    expect(await snapshot(from)).toEqual({})
    expect((await stat(join(to, 'tiny.gguf'))).mtime.getTime()).toBe(mtime.getTime())
  })

  const shm = '/dev/shm'
  const otherDevice = existsSync(shm) && statSync(shm).dev !== statSync(tmpdir()).dev
  it('moves across real devices (tmpfs to disk)', async (ctx) => {
    ctx.skip(!otherDevice, `${shm} is missing or on the same file system as the temporary folder`)
    const source = await mkdtemp(join(shm, 'aura-move-'))
    try {
      const before = await fillModelsFolder(source)
      expect(await moveModelsFolder(source, to, { moveFiles: true })).toEqual({ moved: 5 })
      expect(await snapshot(to)).toEqual(before)
      expect(await snapshot(source)).toEqual({})
    } finally {
      await rm(source, { recursive: true, force: true })
    }
  })

  it('puts every file back when one fails midway, and says so plainly', async () => {
    const before = await fillModelsFolder(from)
    // Something sits where the third file's copy would go: that copy fails after two files moved.
    await mkdir(copyTempPath(join(to, 'split', 'big-00001-of-00003.gguf')), { recursive: true })
    const error = await rejection(moveModelsFolder(from, to, { moveFiles: true, forceCopy: true }))
    expect(error.code).toBe('internal')
    expect(error.message).toMatch(/^Moving split\/big-00001-of-00003\.gguf failed \(something was in the way \(E[A-Z]+\)\)\. Nothing was moved: your models are still in /)
    expect(shapeIn(error, 'es').message).toMatch(/^No se pudo mover split\/big-00001-of-00003\.gguf \(algo estorbaba \(E[A-Z]+\)\)\. No se movió nada: tus modelos siguen en /)
    expect(shapeIn(error, 'zh-CN').message).toMatch(/^移动 split\/big-00001-of-00003\.gguf 失败（有东西挡住了（E[A-Z]+））。没有移动任何文件/)
    expect(await snapshot(from)).toEqual(before)
    expect(models(await snapshot(to))).toEqual({})
    expect(existsSync(join(to, 'org'))).toBe(false)
  })

  it('refuses a folder inside the current one, or around it', async () => {
    await fillModelsFolder(from)
    const inside = await rejection(moveModelsFolder(from, join(from, 'sub'), { moveFiles: true }))
    expect(inside.code).toBe('invalid_input')
    expect(inside.message).toContain('cannot be inside the current one')
    const around = await rejection(moveModelsFolder(from, join(root, 'old'), { moveFiles: true }))
    expect(around.message).toContain('cannot contain the current one')
    // Through a link too.
    await symlink(from, join(root, 'link'))
    expect((await rejection(moveModelsFolder(from, join(root, 'link', 'deeper'), { moveFiles: true }))).code).toBe('invalid_input')
    expect(existsSync(join(from, 'sub'))).toBe(false)
  })

  it('refuses when a file of the same name is already there, before moving anything', async () => {
    const before = await fillModelsFolder(from)
    await writeTinyLlama(join(to, 'org', 'repo', 'Tiny-Chat-F32.gguf'), { seed: 99 })
    const error = await rejection(moveModelsFolder(from, to, { moveFiles: true }))
    expect(error.code).toBe('invalid_input')
    expect(error.message).toBe(`There is already a file named "${join('org', 'repo', 'Tiny-Chat-F32.gguf')}" in ${to}. Move or rename it first, or choose another folder.`)
    expect(await snapshot(from)).toEqual(before)
  })

  it('refuses a copy that would not fit in the free space, before moving anything', async () => {
    const before = await fillModelsFolder(from)
    const error = await rejection(moveModelsFolder(from, to, { moveFiles: true, forceCopy: true, freeBytes: async () => 1_000 }))
    expect(error.code).toBe('disk_full')
    expect(error.message).toMatch(/^Your models need \d+(\.\d)? MiB, but only 1000 B is free at /)
    expect(await snapshot(from)).toEqual(before)
    // A rename on the same disk needs no space.
    expect(await moveModelsFolder(from, to, { moveFiles: true, freeBytes: async () => 1_000 })).toEqual({ moved: 5 })
  })

  it('only creates the new folder when the files stay', async () => {
    const before = await fillModelsFolder(from)
    expect(await moveModelsFolder(from, to, { moveFiles: false })).toEqual({ moved: 0 })
    expect((await stat(to)).isDirectory()).toBe(true)
    expect(await snapshot(from)).toEqual(before)
  })

  it('handles a missing old folder, the same folder, and a new "folder" that is a file', async () => {
    expect(await moveModelsFolder(join(root, 'never-made'), to, { moveFiles: true })).toEqual({ moved: 0 })
    expect(existsSync(to)).toBe(true)
    expect(await moveModelsFolder(to, join(to, '.'), { moveFiles: true })).toEqual({ moved: 0 })
    await writeFile(join(root, 'a-file'), 'x')
    const error = await rejection(moveModelsFolder(from, join(root, 'a-file'), { moveFiles: true }))
    expect(error.code).toBe('invalid_input')
    expect(error.message).toContain('is a file, not a folder')
  })

  it('moves linked model files as links, and never pulls in a linked folder’s files', async () => {
    const target = await writeTinyLlama(join(root, 'elsewhere', 'linked.gguf'))
    const outside = await writeTinyLlama(join(root, 'shelf', 'outside.gguf'))
    await mkdir(from, { recursive: true })
    await symlink(target, join(from, 'linked.gguf'))
    await symlink(join(root, 'shelf'), join(from, 'shelf'))
    expect(await moveModelsFolder(from, to, { moveFiles: true, forceCopy: true })).toEqual({ moved: 1 })
    expect(await readlink(join(to, 'linked.gguf'))).toBe(target)
    expect(existsSync(target)).toBe(true)
    expect(existsSync(outside)).toBe(true)
    expect(existsSync(join(to, 'shelf'))).toBe(false)
  })

  it('never lists the temp file of an interrupted copy as a model, and replaces it next time', async () => {
    await writeTinyLlama(join(from, 'tiny.gguf'))
    await mkdir(to, { recursive: true })
    await writeFile(copyTempPath(join(to, 'tiny.gguf')), 'the first half of a copy')
    expect(await new ModelLibrary(() => to).list()).toEqual([])
    expect(await moveModelsFolder(from, to, { moveFiles: true, forceCopy: true })).toEqual({ moved: 1 })
    expect(await readdir(to)).toEqual(['tiny.gguf'])
  })
})
