import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { shapeIn } from '../../shared/i18n'
import { rejection } from '../services/testing/rejection'
import { createFolderOpener, openerCommand } from './folderOpener'

let root: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aura-opener-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

/** A stand-in for xdg-open that records the arguments it was given. */
async function fakeOpener(exitCode = 0): Promise<{ command: string; args: () => Promise<string> }> {
  const out = join(root, 'args.txt')
  const command = join(root, 'fake-open')
  await writeFile(command, `#!/bin/sh\nprintf '%s\\n' "$#" "$@" > '${out}'\nexit ${exitCode}\n`)
  await chmod(command, 0o755)
  return { command, args: () => readFile(out, 'utf8') }
}

it('uses the system opener of each OS', () => {
  expect(openerCommand('linux')).toBe('xdg-open')
  expect(openerCommand('freebsd')).toBe('xdg-open')
  expect(openerCommand('darwin')).toBe('open')
  expect(openerCommand('win32')).toBe('explorer.exe')
})

describe('createFolderOpener', () => {
  beforeEach((ctx) => {
    ctx.skip(process.platform === 'win32', 'the stand-in openers are shell scripts, which Windows cannot run')
  })

  it('passes the folder as one argument, never through a shell', async () => {
    const folder = join(root, 'My Models; $(touch pwned) `id`')
    await mkdir(folder)
    const opener = await fakeOpener()
    await createFolderOpener({ command: opener.command }).openPath(folder)
    expect(await opener.args()).toBe(`1\n${folder}\n`)
    expect(existsSync(join(root, 'pwned'))).toBe(false)
    expect(existsSync('pwned')).toBe(false)
  })

  it('says plainly when the opener is missing or fails', async () => {
    const missing = await rejection(createFolderOpener({ command: join(root, 'no-such-opener') }).openPath(root))
    expect(missing.code).toBe('internal')
    expect(missing.message).toBe(`Aura could not open the folder: "${join(root, 'no-such-opener')}" is not available on this computer. You can find it at ${root}.`)

    const failing = await fakeOpener(3)
    const failed = await rejection(createFolderOpener({ command: failing.command }).openPath(root))
    expect(failed.message).toBe(`Aura could not open the folder (${failing.command} failed). You can find it at ${root}.`)
    // The page reads it in its own language (the door says the error's words again).
    expect(shapeIn(missing, 'es').message).toBe(`Aura no pudo abrir la carpeta: "${join(root, 'no-such-opener')}" no está disponible en este ordenador. Está en ${root}.`)
    expect(shapeIn(failed, 'zh-CN').message).toBe(`Aura 无法打开文件夹（${failing.command} 失败）。它位于 ${root}。`)
  })

  it('lets an opener that keeps running go', async () => {
    const command = join(root, 'slow-open')
    await writeFile(command, '#!/bin/sh\nsleep 2\n')
    await chmod(command, 0o755)
    const started = performance.now()
    await createFolderOpener({ command, settleMs: 100 }).openPath(root)
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it('refuses a missing folder or a file', async () => {
    const opener = createFolderOpener({ command: 'true' })
    const missing = await rejection(opener.openPath(join(root, 'nope')))
    expect(missing.code).toBe('not_found')
    expect(missing.message).toBe(`The folder ${join(root, 'nope')} does not exist.`)
    await writeFile(join(root, 'file.gguf'), 'x')
    expect((await rejection(opener.openPath(join(root, 'file.gguf')))).code).toBe('invalid_input')
  })
})
