/**
 * What Aura tells the user about how their keys are kept, in plain words (`vault.info`, and the
 * shells' start-up notices). Only said when the keys are weaker than the OS keychain would keep them.
 */

const EXPOSURE = 'Anyone who can read your files could read them.'
const LINUX_KEYCHAIN_HINT = 'To use the system keychain, install and unlock gnome-keyring or KWallet, then restart Aura.'

/** No OS keychain could be reached (the host and CLI: no Secret Service, a locked or absent keychain). */
export function noKeychainNotice(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  const notice = `Aura keeps your keys encrypted with a key file in ${dataDir} because no system keychain was reachable. ${EXPOSURE}`
  return platform === 'linux' ? `${notice} ${LINUX_KEYCHAIN_HINT}` : notice
}

/** A key file from earlier is kept in use, so the keys sealed with it stay readable. */
export function keptKeyFileNotice(dataDir: string): string {
  return `Aura keeps your keys encrypted with a key file in ${dataDir}, made when no system keychain was reachable; it keeps using it so the keys saved with it stay readable. ${EXPOSURE}`
}

/**
 * The desktop app where Electron's safeStorage has no keychain: on Linux that is the `basic_text`
 * backend (no Secret Service found, or a desktop Chromium does not recognise — `--password-store`
 * then picks one).
 */
export function desktopNoKeychainNotice(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  const notice = `Aura keeps your keys encrypted with a key file in ${dataDir} because the system keychain isn't available. ${EXPOSURE}`
  if (platform !== 'linux') return notice
  return `${notice} ${LINUX_KEYCHAIN_HINT} If one is already running, start Aura with --password-store=gnome-libsecret (or kwallet5 / kwallet6).`
}
