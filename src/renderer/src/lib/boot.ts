import { connectBridge } from '../bridge'
import { useApp } from '../stores/app'
import { useCatalog } from '../stores/catalog'
import { useChat } from '../stores/chat'
import { useCloud } from '../stores/cloud'
import { useConnection } from '../stores/connection'
import { useConversations } from '../stores/conversations'
import { useDownloads } from '../stores/downloads'
import { useModels } from '../stores/models'
import { useNotices } from '../stores/notices'
import { useOnboarding } from '../stores/onboarding'
import { useSettings } from '../stores/settings'
import { useStreaming } from '../stores/streaming'
import { useToolCalls } from '../stores/toolCalls'
import { useTools } from '../stores/tools'
import { useUsage } from '../stores/usage'
import { getClient, request, setClient } from './client'

/** Everything the first screen needs; also re-run after the host comes back. */
async function loadAll(): Promise<void> {
  const info = await request('app.info', {})
  if (!info.ok) {
    if (!useApp.getState().info) useApp.setState({ bootError: info.error.message })
    return
  }
  useApp.setState({ info: info.data, bootError: null })
  for (const notice of info.data.notices) useNotices.getState().push(notice)
  // Cloud models may take a moment (a server is asked for its list): the chat does not wait for them.
  void useCloud.getState().refreshModels()
  await Promise.all([
    useSettings.getState().load(),
    useModels.getState().refresh(),
    useConversations.getState().refresh(),
    useChat.getState().reload(),
    useUsage.getState().loadMeter(),
    useUsage.getState().watching > 0 ? useUsage.getState().loadSummary() : null,
    useDownloads.getState().refresh(),
    // The composer's tools indicator: which servers are on (they start when a reply or Settings → Tools needs them).
    useTools.getState().load(),
    useCatalog.getState().loaded ? useCatalog.getState().ensure(true) : null,
    request('engine.status', {}).then((r) => r.ok && useApp.setState({ engine: r.data })),
  ])
}

const modelProblems = new Set(['model_not_found', 'model_invalid', 'model_load_failed'])

/** The user may have dropped a model file into the folder while away: look again on return. */
function refreshModelsOnReturn(): void {
  let last = 0
  const refresh = () => {
    if (document.visibilityState !== 'visible' || Date.now() - last < 3000) return
    last = Date.now()
    if (useApp.getState().info) void useModels.getState().refresh()
  }
  window.addEventListener('focus', refresh)
  document.addEventListener('visibilitychange', refresh)
}

function subscribe(): void {
  const client = getClient()
  client.on('chat.delta', ({ conversationId, messageId, text }) => {
    useStreaming.getState().append(conversationId, messageId, text)
  })
  client.on('chat.thought', ({ messageId, text }) => useStreaming.getState().think(messageId, text))
  client.on('chat.tool', ({ messageId, call }) => useToolCalls.getState().apply(messageId, call))
  client.on('mcp.changed', ({ servers }) => useTools.getState().apply(servers))
  client.on('chat.phase', ({ messageId, phase }) => useStreaming.getState().setPhase(messageId, phase))
  client.on('chat.done', ({ conversationId, message }) => {
    useChat.getState().applyDone(conversationId, message)
    useStreaming.getState().finish(conversationId, message.id)
    // The model file went missing or turned out damaged: show the list as it is now.
    if (message.error && modelProblems.has(message.error.code)) void useModels.getState().refresh()
  })
  client.on('chat.route', ({ conversationId, messageId, modelId, route }) => {
    useChat.getState().applyRoute(conversationId, messageId, modelId, route)
    useStreaming.getState().restart(conversationId, messageId)
  })
  client.on('usage.updated', (meter) => useUsage.getState().applyMeter(meter))
  client.on('conversations.updated', (summary) => {
    useConversations.getState().upsert(summary)
    useChat.getState().setTitle(summary.id, summary.title)
  })
  client.on('engine.status_changed', (status) => useApp.setState({ engine: status }))
  client.on('app.notice', (notice) => useNotices.getState().push(notice))
  client.on('downloads.progress', (download) => {
    const before = useDownloads.getState().byId[download.id]?.state
    useDownloads.getState().apply(download)
    if (download.state === 'done' && before !== 'done') void useOnboarding.getState().finished(download)
  })
  client.on('models.changed', () => {
    void useModels.getState().refresh()
    // Catalog cards say which models are installed.
    if (useCatalog.getState().loaded) void useCatalog.getState().loadCatalog()
    const { discovered } = useModels.getState()
    if (discovered) void useModels.getState().discover()
  })
}

/** Connects to the services (preload or WebSocket), listens to their events, loads the first data. */
export function startAura(): void {
  let wasLost = false
  const connected = connectBridge((state) => {
    useConnection.setState({ state })
    if (state === 'reconnecting') wasLost = true
    if (state === 'open' && wasLost) {
      wasLost = false
      // Events were missed while away: ask again for everything on screen.
      void loadAll()
    }
  })
  setClient(connected.bridge)
  useConnection.setState({ kind: connected.kind, reconnectNow: connected.reconnectNow ?? null })
  subscribe()
  refreshModelsOnReturn()
  void loadAll()
}

export const retryBoot = (): void => {
  useApp.setState({ bootError: null })
  void loadAll()
}
