import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { version } from '../../package.json'
import { AUTO_MODEL_ID, AuraError, ThreadsSchema } from '../shared/api'
import { shapeIn } from '../shared/i18n'
import { formatBytes } from '../shared/units'
import { api } from './cli/api'
import { call, integer, untilStopped, UsageError } from './cli/common'
import { formatCount } from '../shared/units'
import { columns, hardwareRows, table } from './cli/format'
import { keys } from './cli/keys'
import { docs } from './cli/docs'
import { mcp } from './cli/mcp'
import { pull } from './cli/pull'
import { route } from './cli/route'
import { usage as usageCommand } from './cli/usage'
import { createHostPorts, defaultDataDir } from './host/ports'
import { keepLink, newToken, readKeptLink } from './host/link'
import { openInBrowser } from './host/openBrowser'
import { hostRefusal, startHost } from './host/server'
import { createServices, type Services } from './services/createServices'
import { stderrLogger } from './services/ports'
import { logUncaughtErrors } from './services/processErrors'
import { redactingLogger } from './services/vault'
import { startRoute } from './services/chat/attempts'

const usage = `Aura — run AI models on your own computer.

Usage:
  aura serve [--open] [--port N] [--host 127.0.0.1|::1|localhost] [--new-link]
                                           Open Aura in your browser, on this computer (prints the address to open;
                                           keeps its port and address across restarts, --new-link makes a new one)
  aura run --model <file.gguf | model id | auto> [--threads N|auto] [--max-tokens N] "<prompt>"
                                           Answer one prompt, streamed to stdout (auto: Aura picks the model)
  aura models [--json]                     List installed models and how well each runs here
  aura hardware [--json]                   What this computer has, and what it can run
  aura catalog [--json]                    Models Aura suggests, with how well each would run here
  aura pull <catalog id | owner/repo[/file.gguf]> [--quant Q4_K_M]
                                           Download a model (resumes where it stopped)
  aura keys set <provider>                 Save a cloud API key, read from stdin (kept encrypted)
  aura keys list | test <provider> | remove <provider>
  aura run --model <provider>:<model> "<prompt>"   Ask a cloud model, e.g. --model openai:gpt-6.1-terra
  aura route [--dry-run] [--json] [--privacy] [--offline] "<prompt>"
                                           Which model Auto would pick, and why (runs no model)
  aura usage [--json]                      Cloud spending today and this month, and what staying local saved
  aura usage export --format jsonl|csv --out FILE
                                           Every request Aura made, for a spreadsheet
  aura api serve [--port N]                Let other apps use Aura (an OpenAI-compatible API on 127.0.0.1)
  aura api keys create <app name> [--daily-budget USD] [--local-only] [--models a,b]
                                           Make a key for an app (printed once on stdout)
  aura api keys list | revoke <app name>
  aura mcp add <name> [--env K=V]… -- <command> [args…]
                                           Add a tools server (MCP) that Aura starts; values of --env are kept sealed
  aura mcp add <name> --url <address> [--header 'K: V']…
                                           Add a tools server at an address (Streamable HTTP)
  aura mcp list [--json] | tools <name> [--json] | call <name> <tool> '<json>' | remove <name>
  aura docs add <path…> [--collection NAME] Index files or folders on this computer for search
  aura docs list [--json] | search "<query>" [--json] | remove <path… | collection>

Data folder: ${defaultDataDir()} (set AURA_DATA_DIR to change it)`

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  switch (command) {
    case 'serve':
      return serve(rest)
    case 'run':
      return withServices((services) => run(services, rest))
    case 'models':
      return withServices((services) => models(services, rest))
    case 'hardware':
      return withServices((services) => hardware(services, rest))
    case 'catalog':
      return withServices((services) => catalog(services, rest))
    case 'pull':
      return withServices((services) => pull(services, rest))
    case 'keys':
      return withServices((services) => keys(services, rest))
    case 'route':
      return route(rest, openServices)
    case 'usage':
      return withServices((services) => usageCommand(services, rest))
    case 'api':
      return withServices((services) => api(services, rest))
    case 'mcp':
      return withServices((services) => mcp(services, rest))
    case 'docs':
      return withServices((services) => docs(services, rest))
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(usage)
      return 0
    default:
      throw new UsageError(`Unknown command "${command}".`)
  }
}

/** The services of this run, once open: errors nobody handled are logged through their redacting logger. */
let opened: Services | null = null
const beforeServices = redactingLogger(stderrLogger, () => [])
logUncaughtErrors(() => opened?.logger ?? beforeServices)

async function openServices(): Promise<Services> {
  opened = createServices(await createHostPorts(defaultDataDir(), version))
  return opened
}

async function withServices(command: (services: Services) => Promise<number>): Promise<number> {
  const services = await openServices()
  try {
    return await command(services)
  } finally {
    await services.dispose()
  }
}

async function serve(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, host: { type: 'string' }, open: { type: 'boolean', default: false }, 'new-link': { type: 'boolean', default: false } },
  })
  const port = values.port === undefined ? undefined : integer(values.port, '--port', 0, 65535)
  const refusal = values.host === undefined ? null : hostRefusal(values.host)
  if (refusal) throw new UsageError(refusal)
  const services = await openServices()
  const dataDir = defaultDataDir()
  const rendererDir = join(dirname(fileURLToPath(import.meta.url)), '../renderer')
  // The last run's port and token, so a tab still open on it gets back in by itself (host/link.ts).
  const kept = values['new-link'] ? null : readKeptLink(dataDir)
  const token = kept?.token ?? newToken()
  const start = (at: number) => startHost({ services, rendererDir, port: at, hostname: values.host, token })
  let host
  try {
    host = await start(port ?? kept?.port ?? 0)
  } catch (error) {
    if (port !== undefined || !kept || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
    host = await start(0)
    console.error(`Another program now uses port ${kept.port}, so Aura moved to port ${host.port}: a tab open from before cannot reconnect — open the new address.`)
  }
  keepLink(dataDir, { port: host.port, token, createdAt: kept?.createdAt ?? Date.now() })
  console.log(`Aura is running at ${host.url}`)
  if (values.open) {
    await openInBrowser(dataDir, host.url).catch(() => console.error('Aura could not open your browser. Open the address above in it.'))
  }
  // Other apps reach Aura too while "Let other apps use Aura" is on (docs/api.md).
  await services.serveApi()
  // Documents: indexing left unfinished resumes, collections' folders are followed (docs/documents.md).
  services.documents.start()
  await untilStopped()
  await host.close()
  await services.dispose()
  return 0
}

async function run(services: Services, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { model: { type: 'string' }, threads: { type: 'string' }, 'max-tokens': { type: 'string' } },
  })
  const prompt = positionals.join(' ').trim()
  if (!values.model) throw new UsageError('Say which model to use: --model <file.gguf | model id | auto>.')
  if (!prompt) throw new UsageError('Give a prompt, e.g. aura run --model my-model "Tell me a story".')
  const settings = services.settings.get()
  const threads = values.threads === undefined ? settings.threads : ThreadsSchema.parse(values.threads === 'auto' ? 'auto' : integer(values.threads, '--threads', 1, 256))
  const maxTokens = values['max-tokens'] === undefined ? settings.maxTokens : integer(values['max-tokens'], '--max-tokens', 1, 32768)
  // The app's own fallback loop: Auto (or Local only) tries the next model when one fails or answers weakly.
  const plan = await services.attempts.plan({ text: prompt, history: [] }, values.model)
  if (values.model === AUTO_MODEL_ID || plan.chain[0]!.modelId !== values.model) console.error(plan.decision.reason)
  const controller = new AbortController()
  process.once('SIGINT', () => controller.abort())
  const route = startRoute(plan)
  let wrote = false
  const end = await services.attempts.run(plan, route, {
    signal: controller.signal,
    conversationId: null,
    messageId: null,
    maxTokens,
    threads,
    onText: (text) => {
      wrote = true
      process.stdout.write(text)
    },
    // The answer set aside stays on stdout; the next one starts on a new line, and stderr says why.
    onSwitch: async (_modelId, moved) => {
      if (wrote) process.stdout.write('\n')
      wrote = false
      console.error(moved.reason)
    },
  })
  if (end.status === 'error') throw new AuraError(end.error?.code ?? 'generation_failed', end.error?.message ?? 'No model could answer. Try again.')
  process.stdout.write('\n')
  const answered = plan.chain.find((c) => c.modelId === end.modelId)!
  console.error(`Answered by ${answered.modelName} ${answered.tier === 'cloud' ? 'in the cloud' : 'on this computer'}.`)
  if (route.warning) console.error(route.warning)
  if (!end.stats) return 0
  const { tokens, inputTokens, tokensPerSecond, timeToFirstTokenMs, costUsd, costEstimated } = end.stats
  const parts = [`${tokens} tokens${inputTokens ? ` (${inputTokens} read)` : ''}`, `${tokensPerSecond.toFixed(1)} tokens/s`, `first token after ${Math.round(timeToFirstTokenMs)} ms`]
  if (costUsd !== undefined && costUsd !== null) parts.push(`cost $${costUsd.toFixed(costUsd < 0.01 ? 6 : 4)}${costEstimated ? ' (estimated: price unknown)' : ''}`)
  console.error(parts.join(' · '))
  return 0
}

async function models(services: Services, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } })
  const list = await call(services, 'models.list', {})
  if (values.json) console.log(JSON.stringify(list, null, 2))
  else if (list.length === 0) console.log(`No models installed yet. Put a .gguf file in ${services.modelsDir()}, or run: aura pull <model>`)
  else {
    const header = ['ID', 'ARCHITECTURE', 'PARAMETERS', 'QUANT', 'CONTEXT', 'SIZE', 'FIT', 'FILE']
    const rows = list.map((model) => [
      model.id,
      model.problem ? `damaged: ${model.problem}` : (model.architecture ?? '?'),
      formatCount(model.parameters),
      model.quantization ?? '?',
      model.contextLength === null ? '?' : String(model.contextLength),
      formatBytes(model.sizeBytes),
      model.fit?.labelText ?? '—',
      model.file,
    ])
    console.log(table(header, rows))
  }
  return 0
}

async function hardware(services: Services, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } })
  const profile = await call(services, 'hardware.get', {})
  if (values.json) {
    console.log(JSON.stringify(profile, null, 2))
    return 0
  }
  console.log(`Aura found ${profile.summary}.`)
  console.log(columns(hardwareRows(profile)))
  return 0
}

async function catalog(services: Services, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } })
  const { items, recommendation } = await call(services, 'catalog.list', {})
  if (values.json) {
    console.log(JSON.stringify({ items, recommendation }, null, 2))
    return 0
  }
  const rows = items.map((item) => {
    const quant = item.quants.find((candidate) => candidate.isDefault) ?? item.quants[0]
    const fit = item.fits.find((candidate) => candidate.quant === quant?.quant)?.fit
    return [
      item.id === recommendation?.entryId ? `${item.id} *` : item.id,
      item.name,
      formatCount(item.parameters),
      quant?.sizeBytes ? formatBytes(quant.sizeBytes) : '?',
      fit?.labelText ?? '?',
      item.capabilities.join(', '),
      item.installedModelId ? 'installed' : '',
    ]
  })
  console.log(table(['ID', 'NAME', 'PARAMETERS', 'SIZE', 'FIT', 'FOR', ''], rows))
  if (recommendation) console.log(`\n* Suggested for this computer: ${recommendation.reason}`)
  return 0
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`aura: ${error.message}\n\n${usage}`)
    // An error worded in the services is said in the terminal's language (docs/languages.md).
    else console.error(`aura: ${error instanceof AuraError ? shapeIn(error).message : error instanceof Error ? error.message : String(error)}`)
    process.exit(error instanceof UsageError ? 2 : 1)
  },
)
