import { words, type Words } from '../../../shared/i18n'

/**
 * Why a file could not be written, in words for a notice: the raw error ("ENOSPC: no space left on
 * device, write '/home/…'") goes to the log, never to the user.
 */
export function writeProblemWords(error: unknown): Words {
  switch ((error as { code?: unknown } | null)?.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return words('notices.diskFull')
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return words('notices.notAllowed')
    default:
      return words('notices.notWritten')
  }
}
