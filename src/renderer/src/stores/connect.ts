import { create } from 'zustand'
import type { ApiStatus, ApiTest, AppKeyInfo, Settings } from '../api'
import { i18n } from '../i18n'
import { call, errorMessage } from '../lib/client'
import { useSettings } from './settings'

/** A model a key may be limited to, as GET /v1/models names it. */
export interface ModelChoice {
  id: string
  name: string
  /** "On this computer", "OpenAI", a server's name… */
  where: string
}

export type TestState = { kind: 'running' } | { kind: 'done'; result: ApiTest } | { kind: 'error'; text: string } | null

/**
 * Settings → Connect apps: the API's switch and address (settings.api, api.status), the apps' keys,
 * the models a key may be limited to, and the Test button. A new key is kept here only until the
 * page is left: it is shown once.
 */
interface ConnectStore {
  status: ApiStatus | null
  keys: AppKeyInfo[] | null
  models: ModelChoice[]
  error: string | null
  /** The key made last, shown once (with its set-up filled in) until dismissed. */
  fresh: { name: string; key: string } | null
  test: TestState
  load(): Promise<void>
  /** Turns the API on or off, moves it, opens it to the network, lists web pages; resolves to a problem, or null. */
  setApi(patch: Partial<Pick<Settings['api'], 'enabled' | 'port' | 'network' | 'corsOrigins'>>): Promise<string | null>
  createKey(name: string): Promise<string | null>
  updateKey(name: string, change: Partial<Pick<AppKeyInfo, 'dailyBudgetUsd' | 'localOnly' | 'allowedModels'>>): Promise<string | null>
  revokeKey(name: string): Promise<string | null>
  dismissFresh(): void
  runTest(): Promise<void>
}

/** Where the call failed, in words, or null. */
async function attempt(work: () => Promise<unknown>): Promise<string | null> {
  try {
    await work()
    return null
  } catch (error) {
    return errorMessage(error)
  }
}

export const useConnect = create<ConnectStore>((set, get) => ({
  status: null,
  keys: null,
  models: [],
  error: null,
  fresh: null,
  test: null,

  async load() {
    // The switch and the port are settings: loaded with the app, unless this page came first.
    if (!useSettings.getState().settings) void useSettings.getState().load()
    try {
      const [status, keys, local, cloud] = await Promise.all([call('api.status', {}), call('api.keys', {}), call('models.list', {}), call('cloud.models', {})])
      const models: ModelChoice[] = [
        ...local.filter((m) => !m.embedding && !m.problem).map((m) => ({ id: m.id, name: m.name, where: i18n.t('connect.onThisComputer') })),
        ...cloud.map((m) => ({ id: m.id, name: m.name, where: m.providerName })),
      ]
      set({ status, keys, models, error: null })
    } catch (error) {
      set({ error: errorMessage(error) })
    }
  },

  async setApi(patch) {
    // The whole api setting goes back: a patch replaces it, and the model-name rules must stay.
    const current = useSettings.getState().settings?.api
    if (!current) return i18n.t('connect.stillLoading')
    const problem = await useSettings.getState().update({ api: { ...current, ...patch } })
    // The status is read once the listener has followed the change (started, moved, or could not start).
    set({ status: await call('api.status', {}).catch(() => get().status), test: null })
    return problem
  },

  async createKey(name) {
    return attempt(async () => {
      const made = await call('api.createKey', { name })
      set((s) => ({ fresh: { name: made.app.name, key: made.key }, keys: [...(s.keys ?? []), made.app] }))
    })
  },

  async updateKey(name, change) {
    return attempt(async () => {
      const updated = await call('api.updateKey', { name, ...change })
      set((s) => ({ keys: (s.keys ?? []).map((k) => (k.name === updated.name ? updated : k)) }))
    })
  },

  async revokeKey(name) {
    return attempt(async () => {
      await call('api.revokeKey', { name })
      set((s) => ({ keys: (s.keys ?? []).filter((k) => k.name !== name), fresh: s.fresh?.name === name ? null : s.fresh }))
    })
  },

  dismissFresh() {
    set({ fresh: null })
  },

  async runTest() {
    set({ test: { kind: 'running' } })
    try {
      const result = await call('api.test', {})
      set({ test: { kind: 'done', result } })
    } catch (error) {
      set({ test: { kind: 'error', text: errorMessage(error) } })
    }
  },
}))
