import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { writeDamagedGguf, writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import { expect, test } from './support/aura'

/** The built `aura` command, run as a user runs it, with its own data folder. */
const bin = resolve(import.meta.dirname, '../bin/aura.js')
let dataDir: string
const aura = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, AURA_DATA_DIR: dataDir }, encoding: 'utf8', timeout: 60_000 })

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'aura-cli-'))
  mkdirSync(join(dataDir, 'models'))
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ threads: 1 }))
  await writeTinyLlama(join(dataDir, 'models', 'tiny.gguf'), { eosBias: -8 })
  await writeDamagedGguf(join(dataDir, 'models', 'cut-short.gguf'), 'truncated')
})
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

test('aura run streams an answer to stdout and exits 0', () => {
  const result = aura('run', '--model', 'tiny', '--threads', '1', '--max-tokens', '24', 'Once upon a time')
  expect(result.status, result.stderr).toBe(0)
  expect(result.stdout.trim().length).toBeGreaterThan(10)
  expect(result.stderr).toMatch(/^24 tokens · [\d.]+ tokens\/s/m)
})

test('aura run also takes a path to a .gguf file', () => {
  const result = aura('run', '--model', join(dataDir, 'models', 'tiny.gguf'), '--max-tokens', '8', 'Hello')
  expect(result.status, result.stderr).toBe(0)
})

test('a bad path or a damaged file exits non-zero with one clear line', () => {
  for (const model of [join(dataDir, 'nowhere.gguf'), 'no-such-model', 'cut-short']) {
    const result = aura('run', '--model', model, 'Hello')
    expect(result.status, model).toBe(1)
    expect(result.stdout).toBe('')
    const lines = result.stderr.trim().split('\n')
    expect(lines, result.stderr).toHaveLength(1)
    expect(lines[0]).toMatch(/^aura: .*(not installed|no model|incomplete|damaged)/i)
  }
})

test('aura models lists installed models, as a table and as JSON', () => {
  const table = aura('models')
  expect(table.status).toBe(0)
  expect(table.stdout).toMatch(/^ID\s+ARCHITECTURE\s+PARAMETERS\s+QUANT\s+CONTEXT\s+SIZE\s+FILE/)
  expect(table.stdout).toMatch(/^tiny\s+llama\s+\S+\s+F32\s+2048\s/m)

  const json = aura('models', '--json')
  expect(json.status).toBe(0)
  const models = JSON.parse(json.stdout) as { id: string; architecture: string | null; problem: string | null; quantization: string | null }[]
  expect(models.map((model) => model.id).sort()).toEqual(['cut-short', 'tiny'])
  expect(models.find((model) => model.id === 'tiny')).toMatchObject({ architecture: 'llama', quantization: 'F32', problem: null })
  expect(models.find((model) => model.id === 'cut-short')!.problem).toMatch(/incomplete/)
})

test('usage errors explain themselves', () => {
  const result = aura('run', 'Hello')
  expect(result.status).toBe(2)
  expect(result.stderr).toMatch(/--model/)
})
