/**
 * Where other apps keep the models they downloaded, per operating system. Each list is candidates
 * in order of preference; missing folders are simply skipped by the scanners. Custom folders the
 * user chose in those apps are read from their settings files where the format is known.
 */
import { isAbsolute, join } from 'node:path'
import { jsonStringField, readSmallText } from './files'

export interface DiscoveryContext {
  home: string
  env: Record<string, string | undefined>
  platform: NodeJS.Platform
  /** Prefix of system-wide folders such as /usr/share/ollama ('/' normally; tests use a temp folder). */
  systemRoot: string
}

export interface AppFolders {
  lmStudio: string[]
  ollama: string[]
  jan: string[]
  gpt4all: string[]
  hfCache: string[]
}

/** An environment variable that holds an absolute path, or undefined. */
function envPath(ctx: DiscoveryContext, name: string): string | undefined {
  const value = ctx.env[name]?.trim()
  return value && isAbsolute(value) ? value : undefined
}

/** The per-user folders apps write to: roaming app data, local app data, config and data. */
function userDirs(ctx: DiscoveryContext): { appData: string; localAppData: string; config: string; data: string } {
  const { home, platform } = ctx
  if (platform === 'win32') {
    const appData = envPath(ctx, 'APPDATA') ?? join(home, 'AppData', 'Roaming')
    return { appData, localAppData: envPath(ctx, 'LOCALAPPDATA') ?? join(home, 'AppData', 'Local'), config: appData, data: appData }
  }
  if (platform === 'darwin') {
    const support = join(home, 'Library', 'Application Support')
    return { appData: support, localAppData: support, config: support, data: support }
  }
  const config = envPath(ctx, 'XDG_CONFIG_HOME') ?? join(home, '.config')
  const data = envPath(ctx, 'XDG_DATA_HOME') ?? join(home, '.local', 'share')
  return { appData: config, localAppData: data, config, data }
}

function unique(paths: Array<string | null | undefined>): string[] {
  return [...new Set(paths.filter((p): p is string => typeof p === 'string' && isAbsolute(p)))]
}

/**
 * LM Studio: `~/.lmstudio/models/<publisher>/<repo>/*.gguf` on every OS (its home can be moved; the
 * `~/.lmstudio-home-pointer` file then says where), a custom `downloadsFolder` in its settings, and
 * the pre-0.3 `~/.cache/lm-studio/models`.
 */
export async function lmStudioFolders(ctx: DiscoveryContext): Promise<string[]> {
  const { home } = ctx
  const pointer = (await readSmallText(join(home, '.lmstudio-home-pointer')))?.trim()
  const lmHome = pointer && isAbsolute(pointer) ? pointer : join(home, '.lmstudio')
  const legacy = join(home, '.cache', 'lm-studio')
  return unique([
    await jsonStringField(join(lmHome, 'settings.json'), 'downloadsFolder'),
    await jsonStringField(join(userDirs(ctx).appData, 'LM Studio', 'settings.json'), 'downloadsFolder'),
    await jsonStringField(join(legacy, 'settings.json'), 'downloadsFolder'),
    join(lmHome, 'models'),
    join(home, '.lmstudio', 'models'),
    join(legacy, 'models'),
  ])
}

/**
 * Ollama: `OLLAMA_MODELS`, else `~/.ollama/models` (macOS, Windows, Linux user installs); the Linux
 * service install keeps its models under the `ollama` user (`/usr/share/ollama`, `/var/lib/ollama`).
 */
export function ollamaFolders(ctx: DiscoveryContext): string[] {
  const system =
    ctx.platform === 'linux'
      ? [join(ctx.systemRoot, 'usr', 'share', 'ollama', '.ollama', 'models'), join(ctx.systemRoot, 'var', 'lib', 'ollama', '.ollama', 'models')]
      : []
  return unique([envPath(ctx, 'OLLAMA_MODELS'), join(ctx.home, '.ollama', 'models'), ...system])
}

/**
 * Jan: its data folder (a custom `data_folder` in its settings.json, else `<app data>/Jan/data`, and
 * for 0.5 on Linux `~/.config/Jan/data`), with models under `llamacpp/models/<id>/model.gguf`
 * (0.6 and later) or `models/<id>/*.gguf` (earlier); releases before 0.5 used `~/jan`.
 */
export async function janFolders(ctx: DiscoveryContext): Promise<string[]> {
  const { data, config } = userDirs(ctx)
  // Jan 0.6 (Tauri) keeps settings.json in its app data folder (named after its bundle id), 0.5 in `Jan`.
  const settingsFiles = unique([join(data, 'jan.ai.app', 'settings.json'), join(data, 'Jan', 'settings.json'), join(config, 'Jan', 'settings.json')])
  const custom: string[] = []
  for (const file of settingsFiles) {
    const folder = await jsonStringField(file, 'data_folder')
    if (folder) custom.push(folder)
  }
  const dataFolders = unique([...custom, join(data, 'Jan', 'data'), join(config, 'Jan', 'data'), join(ctx.home, 'jan')])
  return dataFolders.flatMap((folder) => [join(folder, 'llamacpp', 'models'), join(folder, 'models')])
}

/**
 * GPT4All: a custom `modelPath` in GPT4All.ini (`~/.config/nomic.ai/` on Linux and macOS,
 * `%APPDATA%\nomic.ai\` on Windows), else `~/.local/share/nomic.ai/GPT4All` (Linux),
 * `~/Library/Application Support/nomic.ai/GPT4All` (macOS), `%LOCALAPPDATA%\nomic.ai\GPT4All` (Windows).
 */
export async function gpt4allFolders(ctx: DiscoveryContext): Promise<string[]> {
  const { localAppData, data, appData } = userDirs(ctx)
  // Qt keeps INI settings under ~/.config on macOS too.
  const iniDir = ctx.platform === 'win32' ? appData : (envPath(ctx, 'XDG_CONFIG_HOME') ?? join(ctx.home, '.config'))
  const ini = await readSmallText(join(iniDir, 'nomic.ai', 'GPT4All.ini'))
  const defaultFolder = join(ctx.platform === 'win32' ? localAppData : data, 'nomic.ai', 'GPT4All')
  return unique([ini ? iniValue(ini, 'modelPath') : null, defaultFolder])
}

/** A top-level value of a Qt INI file (quotes removed), or null. */
function iniValue(text: string, key: string): string | null {
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([^=]+?)\s*=\s*(.*?)\s*$/.exec(line)
    if (!match || match[1] !== key) continue
    const raw = match[2] ?? ''
    const value = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw
    return value === '' ? null : value
  }
  return null
}

/**
 * The Hugging Face cache (the same rule as `huggingface_hub` on every OS): `HF_HUB_CACHE`, the older
 * `HUGGINGFACE_HUB_CACHE`, else `$HF_HOME/hub`, else `$XDG_CACHE_HOME/huggingface/hub`, else
 * `~/.cache/huggingface/hub` — which is also looked at when the variables point elsewhere, since a
 * desktop app may not see the shell's environment.
 */
export function hfCacheFolders(ctx: DiscoveryContext): string[] {
  const cacheHome = envPath(ctx, 'XDG_CACHE_HOME') ?? join(ctx.home, '.cache')
  const hfHome = envPath(ctx, 'HF_HOME') ?? join(cacheHome, 'huggingface')
  return unique([
    envPath(ctx, 'HF_HUB_CACHE') ?? envPath(ctx, 'HUGGINGFACE_HUB_CACHE') ?? join(hfHome, 'hub'),
    join(ctx.home, '.cache', 'huggingface', 'hub'),
  ])
}

export async function appFolders(ctx: DiscoveryContext): Promise<AppFolders> {
  return {
    lmStudio: await lmStudioFolders(ctx),
    ollama: ollamaFolders(ctx),
    jan: await janFolders(ctx),
    gpt4all: await gpt4allFolders(ctx),
    hfCache: hfCacheFolders(ctx),
  }
}
