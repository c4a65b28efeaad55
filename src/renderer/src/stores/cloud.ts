import { create } from 'zustand'
import type { CloudModel, KeyStatus, LivePrices, ProviderInfo, VaultInfo } from '../api'
import { call, errorMessage } from '../lib/client'
import { PROVIDER_ORDER } from '../lib/cloudWords'
import { useSettings } from './settings'

/**
 * Cloud providers, the user's own servers, and the cloud models their keys open. The page only
 * ever learns a key's last four characters and its test result: a pasted key goes straight to
 * `keys.set` and is never kept here.
 */
interface CloudStore {
  /** Cloud providers then added servers; null until the first answer. */
  providers: ProviderInfo[] | null
  providersError: string | null
  vault: VaultInfo | null
  /** Models of providers with a working key, and of added servers. */
  models: CloudModel[]
  /** The first `cloud.models` answer arrived (or failed): until then a chosen cloud model may still turn up. */
  modelsSettled: boolean
  modelsError: string | null
  /** OpenRouter's live price list in use (its date); null until asked. */
  livePrices: LivePrices | null

  /** Providers, vault and models (the Cloud Keys page). */
  load(): Promise<void>
  loadProviders(): Promise<void>
  /** Loads the cloud models; resolves once the newest list is in (also when a later refresh overtook this one). */
  refreshModels(): Promise<void>
  /** Each of these resolves to an error message in plain words, or null when done. */
  setKey(provider: string, key: string): Promise<string | null>
  testKey(provider: string): Promise<string | null>
  /** The user agreed to send the saved key to the provider's new address. */
  confirmAddress(provider: string): Promise<string | null>
  removeKey(provider: string): Promise<string | null>
  setBaseUrl(provider: string, baseUrl: string | null): Promise<string | null>
  addServer(server: { name: string; baseUrl: string; key?: string }): Promise<string | null>
  removeServer(id: string): Promise<string | null>
  setPrice(modelId: string, price: { inputPerMTokens: number; outputPerMTokens: number } | null): Promise<string | null>
  /** Fetches OpenRouter's prices now; the models then show them. */
  refreshLivePrices(): Promise<string | null>
}

let modelsGeneration = 0
let latestModels: Promise<void> = Promise.resolve()
let providersGeneration = 0

/** Cloud providers in the page's order, then servers in the order they were added. */
function sorted(providers: ProviderInfo[]): ProviderInfo[] {
  const rank = (p: ProviderInfo) => {
    const index = (PROVIDER_ORDER as readonly string[]).indexOf(p.id)
    return p.kind === 'server' ? PROVIDER_ORDER.length + 1 : index === -1 ? PROVIDER_ORDER.length : index
  }
  return providers
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map(({ p }) => p)
}

export const useCloud = create<CloudStore>((set, get) => {
  const replaceProvider = (info: ProviderInfo): void =>
    set((s) => {
      const list = s.providers ?? []
      return { providers: sorted(list.some((p) => p.id === info.id) ? list.map((p) => (p.id === info.id ? info : p)) : [...list, info]) }
    })

  const replaceKey = (status: KeyStatus): void =>
    set((s) => ({ providers: s.providers?.map((p) => (p.id === status.provider ? { ...p, key: status } : p)) ?? null }))

  /** A key's state changed: the picker shows the models it now opens (or no longer opens). */
  const keysChanged = (): void => {
    void get().refreshModels()
  }

  return {
    providers: null,
    providersError: null,
    vault: null,
    models: [],
    modelsSettled: false,
    modelsError: null,
    livePrices: null,

    async load() {
      await Promise.all([
        call('prices.live', {}).then(
          (livePrices) => set({ livePrices }),
          () => undefined,
        ),
        get().loadProviders(),
        call('vault.info', {}).then(
          (vault) => set({ vault }),
          () => undefined,
        ),
        get().refreshModels(),
      ])
    },

    async loadProviders() {
      const mine = ++providersGeneration
      try {
        const providers = await call('providers.list', {})
        if (mine === providersGeneration) set({ providers: sorted(providers), providersError: null })
      } catch (error) {
        if (mine === providersGeneration) set({ providersError: errorMessage(error) })
      }
    },

    refreshModels() {
      const mine = ++modelsGeneration
      const run = call('cloud.models', {}).then(
        (models) => {
          if (mine === modelsGeneration) set({ models, modelsSettled: true, modelsError: null })
        },
        (error: unknown) => {
          if (mine === modelsGeneration) set({ modelsSettled: true, modelsError: errorMessage(error) })
        },
      )
      const settled = run.then(() => (mine === modelsGeneration ? undefined : latestModels))
      latestModels = settled
      return settled
    },

    async setKey(provider, key) {
      try {
        const status = await call('keys.set', { provider, key: key.trim() })
        replaceKey(status)
        keysChanged()
        return null
      } catch (error) {
        return errorMessage(error)
      }
    },

    async testKey(provider) {
      try {
        replaceKey(await call('keys.test', { provider }))
        keysChanged()
        return null
      } catch (error) {
        return errorMessage(error)
      }
    },

    async confirmAddress(provider) {
      try {
        replaceKey(await call('keys.confirmAddress', { provider }))
        keysChanged()
        return null
      } catch (error) {
        return errorMessage(error)
      }
    },

    async removeKey(provider) {
      try {
        replaceProvider(await call('keys.remove', { provider }))
        keysChanged()
        return null
      } catch (error) {
        return errorMessage(error)
      }
    },

    async setBaseUrl(provider, baseUrl) {
      try {
        replaceProvider(await call('providers.setBaseUrl', { provider, baseUrl }))
        // The page tells a custom address from the provider's own by the settings.
        void useSettings.getState().load()
        keysChanged()
        return null
      } catch (error) {
        return errorMessage(error)
      }
    },

    async addServer({ name, baseUrl, key }) {
      try {
        const input = key?.trim() ? { name: name.trim(), baseUrl: baseUrl.trim(), key: key.trim() } : { name: name.trim(), baseUrl: baseUrl.trim() }
        replaceProvider(await call('servers.add', input))
        keysChanged()
        return null
      } catch (error) {
        return errorMessage(error)
      }
    },

    async removeServer(id) {
      try {
        await call('servers.remove', { id })
        set((s) => ({ providers: s.providers?.filter((p) => p.id !== id) ?? null, models: s.models.filter((m) => m.provider !== id) }))
        keysChanged()
        return null
      } catch (error) {
        return errorMessage(error)
      }
    },

    async refreshLivePrices() {
      try {
        set({ livePrices: await call('prices.refresh', {}) })
        await get().refreshModels()
        return null
      } catch (error) {
        return errorMessage(error)
      }
    },

    async setPrice(modelId, price) {
      try {
        const model = await call('prices.set', { modelId, price })
        set((s) => ({ models: s.models.map((m) => (m.id === model.id ? model : m)) }))
        return null
      } catch (error) {
        return errorMessage(error)
      }
    },
  }
})

/** Added servers (kind `server`), for the "Your own servers" section. */
export const serversOf = (providers: ProviderInfo[] | null): ProviderInfo[] => providers?.filter((p) => p.kind === 'server') ?? []
export const cloudProvidersOf = (providers: ProviderInfo[] | null): ProviderInfo[] => providers?.filter((p) => p.kind === 'cloud') ?? []
