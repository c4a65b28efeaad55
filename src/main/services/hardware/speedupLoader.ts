import { existsSync } from 'node:fs'
import { register } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { packageFolder } from './speedup'

/**
 * A module resolve hook (node:module `register`): node-llama-cpp finds its prebuilt packages with a bare
 * `import('@node-llama-cpp/linux-x64-cuda')`, which only looks in node_modules next to it — inside the
 * installed app. The hook answers those names with the copies in the data folder. The source is kept
 * here as text so the hook thread needs no file of its own.
 */
export const SPEEDUP_HOOK = `
let map = {}
export function initialize(data) { map = data.map }
export async function resolve(specifier, context, next) {
  const url = map[specifier]
  return url ? { url, shortCircuit: true, format: 'module' } : next(specifier, context)
}
`

/** The speed-up's packages found in `dir`, as specifier → file URL of their entry. */
export function speedupModules(dir: string, names: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {}
  for (const name of names) {
    const entry = join(packageFolder(dir, name), 'dist', 'index.js')
    if (existsSync(entry)) map[name] = pathToFileURL(entry).href
  }
  return map
}

let registered: Record<string, string> | null = null

/** The packages the hook answers for (none until {@link useSpeedup} found them). */
export function speedupRegistered(): string[] {
  return Object.keys(registered ?? {})
}

/** Lets node-llama-cpp import the speed-up from the data folder; call before it loads a back-end. True when any is there. */
export function useSpeedup(dir: string, names: readonly string[]): boolean {
  const map = speedupModules(dir, names)
  if (Object.keys(map).length === 0) return false
  if (registered && JSON.stringify(registered) === JSON.stringify(map)) return true
  register(`data:text/javascript,${encodeURIComponent(SPEEDUP_HOOK)}`, { data: { map } })
  registered = map
  return true
}

/** node-llama-cpp's CUDA packages for a platform: the CUDA 13 build and its CUDA 12 fallback (`-ext`). */
export function cudaPackages(platform: string): string[] {
  return platform === 'linux-x64' || platform === 'win-x64' ? [`@node-llama-cpp/${platform}-cuda`, `@node-llama-cpp/${platform}-cuda-ext`] : []
}
