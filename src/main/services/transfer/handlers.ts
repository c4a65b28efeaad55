import type { Handlers } from '../dispatch'
import type { ConversationStore } from '../chat/conversationStore'

/**
 * Chats imported from an export (`src/shared/chatTransfer.ts` reads the file in the page): each one
 * a new conversation, built through the store's own calls, so the store's format stays its own.
 * Nothing existing is changed; a chat that fails part-way is removed, so none is left half in.
 */
export function transferHandlers({ conversations }: { conversations: ConversationStore }): Pick<Handlers, 'transfer.importChats'> {
  return {
    'transfer.importChats': async ({ conversations: chats }) => {
      const ids: string[] = []
      for (const chat of chats) {
        const conversation = await conversations.create({ title: chat.title, ...(chat.instructions ? { instructions: chat.instructions } : {}) })
        try {
          for (const message of chat.messages) {
            await conversations.addMessage(conversation.id, { role: message.role, content: message.content, status: 'done', modelId: null })
          }
        } catch (error) {
          await conversations.delete(conversation.id).catch(() => {})
          throw error
        }
        ids.push(conversation.id)
      }
      return { ids }
    },
  }
}
