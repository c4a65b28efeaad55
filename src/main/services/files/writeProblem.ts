/**
 * Why a file could not be written, in words for a notice: the raw error ("ENOSPC: no space left on
 * device, write '/home/…'") goes to the log, never to the user.
 */
export function writeProblemWords(error: unknown): string {
  switch ((error as { code?: unknown } | null)?.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full'
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'it is not allowed to write in its data folder'
    default:
      return 'its data folder could not be written to'
  }
}
