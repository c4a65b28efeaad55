import { formatBytes } from '../../../shared/units'

/**
 * The most text of one tool result that goes back to a model: 20 000 characters (about 5 000 tokens).
 * A folder listing or a fetched page can be megabytes; a model's window holds a few thousand tokens.
 */
export const RESULT_CAP = 20_000

type Content = { type: string; text?: unknown; data?: unknown; mimeType?: unknown; uri?: unknown; name?: unknown; resource?: { uri?: unknown; text?: unknown; blob?: unknown; mimeType?: unknown } }

/** A tool's result as text: its text parts joined, anything else named ("[image: image/png, 12 KiB]"), cut to `cap`. */
export function resultText(result: Record<string, unknown>, cap = RESULT_CAP): { text: string; truncated: boolean } {
  const content = Array.isArray(result.content) ? (result.content as Content[]) : []
  const parts = content.map(partText)
  // A server that answers only with structured content still says something.
  if (parts.length === 0 && result.structuredContent !== undefined) parts.push(JSON.stringify(result.structuredContent))
  // Servers of the protocol's first version answer with `toolResult`.
  if (parts.length === 0 && result.toolResult !== undefined) parts.push(typeof result.toolResult === 'string' ? result.toolResult : JSON.stringify(result.toolResult))
  return capText(parts.join('\n'), cap)
}

export function capText(text: string, cap = RESULT_CAP): { text: string; truncated: boolean } {
  if (text.length <= cap) return { text, truncated: false }
  return { text: `${text.slice(0, cap)}\n[… cut: the result was ${text.length.toLocaleString('en-US')} characters; Aura keeps the first ${cap.toLocaleString('en-US')}]`, truncated: true }
}

function partText(part: Content): string {
  const mime = typeof part.mimeType === 'string' ? part.mimeType : 'unknown type'
  switch (part.type) {
    case 'text':
      return String(part.text ?? '')
    case 'image':
    case 'audio':
      return `[${part.type}: ${mime}, ${sizeOf(part.data)}]`
    case 'resource': {
      const resource = part.resource ?? {}
      if (typeof resource.text === 'string') return resource.text
      return `[file: ${String(resource.uri ?? '')}, ${typeof resource.mimeType === 'string' ? resource.mimeType : 'unknown type'}, ${sizeOf(resource.blob)}]`
    }
    case 'resource_link':
      return `[link: ${String(part.name ?? '')} ${String(part.uri ?? '')}]`
    default:
      return `[${String(part.type)} content]`
  }
}

/** The size of base64 data, in binary units. */
function sizeOf(base64: unknown): string {
  return typeof base64 === 'string' ? formatBytes(Math.floor((base64.length * 3) / 4)) : 'size unknown'
}
