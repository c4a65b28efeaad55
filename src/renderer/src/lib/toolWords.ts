import { i18n } from '../i18n'

/** Lines of a box, trimmed, blank ones left out: a server's arguments (one per line). */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * "NAME=value" lines (environment variables) or "Name: value" lines (headers) as a record, or the
 * first line that is neither, in plain words. A value may itself hold "=" or ":" (only the first splits).
 */
export function pairsOf(text: string, kind: 'env' | 'headers'): { pairs: Record<string, string> } | { problem: string } {
  const pairs: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim()
    if (!line) continue
    const at = line.indexOf(kind === 'env' ? '=' : ':')
    const name = at > 0 ? line.slice(0, at).trim() : ''
    if (!(kind === 'env' ? ENV_NAME : HEADER_NAME).test(name)) {
      return { problem: i18n.t(kind === 'env' ? 'tools.add.badEnv' : 'tools.add.badHeader', { line: index + 1 }) }
    }
    pairs[name] = line.slice(at + 1).trim()
  }
  return { pairs }
}

/** A tool's argument as the ask and the card show it: text as it is, anything else as compact JSON. */
export function argumentText(value: unknown): string {
  if (typeof value === 'string') return value
  return JSON.stringify(value) ?? String(value)
}
