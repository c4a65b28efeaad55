import { accessSync, constants, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { basename, delimiter, extname, isAbsolute, join } from 'node:path'
import { say } from '../../../shared/i18n'

type Env = Record<string, string | undefined>

/**
 * What a server's process may see of Aura's environment: where programs are, the user's home and temp
 * folders, the language — never Aura's keys or anything else the process was started with.
 */
const KEPT: Record<'posix' | 'win32', string[]> = {
  posix: ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'TERM', 'LANG', 'LC_ALL', 'TMPDIR'],
  win32: ['PATH', 'PATHEXT', 'SystemRoot', 'SystemDrive', 'windir', 'ComSpec', 'USERPROFILE', 'USERNAME', 'HOMEDRIVE', 'HOMEPATH', 'APPDATA', 'LOCALAPPDATA', 'TEMP', 'TMP', 'ProgramFiles', 'ProgramData', 'PROCESSOR_ARCHITECTURE'],
}

/**
 * Where Node.js and uv usually install their commands. A desktop app started from the Dock or Start
 * menu gets a short PATH without them, though the user's terminal finds them.
 */
function usualBinDirs(env: Env, platform: NodeJS.Platform): string[] {
  const home = env.HOME ?? env.USERPROFILE ?? homedir()
  if (platform === 'win32') {
    return [join(home, '.local', 'bin'), env.ProgramFiles && join(env.ProgramFiles, 'nodejs'), env.APPDATA && join(env.APPDATA, 'npm')].filter((dir): dir is string => Boolean(dir))
  }
  return ['/opt/homebrew/bin', '/usr/local/bin', join(home, '.local', 'bin'), join(home, '.cargo', 'bin')]
}

/** The environment a server starts with: the kept variables, the usual program folders on PATH, then the server's own. */
export function minimalEnv(own: Record<string, string>, source: Env = process.env, platform: NodeJS.Platform = process.platform): Record<string, string> {
  const env: Record<string, string> = {}
  for (const name of KEPT[platform === 'win32' ? 'win32' : 'posix']) {
    const value = source[name]
    // A value starting with "()" is a shell function exported by bash: never passed on.
    if (value !== undefined && !value.startsWith('()')) env[name] = value
  }
  const path = (env.PATH ?? '').split(delimiter).filter(Boolean)
  env.PATH = [...path, ...usualBinDirs(source, platform).filter((dir) => !path.includes(dir))].join(delimiter)
  return { ...env, ...own }
}

/** The file a command names (found on the env's PATH, as the system would), or null when there is none. */
export function findCommand(command: string, env: Env, platform: NodeJS.Platform = process.platform): string | null {
  const extensions = platform === 'win32' && !extname(command) ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : ['']
  const candidates = isAbsolute(command) || command.includes('/') || command.includes('\\') ? [command] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, command))
  for (const candidate of candidates) {
    for (const extension of extensions) {
      const file = candidate + extension
      if (isProgram(file, platform)) return file
    }
  }
  return null
}

function isProgram(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false
    if (platform !== 'win32') accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** What a missing command means for the user: what to install, in plain words. */
export function missingCommandMessage(command: string): string {
  const name = basename(command, extname(command)).toLowerCase()
  if (['npx', 'node', 'npm'].includes(name)) {
    return say('mcp.needsNode', { name })
  }
  if (['uvx', 'uv'].includes(name)) {
    return say('mcp.needsUv', { name })
  }
  if (['python', 'python3', 'py'].includes(name)) return say('mcp.needsPython', { name })
  return say('mcp.noProgram', { command })
}
