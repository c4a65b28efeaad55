/**
 * `npm run bench` (after `npm run build`): every section in one process run, each Aura path beside
 * its reference, written to bench/results/latest.json and a dated copy, and printed as a table.
 * `--smoke` runs tiny sizes (the e2e suite does, to keep the harness working); `--only a,b` runs some.
 */
import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism, cpus, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { TARGETS, type BenchFigures, type BenchSection } from './harness'
import { section as concurrency } from './sections/concurrency'
import { section as decode } from './sections/decode'
import { section as decodeGpu } from './sections/decodeGpu'
import { section as documents } from './sections/documents'
import { section as download } from './sections/download'
import { section as embeddings } from './sections/embeddings'
import { section as gateway } from './sections/gateway'
import { section as memory } from './sections/memory'
import { section as prefix } from './sections/prefix'
import { section as prompt } from './sections/prompt'
import { section as renderer } from './sections/renderer'
import { section as router } from './sections/router'
import { section as routerReplay } from './sections/routerReplay'
import { section as startup } from './sections/startup'
import { section as threads } from './sections/threads'
import { section as ttft } from './sections/ttft'
import { writeResults } from './lib/results'
import { pickSections, runSections } from './lib/sections'

export const SECTIONS: readonly BenchSection[] = [decode, decodeGpu, ttft, threads, concurrency, gateway, prefix, prompt, embeddings, documents, memory, download, router, routerReplay, renderer, startup]

const ROOT = resolve(import.meta.dirname, '..')

export interface BenchResults {
  date: string
  smoke: boolean
  machine: Record<string, string | number>
  figures: BenchFigures
  targets: Record<string, { target: string; value: number | null; met: boolean }>
  /** Seconds each section took. */
  seconds: Record<string, number>
  /** Sections that failed, with why. */
  errors: Record<string, string>
}

export async function runBench(options: { smoke: boolean; only?: readonly string[]; log?: (line: string) => void }): Promise<BenchResults> {
  const log = options.log ?? ((line: string) => console.error(line))
  if (!existsSync(join(ROOT, 'out/main/cli.js')) || !existsSync(join(ROOT, 'out/renderer/index.html'))) {
    throw new Error('The app is not built: run `npm run build` first.')
  }
  const sections = pickSections(SECTIONS, options.only)
  const run = await runSections('bench', sections, (section, workDir) => section.run({ smoke: options.smoke, workDir, root: ROOT, log }), log)
  const figures: BenchFigures = {}
  for (const [name, result] of Object.entries(run.results)) {
    for (const [key, value] of Object.entries(result)) figures[`${name}.${key}`] = value
  }
  const { seconds, errors } = run
  const targets: BenchResults['targets'] = {}
  for (const [key, { min, max }] of Object.entries(TARGETS)) {
    const value = typeof figures[key] === 'number' ? (figures[key] as number) : null
    const met = value !== null && (min === undefined || value >= min) && (max === undefined || value <= max)
    targets[key] = { target: min !== undefined ? `≥ ${min}` : `≤ ${max}`, value, met }
  }
  return { date: new Date().toISOString(), smoke: options.smoke, machine: machine(), figures, targets, seconds, errors }
}

function machine(): Record<string, string | number> {
  const packageVersion = (name: string) => {
    try {
      return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version
    } catch {
      return 'unknown'
    }
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    logicalCores: availableParallelism(),
    ramGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform}-${process.arch}`,
    node: process.version,
    nodeLlamaCpp: packageVersion('node-llama-cpp'),
  }
}

/** The table printed after a run: every figure, the targets marked. */
export function formatTable(results: BenchResults): string {
  const rows = Object.entries(results.figures).map(([key, value]) => {
    const target = results.targets[key]
    return [key, typeof value === 'number' ? String(value) : String(value), target ? `${target.target} ${target.met ? 'met' : 'NOT met'}` : '']
  })
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length), 6))
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()
  const out = [line(['figure', 'value', 'target']), ...rows.map(line)]
  for (const [name, error] of Object.entries(results.errors)) out.push(`${name}: FAILED — ${error.split('\n')[0]}`)
  return out.join('\n')
}

/** The command line: `npm run bench [-- --smoke] [-- --only a,b]`; resolves with the exit code. */
export async function main(): Promise<number> {
  const { values } = parseArgs({ options: { smoke: { type: 'boolean', default: false }, only: { type: 'string' } } })
  const results = await runBench({ smoke: values.smoke, only: values.only?.split(',').map((s) => s.trim()) })
  const name = writeResults(join(ROOT, 'bench/results'), results, {
    full: !values.smoke && !values.only,
    name: values.smoke ? 'smoke.json' : 'partial.json',
  })
  console.log(formatTable(results))
  console.log(`\nWritten to bench/results/${name}`)
  return Object.keys(results.errors).length > 0 ? 1 : 0
}
