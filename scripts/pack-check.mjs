#!/usr/bin/env node
/**
 * Proves the desktop package without Electron's real binary (it cannot be downloaded or run here):
 * electron-builder packs `out/` (run `npm run build` first) for this OS and CPU with `--dir`,
 * around a stand-in Electron binary, offline, then this checks what a user would install:
 * the app's out/ in the asar, the native binaries unpacked and built for this machine, no
 * devDependency or source file, the fuses flipped as electron-builder.yml says, and the size
 * within budget. Prints the time and the sizes. `npm run test:pack`; docs/packaging.md.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import asar from '@electron/asar'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import yaml from 'js-yaml'
import { nativeBinaryProblems } from './packaging/nativeBinaries.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const MB = 1024 * 1024
/** A fuse's state in the wire: the characters '1' and '0' (@electron/fuses' FuseState, not exported). */
const FUSE_ON = 0x31
const FUSE_OFF = 0x30
/** Budgets with room to grow (measured on linux-x64: see docs/packaging.md); a jump past them is a mistake to look at. */
// The unpacked part holds llama.cpp twice on Windows and Linux x64: its CPU build and its Vulkan build (81 MB, docs/gpu.md).
const BUDGET = { asar: 75 * MB, unpacked: 125 * MB }

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'))
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))
const platform = process.platform
const arch = process.arch

if (!existsSync(join(root, 'out/main/index.js'))) fail('out/ is not built: run `npm run build` first.')

const work = mkdtempSync(join(tmpdir(), 'aura-pack-'))
try {
  const started = Date.now()
  await pack(work)
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  const resources = resourcesDir(join(work, 'dist'))
  const problems = [
    ...appProblems(join(resources, 'app.asar')),
    ...nativeBinaryProblems(join(resources, 'app.asar.unpacked'), platform, arch).map((p) => `native binaries: ${p}`),
    ...(await fuseProblems(join(work, 'dist'))),
  ]
  const sizes = { asar: statSync(join(resources, 'app.asar')).size, unpacked: folderSize(join(resources, 'app.asar.unpacked')) }
  for (const [what, size] of Object.entries(sizes)) {
    console.log(`pack-check: ${what} ${(size / MB).toFixed(1)} MB (budget ${BUDGET[what] / MB} MB)`)
    if (size > BUDGET[what]) problems.push(`the ${what} part is ${(size / MB).toFixed(1)} MB, over its ${BUDGET[what] / MB} MB budget`)
  }
  console.log(`pack-check: largest packages: ${largestPackages(resources).join(', ')}`)
  console.log(`pack-check: packed ${platform}-${arch} in ${seconds} s`)
  if (problems.length > 0) fail(`the package is not right:\n  - ${problems.join('\n  - ')}`)
  console.log('pack-check: the package is right')
} finally {
  rmSync(work, { recursive: true, force: true })
}

/** electron-builder `--dir` for this machine, offline: any download goes to a closed port and fails the check. */
async function pack(work) {
  const electronDist = join(work, 'electron')
  standInElectron(electronDist)
  const args = [
    '--dir',
    `--${{ darwin: 'mac', win32: 'win', linux: 'linux' }[platform]}`,
    `--${arch}`,
    `-c.electronDist=${electronDist}`,
    `-c.electronVersion=${JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version}`,
    // Rebuilding better-sqlite3 for Electron needs Electron's headers from the internet.
    '-c.npmRebuild=false',
    `-c.directories.output=${join(work, 'dist')}`,
    '-c.mac.identity=null',
  ]
  const closed = 'http://127.0.0.1:9'
  const env = { ...process.env, HTTPS_PROXY: closed, HTTP_PROXY: closed, https_proxy: closed, http_proxy: closed, NO_PROXY: '', no_proxy: '', CSC_IDENTITY_AUTO_DISCOVERY: 'false' }
  const bin = join(root, 'node_modules/.bin', platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder')
  const log = await new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: root, env, shell: platform === 'win32' })
    let output = ''
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
  const download = log.output.split('\n').find((line) => /download/i.test(line))
  if (download) fail(`electron-builder tried to download something, which CI must not need (offline):\n  ${download.trim()}\n${tail(log.output)}`)
  if (log.code !== 0) fail(`electron-builder failed (exit ${log.code}):\n${tail(log.output)}`)
}

/**
 * A folder that looks like Electron's zip to electron-builder: the executable carries Electron's
 * fuse wire (sentinel, version 1, length, Electron's defaults) so the fuse step has something to flip.
 */
function standInElectron(dir) {
  mkdirSync(join(dir, 'resources'), { recursive: true })
  const wire = Buffer.concat([Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 8]), Buffer.from('10110001')])
  const executable = { darwin: null, win32: 'electron.exe', linux: 'electron' }[platform]
  if (!executable) fail('the pack check stands in for Electron on Linux and Windows only (macOS needs an Electron.app bundle).')
  writeFileSync(join(dir, executable), Buffer.concat([Buffer.from('stand-in for Electron\n'), wire]), { mode: 0o755 })
  writeFileSync(join(dir, 'version'), '0.0.0')
  writeFileSync(join(dir, 'LICENSE'), 'stand-in')
}

function resourcesDir(dist) {
  const unpacked = readdirSync(dist).find((name) => name.endsWith('-unpacked'))
  if (!unpacked) fail(`electron-builder made no *-unpacked folder in ${dist}`)
  return join(dist, unpacked, 'resources')
}

/** What the asar holds: the build, no sources, no devDependency. */
function appProblems(asarFile) {
  const files = asar.listPackage(asarFile, { isPack: false }).map((f) => f.replace(/\\/g, '/').replace(/^\//, ''))
  const problems = []
  for (const needed of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json']) {
    if (!files.includes(needed)) problems.push(`the asar lacks ${needed}`)
  }
  const topLevel = new Set(files.map((f) => f.split('/')[0]))
  const allowed = new Set(['out', 'resources', 'node_modules', 'package.json'])
  for (const name of topLevel) if (!allowed.has(name)) problems.push(`the asar holds ${name}, which is not part of the app`)
  const sources = files.filter((f) => !f.startsWith('node_modules/') && /\.(tsx?|map)$/.test(f))
  if (sources.length > 0) problems.push(`the asar holds sources: ${sources.slice(0, 5).join(', ')}`)
  // package-lock marks what only development needs (`dev: true`): none of it may ship. By name and
  // version, as electron-builder may lay a nested package out at the top.
  const production = new Set(Object.entries(lock.packages).filter(([, p]) => !p.dev).map(([path, p]) => `${p.name ?? path.split('node_modules/').pop()}@${p.version}`))
  const shipped = new Set(files.filter((f) => /(^|\/)node_modules\/(@[^/]+\/)?[^/]+\/package\.json$/.test(f)).map((f) => f.slice(0, -'/package.json'.length)))
  const dev = [...shipped].flatMap((folder) => {
    const { name, version } = JSON.parse(asar.extractFile(asarFile, `${folder}/package.json`).toString())
    return name && version && !production.has(`${name}@${version}`) ? [`${name}@${version}`] : []
  })
  if (dev.length > 0) problems.push(`devDependencies ship: ${dev.slice(0, 10).join(', ')}${dev.length > 10 ? ` and ${dev.length - 10} more` : ''}`)
  return problems
}

/** The fuses read back from the packed executable, against electron-builder.yml's `electronFuses`. */
async function fuseProblems(dist) {
  const unpacked = join(dist, readdirSync(dist).find((name) => name.endsWith('-unpacked')))
  const executable = join(unpacked, platform === 'win32' ? `${config.productName}.exe` : config.executableName)
  const wire = await getCurrentFuseWire(executable)
  const names = {
    runAsNode: 'RunAsNode',
    enableCookieEncryption: 'EnableCookieEncryption',
    enableNodeOptionsEnvironmentVariable: 'EnableNodeOptionsEnvironmentVariable',
    enableNodeCliInspectArguments: 'EnableNodeCliInspectArguments',
    enableEmbeddedAsarIntegrityValidation: 'EnableEmbeddedAsarIntegrityValidation',
    onlyLoadAppFromAsar: 'OnlyLoadAppFromAsar',
    loadBrowserProcessSpecificV8Snapshot: 'LoadBrowserProcessSpecificV8Snapshot',
    grantFileProtocolExtraPrivileges: 'GrantFileProtocolExtraPrivileges',
  }
  return Object.entries(config.electronFuses).flatMap(([key, want]) => {
    const state = wire[FuseV1Options[names[key]]]
    return state === (want ? FUSE_ON : FUSE_OFF) ? [] : [`fuse ${key} is not ${want} in the packed executable`]
  })
}

/** The 8 largest top-level packages, asar and unpacked together: where to look when the size jumps. */
function largestPackages(resources) {
  const sizes = new Map()
  const add = (file, size) => {
    const parts = file.replace(/\\/g, '/').replace(/^\//, '').split('/')
    if (parts[0] !== 'node_modules') return
    const name = parts[1].startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1]
    sizes.set(name, (sizes.get(name) ?? 0) + size)
  }
  const archive = join(resources, 'app.asar')
  for (const file of asar.listPackage(archive, { isPack: false })) {
    const entry = asar.statFile(archive, file.replace(/^[\\/]/, ''), false)
    if ('size' in entry && !entry.unpacked) add(file, entry.size)
  }
  const unpacked = join(resources, 'app.asar.unpacked')
  for (const e of readdirSync(unpacked, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) add(relative(unpacked, join(e.parentPath, e.name)), statSync(join(e.parentPath, e.name)).size)
  }
  return [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, size]) => `${name} ${(size / MB).toFixed(1)} MB`)
}

function folderSize(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0)
}

function tail(text) {
  return text.trim().split('\n').slice(-25).join('\n')
}

function fail(message) {
  console.error(`pack-check: ${message}`)
  process.exit(1)
}
