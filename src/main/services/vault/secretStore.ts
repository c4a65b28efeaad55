import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { makePrivateDir, withLockSync } from '../files'
import { AuraError } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import { quarantineDamagedJson } from '../settings/quarantine'

/** Turns a secret into bytes only this user on this computer can turn back (the shell decides how). */
export interface SecretCipher {
  /** e.g. 'safeStorage' (the OS keychain), 'keyring', 'keyFile' */
  kind: string
  encrypt(plain: string): Buffer
  decrypt(sealed: Buffer): string
}

/** The key file's name in the data folder (the fallback where no OS keychain is reachable). */
export const KEY_FILE_NAME = 'secret.key'

export const AES_KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16
/**
 * Marks bytes sealed by {@link aesGcmCipher}, so a shell can tell them from its keychain's own
 * (Electron's safeStorage on macOS "opens" bytes without its prefix by returning them unchanged —
 * it would turn a key sealed by the CLI into garbage instead of refusing it).
 * Bytes sealed before the mark existed (iv + tag + data) are still opened.
 */
const AES_MARK = Buffer.from('AGv1')

export function isAesSealed(sealed: Buffer): boolean {
  return sealed.subarray(0, AES_MARK.length).equals(AES_MARK)
}

/**
 * AES-256-GCM with a 32-byte key from `loadKey` (a key file, or a key kept in the OS keyring).
 * GCM authenticates: bytes sealed with another key are refused, never opened into garbage.
 */
export function aesGcmCipher(kind: string, loadKey: (forSealing: boolean) => Buffer): SecretCipher {
  const open = (key: Buffer, body: Buffer) => {
    const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, IV_BYTES))
    decipher.setAuthTag(body.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
    return Buffer.concat([decipher.update(body.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
  }
  return {
    kind,
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', loadKey(true), iv)
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([AES_MARK, iv, cipher.getAuthTag(), data])
    },
    decrypt(sealed) {
      const key = loadKey(false)
      if (isAesSealed(sealed)) {
        try {
          return open(key, sealed.subarray(AES_MARK.length))
        } catch {
          // 1 in 2^32: unmarked (older) bytes whose random IV happens to start with the mark.
        }
      }
      return open(key, sealed)
    },
  }
}

/**
 * AES-256-GCM with a random key kept in a file only this user can read (0600). Used where the OS
 * keychain is not reachable: it keeps secrets out of plain JSON, but anyone who can read the
 * user's files can read the key too. The file is made when the first secret is sealed — only
 * reading never makes one (so a look from an SSH session does not pin a vault to a key file).
 */
export function keyFileCipher(keyFile: string): SecretCipher {
  let key: Buffer | null = null
  const readKey = () => {
    const read = readFileSync(keyFile)
    if (read.length !== AES_KEY_BYTES) throw new Error(`The key file ${keyFile} is damaged.`)
    return read
  }
  return aesGcmCipher('keyFile', (forSealing) => {
    if (key) return key
    if (existsSync(keyFile)) return (key = readKey())
    if (!forSealing) throw new Error('There is no key file yet.')
    makePrivateDir(dirname(keyFile))
    const fresh = randomBytes(AES_KEY_BYTES)
    try {
      writeFileSync(keyFile, fresh, { mode: 0o600, flag: 'wx' })
    } catch (error) {
      // Another Aura (the CLI beside the app) made it a moment ago: use theirs.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return (key = readKey())
      throw error
    }
    chmodSync(keyFile, 0o600)
    return (key = fresh)
  })
}

/**
 * Seals with `sealer`, opens with the first of `openers` that accepts the bytes. Lets a vault
 * move to a stronger cipher (the OS keychain) and still open what an earlier one sealed.
 * Put authenticated ciphers (AES-GCM) first: they refuse what is not theirs.
 */
export function cipherChain(sealer: SecretCipher, openers: SecretCipher[]): SecretCipher {
  return {
    kind: sealer.kind,
    encrypt: (plain) => sealer.encrypt(plain),
    decrypt(sealed) {
      let failure: unknown = new Error('No cipher could open the secret.')
      for (const opener of openers) {
        try {
          return opener.decrypt(sealed)
        } catch (error) {
          failure = error
        }
      }
      throw failure
    },
  }
}

export interface SecretStoreOptions {
  /**
   * `secrets.json` was damaged (not JSON, or not an object of sealed strings) and was moved aside,
   * byte for byte, to `movedTo` — rather than replaced, with every key in it, by the next save.
   */
  onDamaged?(movedTo: string): void
  /** For the damaged copy's name. */
  now?: () => number
}

/**
 * Named secrets (the Hugging Face token, API keys), sealed by a cipher and kept in `secrets.json`
 * (0600). Only sealed bytes touch the disk; a secret that no longer opens reads as absent (`names`
 * still lists it, so the caller can say so). A damaged file is set aside like `settings.json`.
 * Replacing or removing a secret overwrites its sealed bytes where they lay, not just unlinks them.
 */
export class SecretStore {
  private readonly file: string
  /** The parsed file and what its secrets opened to, until the file changes (any process may write it). */
  private cache: { stamp: string; sealed: Record<string, string>; opened: Map<string, string | null>; unreadable?: boolean } | null = null

  constructor(
    dataDir: string,
    private readonly cipher: SecretCipher,
    private readonly options: SecretStoreOptions = {},
  ) {
    this.file = join(dataDir, 'secrets.json')
  }

  get(name: string): string | null {
    const { sealed, opened } = this.read()
    const value = sealed[name]
    if (!value) return null
    if (!opened.has(name)) {
      try {
        opened.set(name, this.cipher.decrypt(Buffer.from(value, 'base64')))
      } catch {
        opened.set(name, null)
      }
    }
    return opened.get(name) ?? null
  }

  /** The names of every stored secret, whether or not this cipher can open it. */
  names(): string[] {
    return Object.keys(this.read().sealed)
  }

  /** Changes one secret in the file as it is now, under its lock: another process's secrets stay. */
  set(name: string, value: string | null): void {
    makePrivateDir(dirname(this.file))
    withLockSync(this.file, 'files.whatKeysFile', () => {
      this.cache = null
      const current = this.read()
      // Writing now would replace a file we could not read, and every secret in it.
      if (current.unreadable) throw new AuraError('internal', words('keys.fileUnreadable', { file: this.file }))
      const all = { ...current.sealed }
      const previous = all[name]
      if (value === null) delete all[name]
      else all[name] = this.cipher.encrypt(value).toString('base64')
      if (previous !== undefined) this.overwriteInPlace(name, previous)
      const temp = `${this.file}.${process.pid}.tmp`
      writeFileSync(temp, JSON.stringify(all), { mode: 0o600 })
      renameSync(temp, this.file)
      this.cache = null
    })
  }

  /**
   * Turns the old sealed value into 'A's (valid base64, opens to nothing) inside the current file,
   * before the new file replaces it: a rename alone would leave the old bytes in a free block.
   * The file stays valid JSON of the same length throughout, so a crash here loses nothing else.
   * Best effort: copy-on-write file systems and SSDs may still keep an old copy of the block.
   */
  private overwriteInPlace(name: string, sealed: string): void {
    let fd: number
    try {
      fd = openSync(this.file, 'r+')
    } catch {
      return
    }
    try {
      // Read through the same descriptor we write through, so the offset is right for this file.
      const size = statSync(this.file).size
      const content = Buffer.alloc(size)
      let read = 0
      while (read < size) {
        const n = readSync(fd, content, read, size - read, read)
        if (n === 0) break
        read += n
      }
      const needle = Buffer.from(`${JSON.stringify(name)}:${JSON.stringify(sealed)}`)
      const at = content.subarray(0, read).indexOf(needle)
      if (at < 0) return
      const valueAt = at + Buffer.byteLength(`${JSON.stringify(name)}:"`)
      writeSync(fd, Buffer.alloc(Buffer.byteLength(sealed), 'A'), 0, Buffer.byteLength(sealed), valueAt)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  }

  private read(): { sealed: Record<string, string>; opened: Map<string, string | null>; unreadable?: boolean } {
    let stamp: string
    try {
      const stat = statSync(this.file)
      stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`
    } catch {
      stamp = 'absent'
    }
    if (this.cache?.stamp === stamp) return this.cache
    let sealed: Record<string, string> = {}
    let text: string | null = null
    let unreadable = false
    try {
      text = readFileSync(this.file, 'utf8')
    } catch (error) {
      unreadable = (error as NodeJS.ErrnoException).code !== 'ENOENT'
    }
    if (text !== null) {
      let parsed: unknown = null
      try {
        parsed = JSON.parse(text)
      } catch {
        // damaged: set aside below
      }
      if (isSealedSecrets(parsed)) sealed = parsed
      else {
        try {
          stamp = this.setAside() ?? stamp
        } catch {
          unreadable = true // could not be moved aside: left alone, and not written over
        }
      }
    }
    this.cache = unreadable ? { stamp, sealed, opened: new Map(), unreadable } : { stamp, sealed, opened: new Map() }
    return this.cache
  }

  /** Moves a damaged file aside (kept byte for byte) and says where; the stamp of the file now absent. */
  private setAside(): string | null {
    const damaged = quarantineDamagedJson(this.file, (this.options.now ?? Date.now)(), isSealedSecrets)
    if (!damaged) return null
    this.options.onDamaged?.(damaged.movedTo)
    return 'absent'
  }
}

/** `{name: base64}`: the only shape `secrets.json` has. */
function isSealedSecrets(parsed: unknown): parsed is Record<string, string> {
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && Object.values(parsed).every((value) => typeof value === 'string')
}
