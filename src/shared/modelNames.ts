/**
 * The API's model names (settings.api.modelNames) as plain data, without zod, so the page can offer
 * "Reset to defaults" without loading the contract's schemas.
 */
export interface ModelNameRule {
  /** A model name an app asks for; `*` stands for any characters, case does not matter. */
  pattern: string
  /** `auto`, `local` (Auto among the local models; Auto when none is installed) or a model id Aura has. */
  target: string
}

/** A rule target that keeps a request on this computer when a local model is installed. */
export const LOCAL_TARGET = 'local'

/** Clients' small models run background chores (titles, summaries): a local model does them for free. */
export const DEFAULT_MODEL_NAMES: readonly ModelNameRule[] = [
  { pattern: '*haiku*', target: LOCAL_TARGET },
  { pattern: '*-mini*', target: LOCAL_TARGET },
  { pattern: '*-nano*', target: LOCAL_TARGET },
  { pattern: '*flash-lite*', target: LOCAL_TARGET },
]
