import type { Assistant } from '../api'
import { i18n } from '../i18n'

/** Aura's own assistants the page has words for (src/main/services/assistants/builtIns.ts). */
const BUILT_INS = ['builtin-writing', 'builtin-coding', 'builtin-translator'] as const
type BuiltInId = (typeof BUILT_INS)[number]

const isKnownBuiltIn = (assistant: Pick<Assistant, 'id' | 'builtIn'>): assistant is { id: BuiltInId; builtIn: true } =>
  assistant.builtIn && (BUILT_INS as readonly string[]).includes(assistant.id)

/**
 * An assistant's name and description as the page shows them: Aura's own in the language on screen
 * (their instructions, sent to the model, stay as written), the user's own as they typed them, and a
 * built-in this page has no words for yet as the main process names it.
 */
export function assistantWords(assistant: Pick<Assistant, 'id' | 'builtIn' | 'name' | 'description'>): { name: string; description: string } {
  if (!isKnownBuiltIn(assistant)) return { name: assistant.name, description: assistant.description }
  return { name: i18n.t(`assistants.builtIns.${assistant.id}.name`), description: i18n.t(`assistants.builtIns.${assistant.id}.description`) }
}
