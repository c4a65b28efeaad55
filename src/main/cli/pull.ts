import { parseArgs } from 'node:util'
import { AuraError, type Download } from '../../shared/api'
import { words } from '../../shared/i18n'
import { stallWords } from '../../shared/downloadWords'
import { formatBytes } from '../../shared/units'
import type { Services } from '../services/createServices'
import { notAModel } from '../services/downloads'
import { isGguf } from '../services/hub'
import { call, UsageError } from './common'
import { progressLine } from './format'

const DEFAULT_QUANT = 'Q4_K_M'

/**
 * `aura pull <catalog id | owner/repo[/file.gguf]> [--quant Q]`: downloads through the same
 * downloader as the app (so an interrupted pull resumes from its .part file), with a progress bar
 * on a terminal and a line every few seconds otherwise.
 */
export async function pull(services: Services, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { quant: { type: 'string' } } })
  const [target] = positionals
  if (!target || positionals.length > 1) throw new UsageError('Say which model to download, e.g. aura pull qwen3-4b or aura pull owner/repo.')
  const { repo, file } = await chooseFile(services, target, values.quant)

  const finished = new Promise<Download>((resolve) => {
    let lastLine = 0
    services.onEvent((event, payload) => {
      if (event !== 'downloads.progress') return
      const download = payload as Download
      if (download.repo !== repo || download.file !== file) return
      if (['done', 'failed', 'canceled'].includes(download.state)) return resolve(download)
      const line = `${download.state === 'verifying' ? 'Checking' : 'Downloading'} ${file}  ${progressLine(download.receivedBytes, download.totalBytes, download.bytesPerSecond, download.etaSeconds, undefined, download.stall && stallWords(download.stall))}`
      if (process.stderr.isTTY) process.stderr.write(`\r${line}\x1b[K`)
      else if (Date.now() - lastLine > 5000) {
        lastLine = Date.now()
        console.error(line)
      }
    })
  })
  const started = await call(services, 'downloads.start', { repo, file })
  // Ctrl+C pauses: the .part file stays, and the same command resumes it.
  process.once('SIGINT', () => void call(services, 'downloads.pause', { id: started.id }).then(() => process.exit(130)))
  const download = started.state === 'done' ? started : await finished
  if (process.stderr.isTTY) process.stderr.write('\n')
  if (download.state !== 'done') {
    throw new AuraError(download.error?.code ?? 'download_failed', download.error?.message ?? words('downloads.didNotFinish'))
  }
  console.log(`Downloaded ${file} (${formatBytes(download.totalBytes ?? download.receivedBytes)}). Chat with it: aura run --model ${download.modelId} "Hello"`)
  return 0
}

/** A catalog id, `owner/repo` (picks the quant), or `owner/repo/path/file.gguf`. */
async function chooseFile(services: Services, target: string, quant: string | undefined): Promise<{ repo: string; file: string }> {
  const parts = target.split('/')
  if (parts.length >= 3) {
    const named = { repo: parts.slice(0, 2).join('/'), file: parts.slice(2).join('/') }
    if (isGguf(named.file)) return named
    // The downloader refuses it too; here the refusal names the files to choose from, when the Hub can say.
    const models = await call(services, 'hub.files', { repo: named.repo }).catch(() => [])
    throw notAModel(named, models.map((model) => model.file))
  }
  if (parts.length === 2) {
    const files = await call(services, 'hub.files', { repo: target })
    if (files.length === 0) throw new AuraError('not_found', words('downloads.noGguf', { repo: target }))
    const wanted = (quant ?? DEFAULT_QUANT).toUpperCase()
    const match = files.find((candidate) => candidate.quant?.toUpperCase() === wanted) ?? (quant ? undefined : files[0])
    if (!match) throw new AuraError('not_found', words('downloads.noQuant', { repo: target, quant: wanted, offered: files.map((candidate) => candidate.quant ?? candidate.file).join(', ') }))
    return { repo: target, file: match.file }
  }
  const { items } = await call(services, 'catalog.list', {})
  const entry = items.find((item) => item.id === target)
  if (!entry) throw new AuraError('not_found', words('downloads.notInCatalog', { id: target }))
  const choice = quant ? entry.quants.find((candidate) => candidate.quant.toUpperCase() === quant.toUpperCase()) : (entry.quants.find((candidate) => candidate.isDefault) ?? entry.quants[0])
  if (!choice) throw new AuraError('not_found', words('downloads.comesIn', { model: entry.name, offered: entry.quants.map((candidate) => candidate.quant).join(', '), quant: quant ?? '' }))
  return { repo: choice.repo, file: choice.file }
}
