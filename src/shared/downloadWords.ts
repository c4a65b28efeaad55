import type { DownloadStall } from './api/domain'

/** "4 s", "2 min": a short wait, as a person says it. */
function wait(seconds: number): string {
  return seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`
}

/**
 * What a download waiting on its connection means, in words (the page's download rows and `aura pull`):
 * "Connection lost — trying again in 4 s", never a speed of 0 B/s.
 */
export function stallWords(stall: DownloadStall): string {
  const { retry, quietSeconds } = stall
  if (!retry) return `Nothing has arrived for ${wait(quietSeconds)} — waiting for the server…`
  const when = retry.inSeconds > 0 ? `trying again in ${wait(retry.inSeconds)}` : 'trying again now…'
  switch (retry.reason) {
    case 'connection_lost':
      return `Connection lost — ${when}`
    case 'server_error':
      return `The download server had a problem — ${when}`
    case 'no_data':
      return `Nothing arrived for ${wait(quietSeconds)} — ${when}`
  }
}
