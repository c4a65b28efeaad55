import type { HandlersOf } from '../dispatch'
import type { AssistantStore } from './assistantStore'

/** Assistants: presets for new chats (instructions, model, temperature). */
export function assistantHandlers({ assistants }: { assistants: AssistantStore }): HandlersOf<'assistants'> {
  return {
    'assistants.list': () => assistants.list(),
    'assistants.save': (input) => assistants.save(input),
    'assistants.delete': ({ id }) => {
      assistants.delete(id)
      return {}
    },
  }
}
