import type { VaultInfo } from '../../shared/api'
import type { InferenceEngine } from './engine/inferenceEngine'
import type { SystemProbe } from './hardware/readings'
import type { Toolbox } from './mcp/toolbox'
import type { SecretCipher } from './vault/secretStore'

/**
 * What a shell gives the services. Electron, the host and the CLI differ only here.
 * Nothing in services/ imports 'electron'; it reaches the platform through these ports.
 */

/** A persistent JSON object (electron-store in Electron, `conf` in the host and CLI). */
export interface KeyValueStore {
  /** The whole stored object as it is now (may hold anything: it is validated by the settings service). */
  read(): Record<string, unknown>
  write(value: Record<string, unknown>): void
  /** Runs a read-change-write with no other process writing in between. Absent: this process is the only writer. */
  exclusive?<T>(work: () => T): T
  /** Changes whenever another process may have changed the stored object. Absent: nothing else changes it. */
  stamp?(): string
}

export interface Paths {
  /** Root of everything Aura writes: settings, conversations, logs, models (by default). */
  dataDir: string
}

export interface Clock {
  now(): number
}

export interface Logger {
  info(message: string, data?: Record<string, unknown>): void
  warn(message: string, data?: Record<string, unknown>): void
  error(message: string, data?: Record<string, unknown>): void
}

export type { SecretCipher } from './vault/secretStore'

/** Opens a folder in the system's file manager (Electron's shell.openPath; the host spawns the OS opener). */
export interface FolderOpener {
  openPath(path: string): Promise<void>
}

/** The system's own "choose a folder" dialog (Electron's dialog.showOpenDialog); the host has none. */
export interface FolderPicker {
  /** The folder the user picked, or null when they cancelled; `title` says what it is for. */
  pickFolder(title?: string): Promise<string | null>
}

/**
 * The system's own question box (Electron's dialog.showMessageBox), for what the page alone must not
 * decide: running a program on this computer. The host has none (its page is the user's only window).
 */
export interface Confirmer {
  /** Whether the user pressed `action` (not Cancel). */
  confirm(question: { message: string; detail: string; action: string }): Promise<boolean>
}

export interface Ports {
  shell: 'electron' | 'host'
  version: string
  paths: Paths
  settingsStore: KeyValueStore
  /** Said to the user once at start-up, e.g. that a damaged settings file was set aside. */
  startupNotices?: { level: 'info' | 'warning' | 'error'; message: string }[]
  clock?: Clock
  logger?: Logger
  folderOpener?: FolderOpener
  /**
   * Where there is one, the models folder can only move to a folder picked in it: the page cannot
   * name a path of its own. Without one (the host) a typed path is taken once it is a real folder.
   */
  folderPicker?: FolderPicker
  /** Where there is one, a tools server's command runs only once the user said yes in it (services/mcp). */
  confirmer?: Confirmer
  /** Seals secrets (Electron: safeStorage; host: the OS keyring); a key file in the data folder when absent. */
  secretCipher?: SecretCipher
  /** How this shell keeps keys, and what the user should know about it. */
  vault?: VaultInfo
  /** The environment the services read overrides from (AURA_HF_ENDPOINT); process.env by default. */
  env?: Record<string, string | undefined>
  /** Runs local models; the services own it from here on (disposed with them). Default: node-llama-cpp in-process. */
  engine?: InferenceEngine
  /** Reads this computer's hardware. Default: the real probe (systeminformation, statfs, node-llama-cpp). */
  systemProbe?: SystemProbe
  /** The tools a chat reply may call. Default: the MCP servers the user added (services/mcp). */
  toolbox?: Toolbox
}

export const systemClock: Clock = { now: () => Date.now() }

export const silentLogger: Logger = { info() {}, warn() {}, error() {} }

/**
 * Logs to stderr, keeping stdout for what a command prints (e.g. `aura run`'s answer), one line per
 * entry (a terminal is read by people: no object dumps). Informational lines only with `AURA_VERBOSE=1`.
 */
export const stderrLogger: Logger = {
  info: (message, data) => {
    if (process.env.AURA_VERBOSE === '1') console.error(logLine(message, data))
  },
  warn: (message, data) => console.error(logLine(message, data)),
  error: (message, data) => console.error(logLine(message, data)),
}

/** `message (key: value, …)`: texts as they are, errors by their message, anything else as JSON. */
export function logLine(message: string, data?: Record<string, unknown>): string {
  const parts = Object.entries(data ?? {}).map(([key, value]) => `${key}: ${value instanceof Error ? value.message : typeof value === 'string' ? value : jsonOf(value)}`)
  return parts.length === 0 ? message : `${message} (${parts.join(', ')})`
}

function jsonOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
