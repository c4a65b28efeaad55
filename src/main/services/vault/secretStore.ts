import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** Turns a secret into bytes only this user on this computer can turn back (the shell decides how). */
export interface SecretCipher {
  /** e.g. 'safeStorage' (the OS keychain), 'keyFile' */
  kind: string
  encrypt(plain: string): Buffer
  decrypt(sealed: Buffer): string
}

const KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * AES-256-GCM with a random key kept in a file only this user can read (0600). Used where the OS
 * keychain is not reachable (the host and CLI, for now): it keeps secrets out of plain JSON, but
 * anyone who can read the user's files can read the key too.
 */
export function keyFileCipher(keyFile: string): SecretCipher {
  let key: Buffer | null = null
  const loadKey = (): Buffer => {
    if (key) return key
    if (existsSync(keyFile)) {
      key = readFileSync(keyFile)
      if (key.length !== KEY_BYTES) throw new Error(`The key file ${keyFile} is damaged.`)
      return key
    }
    mkdirSync(dirname(keyFile), { recursive: true })
    const fresh = randomBytes(KEY_BYTES)
    writeFileSync(keyFile, fresh, { mode: 0o600, flag: 'wx' })
    chmodSync(keyFile, 0o600)
    key = fresh
    return key
  }
  return {
    kind: 'keyFile',
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', loadKey(), iv)
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), data])
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', loadKey(), sealed.subarray(0, IV_BYTES))
      decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
    },
  }
}

/**
 * Named secrets (e.g. the Hugging Face token), sealed by a cipher and kept in `secrets.json`
 * (0600). Only sealed bytes touch the disk; a secret that no longer opens reads as absent.
 */
export class SecretStore {
  private readonly file: string

  constructor(
    dataDir: string,
    private readonly cipher: SecretCipher,
  ) {
    this.file = join(dataDir, 'secrets.json')
  }

  get(name: string): string | null {
    const sealed = this.read()[name]
    if (!sealed) return null
    try {
      return this.cipher.decrypt(Buffer.from(sealed, 'base64'))
    } catch {
      return null
    }
  }

  set(name: string, value: string | null): void {
    const all = this.read()
    if (value === null) delete all[name]
    else all[name] = this.cipher.encrypt(value).toString('base64')
    mkdirSync(dirname(this.file), { recursive: true })
    const temp = `${this.file}.${process.pid}.tmp`
    writeFileSync(temp, JSON.stringify(all), { mode: 0o600 })
    renameSync(temp, this.file)
  }

  private read(): Record<string, string> {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {}
    } catch {
      return {}
    }
  }
}
