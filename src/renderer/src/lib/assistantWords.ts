import type { Assistant } from '../api'
import { i18n } from '../i18n'

/** Aura's own assistants the page has words for: their ids are theirs alone (src/main/services/assistants/builtIns.ts). */
const BUILT_INS = ['builtin-writing', 'builtin-coding', 'builtin-translator'] as const
type BuiltInId = (typeof BUILT_INS)[number]

const isKnownBuiltIn = (id: string): id is BuiltInId => (BUILT_INS as readonly string[]).includes(id)

/**
 * An assistant's name and description as the page shows them: Aura's own in the language on screen
 * (their instructions, sent to the model, stay as written), the user's own as they typed them, and a
 * built-in this page has no words for yet as the main process names it. Takes an assistant, or a
 * chat's record of the one it started from (`{id, name}`).
 */
export function assistantWords({ id, name, description = '' }: Pick<Assistant, 'id' | 'name'> & { description?: string }): { name: string; description: string } {
  if (!isKnownBuiltIn(id)) return { name, description }
  return { name: i18n.t(`assistants.builtIns.${id}.name`), description: i18n.t(`assistants.builtIns.${id}.description`) }
}
