/** The longest tool name the cloud APIs take (OpenAI's rule: [A-Za-z0-9_-]{1,64}). */
export const MAX_CALL_NAME = 64

const clean = (text: string, fallback: string) => text.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || fallback

/** The next name not in `taken` (compared without case: some providers fold it): `name`, `name_2`, `name_3`… within `max`. */
function unique(name: string, taken: Set<string>, max: number): string {
  let candidate = name.slice(0, max)
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = name.slice(0, max - `_${n}`.length) + `_${n}`
  taken.add(candidate.toLowerCase())
  return candidate
}

/**
 * Each server's part of its tools' names, in the servers' order: only letters, digits, _ and -, and
 * never the same for two servers ("my files" and "my_files" → `my_files`, `my_files_2`). Decided over
 * every server, running or not, so a server that starts later never takes a name a model already has.
 */
export function serverPrefixes(names: string[]): string[] {
  const taken = new Set<string>()
  return names.map((name) => unique(clean(name, 'server'), taken, 40))
}

/** The name a model calls a tool by: `<server prefix>__<tool>`, at most 64 characters, unlike every name in `taken`. */
export function callName(prefix: string, tool: string, taken: Set<string>): string {
  return unique(`${prefix}__${clean(tool, 'tool')}`, taken, MAX_CALL_NAME)
}
