import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Writes a run's results into `dir`. Only a full-size run of every section is the record
 * (latest.json and a dated copy); a small or partial run goes beside it under its own name.
 * Returns the file written.
 */
export function writeResults(dir: string, results: { date: string }, run: { full: boolean; name: string }): string {
  mkdirSync(dir, { recursive: true })
  const json = `${JSON.stringify(results, null, 2)}\n`
  const name = run.full ? 'latest.json' : run.name
  writeFileSync(join(dir, name), json)
  if (run.full) writeFileSync(join(dir, `${results.date.slice(0, 19).replace(/[:T]/g, '-')}.json`), json)
  return name
}
