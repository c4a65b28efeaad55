import { create } from 'zustand'
import type { HubTokenStatus } from '../api'
import { i18n } from '../i18n'
import { call, errorMessage } from '../lib/client'
import { useModelsPage } from './modelsPage'

/** The shape of a Hugging Face token, as the services check it. */
export const HUB_TOKEN_PATTERN = /^hf_\w{8,200}$/

/** Why a pasted token is not one (null when it looks right, or nothing is typed yet). */
export function tokenProblem(draft: string): string | null {
  const token = draft.trim()
  if (!token) return null
  if (/\s/.test(token)) return i18n.t('models.token.problems.spaces')
  if (!token.startsWith('hf_')) return i18n.t('models.token.problems.prefix')
  if (token.length < 11) return i18n.t('models.token.problems.short')
  if (!HUB_TOKEN_PATTERN.test(token)) return i18n.t('models.token.problems.letters')
  return null
}

/**
 * The user's Hugging Face token, as the page may know it: whether one is kept and its last four
 * characters. The token itself stays with the services (encrypted) and never comes back here.
 */
interface HubTokenStore {
  status: HubTokenStatus | null
  /** Why the status could not be read. */
  error: string | null
  load(): Promise<void>
  /** Loads the status once (the card and the "needs a token" advice ask for it). */
  ensure(): Promise<void>
  /** Keeps a token (or, with null, forgets it); resolves to an error message, or null when done. */
  save(token: string | null): Promise<string | null>
  /** The user agreed to send the saved token to the Hub address now in use; an error message, or null. */
  confirmAddress(): Promise<string | null>
  /** "Add a Hugging Face token" was pressed somewhere: the card scrolls into view and takes the focus. */
  wantsAttention: boolean
  setWantsAttention(wants: boolean): void
}

let loading: Promise<void> | null = null

export const useHubToken = create<HubTokenStore>((set, get) => ({
  status: null,
  error: null,
  async load() {
    try {
      set({ status: await call('hub.tokenStatus', {}), error: null })
    } catch (error) {
      set({ error: errorMessage(error) })
    }
  },
  ensure() {
    if (get().status) return Promise.resolve()
    loading ??= get()
      .load()
      .finally(() => {
        loading = null
      })
    return loading
  },
  async save(token) {
    try {
      const status = await call('hub.setToken', { token: token === null ? null : token.trim() })
      set({ status, error: null })
      forgetAuthProblems()
      return null
    } catch (error) {
      return errorMessage(error)
    }
  },
  async confirmAddress() {
    try {
      set({ status: await call('hub.confirmTokenAddress', {}), error: null })
      forgetAuthProblems()
      return null
    } catch (error) {
      return errorMessage(error)
    }
  },
  wantsAttention: false,
  setWantsAttention: (wantsAttention) => set({ wantsAttention }),
}))

/** File lists refused for want of a token are asked again with the new one; a refused search is cleared. */
function forgetAuthProblems(): void {
  const page = useModelsPage.getState()
  if (page.hubError?.code === 'hub_auth_required') useModelsPage.setState({ hubError: null })
  for (const [repo, entry] of Object.entries(page.hubFiles)) {
    if (entry.error?.code === 'hub_auth_required') void page.loadFiles(repo)
  }
}
