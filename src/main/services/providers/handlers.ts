import { AuraError, serverWhere, staysPrivate, type KeyStatus, type ProviderInfo, type VaultInfo } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import type { HandlersOf } from '../dispatch'
import { isProviderId, normalizeServerBaseUrl, PROVIDERS, resolveBaseUrl, serverRef, type CloudProviders } from '.'
import type { SettingsService } from '../settings/settingsService'
import type { KeyVault } from '../vault'

interface Deps {
  settings: SettingsService
  vault: KeyVault
  cloud: CloudProviders
  vaultInfo: VaultInfo
  env: Record<string, string | undefined>
  /** Cloud models the ledger booked at a stand-in price: listed under Prices so the user can set theirs. */
  estimatedModels?: () => readonly string[]
}

/** Cloud providers with the user's own keys: keys kept in the vault, servers, models and prices. */
export function providerHandlers({ settings, vault, cloud, vaultInfo, env, estimatedModels = () => [] }: Deps): HandlersOf<'providers' | 'keys' | 'vault' | 'servers' | 'cloud' | 'prices'> {
  const known = (provider: string): string => {
    if (isProviderId(provider)) return provider
    if (settings.get().servers.some((server) => serverRef(server.id) === provider)) return provider
    throw new AuraError('not_found', words('keys.unknownProvider', { provider }))
  }

  const info = (provider: string): ProviderInfo => {
    const key = vault.status(provider)
    if (isProviderId(provider)) {
      const spec = PROVIDERS[provider]
      const { baseUrl, fromEnv } = resolveBaseUrl(provider, settings.get().providerBaseUrls, env)
      return { id: provider, kind: 'cloud', name: spec.name, keyUrl: spec.keyUrl, envVar: spec.envVars[0] ?? null, baseUrl, baseUrlFromEnv: fromEnv, keyRequired: true, key }
    }
    const server = settings.get().servers.find((candidate) => serverRef(candidate.id) === provider)
    if (!server) throw new AuraError('not_found', words('keys.unknownServer', { provider }))
    return {
      id: provider,
      kind: 'server',
      name: server.name,
      keyUrl: null,
      envVar: null,
      baseUrl: server.baseUrl,
      baseUrlFromEnv: false,
      keyRequired: false,
      key,
      where: serverWhere(server.baseUrl),
      private: server.private,
    }
  }

  /** Providers whose key has not been refused: their models go in the picker. */
  const usable = () =>
    [...Object.keys(PROVIDERS)].filter((provider) => {
      const status = vault.status(provider)
      return status !== null && status.status !== 'invalid'
    })

  return {
    'providers.list': () => [...Object.keys(PROVIDERS), ...settings.get().servers.map((server) => serverRef(server.id))].map(info),
    'providers.setBaseUrl': ({ provider, baseUrl }) => {
      if (!isProviderId(provider)) throw new AuraError('invalid_input', words('keys.serverAddress'))
      const providerBaseUrls: Record<string, string> = { ...settings.get().providerBaseUrls }
      if (baseUrl === null) delete providerBaseUrls[provider]
      else providerBaseUrls[provider] = baseUrl
      settings.update({ providerBaseUrls })
      return info(provider)
    },
    'keys.set': ({ provider, key }) => {
      const saved = vault.set(known(provider), key)
      // A new OpenRouter key: fetch its live prices now (in the background; a failure keeps the last list).
      if (provider === 'openrouter' && !settings.get().localOnly) void cloud.refreshLivePricesIfStale(0)
      return saved
    },
    'keys.test': async ({ provider }): Promise<KeyStatus> => {
      const ref = known(provider)
      // A saved key that cannot go (saved for another address, or not openable here) is not sent: its status asks the user.
      const saved = vault.status(ref)
      if (saved?.status === 'address_changed' || saved?.status === 'unreadable') return saved
      const key = vault.key(ref)
      if (key === null && isProviderId(ref)) throw new AuraError('not_found', words('keys.nothingToTest', { name: PROVIDERS[ref].name }))
      const check = await cloud.testKey(ref)
      return vault.recordCheck(ref, { ...check, key: key ?? undefined })
    },
    'keys.confirmAddress': ({ provider }) => vault.confirmAddress(known(provider)),
    'keys.remove': ({ provider }) => {
      const ref = known(provider)
      vault.remove(ref)
      return info(ref)
    },
    'vault.info': () => vaultInfo,
    'servers.add': async ({ name, baseUrl, key, private: trusted }) => {
      const { servers } = settings.get()
      const id = uniqueId(name, new Set(servers.map((server) => server.id)))
      settings.update({ servers: [...servers, { id, name, baseUrl: normalizeServerBaseUrl(baseUrl), private: trusted ?? false }] })
      const ref = serverRef(id)
      if (key) vault.set(ref, key)
      return info(ref)
    },
    'servers.remove': ({ id }) => {
      const { servers } = settings.get()
      if (!servers.some((server) => serverRef(server.id) === id)) throw new AuraError('not_found', words('keys.serverRemovedAlready'))
      if (vault.status(id)?.source === 'vault') vault.remove(id)
      settings.update({ servers: servers.filter((server) => serverRef(server.id) !== id) })
      return {}
    },
    'servers.setPrivate': ({ id, private: trusted }) => {
      const { servers } = settings.get()
      if (!servers.some((server) => serverRef(server.id) === id)) throw new AuraError('not_found', words('keys.serverRemoved'))
      settings.update({ servers: servers.map((server) => (serverRef(server.id) === id ? { ...server, private: trusted } : server)) })
      return info(id)
    },
    // Local only: nothing leaves this computer (or a private server), not even a question to a server about its models (which could not be used anyway).
    'cloud.models': async () => {
      const providers = usable()
      const listed = await cloud.models(providers, settings.get().localOnly ? staysPrivate : undefined)
      // Models outside the catalog that were used at a stand-in price, or that the user priced (of providers with a key): their rows, to set or reset the price.
      const seen = new Set(listed.map((model) => model.id))
      const more = new Set([...estimatedModels(), ...Object.keys(settings.get().priceOverrides)].filter((id) => !seen.has(id)))
      return [...listed, ...[...more].flatMap((id) => cloud.model(id) ?? []).filter((model) => providers.includes(model.provider))]
    },
    'prices.set': ({ modelId, price }) => {
      if (!cloud.model(modelId)) throw new AuraError('not_found', words('keys.noPrice', { model: modelId }))
      const priceOverrides = { ...settings.get().priceOverrides }
      if (price === null) delete priceOverrides[modelId]
      else priceOverrides[modelId] = price
      settings.update({ priceOverrides })
      return cloud.model(modelId)!
    },
    // Looking at the prices fetches OpenRouter's when a day old (never under Local only; a failure keeps the last list).
    'prices.live': async () => {
      if (!settings.get().localOnly) await cloud.refreshLivePricesIfStale()
      return cloud.livePrices()
    },
    'prices.refresh': () => {
      if (settings.get().localOnly) throw new AuraError('invalid_input', words('keys.localOnlyPrices'))
      return cloud.refreshLivePrices()
    },
  }
}

/** `Ollama` → `ollama`, `LM Studio` → `lm-studio`, de-duplicated. */
function uniqueId(name: string, taken: Set<string>): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 30) || 'server'
  let id = base
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`
  return id
}

