import { request } from 'node:http'
import { AuraError, ErrorCodeSchema, type ApiTest } from '../../../shared/api'
import { words } from '../../../shared/i18n'

/** Long enough for a model to load on a slow computer before it answers. */
const TEST_TIMEOUT_MS = 120_000

interface Listener {
  enabled: boolean
  url: string | null
  problem: string | null
}

/**
 * The page's Test button: one short chat completion (model `auto`) sent over HTTP to the running
 * listener, as any app sends it, so it proves what apps will meet — the port, the key check, the
 * translation, Auto and a model that answers. Problems come back as the API words them.
 */
export async function testConnection(listener: Listener, key: string): Promise<ApiTest> {
  if (!listener.enabled) throw new AuraError('unavailable', words('apps.apiOff'))
  if (!listener.url) throw new AuraError('unavailable', listener.problem ?? words('apps.notRunning'))
  const startedAt = performance.now()
  const { status, body } = await post(`${listener.url}/chat/completions`, key, {
    model: 'auto',
    messages: [{ role: 'user', content: 'Say hello in a few words.' }],
    max_tokens: 32,
  })
  const reply = body as { model?: string; choices?: { message?: { content?: string | null } }[]; error?: { message?: string; code?: string } } | null
  if (status !== 200 || !reply?.choices) {
    const code = ErrorCodeSchema.safeParse(reply?.error?.code)
    throw new AuraError(code.success ? code.data : 'internal', reply?.error?.message ?? words('apps.httpStatus', { status }))
  }
  return { text: (reply.choices[0]?.message?.content ?? '').trim(), modelId: reply.model ?? 'auto', latencyMs: Math.round(performance.now() - startedAt) }
}

/**
 * A JSON POST on a connection of its own (no pool: a listener just moved or restarted on the same
 * port would leave a pooled connection that is already closed).
 */
function post(url: string, key: string, json: unknown): Promise<{ status: number; body: unknown }> {
  const text = JSON.stringify(json)
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, timeout: TEST_TIMEOUT_MS, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
      const parts: Buffer[] = []
      res.on('data', (part: Buffer) => parts.push(part))
      res.on('error', reject)
      res.on('end', () => {
        let body: unknown = null
        try {
          body = JSON.parse(Buffer.concat(parts).toString('utf8'))
        } catch {
          // Worded by the caller from the status.
        }
        resolve({ status: res.statusCode ?? 0, body })
      })
    })
    req.on('timeout', () => req.destroy(new AuraError('unavailable', words('apps.noAnswer', { seconds: TEST_TIMEOUT_MS / 1000 }))))
    req.on('error', (error) =>
      reject(error instanceof AuraError ? error : new AuraError('unavailable', words('apps.unreachable', { url: url.replace(/\/chat\/completions$/, '') }))),
    )
    req.end(text)
  })
}
