import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import type { Passage } from '../services/documents'
import type { Services } from '../services/createServices'
import { call, integer, UsageError } from './common'
import { formatDuration, table } from './format'

const USE = `Use: aura docs add <path…> [--collection NAME]
     aura docs list [--json] | search "<query>" [--collection NAME]… [--limit N] [--json] | remove <path… | collection>`

/** `aura docs …`: the documents index (docs/documents.md) without the page. */
export async function docs(services: Services, args: string[]): Promise<number> {
  const [action, ...rest] = args
  switch (action) {
    case 'add':
      return add(services, rest)
    case 'list':
      return list(services, rest)
    case 'search':
      return search(services, rest)
    case 'remove':
      return remove(services, rest)
    default:
      throw new UsageError(USE)
  }
}

/** Adds, then waits for the indexing with its progress on stderr (the app resumes it if this is stopped). */
async function add(services: Services, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { collection: { type: 'string' } } })
  if (positionals.length === 0) throw new UsageError(`Say which files or folders to add, e.g.: aura docs add ~/Notes --collection Notes\n${USE}`)
  const stop = services.onEvent((event, payload) => {
    if (event !== 'documents.progress') return
    const progress = payload as { done: number; total: number; etaMs: number | null; file: string | null }
    if (process.stderr.isTTY && progress.file) {
      const left = progress.etaMs === null ? '' : `, ${formatDuration(progress.etaMs / 1000)} left`
      process.stderr.write(`\rIndexing ${progress.done} of ${progress.total} files${left}   `)
    }
  })
  try {
    const added = await call(services, 'documents.add', { paths: positionals, ...(values.collection && { collection: values.collection }) })
    await services.documents.idle()
    if (process.stderr.isTTY) process.stderr.write('\n')
    const paths = new Set(added.map((doc) => doc.path))
    const now = (await call(services, 'documents.list', {})).filter((doc) => paths.has(doc.path))
    const failed = now.filter((doc) => doc.status === 'failed')
    const collections = [...new Set(now.map((doc) => doc.collection))].join(', ')
    console.log(`Indexed ${now.length - failed.length} of ${now.length} files in “${collections || values.collection || 'Documents'}”.`)
    for (const doc of failed) console.log(`  Not indexed: ${doc.path}\n    ${doc.problem}`)
    const status = await call(services, 'documents.status', {})
    if (!status.modelId) console.log('Found by keyword only: install a model for documents (aura pull bge-small-en-v1.5) to also find passages by meaning.')
    return failed.length > 0 && failed.length === now.length ? 1 : 0
  } finally {
    stop()
  }
}

async function list(services: Services, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } })
  const collections = await call(services, 'documents.collections', {})
  const documents = await call(services, 'documents.list', {})
  if (values.json) {
    console.log(JSON.stringify({ collections, documents }, null, 2))
    return 0
  }
  if (collections.length === 0) {
    console.log('No documents yet. Add some with: aura docs add <path…> [--collection NAME]')
    return 0
  }
  const rows = collections.map((c) => [c.name, String(c.documents), String(c.failed), String(c.chunks), c.status === 'problem' ? (c.problem ?? '') : (c.folder ?? '—')])
  console.log(table(['COLLECTION', 'FILES', 'NOT READ', 'PASSAGES', 'FOLDER'], rows))
  const failed = documents.filter((doc) => doc.status === 'failed' && !doc.collection.startsWith('chat:'))
  if (failed.length > 0) console.log(`\nNot indexed:\n${failed.map((doc) => `  ${doc.path}\n    ${doc.problem}`).join('\n')}`)
  return 0
}

async function search(services: Services, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, collection: { type: 'string', multiple: true }, limit: { type: 'string' } },
  })
  const query = positionals.join(' ').trim()
  if (!query) throw new UsageError(`Say what to search for, e.g.: aura docs search "how do I descale the boiler"\n${USE}`)
  const limit = values.limit === undefined ? 5 : integer(values.limit, '--limit', 1, 100)
  const collections = values.collection ?? (await call(services, 'documents.collections', {})).map((c) => c.name)
  const result = await call(services, 'documents.search', { query, scope: { collections }, limit })
  if (values.json) {
    console.log(JSON.stringify(result, null, 2))
    return 0
  }
  if (result.note) console.error(result.note)
  if (result.passages.length === 0) console.log('No passages found.')
  result.passages.forEach((passage, i) => console.log(`${i + 1}. ${place(passage)}\n   ${passage.path}\n   ${snippet(passage.text)}\n`))
  return 0
}

/** A path (or several) leaves every collection; a collection's name removes the collection. */
async function remove(services: Services, args: string[]): Promise<number> {
  if (args.length === 0) throw new UsageError(`Say which files or collection to remove, e.g.: aura docs remove Notes\n${USE}`)
  const name = args.join(' ').trim()
  if ((await call(services, 'documents.collections', {})).some((c) => c.name === name)) {
    await call(services, 'documents.removeCollection', { name })
    console.log(`Removed the collection “${name}” from the index (the files themselves stay).`)
    return 0
  }
  const { removed } = await call(services, 'documents.remove', { paths: args.map((path) => resolve(path)) })
  if (removed === 0) {
    console.error(`Nothing to remove: no collection called “${name}”, and no indexed file at that path. See them with: aura docs list`)
    return 1
  }
  console.log(`Removed ${removed} ${removed === 1 ? 'file' : 'files'} from the index (the files themselves stay).`)
  return 0
}

/** “Heater manual, page 2” / “Install guide › On Windows”. */
export function place(passage: Pick<Passage, 'title' | 'page' | 'heading'>): string {
  if (passage.page !== undefined) return `${passage.title}, page ${passage.page}`
  // A heading trail often starts with the document's title (its top heading): not said twice.
  const trail = passage.heading?.startsWith(`${passage.title} › `) ? passage.heading.slice(passage.title.length + 3) : passage.heading
  return trail && trail !== passage.title ? `${passage.title} › ${trail}` : passage.title
}

const snippet = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat
}
