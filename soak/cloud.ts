/**
 * Cloud faults against the fake cloud (a real local HTTP server speaking the providers' wire formats):
 *
 * 1. Through CloudProviders with short timeouts (the services use 120 s / 30 s; the same watchdog
 *    with shorter limits): no first token, a stream that stalls mid-reply, the connection reset
 *    mid-stream, 5xx, 429, an in-stream error — OpenAI, Anthropic and Gemini wire formats in turn.
 *    Right: the call ends (never hangs) in an error with a code and a plain message that holds
 *    neither the key nor the provider's address.
 * 2. Through createServices + chat.send, as the app runs them (fake addressed by env, a generated
 *    tiny llama installed): 5xx, 429, resets and in-stream errors, with a cloud model chosen (the
 *    reply ends with the error on the message) and with Auto (the reply falls back to the local
 *    model, or ends with the error). Never a hang: every reply ends within a bound.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Envelope, Message } from '../src/shared/api'
import { createServices, type Services } from '../src/main/services/createServices'
import { silentLogger } from '../src/main/services/ports'
import { CloudProviders } from '../src/main/services/providers/cloudProviders'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud, type FakeCloudProvider, type FakeCloudSwitches } from '../src/main/services/testing/fakeCloud'
import { memoryStore } from '../src/main/services/testing/memoryStore'
import { writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import type { SoakContext, SoakFinding, SoakSection } from './harness'

const COMPLEX = 'Design the architecture for a multi-tenant billing system with event sourcing: compare three options, weigh the trade-offs and justify your choice step by step.'

const MODELS: { flavor: FakeCloudProvider; model: string }[] = [
  { flavor: 'openai', model: 'openai:gpt-6.1-terra' },
  { flavor: 'anthropic', model: 'anthropic:claude-haiku-5-5' },
  { flavor: 'google', model: 'google:gemini-3.8-flash' },
]

interface Fault {
  fault: string
  switches: () => FakeCloudSwitches
}

/** Faults for the provider layer (short timeouts make the stalls cheap). */
const PROVIDER_FAULTS: Fault[] = [
  { fault: 'cloud: provider timeout (no first token)', switches: () => ({ delayMs: 5_000 }) },
  { fault: 'cloud: stream stalled mid-reply', switches: () => ({ stallAfterChunks: 1 + Math.floor(Math.random() * 5), replyTokens: 40 }) },
  { fault: 'cloud: connection reset mid-stream', switches: () => ({ dropAfterChunks: 1 + Math.floor(Math.random() * 5), replyTokens: 40 }) },
  { fault: 'cloud: 5xx from the provider', switches: () => ({ serverError: { status: [500, 502, 503, 529][Math.floor(Math.random() * 4)]! } }) },
  { fault: 'cloud: 429 rate limit with retry-after', switches: () => ({ rateLimit: { retryAfterSeconds: 1 + Math.floor(Math.random() * 30) } }) },
  { fault: 'cloud: error event inside a 200 stream', switches: () => ({ streamError: { afterChunks: 1 + Math.floor(Math.random() * 3) }, replyTokens: 40 }) },
]

/** Faults through the whole app (its own, long timeouts: no stalls here). */
const APP_FAULTS: Fault[] = [
  { fault: 'cloud via chat: 5xx', switches: () => ({ serverError: true }) },
  { fault: 'cloud via chat: 429 rate limit', switches: () => ({ rateLimit: { retryAfterSeconds: 2 } }) },
  { fault: 'cloud via chat: connection reset mid-stream', switches: () => ({ dropAfterChunks: 1 + Math.floor(Math.random() * 4), replyTokens: 40 }) },
  { fault: 'cloud via chat: error event inside a 200 stream', switches: () => ({ streamError: { afterChunks: 1 }, replyTokens: 40 }) },
]

/** The longest any one provider call may take here before it counts as a hang. */
const PROVIDER_BOUND_MS = 5_000
/** The longest a whole reply may take (a fallback runs the tiny llama on one thread). */
const REPLY_BOUND_MS = 90_000

function clearMessage(message: string, fake: FakeCloud): string | null {
  if (!message || message.trim().length < 10) return 'empty message'
  if (message.includes(FAKE_CLOUD_VALID_KEY)) return 'the key is in the message'
  if (message.includes(fake.url)) return 'the address is in the message'
  if (/\bat .+\(.+:\d+:\d+\)|TypeError|undefined|\[object Object\]/.test(message)) return `not plain words: ${message}`
  return null
}

function withBound<T>(promise: Promise<T>, ms: number): Promise<T | 'hang'> {
  let timer: ReturnType<typeof setTimeout> | undefined
  return Promise.race([promise, new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), ms)))]).finally(() => clearTimeout(timer))
}

export const section: SoakSection = {
  name: 'cloud',
  async run(ctx: SoakContext): Promise<SoakFinding[]> {
    const providerRounds = ctx.small ? 1 : 10
    const appRounds = ctx.small ? 1 : 5
    const fake = await startFakeCloud()
    const findings: SoakFinding[] = []
    try {
      // ---- 1. the provider layer, every wire format ----
      const providers = new CloudProviders({
        key: () => FAKE_CLOUD_VALID_KEY,
        baseUrl: (provider) => fake.baseUrls[provider as FakeCloudProvider] ?? null,
        servers: () => [],
        priceOverrides: () => ({}),
        logger: silentLogger,
        timeouts: { firstTokenMs: 800, idleMs: 400, requestMs: 4_000, keyTestMs: 2_000, listMs: 2_000 },
      })
      for (const fault of PROVIDER_FAULTS) {
        const finding: SoakFinding = {
          fault: fault.fault,
          injected: 0,
          passed: 0,
          expected: `ends within ${PROVIDER_BOUND_MS / 1000} s in an error with a code and a plain message (no key, no address)`,
          failures: [],
        }
        for (let round = 0; round < providerRounds; round++) {
          for (const { flavor, model } of MODELS) {
            fake.reset()
            fake.set(fault.switches(), { provider: flavor })
            finding.injected++
            const started = performance.now()
            const outcome = await withBound(
              providers
                .generate({ model, messages: [{ role: 'user', content: `round ${round}: tell me a long story` }], maxTokens: 200, temperature: 0.2 })
                .then(
                  (result) => ({ error: null, result }),
                  (error: { code?: string; message?: string }) => ({ error, result: null }),
                ),
              PROVIDER_BOUND_MS,
            )
            let wrong: string | null = null
            if (outcome === 'hang') wrong = 'hung'
            else if (!outcome.error) wrong = `ended without an error (${outcome.result?.stopReason})`
            else if (!outcome.error.code) wrong = `an error without a code: ${outcome.error.message}`
            else wrong = clearMessage(outcome.error.message ?? '', fake)
            if (wrong) {
              if (finding.failures.length < 5) finding.failures.push(`${flavor}: ${wrong}`)
            } else finding.passed++
            ctx.log(`cloud: ${fault.fault} (${flavor}): ${wrong ?? 'ok'} in ${Math.round(performance.now() - started)} ms`)
          }
        }
        findings.push(finding)
      }

      // ---- 2. the whole app: chat.send with a cloud model, and with Auto ----
      const dataDir = mkdtempSync(join(ctx.workDir, 'cloud-'))
      await writeTinyLlama(join(dataDir, 'models', 'tiny.gguf'), { seed: 3 })
      const services: Services = createServices({
        shell: 'host',
        version: '0.0.0-soak',
        paths: { dataDir },
        settingsStore: memoryStore({ threads: 1, maxTokens: 16, temperature: 0, dailyBudget: null, monthlyBudget: null, confirmCostAbove: null, retryWeakAnswers: false, rateLimitPerMinute: 100_000 }),
        logger: silentLogger,
        // Aura's own cap on cloud requests per minute (10) is lifted: the soak sends dozens a minute.
        env: { AURA_ANTHROPIC_BASE_URL: fake.baseUrls.anthropic, ANTHROPIC_API_KEY: FAKE_CLOUD_VALID_KEY },
      })
      let fallbacks = 0
      let autoErrors = 0
      const done = new Map<string, Message>()
      services.onEvent((event, payload) => {
        if (event === 'chat.done') {
          const message = (payload as { message: Message }).message
          done.set(message.id, message)
        }
      })
      const call = async <T>(procedure: string, input: unknown): Promise<T> => {
        const result = (await services.dispatch(procedure, input)) as Envelope<T>
        if (!result.ok) throw new Error(`${procedure}: ${result.error.code}: ${result.error.message}`)
        return result.data
      }
      const waitDone = async (id: string): Promise<Message | 'hang'> => {
        const until = performance.now() + REPLY_BOUND_MS
        while (performance.now() < until) {
          const message = done.get(id)
          if (message) return message
          await new Promise((resolve) => setTimeout(resolve, 25))
        }
        return 'hang'
      }
      try {
        for (const fault of APP_FAULTS) {
          for (const mode of ['cloud model chosen', 'Auto, local model installed'] as const) {
            const finding: SoakFinding = {
              fault: `${fault.fault} (${mode})`,
              injected: 0,
              passed: 0,
              expected:
                mode === 'cloud model chosen'
                  ? 'the reply ends with status error and a plain message (no key, no address); never hangs'
                  : 'the reply falls back to the local model (done), or ends with status error and a plain message; never hangs',
              failures: [],
            }
            for (let round = 0; round < appRounds; round++) {
              fake.reset()
              fake.set(fault.switches(), { provider: 'anthropic' })
              finding.injected++
              let wrong: string | null = null
              try {
                const conversation = await call<{ id: string }>('conversations.create', {})
                const modelId = mode === 'cloud model chosen' ? 'anthropic:claude-haiku-5-5' : 'auto'
                const text = mode === 'cloud model chosen' ? `Round ${round}: hello there` : COMPLEX
                const { assistantMessage } = await call<{ assistantMessage: Message }>('chat.send', { conversationId: conversation.id, text, modelId, confirmCost: true })
                const message = await waitDone(assistantMessage.id)
                if (message === 'hang') wrong = 'hung'
                else if (message.status === 'error') {
                  wrong = message.error ? clearMessage(message.error.message, fake) : 'status error without an error'
                  if (mode === 'Auto, local model installed') autoErrors++
                }
                else if (mode === 'Auto, local model installed' && message.status === 'done' && message.modelId === 'tiny') {
                  if (!message.route?.attempts.some((attempt) => attempt.outcome === 'failed')) wrong = 'answered locally without the failed attempt on record'
                  else fallbacks++
                } else wrong = `ended ${message.status} on ${message.modelId} (${message.route?.reason ?? 'no route'})`
                // The saved conversation says the same as the event.
                if (!wrong && message !== 'hang') {
                  const saved = await call<{ messages: Message[] }>('conversations.get', { id: conversation.id })
                  if (saved.messages.at(-1)?.status !== message.status) wrong = 'the saved reply differs from the event'
                }
              } catch (error) {
                wrong = (error as Error).message
              }
              if (wrong) {
                if (finding.failures.length < 5) finding.failures.push(`round ${round}: ${wrong}`)
              } else finding.passed++
              ctx.log(`cloud: ${finding.fault} #${round}: ${wrong ?? 'ok'}`)
            }
            findings.push(finding)
          }
        }
        ctx.log(`cloud: with Auto, ${fallbacks} replies fell back to the local model and ${autoErrors} ended with an error`)
      } finally {
        await services.dispose()
        rmSync(dataDir, { recursive: true, force: true })
      }
    } finally {
      await fake.close()
    }
    return findings
  },
}
