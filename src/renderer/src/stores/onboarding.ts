import { create } from 'zustand'
import type { Download } from '../api'
import { useChat } from './chat'
import { useDownloads } from './downloads'
import { useModels } from './models'
import { useSettings } from './settings'

/** The first-run suggestion: the file it started downloading (this session), and the model it brought. */
interface OnboardingStore {
  /** Retries may give the download a new id: it is followed by its repo and file. */
  started: { repo: string; file: string } | null
  /** The suggested model finished downloading and is selected: the chat says it is ready. */
  readyModelId: string | null
  /** "Download": starts the suggested model and marks the suggestion answered. */
  accept(repo: string, file: string): Promise<void>
  /** "Not now". */
  dismiss(): Promise<void>
  /** A download finished: when it is the suggested one, pick its model for the chat (Auto, when picked, stays: it will use it). */
  finished(download: Download): Promise<void>
  clearReady(): void
}

export const useOnboarding = create<OnboardingStore>((set, get) => ({
  started: null,
  readyModelId: null,
  async accept(repo, file) {
    set({ started: { repo, file } })
    const download = await useDownloads.getState().start(repo, file)
    if (download.state !== 'failed') await useSettings.getState().update({ onboardingDone: true })
  },
  async dismiss() {
    set({ started: null })
    await useSettings.getState().update({ onboardingDone: true })
  },
  async finished(download) {
    await useModels.getState().refresh()
    const started = get().started
    if (!started || started.repo !== download.repo || started.file !== download.file || !download.modelId) return
    const model = useModels.getState().models.find((m) => m.id === download.modelId)
    if (!model) return
    const picked = useChat.getState().selectedModelId ?? useSettings.getState().settings?.lastModelId ?? null
    if (picked !== null && picked !== 'auto') useChat.getState().selectModel(model.id)
    set({ readyModelId: model.id })
  },
  clearReady() {
    set({ readyModelId: null })
  },
}))
