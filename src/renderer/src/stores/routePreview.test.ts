import { beforeEach, describe, expect, it } from 'vitest'
import type { RouteDecision } from '../api'
import { tableBridge } from '../testing/tableBridge'
import { useRoutePreview } from './routePreview'

const decision: RouteDecision = {
  mode: 'auto',
  complexity: 'complex',
  taskType: 'reasoning',
  features: {},
  tier: 'cloud',
  modelId: 'openai:gpt-x',
  modelName: 'GPT-X',
  reason: 'Cloud · GPT-X — a hard design question',
  candidates: [],
  estimatedCostUsd: 0.01,
  promptTokens: 24,
}

describe('route preview store', () => {
  beforeEach(() => useRoutePreview.getState().clear())

  it('asks where the trimmed message would go, once at a time, and keeps the decision', async () => {
    const calls = tableBridge({ 'router.preview': () => ({ ok: true, data: decision }) })
    const first = useRoutePreview.getState().run('  Compare three designs  ')
    expect(useRoutePreview.getState().busy).toBe(true)
    // A second press while the first is on its way asks nothing more.
    await useRoutePreview.getState().run('something else')
    await first
    expect(calls).toEqual([{ route: 'router.preview', input: { text: 'Compare three designs' } }])
    expect(useRoutePreview.getState()).toMatchObject({ busy: false, result: { decision } })

    await useRoutePreview.getState().run('   ')
    expect(calls).toHaveLength(1)
  })

  it('says in plain words why there is no route', async () => {
    tableBridge({ 'router.preview': () => ({ ok: false, error: { code: 'internal', message: 'The router is not ready yet.' } }) })
    await useRoutePreview.getState().run('hello')
    expect(useRoutePreview.getState()).toMatchObject({ busy: false, result: { error: 'The router is not ready yet.' } })
  })

  it('forgets the result when the page closes, also one still on its way', async () => {
    tableBridge({ 'router.preview': () => ({ ok: true, data: decision }) })
    await useRoutePreview.getState().run('hello')
    useRoutePreview.getState().clear()
    expect(useRoutePreview.getState().result).toBeNull()

    const late = useRoutePreview.getState().run('hello again')
    useRoutePreview.getState().clear()
    await late
    expect(useRoutePreview.getState()).toMatchObject({ busy: false, result: null })
  })
})
