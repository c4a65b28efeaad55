import { AUTO_MODEL_ID } from '../../../shared/api'
import { historyOf } from '../chat/chatService'
import type { ConversationStore } from '../chat/conversationStore'
import type { HandlersOf } from '../dispatch'
import type { SettingsService } from '../settings/settingsService'
import type { Router } from './router'

/** The decision Auto would take for a message, without running a model (the "Try it" box, `aura route`). */
export function routerHandlers({ router, conversations, settings }: { router: Router; conversations: ConversationStore; settings: SettingsService }): HandlersOf<'router'> {
  return {
    'router.preview': async ({ text, conversationId, modelId }) => {
      const conversation = conversationId ? await conversations.get(conversationId) : null
      const history = conversation ? historyOf(conversation, conversation.messages) : []
      return router.decide({ text, history }, modelId ?? settings.get().lastModelId ?? AUTO_MODEL_ID)
    },
  }
}
