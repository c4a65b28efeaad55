/**
 * electron-builder's afterPack hook (electron-builder.yml): a package whose native binaries are
 * missing or built for another computer fails here, loudly, instead of installing an Aura whose
 * models cannot start. The usual cause: packaging for another OS or CPU (docs/packaging.md —
 * npm installs the binaries of the machine it runs on only).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { nativeBinaryProblems } from './nativeBinaries.mjs'

/** builder-util's `Arch` enum, by number. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal']

export default async function afterPack(context) {
  const platform = context.electronPlatformName
  const arch = ARCH_NAMES[context.arch]
  const unpacked = join(context.packager.getResourcesDir(context.appOutDir), 'app.asar.unpacked')
  // Without the rebuild (CI's offline pack check) the addons keep Node's ABI: such a package is for checks only.
  const rebuilt = context.packager.config.npmRebuild !== false
  const problems = nativeBinaryProblems(unpacked, platform, arch, { electronAbi: rebuilt ? electronAbi() : undefined })
  if (problems.length > 0) {
    throw new Error(
      `This ${platform}-${arch} package of Aura would not work:\n  - ${problems.join('\n  - ')}\n` +
        `Build each installer on a computer of its own OS and CPU, after npm ci there (docs/packaging.md).`,
    )
  }
  if (!rebuilt) console.warn(`  • native addons not rebuilt for Electron (npmRebuild=false): this ${platform}-${arch} package is for checks only`)
}

function electronAbi() {
  const require = createRequire(import.meta.url)
  return readFileSync(join(require.resolve('electron/package.json'), '..', 'abi_version'), 'utf8').trim()
}
