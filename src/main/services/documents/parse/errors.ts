import { basename } from 'node:path'
import { AuraError } from '../../../../shared/api/errors'
import { formatBytes } from '../../../../shared/units'

/** Why a file could not be read; `data.reason` of the AuraError, so a caller can tell them apart without parsing words. */
export type UnreadableReason = 'missing' | 'too_big' | 'unknown_type' | 'no_text' | 'password' | 'damaged'

/**
 * A file Aura could not read, in plain words: what happened and what to do. Only this file is lost —
 * a folder being indexed goes on with the next one.
 */
export function unreadable(path: string, reason: UnreadableReason, detail?: { limitBytes?: number; sizeBytes?: number; extensions?: string }): AuraError {
  const name = `“${basename(path)}”`
  const message = {
    missing: `${name} is no longer there. It may have been moved, renamed or deleted; add it again from where it is now.`,
    too_big: `${name} is ${formatBytes(detail?.sizeBytes ?? NaN)}, more than the ${formatBytes(detail?.limitBytes ?? NaN)} Aura reads in one document. Split it into smaller files, or save just the part you need, and add those.`,
    unknown_type: `Aura can't read ${name}: it reads ${detail?.extensions ?? 'PDF, Word (.docx), Markdown, HTML, text and code files'}. Save it as one of those (for example as PDF or .docx) and add it again.`,
    no_text: `${name} has no text Aura can read — it looks scanned (pictures of pages). Run it through a text recognition (OCR) tool, or export it from the original program as a PDF with text, and add it again.`,
    password: `${name} is protected by a password, so Aura can't read it. Save a copy without the password and add that.`,
    damaged: `${name} looks damaged or isn't really the kind of file its name says, so Aura can't read it. Open it in the program that made it and save it again, then add the new copy.`,
  }[reason]
  return new AuraError(reason === 'missing' ? 'not_found' : 'invalid_input', message, { reason, path })
}
