/**
 * `npm run soak`: every fault-injection section at full size in one process run, each fault's
 * count and outcome written to soak/results/latest.json and printed as a table (the figures of
 * docs/reliability.md). `--small` runs the sizes the e2e suite uses; `--only a,b` runs some sections.
 */
import { availableParallelism, cpus, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { SoakFinding, SoakSection } from './harness'
import { section as cloud } from './cloud'
import { section as conversations } from './conversations'
import { section as downloads } from './downloads'
import { section as files } from './files'
import { section as memory } from './memory'
import { section as models } from './models'
import { writeResults } from '../bench/lib/results'
import { pickSections, runSections } from '../bench/lib/sections'

export const SECTIONS: readonly SoakSection[] = [downloads, models, memory, conversations, files, cloud]

const ROOT = resolve(import.meta.dirname, '..')

export interface SoakResults {
  date: string
  small: boolean
  machine: Record<string, string | number>
  /** Findings per section. */
  findings: Record<string, SoakFinding[]>
  /** Seconds each section took. */
  seconds: Record<string, number>
  /** Sections that threw, with why. */
  errors: Record<string, string>
}

export async function runSoak(options: { small: boolean; only?: readonly string[]; log?: (line: string) => void }): Promise<SoakResults> {
  const log = options.log ?? ((line: string) => console.error(line))
  const sections = pickSections(SECTIONS, options.only)
  const run = await runSections('soak', sections, (section, workDir) => section.run({ small: options.small, workDir, root: ROOT, log }), log)
  return { date: new Date().toISOString(), small: options.small, machine: machine(), findings: run.results, seconds: run.seconds, errors: run.errors }
}

function machine(): Record<string, string | number> {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    logicalCores: availableParallelism(),
    ramGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform}-${process.arch}`,
    node: process.version,
  }
}

/** Every fault with its count and outcome; a wrong outcome marked. */
export function formatTable(results: SoakResults): string {
  const rows: string[][] = []
  for (const [name, list] of Object.entries(results.findings)) {
    for (const f of list) rows.push([name, f.fault, String(f.injected), `${f.passed}/${f.injected}${f.passed === f.injected ? '' : '  WRONG'}`])
  }
  const header = ['section', 'fault', 'injected', 'right']
  const widths = [0, 1, 2, 3].map((c) => Math.max(header[c]!.length, ...rows.map((r) => r[c]!.length)))
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()
  const out = [line(header), ...rows.map(line)]
  for (const list of Object.values(results.findings)) {
    for (const f of list) for (const failure of f.failures) out.push(`  ${f.fault}: ${failure}`)
  }
  for (const [name, error] of Object.entries(results.errors)) out.push(`${name}: FAILED — ${error.split('\n')[0]}`)
  return out.join('\n')
}

/** True when every section ran and every injected fault had the right outcome. */
export function allRight(results: SoakResults): boolean {
  return Object.keys(results.errors).length === 0 && Object.values(results.findings).every((list) => list.every((f) => f.injected > 0 && f.passed === f.injected))
}

/** The command line: `npm run soak [-- --small] [-- --only a,b]`; resolves with the exit code. */
export async function main(): Promise<number> {
  const { values } = parseArgs({ options: { small: { type: 'boolean', default: false }, only: { type: 'string' } } })
  const results = await runSoak({ small: values.small, only: values.only?.split(',').map((s) => s.trim()) })
  const name = writeResults(join(ROOT, 'soak/results'), results, {
    full: !values.small && !values.only,
    name: values.small ? 'small.json' : 'partial.json',
  })
  console.log(formatTable(results))
  console.log(`\nWritten to soak/results/${name}`)
  return allRight(results) ? 0 : 1
}
