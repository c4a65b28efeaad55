import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getLlamaGpuTypes } from 'node-llama-cpp'
import { writeTinyLlama } from '../testing/tinyLlama'
import { readBackendMachine } from '../hardware/backendMachine'
import { LlamaEngine } from './llamaEngine'

let dir: string
let model: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-backend-'))
  model = await writeTinyLlama(join(dir, 'tiny.gguf'), { seed: 21 })
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const reply = (engine: LlamaEngine) =>
  engine.generate({ model: { id: 'tiny', file: model }, messages: [{ role: 'user', content: 'Hi' }], maxTokens: 4, temperature: 0, threads: 1, contextSize: 512 })

describe('the engine loads its back-end through the plan, for real', () => {
  it('on an AMD card whose Vulkan lists no device (Mesa’s software Vulkan here), falls back to the processor and says why', async (ctx) => {
    const supported = (await getLlamaGpuTypes('supported')).filter((t) => t !== false)
    if (!supported.includes('vulkan')) ctx.skip() // needs a Vulkan loader: apt-get install mesa-vulkan-drivers
    const machine = { ...(await readBackendMachine({ cudaInstalled: () => false })), gpuVendors: ['AMD'] }
    const engine = new LlamaEngine({ idleUnloadMs: null, backendMachine: async () => machine })
    try {
      expect(engine.backend()).toBeNull()
      expect((await reply(engine)).stats.tokens).toBeGreaterThan(0)
      expect(engine.backend()).toEqual({ backend: 'cpu', device: null, vramBytes: null, fallbacks: [{ backend: 'vulkan', reason: 'no_device', needs: null }], loaded: true })
    } finally {
      await engine.dispose()
    }
  })

  it('with an NVIDIA card whose CUDA cannot start (no NVIDIA driver here), passes CUDA over and says so', async () => {
    const machine = { platform: 'linux', arch: 'x64', gpuVendors: ['NVIDIA'], nvidiaDriver: '580.65.06', supported: [], cudaInstalled: true }
    const engine = new LlamaEngine({ idleUnloadMs: null, backendMachine: async () => machine })
    try {
      await reply(engine)
      expect(engine.backend()).toMatchObject({ backend: 'cpu', fallbacks: [{ backend: 'cuda', reason: 'failed_to_start' }, { backend: 'vulkan', reason: 'driver_missing' }] })
    } finally {
      await engine.dispose()
    }
  })

  it('the NVIDIA speed-up installed while Aura runs: after restartBackend the next reply tries CUDA', async () => {
    const machine = { platform: 'linux', arch: 'x64', gpuVendors: ['NVIDIA'], nvidiaDriver: '580.65.06', supported: [], cudaInstalled: false }
    const engine = new LlamaEngine({ idleUnloadMs: null, backendMachine: async () => ({ ...machine }) })
    try {
      await reply(engine)
      expect(engine.backend()).toMatchObject({ backend: 'cpu', fallbacks: [{ backend: 'cuda', reason: 'speedup_not_installed' }, { backend: 'vulkan', reason: 'driver_missing' }] })
      machine.cudaInstalled = true
      await engine.restartBackend()
      expect(engine.backend()).toBeNull()
      expect(engine.status()).toMatchObject({ state: 'idle', modelId: null })
      expect((await reply(engine)).stats.tokens).toBeGreaterThan(0)
      // Tried this time (no NVIDIA driver here, so it fails and the processor answers).
      expect(engine.backend()).toMatchObject({ backend: 'cpu', fallbacks: [{ backend: 'cuda', reason: 'failed_to_start' }, { backend: 'vulkan', reason: 'driver_missing' }] })
    } finally {
      await engine.dispose()
    }
  })

  it('with `gpu: false`, only the processor is tried', async () => {
    const engine = new LlamaEngine({ gpu: false, idleUnloadMs: null })
    try {
      await reply(engine)
      expect(engine.backend()).toEqual({ backend: 'cpu', device: null, vramBytes: null, fallbacks: [], loaded: true })
    } finally {
      await engine.dispose()
    }
  })
})
