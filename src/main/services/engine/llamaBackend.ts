import type { Llama, LlamaOptions } from 'node-llama-cpp'
import type { BackendChoice } from '../../../shared/api'
import { chooseBackend, type BackendPlan } from '../hardware/backend'
import { importNodeLlamaCpp } from '../models/modelInfo'

/**
 * node-llama-cpp on the fastest back-end of the plan that loads and finds a GPU, else on the processor.
 * Each GPU back-end is asked for by name (`gpu: 'cuda'`…), so a failure is seen and worded, not
 * silently replaced by node-llama-cpp's own `'auto'` fallback.
 */
export async function loadLlamaBackend(plan: BackendPlan, options: Omit<LlamaOptions, 'gpu'>): Promise<{ llama: Llama; choice: BackendChoice }> {
  const nlc = await importNodeLlamaCpp()
  let llama: Llama | null = null
  const choice = await chooseBackend(plan, async (backend) => {
    let loaded: Llama | null = null
    try {
      loaded = await nlc.getLlama({ ...options, gpu: backend === 'cpu' ? false : backend })
      if (backend === 'cpu') {
        llama = loaded
        return { ok: true, device: null, vramBytes: null }
      }
      const [names, vram] = await Promise.all([loaded.getGpuDeviceNames(), loaded.getVramState()])
      // llama.cpp lists no device (Mesa's software Vulkan, a GPU without memory for it): the processor is faster.
      if (names.length === 0 || vram.total <= 0) {
        await loaded.dispose()
        return { ok: false, reason: 'no_device' }
      }
      llama = loaded
      return { ok: true, device: names[0] ?? null, vramBytes: vram.total }
    } catch {
      await loaded?.dispose().catch(() => {})
      return { ok: false, reason: 'failed_to_start' }
    }
  })
  if (!llama) throw new Error('node-llama-cpp did not load on the processor')
  return { llama, choice }
}
