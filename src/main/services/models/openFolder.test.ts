import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Envelope } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import type { FolderPicker, Ports } from '../ports'
import { memoryStore } from '../testing/memoryStore'

/**
 * The page can make Aura open only folders (issue 12, item 7): the OS opener (Electron's
 * shell.openPath) runs programs and opens documents, so what reaches it must be a folder that is
 * Aura's own or was set through `models.setFolder` — picked in the system's dialog where there is one.
 */
describe('models.openFolder opens only folders Aura owns or the user picked', () => {
  const dirs: string[] = []
  const running: Services[] = []
  afterEach(async () => {
    await Promise.all(running.splice(0).map((services) => services.dispose()))
    dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }))
  })

  /** Services whose opener, like shell.openPath, opens whatever it is given: the test records what that was. */
  function start(extra: Partial<Ports> = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'aura-open-folder-'))
    dirs.push(dir)
    const opened: string[] = []
    const services = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir: dir },
      settingsStore: memoryStore(),
      env: {},
      folderOpener: { openPath: async (path) => void opened.push(path) },
      ...extra,
    })
    running.push(services)
    const call = (procedure: string, input: unknown) => services.dispatch(procedure, input) as Promise<Envelope<Record<string, unknown>>>
    return { dir, opened, call }
  }

  it('never hands the opener a program or a document named through the settings', async () => {
    const { dir, opened, call } = start()
    const program = join(dir, 'calc.exe')
    writeFileSync(program, 'MZ')
    const refused = await call('settings.update', { modelsDir: program })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    // The models folder stays Aura's own, not made yet: nothing to open, and nothing else is opened instead.
    expect(await call('models.openFolder', {})).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(opened).toEqual([])
  })

  it('opens Aura’s own models folder, and refuses it once it is a file, a link to a file or an app bundle', async () => {
    const { dir, opened, call } = start()
    mkdirSync(join(dir, 'models'))
    expect(await call('models.openFolder', {})).toMatchObject({ ok: true })
    expect(opened).toEqual([join(dir, 'models')])

    const moved = join(dir, 'elsewhere')
    expect(await call('models.setFolder', { path: moved, moveFiles: false })).toMatchObject({ ok: true })
    rmSync(moved, { recursive: true })
    writeFileSync(join(dir, 'payload.sh'), '#!/bin/sh\n')
    symlinkSync(join(dir, 'payload.sh'), moved)
    expect(await call('models.openFolder', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', message: `${moved} is a file, not a folder, so Aura will not open it.` } })

    const bundle = join(dir, 'Calculator.app')
    expect(await call('models.setFolder', { path: bundle, moveFiles: false })).toMatchObject({ ok: true })
    expect(await call('models.openFolder', {})).toMatchObject({ ok: false, error: { message: `${bundle} is an app, not a folder, so Aura will not open it.` } })
    expect(opened).toEqual([join(dir, 'models')])
  })

  it('with a system folder dialog, moves the models folder only to a folder picked in it', async () => {
    let answer: string | null = null
    const folderPicker: FolderPicker = { pickFolder: async () => answer }
    const { dir, opened, call } = start({ shell: 'electron', folderPicker })
    const typed = join(dir, 'typed')
    expect(await call('models.setFolder', { path: typed, moveFiles: false })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/Choose the new folder with “Choose…”/) } })

    expect(await call('models.chooseFolder', {})).toEqual({ ok: true, data: { path: null } }) // cancelled
    answer = join(dir, 'picked')
    expect(await call('models.chooseFolder', {})).toEqual({ ok: true, data: { path: answer } })
    expect(await call('models.setFolder', { path: answer, moveFiles: false })).toMatchObject({ ok: true, data: { modelsDir: answer } })
    expect(await call('models.openFolder', {})).toMatchObject({ ok: true })
    expect(opened).toEqual([answer])
  })

  it('says there is no folder dialog in browser mode', async () => {
    const { call } = start()
    expect(await call('models.chooseFolder', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Type the full path of the folder instead.' } })
  })
})
