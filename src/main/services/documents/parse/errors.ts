import { basename } from 'node:path'
import { AuraError } from '../../../../shared/api/errors'
import { words, type MessageKey } from '../../../../shared/i18n'
import { formatBytes } from '../../../../shared/units'

/** Why a file could not be read; `data.reason` of the AuraError, so a caller can tell them apart without parsing words. */
export type UnreadableReason = 'missing' | 'too_big' | 'unknown_type' | 'no_text' | 'password' | 'damaged'

const KEYS: Record<UnreadableReason, MessageKey> = {
  missing: 'documents.missing',
  too_big: 'documents.tooBig',
  unknown_type: 'documents.unknownType',
  no_text: 'documents.noText',
  password: 'documents.password',
  damaged: 'documents.damaged',
}

/**
 * A file Aura could not read, in plain words: what happened and what to do. Only this file is lost —
 * a folder being indexed goes on with the next one.
 */
export function unreadable(path: string, reason: UnreadableReason, detail?: { limitBytes?: number; sizeBytes?: number }): AuraError {
  const sizes = detail && { size: formatBytes(detail.sizeBytes ?? NaN), limit: formatBytes(detail.limitBytes ?? NaN) }
  return new AuraError(reason === 'missing' ? 'not_found' : 'invalid_input', words(KEYS[reason], { name: basename(path), ...sizes }), { reason, path })
}
