/** The longest tool name the cloud APIs take (OpenAI's rule: [A-Za-z0-9_-]{1,64}). */
export const MAX_CALL_NAME = 64

const clean = (text: string, fallback: string) => text.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || fallback

/**
 * The name a model calls a tool by: `<server>__<tool>`, only letters, digits, _ and -, at most 64
 * characters, and unlike every name in `taken` (compared without case: some providers fold it).
 * A clash (two servers' names that clean to the same, or a cut) gets `_2`, `_3`…
 */
export function callName(server: string, tool: string, taken: Set<string>): string {
  const base = `${clean(server, 'server')}__${clean(tool, 'tool')}`.slice(0, MAX_CALL_NAME)
  let name = base
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = base.slice(0, MAX_CALL_NAME - `_${n}`.length) + `_${n}`
  taken.add(name.toLowerCase())
  return name
}
