import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** What a run of sections gives back: each finished section's result, its seconds, and why any threw. */
export interface SectionsRun<R> {
  results: Record<string, R>
  /** Seconds each section took. */
  seconds: Record<string, number>
  /** Sections that threw, with why. */
  errors: Record<string, string>
}

/**
 * Runs `sections` one after another (`npm run soak`, `npm run bench`), each in a scratch folder of
 * its own, deleted after it. A section that throws is recorded in `errors` and the next one runs.
 *
 * A section that never finishes fails the run loudly: when the event loop empties while a section
 * is still running, it waits for something that can never happen (a promise nothing will settle).
 * Node would exit with code 0 and no results; instead this names the section and exits with 1.
 */
export async function runSections<S extends { name: string }, R>(
  tool: string,
  sections: readonly S[],
  run: (section: S, workDir: string) => Promise<R>,
  log: (line: string) => void,
): Promise<SectionsRun<R>> {
  const done: SectionsRun<R> = { results: {}, seconds: {}, errors: {} }
  for (const section of sections) {
    const workDir = mkdtempSync(join(tmpdir(), `aura-${tool}-${section.name}-`))
    const started = performance.now()
    const stuck = () => {
      const seconds = Math.round((performance.now() - started) / 100) / 10
      process.stderr.write(
        `${tool}: the ${section.name} section never finished: after ${seconds} s it was waiting for something that can never happen ` +
          '(nothing was left running). No results were written.\n',
      )
      rmSync(workDir, { recursive: true, force: true })
      process.exit(1)
    }
    process.on('beforeExit', stuck)
    log(`— ${section.name}`)
    try {
      done.results[section.name] = await run(section, workDir)
    } catch (error) {
      done.errors[section.name] = error instanceof Error ? (error.stack ?? error.message) : String(error)
      log(`${section.name} failed: ${done.errors[section.name]}`)
    } finally {
      process.off('beforeExit', stuck)
      done.seconds[section.name] = Math.round((performance.now() - started) / 100) / 10
      rmSync(workDir, { recursive: true, force: true })
    }
  }
  return done
}

/** The sections named in `--only` (all without it); a name that is no section is an error, not an empty run. */
export function pickSections<S extends { name: string }>(sections: readonly S[], only: readonly string[] | undefined): readonly S[] {
  if (!only) return sections
  const unknown = only.filter((name) => !sections.some((s) => s.name === name))
  if (unknown.length > 0) throw new Error(`No section called ${unknown.join(', ')}. The sections are: ${sections.map((s) => s.name).join(', ')}.`)
  return sections.filter((s) => only.includes(s.name))
}
