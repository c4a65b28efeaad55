import { join } from 'node:path'
import { openerCommand, runOpener } from './folderOpener'
import { writePrivateFile } from './link'

export const LAUNCH_FILE_NAME = 'open-aura.html'

export interface OpenBrowserOptions {
  platform?: NodeJS.Platform
  /** The system opener; see {@link openerCommand}. */
  command?: string
}

/**
 * `aura serve --open`: opens Aura's address in the default browser without putting the access token
 * on any command line (other users of this computer can read every process's arguments, and can reach
 * 127.0.0.1 too). The system opener gets a small page in the private data folder (0600) instead, which
 * sends the browser on to the address; the token is only in that file and, as before, the fragment.
 */
export async function openInBrowser(dataDir: string, url: string, options: OpenBrowserOptions = {}): Promise<void> {
  const platform = options.platform ?? process.platform
  const file = join(dataDir, LAUNCH_FILE_NAME)
  writePrivateFile(file, launchPage(url))
  await runOpener(options.command ?? openerCommand(platform), file, platform === 'win32' ? 0 : 800, 'shell.yourBrowser')
}

/** A page that goes on to `url` at once (no script needed), with a link for a browser that does not. */
export function launchPage(url: string): string {
  const href = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=${href}"><title>Opening Aura…</title></head>
<body><p>Opening Aura… If nothing happens, <a href="${href}">open Aura</a>.</p></body></html>
`
}
