/**
 * The same bytes read the same on the models page and in `aura`: this renders what the page shows and
 * prints what the CLI prints, for the same downloads and the same computers, and compares them.
 */
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { hardwareRows, progressLine } from './main/cli/format'
import { buildHardwareProfile } from './main/services/hardware/profile'
import { loadRecording, RECORDED_MACHINES } from './main/services/testing/replayProbe'
import { DownloadRow } from './renderer/src/components/models/DownloadRow'
import { HardwareFacts } from './renderer/src/components/models/HardwareCard'
import type { Download, HardwareProfile } from './shared/api'

/** What a reader sees of some markup: its text, without the tags. */
const seen = (html: string): string => html.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&')

const cliCell = (profile: HardwareProfile, name: string): string => hardwareRows(profile).find(([label]) => label === name)![1]!

function downloading(receivedBytes: number, totalBytes: number, bytesPerSecond: number): Download {
  return { id: 'd1', repo: 'org/model-GGUF', file: 'model-Q4_K_M.gguf', modelId: 'm', state: 'downloading', receivedBytes, totalBytes, bytesPerSecond, etaSeconds: null, error: null, startedAt: 0 }
}

describe('a download reads the same on the page and in `aura pull`', () => {
  it.each([
    [999, 1023, 1000],
    [1024, 1.95e9, 1_048_576],
    [1.95e9, 2.0e9, 12.5e6],
    [2 * 1024 ** 3, 25_219_000_000, 118e6],
  ])('%d of %d bytes at %d bytes/s', (received, total, speed) => {
    const cli = progressLine(received, total, speed, null)
    const [, amount, rate] = /%\s+(.+ of .+?)\s{2}(\S+ \S+\/s)/.exec(cli) ?? []
    expect(amount, cli).toBeTruthy()
    const page = seen(renderToStaticMarkup(<DownloadRow download={downloading(received, total, speed)} title="Model" />))
    expect(page).toContain(`${amount} · ${rate}`)
  })

  it('the file the Hub lists as 2.0 GB is 1.9 GiB in both', () => {
    expect(progressLine(1.95e9, 2.0e9, 0, null)).toContain('1.8 GiB of 1.9 GiB')
    expect(seen(renderToStaticMarkup(<DownloadRow download={downloading(1.95e9, 2.0e9, 0)} title="Model" />))).toContain('1.8 GiB of 1.9 GiB')
  })
})

describe('a computer reads the same on the page and in `aura hardware`', () => {
  it.each(RECORDED_MACHINES)('%s', async (name) => {
    const profile = buildHardwareProfile((await loadRecording(name)).readings)
    const page = seen(renderToStaticMarkup(<HardwareFacts hardware={profile} />))
    expect(page).toContain(cliCell(profile, 'Memory'))
    expect(page).toContain(cliCell(profile, 'Free disk for models'))
    const card = profile.gpus[0]
    if (card && !card.unifiedMemory && card.vramTotalBytes) {
      const [, size] = /\(([^,)]+)\)/.exec(cliCell(profile, 'Graphics')) ?? []
      expect(page).toContain(`${card.model} · ${size}`)
    }
  })

  it('24 GiB of memory, as it was sold, is "24 GiB" in the summary, on the page and in the CLI', async () => {
    const { readings } = await loadRecording('mini-pc-n100-cpu-only')
    const profile = buildHardwareProfile({ ...readings, mem: { ...readings.mem, total: 25_219_000_000 } })
    expect(profile.summary).toContain('and 24 GiB of memory')
    expect(cliCell(profile, 'Memory')).toMatch(/^24 GiB \(/)
    expect(seen(renderToStaticMarkup(<HardwareFacts hardware={profile} />))).toMatch(/Memory24 GiB \(/)
  })
})
