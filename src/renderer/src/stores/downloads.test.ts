import { beforeEach, describe, expect, it } from 'vitest'
import type { Download, Settings } from '../api'
import { setClient } from '../lib/client'
import { useChat } from './chat'
import { latestDownload, useDownloads, visibleDownloads } from './downloads'
import { useModels } from './models'
import { useOnboarding } from './onboarding'
import { useSettings } from './settings'
import { tableBridge } from '../testing/tableBridge'

const download = (over: Partial<Download> & Pick<Download, 'id'>): Download => ({
  repo: 'org/model-GGUF',
  file: 'model-Q4_K_M.gguf',
  modelId: 'model-Q4_K_M',
  state: 'downloading',
  receivedBytes: 0,
  totalBytes: 100,
  bytesPerSecond: 0,
  etaSeconds: null,
  error: null,
  startedAt: 1000,
  ...over,
})

describe('downloads store', () => {
  beforeEach(() => {
    useDownloads.setState({ byId: {}, hidden: {}, actionErrors: {}, loaded: false, error: null })
    useOnboarding.setState({ started: null, readyModelId: null })
  })

  it('follows progress events and lists running downloads first', () => {
    const { apply } = useDownloads.getState()
    apply(download({ id: 'a', state: 'done', receivedBytes: 100, startedAt: 3000 }))
    apply(download({ id: 'b', file: 'other.gguf', startedAt: 1000 }))
    apply(download({ id: 'b', file: 'other.gguf', startedAt: 1000, receivedBytes: 40 }))
    const rows = visibleDownloads(useDownloads.getState())
    expect(rows.map((d) => [d.id, d.receivedBytes])).toEqual([
      ['b', 40],
      ['a', 100],
    ])
    useDownloads.getState().dismiss('a')
    expect(visibleDownloads(useDownloads.getState()).map((d) => d.id)).toEqual(['b'])
  })

  it('keeps a refused start as a failed row that says why, replaced once it starts', async () => {
    let refuse = true
    tableBridge({
      'downloads.start': () =>
        refuse
          ? { ok: false, error: { code: 'disk_full', message: 'Needs 4 GB, 1 GB free.' } }
          : { ok: true, data: download({ id: 'real' }) },
    })
    const failed = await useDownloads.getState().start('org/model-GGUF', 'model-Q4_K_M.gguf')
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'disk_full' } })
    expect(latestDownload(useDownloads.getState().byId, 'org/model-GGUF', 'model-Q4_K_M.gguf')?.id).toBe(failed.id)

    refuse = false
    const next = await useDownloads.getState().retry(failed.id)
    expect(next?.id).toBe('real')
    expect(Object.keys(useDownloads.getState().byId)).toEqual(['real'])
  })

  it('a refresh keeps the rows that never started', async () => {
    tableBridge({
      'downloads.start': () => ({ ok: false, error: { code: 'hub_auth_required', message: 'token' } }),
      'downloads.list': () => ({ ok: true, data: [download({ id: 'x', file: 'x.gguf' })] }),
    })
    await useDownloads.getState().start('org/gated', 'g.gguf')
    await useDownloads.getState().refresh()
    expect(Object.values(useDownloads.getState().byId).map((d) => d.state).sort()).toEqual(['downloading', 'failed'])
  })

  it('a failed pause is told on its row', async () => {
    tableBridge({ 'downloads.pause': () => ({ ok: false, error: { code: 'not_found', message: 'That download is gone.' } }) })
    useDownloads.getState().apply(download({ id: 'a' }))
    await useDownloads.getState().pause('a')
    expect(useDownloads.getState().actionErrors.a).toBe('That download is gone.')
  })

  it('onboarding: Download starts the suggestion, marks it answered, and picks the model when done', async () => {
    // A model was picked by hand before (not Auto): the new one takes its place.
    let settings = { onboardingDone: false, lastModelId: 'older-model' } as unknown as Settings
    const calls = tableBridge({
      'downloads.start': () => ({ ok: true, data: download({ id: 'd1' }) }),
      'settings.update': (patch) => {
        settings = { ...settings, ...(patch as object) }
        return { ok: true, data: settings }
      },
      'models.list': () => ({
        ok: true,
        data: [
          {
            id: 'model-Q4_K_M',
            name: 'Model',
            file: 'model-Q4_K_M.gguf',
            sizeBytes: 100,
            architecture: 'llama',
            parameters: null,
            contextLength: null,
            quantization: 'Q4_K_M',
            hasChatTemplate: true,
            problem: null,
            fit: null,
            imported: false,
          },
        ],
      }),
    })
    useSettings.setState({ settings })
    useChat.getState().newChat()

    await useOnboarding.getState().accept('org/model-GGUF', 'model-Q4_K_M.gguf')
    expect(calls.map((c) => c.route)).toEqual(['downloads.start', 'settings.update'])
    expect(useSettings.getState().settings?.onboardingDone).toBe(true)

    await useOnboarding.getState().finished(download({ id: 'd1', state: 'done' }))
    expect(useModels.getState().models.map((m) => m.id)).toEqual(['model-Q4_K_M'])
    expect(useChat.getState().selectedModelId).toBe('model-Q4_K_M')
    expect(useOnboarding.getState().readyModelId).toBe('model-Q4_K_M')

    // With Auto picked (the default), Auto stays: it answers with the new model.
    settings = { ...settings, lastModelId: 'auto' }
    useSettings.setState({ settings })
    useChat.getState().newChat()
    useOnboarding.setState({ readyModelId: null })
    await useOnboarding.getState().accept('org/model-GGUF', 'model-Q4_K_M.gguf')
    await useOnboarding.getState().finished(download({ id: 'd1', state: 'done' }))
    expect(useChat.getState().selectedModelId).toBeNull()
    expect(useOnboarding.getState().readyModelId).toBe('model-Q4_K_M')
  })

  it('onboarding: a download that could not start leaves the suggestion unanswered', async () => {
    const calls = tableBridge({ 'downloads.start': () => ({ ok: false, error: { code: 'hub_unreachable', message: 'offline' } }) })
    await useOnboarding.getState().accept('org/model-GGUF', 'model-Q4_K_M.gguf')
    expect(calls.map((c) => c.route)).toEqual(['downloads.start'])
    expect(useOnboarding.getState().started).toEqual({ repo: 'org/model-GGUF', file: 'model-Q4_K_M.gguf' })
  })
})

describe('models store', () => {
  it('a refresh overtaken by another resolves with the newest list shown', async () => {
    const answers: ((data: unknown) => void)[] = []
    setClient({
      request: () => new Promise((resolve) => answers.push((data) => resolve({ ok: true, data }))),
      on: () => () => {},
    })
    const first = useModels.getState().refresh()
    const second = useModels.getState().refresh()
    let firstDone = false
    void first.then(() => (firstDone = true))
    answers[0]!([])
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(firstDone).toBe(false)
    answers[1]!([{ id: 'new' }])
    await first
    expect(useModels.getState().models).toEqual([{ id: 'new' }])
    await second
  })
})
