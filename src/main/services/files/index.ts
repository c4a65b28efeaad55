export { withLock, withLockSync } from './lock'
export { makePrivateDir, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, tightenDataFolder } from './privateFiles'
export { fileStamp, stampOf } from './stamp'
export { writeProblemWords } from './writeProblem'
