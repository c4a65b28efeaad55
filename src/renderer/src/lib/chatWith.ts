import { useApp } from '../stores/app'
import { useChat } from '../stores/chat'
import { useHubToken } from '../stores/hubToken'

/** "Chat with it": a new chat with this model picked. */
export function chatWith(modelId: string): void {
  useChat.getState().newChat()
  useChat.getState().selectModel(modelId)
  useApp.getState().openChat()
}

/** Brings the models-folder section into view (e.g. from "Not enough free space"). */
export function showModelsFolder(): void {
  const app = useApp.getState()
  if (app.view !== 'settings' || app.settingsPage !== 'models') app.openSettings('models')
  requestAnimationFrame(() => document.getElementById('models-folder-section')?.scrollIntoView({ behavior: 'smooth', block: 'start' }))
}

/** "Add a Hugging Face token": Settings → AI Models, where the token card scrolls into view and takes the focus. */
export function showHubToken(): void {
  const app = useApp.getState()
  if (app.view !== 'settings' || app.settingsPage !== 'models') app.openSettings('models')
  useHubToken.getState().setWantsAttention(true)
}
