import { spawn } from 'node:child_process'
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { AuraError } from '../../shared/api'
import { words } from '../../shared/i18n'
import type { FolderOpener } from '../services/ports'

export interface FolderOpenerOptions {
  platform?: NodeJS.Platform
  /** The program that opens the file manager; see {@link openerCommand}. */
  command?: string
  /**
   * How long to watch for an opener that fails at once (xdg-open with no desktop to open) before
   * trusting that it worked. Openers that stay running (some xdg-open fallbacks) are let go then.
   */
  settleMs?: number
}

/** The system's own "open this in the file manager" program. */
export function openerCommand(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'explorer.exe'
  if (platform === 'darwin') return 'open'
  return 'xdg-open'
}

/**
 * The host's FolderOpener (Electron uses shell.openPath): runs the system opener with the folder as
 * its one argument — no shell, so no path can be read as a command — detached, so closing Aura
 * leaves the file manager open. Failures become plain AuraErrors that say where the folder is.
 */
export function createFolderOpener(options: FolderOpenerOptions = {}): FolderOpener {
  const platform = options.platform ?? process.platform
  const command = options.command ?? openerCommand(platform)
  const settleMs = options.settleMs ?? 800
  return {
    async openPath(path: string): Promise<void> {
      const folder = resolve(path)
      const isFolder = await stat(folder).then(
        (s) => s.isDirectory(),
        () => null,
      )
      if (isFolder === null) throw new AuraError('not_found', words('models.noFolder', { path: folder }), { path: folder })
      if (!isFolder) throw new AuraError('invalid_input', words('models.notAFolder', { path: folder }), { path: folder })
      await runOpener(command, folder, platform === 'win32' ? 0 : settleMs, 'shell.theFolder')
    },
  }
}

/**
 * Runs the system opener on `target` (a folder, or a file for its default app). `what` names it in
 * the error ("the folder", said in the reader's language). Resolves once the opener worked, or stayed running for `settleMs`.
 */
export function runOpener(command: string, target: string, settleMs: number, named: 'shell.theFolder' | 'shell.yourBrowser'): Promise<void> {
  const what = words(named)
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, [target], { detached: true, stdio: 'ignore', shell: false })
    let settled = false
    const settle = (error?: AuraError) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      child.unref()
      if (error) reject(error)
      else resolvePromise()
    }
    let timer: NodeJS.Timeout | undefined
    child.once('error', (error: NodeJS.ErrnoException) => {
      const key = error.code === 'ENOENT' ? 'shell.openerMissing' : 'shell.openerNotStarted'
      settle(new AuraError('internal', words(key, { what, command, target }), { path: target }))
    })
    child.once('spawn', () => {
      // Windows' explorer.exe exits with 1 even when it worked, so only its start counts there.
      if (settleMs <= 0) settle()
      else timer = setTimeout(() => settle(), settleMs)
    })
    child.once('exit', (code) => {
      if (code === 0 || settleMs <= 0) settle()
      else settle(new AuraError('internal', words('shell.openerFailed', { what, command, target }), { path: target, exitCode: code }))
    })
  })
}
