import { randomBytes } from 'node:crypto'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PRIVATE_FILE_MODE } from '../services/files'

/**
 * What `aura serve` keeps between runs so that an open tab gets back in by itself after a restart:
 * the port (the tab's origin, and so its sessionStorage, includes it) and the access token the tab
 * holds. Kept in the data folder, 0600 — anyone who can read that folder can already read the chats
 * and the key file, so the token adds nothing they lack. It lasts {@link LINK_DAYS} days, or until
 * `aura serve --new-link`; then old tabs are turned away and say to open the new address.
 */
export interface KeptLink {
  port: number
  token: string
  /** When the token was made (ms since the epoch). */
  createdAt: number
}

export const LINK_FILE_NAME = 'serve.json'
export const LINK_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

/** A fresh access token: 192 random bits. */
export const newToken = (): string => randomBytes(24).toString('base64url')

/** The link of the last run, or null when there is none, it is damaged, or it is too old to keep. */
export function readKeptLink(dataDir: string, now = Date.now()): KeptLink | null {
  let kept: Partial<KeptLink>
  try {
    kept = JSON.parse(readFileSync(join(dataDir, LINK_FILE_NAME), 'utf8')) as Partial<KeptLink>
  } catch {
    return null
  }
  const { port, token, createdAt } = kept ?? {}
  if (!Number.isInteger(port) || port! < 1 || port! > 65535) return null
  if (typeof token !== 'string' || !/^[\w-]{32,}$/.test(token)) return null
  if (typeof createdAt !== 'number' || createdAt > now || now - createdAt > LINK_DAYS * DAY_MS) return null
  return { port: port!, token, createdAt }
}

export function keepLink(dataDir: string, link: KeptLink): void {
  writePrivateFile(join(dataDir, LINK_FILE_NAME), JSON.stringify(link))
}

/** Written whole (temporary file, then rename), readable by this user only: it holds the token. */
export function writePrivateFile(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, text, { mode: PRIVATE_FILE_MODE })
  renameSync(temporary, file)
}
