import { AuraError } from '../../../shared/api/errors'
import { spoken, words, type Words } from '../../../shared/i18n'

/**
 * A file's reason is kept as its words (key and values, as JSON), not as sentences: the documents'
 * list then says it in the language the page shows when it is listed, even after a change of
 * language (docs/languages.md). An error without words keeps its message as it is.
 */
export function keptProblem(error: unknown): string {
  const problem = problemOf(error)
  return typeof problem === 'string' ? problem : JSON.stringify(problem)
}

/** A reader's or the engine's error as words; anything else gets a general one (the detail is logged). */
export function problemOf(error: unknown): Words | string {
  if (error instanceof AuraError) return (error.words as Words | undefined) ?? error.message
  return words('documents.unreadable')
}

/** A kept reason in the user's language; a reason kept as plain text (or by an older Aura) as it is. */
export function spokenProblem(kept: string | null): string | null {
  if (!kept?.startsWith('{')) return kept
  try {
    return spoken(JSON.parse(kept) as Words)
  } catch {
    return kept
  }
}
