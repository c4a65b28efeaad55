import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { keepLink, LINK_DAYS, LINK_FILE_NAME, newToken, readKeptLink } from './link'
import { LAUNCH_FILE_NAME, launchPage, openInBrowser } from './openBrowser'

const DAY = 24 * 60 * 60 * 1000

describe("aura serve's kept link", () => {
  let dataDir: string
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'aura-link-'))
  })
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

  it('keeps the port and token for the next run, in a file only this user can read', () => {
    const link = { port: 41234, token: newToken(), createdAt: Date.now() }
    keepLink(dataDir, link)
    expect(readKeptLink(dataDir)).toEqual(link)
    if (process.platform !== 'win32') expect(statSync(join(dataDir, LINK_FILE_NAME)).mode & 0o777).toBe(0o600)
  })

  it(`forgets a link older than ${LINK_DAYS} days, one from the future, and a damaged file`, () => {
    const now = Date.now()
    keepLink(dataDir, { port: 41234, token: newToken(), createdAt: now - (LINK_DAYS + 1) * DAY })
    expect(readKeptLink(dataDir, now)).toBeNull()
    keepLink(dataDir, { port: 41234, token: newToken(), createdAt: now + DAY })
    expect(readKeptLink(dataDir, now)).toBeNull()
    for (const text of ['{', 'null', '[]', JSON.stringify({ port: 0, token: newToken(), createdAt: now }), JSON.stringify({ port: 80, token: 'short', createdAt: now })]) {
      writeFileSync(join(dataDir, LINK_FILE_NAME), text)
      expect(readKeptLink(dataDir, now), text).toBeNull()
    }
  })

  it.skipIf(process.platform === 'win32')('--open hands the browser a private page that goes on to the address: the token is on no command line', async () => {
    // A stand-in for xdg-open / open: a real program that writes down what it was given.
    const opener = join(dataDir, 'opener.sh')
    const given = join(dataDir, 'given.txt')
    writeFileSync(opener, `#!/bin/sh\nprintf '%s\\n' "$@" > '${given}'\n`)
    chmodSync(opener, 0o755)
    const token = newToken()
    const url = `http://127.0.0.1:41234/#token=${token}`
    await openInBrowser(dataDir, url, { command: opener, platform: 'linux' })
    const argument = readFileSync(given, 'utf8').trim()
    expect(argument).toBe(join(dataDir, LAUNCH_FILE_NAME))
    expect(argument).not.toContain(token)
    expect(readFileSync(argument, 'utf8')).toBe(launchPage(url))
    expect(launchPage(url)).toContain(`content="0;url=${url}"`)
    expect(statSync(argument).mode & 0o777).toBe(0o600)
  })

  it('--open says so in words when there is no opener', async () => {
    await expect(openInBrowser(dataDir, 'http://127.0.0.1:1/#token=x', { command: join(dataDir, 'missing') })).rejects.toThrow(/Aura could not open your browser: ".*missing" is not available/)
  })
})
