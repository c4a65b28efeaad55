import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from './support/aura'

/**
 * `npm run soak` and `npm run bench` run their sections through bench/lib/sections.ts. A section
 * that never finishes must fail the run loudly (it once exited 0 with no results, issue 12).
 */
const root = resolve(import.meta.dirname, '..')

function node(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, args, { cwd: root, timeout: 60_000 }, (error, stdout, stderr) =>
      done({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    )
  })
}

/** Runs sections named `names` in a fresh process; `stuck` waits on a promise nothing settles, the others finish. */
async function runInChild(names: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'aura-runners-'))
  try {
    const script = join(dir, 'run.ts')
    writeFileSync(
      script,
      `import { runSections } from ${JSON.stringify(join(root, 'bench/lib/sections.ts'))}
      const sections = ${JSON.stringify(names)}.map((name) => ({ name }))
      const run = await runSections('soak', sections, (s) => (s.name === 'stuck' ? new Promise<number>(() => {}) : Promise.resolve(1)), () => {})
      console.log('finished', Object.keys(run.results).join(','))`,
    )
    return await node(['--import', 'jiti/register', script])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

test('a section that never finishes fails the run with its name and exit code 1', async () => {
  const stuck = await runInChild(['first', 'stuck', 'after'])
  expect(stuck.code).toBe(1)
  expect(stuck.stdout).not.toContain('finished')
  expect(stuck.stderr).toMatch(/^soak: the stuck section never finished: after [\d.]+ s it was waiting for something that can never happen/m)

  const fine = await runInChild(['first', 'second'])
  expect(fine).toMatchObject({ code: 0, stdout: 'finished first,second\n' })
})

test('--only with a name that is no section is an error, not an empty run that passes', async () => {
  const soak = await node(['soak/run.mjs', '--only', 'models,modles'])
  expect(soak.code).toBe(1)
  expect(soak.stderr).toContain('No section called modles. The sections are: downloads, models, memory, conversations, files, cloud.')
})
