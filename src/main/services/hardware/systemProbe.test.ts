import { describe, expect, it } from 'vitest'
import { loadRecording, RECORDED_MACHINES } from '../testing/replayProbe'
import { vramUnknown } from './systemProbe'

describe('vramUnknown (whether the probe needs its own llama.cpp back-end to size a card)', () => {
  it('is false where nvidia-smi or unified memory tell the size', async () => {
    for (const name of RECORDED_MACHINES) expect(vramUnknown((await loadRecording(name)).readings.graphics), name).toBe(false)
  })

  it('is true for an AMD card Linux reports only by its 256 MB PCI window', () => {
    const card = { vendor: 'Advanced Micro Devices, Inc. [AMD/ATI]', model: 'Navi 31 [Radeon RX 7900 XTX]', bus: 'PCIe', vram: 256, vramDynamic: false }
    expect(vramUnknown({ controllers: [card], displays: [] })).toBe(true)
    expect(vramUnknown({ controllers: [{ ...card, vram: 24560 }], displays: [] })).toBe(false)
  })
})
