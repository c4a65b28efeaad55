import type { Logger } from '../ports'

/**
 * Shorter values are not treated as secrets: replacing every "abc" in the logs would garble them,
 * and no provider issues keys that short (`keys.set` asks for 8 characters or more).
 */
const MIN_SECRET_LENGTH = 8

/**
 * Key shapes redacted even when Aura does not know the key (a key in an error a provider echoed
 * back, a key pasted into a base URL…): OpenAI / Anthropic / DeepSeek / Moonshot / OpenRouter
 * (`sk-…`, `sk-ant-…`, `sk-or-…`), Google (`AIza…`), xAI (`xai-…`), Hugging Face (`hf_…`), and
 * whatever follows "Bearer".
 */
const KEY_PATTERNS = [
  /(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{16,}/g,
  /(?<![A-Za-z0-9])AIza[A-Za-z0-9_-]{30,}/g,
  /(?<![A-Za-z0-9])xai-[A-Za-z0-9_-]{16,}/g,
  /(?<![A-Za-z0-9])hf_[A-Za-z0-9]{16,}/g,
]
const BEARER = /\b(Bearer\s+)([A-Za-z0-9._~+/=-]{8,})/gi

/** Fields whose string value is a credential whatever it looks like (headers, request options). */
const SECRET_FIELD = /^(authorization|proxy-authorization|x-api-key|x-goog-api-key|api[-_]?key|apikey|access[-_]?token|token|secret|password)$/i

/** What a redacted key leaves in the log: enough to tell keys apart, as the settings page shows. */
export function redactionMark(secret: string): string {
  return `[redacted …${secret.slice(-4)}]`
}

/**
 * The ways a secret shows up in text: as is, URL-encoded, in hex, and in base64 / base64url at each
 * of the three byte offsets it can start at inside a longer encoded value (`Basic base64(user:key)`).
 * For base64 only the characters that depend on the secret's bytes alone are kept.
 */
function spellings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8')
  const hex = bytes.toString('hex')
  const forms = [secret, encodeURIComponent(secret), hex, hex.toUpperCase()]
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64')
    // Character i holds bits 6i…6i+5 of the stream; keep those wholly inside the secret's bytes.
    const core = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6))
    forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'))
  }
  return forms
}

/** `text` with every secret in `secrets` (and anything shaped like an API key) replaced by a mark. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  const marks = new Map<string, string>()
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue
    // The mark names the secret's own last 4 characters, never its encoding's.
    for (const form of spellings(secret)) if (form.length >= MIN_SECRET_LENGTH && !marks.has(form)) marks.set(form, redactionMark(secret))
  }
  // Longest first, so a key that contains another is replaced whole.
  for (const form of [...marks.keys()].sort((a, b) => b.length - a.length)) {
    if (out.includes(form)) out = out.split(form).join(marks.get(form)!)
  }
  for (const pattern of KEY_PATTERNS) out = out.replace(pattern, (match) => redactionMark(match))
  return out.replace(BEARER, (_match, prefix: string, token: string) => `${prefix}${redactionMark(token)}`)
}

/**
 * A deep copy of `value` fit for a log: strings redacted; Errors turned into plain objects whose
 * message, stack, cause and own fields (e.g. an SDK error's request headers and body) are redacted
 * too; binary data reduced to its length (its bytes could be a key in another encoding).
 */
export function redactValue(value: unknown, secrets: readonly string[], seen = new WeakSet<object>(), depth = 0): unknown {
  if (typeof value === 'string') return redact(value, secrets)
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? '[function]' : value
  if (seen.has(value)) return '[circular]'
  if (depth > 12) return '[too deep]'
  // `seen` holds the ancestors only: an object met twice side by side is not a cycle.
  seen.add(value)
  try {
    return redactObject(value, secrets, (inner) => redactValue(inner, secrets, seen, depth + 1))
  } finally {
    seen.delete(value)
  }
}

function redactObject(value: object, secrets: readonly string[], next: (inner: unknown) => unknown): unknown {
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`
  if (value instanceof Date) return value.toISOString()
  if (value instanceof URL) return redact(value.href, secrets)
  if (Array.isArray(value)) return value.map(next)
  if (value instanceof Map) return next(Object.fromEntries(value))
  if (value instanceof Set) return next([...value])
  if (typeof Headers !== 'undefined' && value instanceof Headers) return next(Object.fromEntries(value.entries()))

  const out: Record<string, unknown> = {}
  if (value instanceof Error) {
    out.name = value.name
    out.message = redact(value.message, secrets)
    if (value.stack) out.stack = redact(value.stack, secrets)
    if (value.cause !== undefined) out.cause = next(value.cause)
  }
  for (const [field, inner] of Object.entries(value)) {
    if (field in out) continue
    out[field] = SECRET_FIELD.test(field) && typeof inner === 'string' && inner.length > 0 ? redactField(inner, secrets) : next(inner)
  }
  return out
}

function redactField(value: string, secrets: readonly string[]): string {
  const redacted = redact(value, secrets)
  if (redacted !== value) return redacted
  // "Bearer" with a short token, or a credential in a shape we do not know: hide it whole.
  const bearer = /^(Bearer|Basic)\s+/i.exec(value)
  return bearer ? `${bearer[0]}${redactionMark(value)}` : redactionMark(value)
}

/**
 * A logger whose every line — message and data, deeply — is redacted before `logger` sees it.
 * `secrets` is asked on each line, so a key saved a moment ago is already covered. If it fails,
 * the key shapes are still redacted and the line is still logged.
 */
export function redactingLogger(logger: Logger, secrets: () => readonly string[]): Logger {
  const line =
    (level: keyof Logger) =>
    (message: string, data?: Record<string, unknown>): void => {
      let known: readonly string[] = []
      try {
        known = secrets()
      } catch {
        // fall back to the key shapes alone
      }
      const safeMessage = redact(message, known)
      if (data === undefined) logger[level](safeMessage)
      else logger[level](safeMessage, redactValue(data, known) as Record<string, unknown>)
    }
  return { info: line('info'), warn: line('warn'), error: line('error') }
}
