import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ModelLibrary } from '../modelLibrary'
import { encodeTinyLlama, writeTinyLlama, writeTinyLlamaShards } from '../../testing/tinyLlama'
import { writeHfCacheFile, writeOllamaModel } from '../../testing/fakeApps'
import { discoverModels, type DiscoverOptions } from './discover'

let root: string
let home: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aura-discover-'))
  home = join(root, 'home')
  await mkdir(home)
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

/** Discovery in the temp home only: no real environment, no real system folders. */
function discover(options: Partial<DiscoverOptions> = {}) {
  return discoverModels({ home, env: {}, platform: 'linux', systemRoot: join(root, 'system'), ...options })
}

async function size(...files: string[]): Promise<number> {
  let total = 0
  for (const file of files) total += (await stat(file)).size
  return total
}

describe('discoverModels', () => {
  it('finds nothing, without an error, when no app has models', async () => {
    expect(await discover()).toEqual([])
    expect(await discover({ home: join(root, 'no-such-home') })).toEqual([])
    expect(await discover({ platform: 'win32' })).toEqual([])
    expect(await discover({ platform: 'darwin' })).toEqual([])
  })

  it('finds each app’s models on Linux, by the names the apps use', async () => {
    // LM Studio: publisher/repo/file, a vision projector beside it, and the pre-0.3 folder.
    const lms = await writeTinyLlama(join(home, '.lmstudio', 'models', 'lmstudio-community', 'Qwen3-4B-GGUF', 'Qwen3-4B-Q4_K_M.gguf'))
    await writeTinyLlama(join(home, '.lmstudio', 'models', 'lmstudio-community', 'Qwen3-4B-GGUF', 'mmproj-Qwen3-4B-F16.gguf'))
    await writeFile(join(home, '.lmstudio', 'models', 'lmstudio-community', 'notes.txt'), 'not a model')
    const lmsOld = await writeTinyLlama(join(home, '.cache', 'lm-studio', 'models', 'TheBloke', 'Old-GGUF', 'old.Q4_0.gguf'))

    // Ollama: two tags of one blob, a user's model, a Hugging Face one, and a manifest whose blob is gone.
    const ollama = join(home, '.ollama', 'models')
    const llama32 = await writeOllamaModel(ollama, { model: 'llama3.2', tag: 'latest' })
    await writeOllamaModel(ollama, { model: 'llama3.2', tag: '3b' })
    const mine = await writeOllamaModel(ollama, { model: 'tiny', tag: 'q4', namespace: 'someone', llama: { seed: 2 } })
    const fromHf = await writeOllamaModel(ollama, { model: 'SmolLM2-GGUF', tag: 'Q4_K_M', namespace: 'bartowski', registry: 'hf.co', llama: { seed: 3 } })
    const gone = await writeOllamaModel(ollama, { model: 'gone', tag: 'latest', llama: { seed: 4 } })
    await rm(gone)

    // Jan: 0.6 (llamacpp/models/<id>/model.gguf) and the old ~/jan layout.
    const jan = await writeTinyLlama(join(home, '.local', 'share', 'Jan', 'data', 'llamacpp', 'models', 'Menlo', 'Jan-nano-gguf', 'model.gguf'))
    await writeTinyLlama(join(home, '.local', 'share', 'Jan', 'data', 'llamacpp', 'models', 'Menlo', 'Jan-nano-gguf', 'mmproj.gguf'))
    const janOld = await writeTinyLlama(join(home, 'jan', 'models', 'tinyllama-1.1b', 'tinyllama-1.1b-chat.Q4_K_M.gguf'))

    // GPT4All: a model and a download in progress.
    const gpt4all = await writeTinyLlama(join(home, '.local', 'share', 'nomic.ai', 'GPT4All', 'Llama-3.2-1B-Instruct-Q4_0.gguf'))
    await writeFile(join(home, '.local', 'share', 'nomic.ai', 'GPT4All', 'incomplete-Phi-3-mini.gguf'), 'half')

    // Hugging Face cache: symlinks into blobs; a split set in a sub-folder; two revisions sharing a file.
    const hub = join(home, '.cache', 'huggingface', 'hub')
    const weights = encodeTinyLlama({ seed: 5 })
    await writeHfCacheFile(hub, 'Qwen/Qwen3-0.6B-GGUF', 'aaa111', 'Qwen3-0.6B-Q8_0.gguf', weights)
    const hf = await writeHfCacheFile(hub, 'Qwen/Qwen3-0.6B-GGUF', 'bbb222', 'Qwen3-0.6B-Q8_0.gguf', weights)
    const shards = await writeTinyLlamaShards(join(root, 'shards'), 'Big-Q4_K_M', 2)
    const hfParts: string[] = []
    for (const part of shards) {
      hfParts.push(await writeHfCacheFile(hub, 'unsloth/Big-GGUF', 'ccc333', join('Q4_K_M', part.split('/').pop() ?? ''), await readFile(part)))
    }

    const found = await discover()
    expect(found).toEqual([
      { source: 'lm_studio', name: 'lmstudio-community/Qwen3-4B-GGUF/Qwen3-4B-Q4_K_M', file: lms, sizeBytes: await size(lms), imported: false },
      { source: 'lm_studio', name: 'TheBloke/Old-GGUF/old.Q4_0', file: lmsOld, sizeBytes: await size(lmsOld), imported: false },
      { source: 'ollama', name: 'hf.co/bartowski/SmolLM2-GGUF:Q4_K_M', file: fromHf, sizeBytes: await size(fromHf), imported: false },
      { source: 'ollama', name: 'llama3.2:3b, llama3.2:latest', file: llama32, sizeBytes: await size(llama32), imported: false },
      { source: 'ollama', name: 'someone/tiny:q4', file: mine, sizeBytes: await size(mine), imported: false },
      { source: 'jan', name: 'Menlo/Jan-nano-gguf', file: jan, sizeBytes: await size(jan), imported: false },
      { source: 'jan', name: 'tinyllama-1.1b', file: janOld, sizeBytes: await size(janOld), imported: false },
      { source: 'gpt4all', name: 'Llama-3.2-1B-Instruct-Q4_0', file: gpt4all, sizeBytes: await size(gpt4all), imported: false },
      { source: 'hf_cache', name: 'Qwen/Qwen3-0.6B-GGUF/Qwen3-0.6B-Q8_0', file: hf, sizeBytes: weights.length, imported: false },
      { source: 'hf_cache', name: 'unsloth/Big-GGUF/Q4_K_M/Big-Q4_K_M', file: hfParts[0], sizeBytes: await size(...shards), imported: false },
    ])
  })

  it('follows the folders the user chose in each app and the environment', async () => {
    // LM Studio moved its home (the pointer file) and downloads to a custom folder.
    const lmHome = join(root, 'lmstudio-home')
    await writeFile(join(home, '.lmstudio-home-pointer'), `${lmHome}\n`)
    await mkdir(lmHome, { recursive: true })
    await writeFile(join(lmHome, 'settings.json'), JSON.stringify({ downloadsFolder: join(root, 'D', 'lms') }))
    const lms = await writeTinyLlama(join(root, 'D', 'lms', 'pub', 'repo', 'custom.gguf'))
    const lmsHome = await writeTinyLlama(join(lmHome, 'models', 'pub', 'repo', 'home.gguf'))
    // Jan's data folder moved (its settings.json in the app data folder says where).
    await mkdir(join(home, '.local', 'share', 'jan.ai.app'), { recursive: true })
    await writeFile(join(home, '.local', 'share', 'jan.ai.app', 'settings.json'), JSON.stringify({ data_folder: join(root, 'D', 'jan') }))
    const jan = await writeTinyLlama(join(root, 'D', 'jan', 'llamacpp', 'models', 'qwen3-4b', 'model.gguf'))
    // GPT4All's model path from its INI file.
    await mkdir(join(root, 'config', 'nomic.ai'), { recursive: true })
    await writeFile(join(root, 'config', 'nomic.ai', 'GPT4All.ini'), `[General]\nmodelPath=${join(root, 'D', 'gpt4all')}/\n`)
    const gpt4all = await writeTinyLlama(join(root, 'D', 'gpt4all', 'orca.gguf'))
    // Ollama and the Hugging Face cache from their variables.
    const ollama = await writeOllamaModel(join(root, 'D', 'ollama'), { model: 'phi4-mini', tag: 'latest' })
    const hf = await writeHfCacheFile(join(root, 'D', 'hf', 'hub'), 'o/r', 'rev', 'm.gguf', encodeTinyLlama({ seed: 9 }))

    const found = await discover({
      env: { XDG_CONFIG_HOME: join(root, 'config'), OLLAMA_MODELS: join(root, 'D', 'ollama'), HF_HOME: join(root, 'D', 'hf') },
    })
    expect(found.map((m) => [m.source, m.name, m.file])).toEqual([
      ['lm_studio', 'pub/repo/custom', lms],
      ['lm_studio', 'pub/repo/home', lmsHome],
      ['ollama', 'phi4-mini:latest', ollama],
      ['jan', 'qwen3-4b', jan],
      ['gpt4all', 'orca', gpt4all],
      ['hf_cache', 'o/r/m', hf],
    ])
  })

  it('looks where each app keeps its models on macOS', async () => {
    const support = join(home, 'Library', 'Application Support')
    const jan = await writeTinyLlama(join(support, 'Jan', 'data', 'llamacpp', 'models', 'gemma', 'model.gguf'))
    const gpt4all = await writeTinyLlama(join(support, 'nomic.ai', 'GPT4All', 'mistral.gguf'))
    const lms = await writeTinyLlama(join(home, '.lmstudio', 'models', 'p', 'r', 'm.gguf'))
    const ollama = await writeOllamaModel(join(home, '.ollama', 'models'), { model: 'qwen3', tag: '4b' })
    const found = await discover({ platform: 'darwin' })
    expect(found.map((m) => [m.source, m.file])).toEqual([
      ['lm_studio', lms],
      ['ollama', ollama],
      ['jan', jan],
      ['gpt4all', gpt4all],
    ])
  })

  it('looks where each app keeps its models on Windows', async () => {
    const env = { APPDATA: join(root, 'Users', 'me', 'AppData', 'Roaming'), LOCALAPPDATA: join(root, 'Users', 'me', 'AppData', 'Local') }
    const jan = await writeTinyLlama(join(env.APPDATA, 'Jan', 'data', 'models', 'llama3', 'llama3.gguf'))
    const gpt4all = await writeTinyLlama(join(env.LOCALAPPDATA, 'nomic.ai', 'GPT4All', 'orca-mini.gguf'))
    const hf = await writeHfCacheFile(join(home, '.cache', 'huggingface', 'hub'), 'a/b', 'r1', 'x.gguf', encodeTinyLlama())
    const found = await discover({ platform: 'win32', env })
    expect(found.map((m) => [m.source, m.name, m.file])).toEqual([
      ['jan', 'llama3', jan],
      ['gpt4all', 'orca-mini', gpt4all],
      ['hf_cache', 'a/b/x', hf],
    ])
  })

  it('finds the Linux service install of Ollama', async () => {
    const blob = await writeOllamaModel(join(root, 'system', 'usr', 'share', 'ollama', '.ollama', 'models'), { model: 'gemma3', tag: '1b' })
    expect((await discover()).map((m) => [m.name, m.file])).toEqual([['gemma3:1b', blob]])
  })

  it('skips Ollama layers that are not GGUF and manifests that are not JSON', async () => {
    const ollama = join(home, '.ollama', 'models')
    await writeOllamaModel(ollama, { model: 'safetensors-thing', tag: 'latest', weights: Buffer.from('not a gguf file at all') })
    await mkdir(join(ollama, 'manifests', 'registry.ollama.ai', 'library', 'broken'), { recursive: true })
    await writeFile(join(ollama, 'manifests', 'registry.ollama.ai', 'library', 'broken', 'latest'), '{ nope')
    expect(await discover()).toEqual([])
  })

  it('stays bounded: no descent past a few folders, no following folder links', async () => {
    const models = join(home, '.lmstudio', 'models')
    await writeTinyLlama(join(models, 'a', 'b', 'c', 'd', 'e', 'too-deep.gguf'))
    const ok = await writeTinyLlama(join(models, 'p', 'r', 'ok.gguf'))
    await symlink(models, join(models, 'p', 'loop'))
    await symlink(root, join(models, 'p', 'r', 'elsewhere'))
    const started = performance.now()
    expect((await discover()).map((m) => m.file)).toEqual([ok])
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it('offers a file reached from two apps once', async () => {
    const file = await writeTinyLlama(join(home, '.lmstudio', 'models', 'p', 'r', 'shared.gguf'))
    await mkdir(join(home, '.local', 'share', 'nomic.ai', 'GPT4All'), { recursive: true })
    await symlink(file, join(home, '.local', 'share', 'nomic.ai', 'GPT4All', 'shared.gguf'))
    expect((await discover()).map((m) => [m.source, m.file])).toEqual([['lm_studio', file]])
  })

  it('marks what Aura already uses: imported files and the models folder', async () => {
    const imported = await writeTinyLlama(join(home, '.lmstudio', 'models', 'p', 'r', 'imported.gguf'))
    const fresh = await writeTinyLlama(join(home, '.lmstudio', 'models', 'p', 'r', 'fresh.gguf'))
    const ollama = await writeOllamaModel(join(home, '.ollama', 'models'), { model: 'llama3.2', tag: '1b' })
    const inFolder = await writeTinyLlama(join(home, '.cache', 'lm-studio', 'models', 'p', 'r', 'in-folder.gguf'))
    const library = new ModelLibrary(() => join(home, '.cache', 'lm-studio', 'models'), { importedModels: () => [imported, ollama] })
    const found = await library.discover({ home, env: {}, platform: 'linux', systemRoot: join(root, 'system') })
    expect(found.map((m) => [m.file, m.imported])).toEqual([
      [fresh, false],
      [imported, true],
      [inFolder, true],
      [ollama, true],
    ])
  })
})
