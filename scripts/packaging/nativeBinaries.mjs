/**
 * The native binaries a packaged Aura needs, and whether a packed app has them for its target:
 * each must sit unpacked next to the asar and be built for the target's OS and CPU (read from the
 * file's own header, so an arm64 build in an x64 package is caught, not only a missing one).
 * Used by electron-builder's afterPack hook (every `npm run dist`) and by the CI pack check.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** What a binary file is built for, from its header: ELF (Linux), Mach-O (macOS, also universal), PE (Windows). */
export function binaryTarget(bytes) {
  if (bytes.length < 64) return null
  if (bytes.readUInt32BE(0) === 0x7f454c46) {
    const machine = bytes.readUInt16LE(18)
    return { platform: 'linux', archs: [{ 0x3e: 'x64', 0xb7: 'arm64', 0x28: 'armv7l' }[machine] ?? `machine 0x${machine.toString(16)}`] }
  }
  const machO = { 0x01000007: 'x64', 0x0100000c: 'arm64' }
  if (bytes.readUInt32LE(0) === 0xfeedfacf) return { platform: 'darwin', archs: [machO[bytes.readUInt32LE(4)] ?? 'unknown'] }
  if (bytes.readUInt32BE(0) === 0xcafebabe) {
    const count = bytes.readUInt32BE(4)
    const archs = Array.from({ length: count }, (_, i) => machO[bytes.readUInt32BE(8 + i * 20)] ?? 'unknown')
    return { platform: 'darwin', archs }
  }
  if (bytes.toString('latin1', 0, 2) === 'MZ') {
    const pe = bytes.readUInt32LE(0x3c)
    if (pe + 6 > bytes.length || bytes.toString('latin1', pe, pe + 4) !== 'PE\0\0') return null
    const machine = bytes.readUInt16LE(pe + 4)
    return { platform: 'win32', archs: [{ 0x8664: 'x64', 0xaa64: 'arm64', 0x14c: 'ia32' }[machine] ?? `machine 0x${machine.toString(16)}`] }
  }
  return null
}

const sqliteVecOs = { darwin: 'darwin', linux: 'linux', win32: 'windows' }
const libraryExtension = { darwin: 'dylib', linux: 'so', win32: 'dll' }

/**
 * The binaries, by the folder (relative to `app.asar.unpacked`) and file names to look in; one
 * built for the target is enough (node-llama-cpp's GPU variants sit next to its CPU one).
 * `abi`: a Node addon that is not Node-API, so it must be rebuilt for Electron's ABI.
 */
export function requiredBinaries(platform, arch) {
  return [
    { name: "node-llama-cpp's engine (llama-addon.node)", dirs: ['node_modules/@node-llama-cpp/*/bins/*', 'node_modules/node-llama-cpp/bins/*'], file: 'llama-addon.node' },
    { name: "the keyring's addon (@napi-rs/keyring)", dirs: ['node_modules/@napi-rs/keyring-*'], file: /^keyring\..+\.node$/ },
    { name: "better-sqlite3's addon", dirs: ['node_modules/better-sqlite3/build/Release'], file: 'better_sqlite3.node', abi: true },
    {
      name: `sqlite-vec's extension (sqlite-vec-${sqliteVecOs[platform]}-${arch})`,
      dirs: [`node_modules/sqlite-vec-${sqliteVecOs[platform]}-${arch}`],
      file: `vec0.${libraryExtension[platform]}`,
    },
  ]
}

/**
 * What is wrong with the native binaries under `unpackedDir` (`…/resources/app.asar.unpacked`) for
 * `platform`/`arch`: one sentence per problem, empty when all is well. `electronAbi` (Electron's
 * NODE_MODULE_VERSION), when given, is checked against the addons that must be rebuilt for it.
 */
export function nativeBinaryProblems(unpackedDir, platform, arch, { electronAbi } = {}) {
  const problems = []
  for (const binary of requiredBinaries(platform, arch)) {
    const files = binary.dirs.flatMap((pattern) => expand(unpackedDir, pattern)).flatMap((dir) => matching(join(unpackedDir, dir), binary.file))
    if (files.length === 0) {
      problems.push(`${binary.name} is missing (looked in ${binary.dirs.join(', ')})`)
      continue
    }
    const targets = files.map((file) => ({ file, target: binaryTarget(readFileSync(file)) }))
    const fit = targets.filter(({ target }) => target?.platform === platform && target.archs.includes(arch))
    if (fit.length === 0) {
      const found = targets.map(({ target }) => (target ? `${target.platform}-${target.archs.join('+')}` : 'not a binary')).join(', ')
      problems.push(`${binary.name} is built for ${found}, not ${platform}-${arch}`)
    } else if (binary.abi && electronAbi && !fit.some(({ file }) => readFileSync(file).includes(`node_register_module_v${electronAbi}`))) {
      problems.push(`${binary.name} is not built for Electron (NODE_MODULE_VERSION ${electronAbi}): let electron-builder rebuild it (npmRebuild)`)
    }
  }
  return problems
}

/** `pattern`'s folders under `root`, where a `*` matches within one path segment. */
function expand(root, pattern) {
  let dirs = ['']
  for (const segment of pattern.split('/')) {
    dirs = dirs.flatMap((dir) => {
      if (!segment.includes('*')) return existsSync(join(root, dir, segment)) ? [join(dir, segment)] : []
      const re = new RegExp(`^${segment.split('*').map(escape).join('.*')}$`)
      return entries(join(root, dir)).filter((e) => e.isDirectory() && re.test(e.name)).map((e) => join(dir, e.name))
    })
  }
  return dirs
}

function matching(dir, file) {
  return entries(dir)
    .filter((e) => e.isFile() && (typeof file === 'string' ? e.name === file : file.test(e.name)))
    .map((e) => join(dir, e.name))
}

function entries(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true })
  } catch {
    return []
  }
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
