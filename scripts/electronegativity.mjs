#!/usr/bin/env node
/**
 * `npm run security:scan`: Doyensec's Electronegativity over the sources (`src/`) and, once built,
 * over what ships (`out/`: main, preload, renderer). Fails on any finding above
 * INFORMATIONAL that `security/electronegativity-allowlist.json` does not explain, on an allow-list
 * entry that no longer matches anything (so the list cannot go stale), and on any file the scanner
 * could not parse (a file it skips is a file it did not check).
 *
 * Offline and deterministic: Electronegativity 1.10.3 fetches translations and Electron's release
 * list from the network. Its HTTP client (`got`) is replaced by one that always fails, which makes
 * it use its bundled English texts; the one check that needs the release list
 * (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK) is skipped — "use a current Electron" is checked by
 * src/main/electron/securityChecklist.test.ts instead. The Electron version is read from the
 * lockfile (the scanner cannot find it when it scans `src/`), never by loading 'electron'.
 *
 *   node scripts/electronegativity.mjs [--json]
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const allowListPath = join(root, 'security', 'electronegativity-allowlist.json')
const SKIPPED_CHECKS = ['AvailableSecurityFixesGlobalCheck'] // AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK

const require = createRequire(import.meta.url)
const scannerEntry = require.resolve('@doyensec/electronegativity')
const scannerRequire = createRequire(scannerEntry)

// No network: every request the scanner makes fails at once, as it would on an offline machine.
const offline = () => Promise.reject(new Error('electronegativity runs offline in Aura'))
const gotStub = Object.assign(offline, { head: offline, get: offline, post: offline, stream: offline, extend: () => gotStub })
const gotPath = scannerRequire.resolve('got')
scannerRequire.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: gotStub }

const run = scannerRequire(scannerEntry)

const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))
const electronVersion = lock.packages?.['node_modules/electron']?.version
if (!electronVersion) throw new Error('package-lock.json has no node_modules/electron entry')

// Each target is scanned as a whole app: its global checks (navigation limits, permission handler,
// CSP) look across main, preload and renderer together.
const targets = [join(root, 'src')]
if (existsSync(join(root, 'out', 'main'))) targets.push(join(root, 'out'))

/** @type {{id: string, file: string, sample?: string, reason: string}[]} */
const allowList = JSON.parse(readFileSync(allowListPath, 'utf8')).allowed

const findings = []
const parseErrors = []
let checks = 0
// The scanner prints progress noise (translations, warnings) on the console: keep it out of the report.
const quiet = (fn) => async (...args) => {
  const { log, warn } = console
  console.log = () => {}
  console.warn = () => {}
  try {
    return await fn(...args)
  } finally {
    Object.assign(console, { log, warn })
  }
}
for (const input of targets) {
  const result = await quiet(run)(
    {
      input,
      customScan: [],
      excludeFromScan: SKIPPED_CHECKS,
      isRelative: false,
      isVerbose: true,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  )
  checks = Math.max(checks, result.globalChecks + result.atomicChecks)
  for (const error of result.errors) parseErrors.push({ file: relative(root, error.file), message: error.message })
  for (const issue of result.issues) {
    findings.push({
      id: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: relative(root, issue.file).split('\\').join('/'),
      line: issue.location?.line ?? 0,
      column: issue.location?.column ?? 0,
      sample: typeof issue.sample === 'string' ? issue.sample.trim() : '',
      description: issue.description,
    })
  }
}

const matches = (entry, finding) =>
  entry.id === finding.id && entry.file === finding.file && (entry.sample === undefined || finding.sample.includes(entry.sample))

const used = new Set()
const unexplained = []
for (const finding of findings) {
  if (finding.severity === 'INFORMATIONAL') continue
  const entry = allowList.find((candidate) => matches(candidate, finding))
  if (entry) used.add(entry)
  else unexplained.push(finding)
}
// An entry for a file that was not scanned this time (out/ before a build) is not stale.
const scanned = (file) => targets.some((target) => file.startsWith(`${relative(root, target).split('\\').join('/')}/`))
const stale = allowList.filter((entry) => !used.has(entry) && scanned(entry.file))

const where = (f) => `${f.file}:${f.line}:${f.column}`
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ electronVersion, checks, targets: targets.map((t) => relative(root, t)), findings, parseErrors, unexplained, stale }, null, 2))
} else {
  console.log(`Electronegativity: ${checks} checks (Electron ${electronVersion}) over ${targets.map((t) => relative(root, t)).join(', ')}`)
  for (const f of findings) {
    const status = f.severity === 'INFORMATIONAL' ? 'info' : unexplained.includes(f) ? 'NOT ALLOWED' : 'allowed'
    console.log(`  [${status}] ${f.id} ${f.severity}/${f.confidence} ${where(f)} — ${f.description}`)
  }
}

let failed = false
for (const error of parseErrors) {
  console.error(`Could not parse ${error.file}: ${error.message}`)
  failed = true
}
for (const f of unexplained) {
  console.error(`Finding not in security/electronegativity-allowlist.json: ${f.id} (${f.severity}) at ${where(f)}: ${f.sample.slice(0, 120)}`)
  failed = true
}
for (const entry of stale) {
  console.error(`Allow-list entry matches nothing any more (remove it): ${entry.id} in ${entry.file}`)
  failed = true
}
if (failed) process.exit(1)
console.log(`No unexplained findings (${findings.length} found, all explained in security/electronegativity-allowlist.json).`)
