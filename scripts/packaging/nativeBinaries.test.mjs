import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { binaryTarget, nativeBinaryProblems } from './nativeBinaries.mjs'

const dirs = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

/** The first bytes of an ELF (Linux) binary for `machine` (0x3e x64, 0xb7 arm64), and `extra` text. */
function elf(machine, extra = '') {
  const header = Buffer.alloc(64)
  header.writeUInt32BE(0x7f454c46, 0)
  header.writeUInt16LE(machine, 18)
  return Buffer.concat([header, Buffer.from(extra)])
}

/** A packed app's `app.asar.unpacked` with every native binary a linux-x64 Aura needs. */
function unpackedLinuxX64() {
  const dir = mkdtempSync(join(tmpdir(), 'aura-unpacked-'))
  dirs.push(dir)
  const put = (path, bytes) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), bytes)
  }
  put('node_modules/@node-llama-cpp/linux-x64/bins/linux-x64/llama-addon.node', elf(0x3e))
  put('node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node', elf(0x3e))
  put('node_modules/better-sqlite3/build/Release/better_sqlite3.node', elf(0x3e, 'node_register_module_v150'))
  put('node_modules/sqlite-vec-linux-x64/vec0.so', elf(0x3e))
  return { dir, put }
}

describe("a package's native binaries", () => {
  it('are all there, unpacked and built for the target: no problem', () => {
    const { dir } = unpackedLinuxX64()
    expect(nativeBinaryProblems(dir, 'linux', 'x64', { electronAbi: '150' })).toEqual([])
  })

  it('fail the package when one is missing (an Intel Mac build made on an Apple-silicon Mac has no x64 engine)', () => {
    const { dir } = unpackedLinuxX64()
    rmSync(join(dir, 'node_modules/@node-llama-cpp'), { recursive: true })
    rmSync(join(dir, 'node_modules/sqlite-vec-linux-x64'), { recursive: true })
    expect(nativeBinaryProblems(dir, 'linux', 'x64')).toEqual([
      "node-llama-cpp's engine (llama-addon.node) is missing (looked in node_modules/@node-llama-cpp/*/bins/*, node_modules/node-llama-cpp/bins/*)",
      "sqlite-vec's extension (sqlite-vec-linux-x64) is missing (looked in node_modules/sqlite-vec-linux-x64)",
    ])
    // The same package for the other CPU: every binary is this machine's, none is the target's.
    expect(nativeBinaryProblems(unpackedLinuxX64().dir, 'linux', 'arm64')).toHaveLength(4)
  })

  it('fail the package when one is built for another CPU, or better-sqlite3 is not rebuilt for Electron', () => {
    const { dir, put } = unpackedLinuxX64()
    put('node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node', elf(0xb7))
    put('node_modules/better-sqlite3/build/Release/better_sqlite3.node', elf(0x3e, 'node_register_module_v115'))
    expect(nativeBinaryProblems(dir, 'linux', 'x64', { electronAbi: '150' })).toEqual([
      "the keyring's addon (@napi-rs/keyring) is built for linux-arm64, not linux-x64",
      "better-sqlite3's addon is not built for Electron (NODE_MODULE_VERSION 150): let electron-builder rebuild it (npmRebuild)",
    ])
  })

  it("reads a binary's OS and CPU from its header: this machine's better-sqlite3", () => {
    const require = createRequire(import.meta.url)
    const addon = join(dirname(require.resolve('better-sqlite3/package.json')), 'build/Release/better_sqlite3.node')
    expect(binaryTarget(readFileSync(addon))).toEqual({ platform: process.platform, archs: [process.arch] })
    expect(binaryTarget(Buffer.from('#!/bin/sh\necho not a binary\n'.repeat(4)))).toBeNull()
  })
})
