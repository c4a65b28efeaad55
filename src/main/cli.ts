import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { version } from '../../package.json'
import { AuraError, ThreadsSchema, type InstalledModel } from '../shared/api'
import { createHostPorts, defaultDataDir } from './host/ports'
import { startHost } from './host/server'
import { createServices } from './services/createServices'

const usage = `Aura — run AI models on your own computer.

Usage:
  aura serve [--port N] [--host ADDRESS]   Open Aura in your browser (prints the address to open)
  aura run --model <file.gguf | model id> [--threads N|auto] [--max-tokens N] "<prompt>"
                                           Answer one prompt with a local model, streamed to stdout
  aura models [--json]                     List installed models

Data folder: ${defaultDataDir()} (set AURA_DATA_DIR to change it)`

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  switch (command) {
    case 'serve':
      return serve(rest)
    case 'run':
      return run(rest)
    case 'models':
      return models(rest)
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

function openServices() {
  return createServices(createHostPorts(defaultDataDir(), version))
}

async function serve(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' } } })
  const port = values.port === undefined ? 0 : integer(values.port, '--port', 0, 65535)
  const services = openServices()
  const rendererDir = join(dirname(fileURLToPath(import.meta.url)), '../renderer')
  const host = await startHost({ services, rendererDir, port, hostname: values.host })
  console.log(`Aura is running at ${host.url}`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await host.close()
  await services.dispose()
  return 0
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { model: { type: 'string' }, threads: { type: 'string' }, 'max-tokens': { type: 'string' } },
  })
  const prompt = positionals.join(' ').trim()
  if (!values.model) throw new UsageError('Say which model to use: --model <file.gguf | model id>.')
  if (!prompt) throw new UsageError('Give a prompt, e.g. aura run --model my-model "Tell me a story".')
  const services = openServices()
  try {
    const model = await services.models.resolve(values.model)
    if (model.problem) throw new AuraError('model_invalid', model.problem)
    const settings = services.settings.get()
    const threads = values.threads === undefined ? settings.threads : ThreadsSchema.parse(values.threads === 'auto' ? 'auto' : integer(values.threads, '--threads', 1, 256))
    const maxTokens = values['max-tokens'] === undefined ? settings.maxTokens : integer(values['max-tokens'], '--max-tokens', 1, 32768)
    const controller = new AbortController()
    process.once('SIGINT', () => controller.abort())
    const result = await services.engine.generate({
      model: { id: model.id, file: model.file },
      messages: [{ role: 'user', content: prompt }],
      maxTokens,
      temperature: settings.temperature,
      threads,
      contextSize: settings.contextSize,
      signal: controller.signal,
      onText: (text) => process.stdout.write(text),
    })
    process.stdout.write('\n')
    const { tokens, tokensPerSecond, timeToFirstTokenMs } = result.stats
    console.error(`${tokens} tokens · ${tokensPerSecond.toFixed(1)} tokens/s · first token after ${Math.round(timeToFirstTokenMs)} ms`)
    return 0
  } finally {
    await services.dispose()
  }
}

async function models(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } })
  const services = openServices()
  try {
    const list = await services.models.list()
    if (values.json) {
      console.log(JSON.stringify(list, null, 2))
    } else if (list.length === 0) {
      console.log(`No models installed yet. Put a .gguf file in ${services.modelsDir()}`)
    } else {
      printTable(list)
    }
    return 0
  } finally {
    await services.dispose()
  }
}

function printTable(list: InstalledModel[]): void {
  const rows = list.map((model) => [
    model.id,
    model.problem ? `damaged: ${model.problem}` : (model.architecture ?? '?'),
    model.parameters === null ? '?' : formatCount(model.parameters),
    model.quantization ?? '?',
    model.contextLength === null ? '?' : String(model.contextLength),
    formatBytes(model.sizeBytes),
    model.file,
  ])
  const header = ['ID', 'ARCHITECTURE', 'PARAMETERS', 'QUANT', 'CONTEXT', 'SIZE', 'FILE']
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)))
  for (const row of [header, ...rows]) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd())
}

function formatCount(count: number): string {
  for (const [unit, size] of [['B', 1e9], ['M', 1e6], ['K', 1e3]] as const) {
    if (count >= size) return `${Number((count / size).toFixed(1))}${unit}`
  }
  return String(count)
}

function formatBytes(bytes: number): string {
  for (const [unit, size] of [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['KB', 1024]] as const) {
    if (bytes >= size) return `${(bytes / size).toFixed(1)} ${unit}`
  }
  return `${bytes} B`
}

function integer(text: string, flag: string, min: number, max: number): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}.`)
  return value
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`aura: ${error.message}\n\n${usage}`)
    else if (error instanceof AuraError) console.error(`aura: ${error.message}`)
    else console.error(`aura: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(error instanceof UsageError ? 2 : 1)
  },
)
