import type { DownloadStall } from './api/domain'

/** A short wait, as a person says it: seconds up to a minute and a half, then minutes. */
export interface Wait {
  amount: number
  unit: 's' | 'min'
}

export const waitOf = (seconds: number): Wait => (seconds < 90 ? { amount: seconds, unit: 's' } : { amount: Math.round(seconds / 60), unit: 'min' })

/**
 * What a download waiting on its connection means, as parts any language can word: what is wrong
 * (`quiet`: nothing arrived and no new try is planned yet), for how long nothing arrived, and when
 * Aura tries again (null: now, or — for `quiet` — not planned).
 */
export interface StallParts {
  problem: 'quiet' | NonNullable<DownloadStall['retry']>['reason']
  quiet: Wait
  retryIn: Wait | null
}

export function stallParts(stall: DownloadStall): StallParts {
  const { retry, quietSeconds } = stall
  return {
    problem: retry ? retry.reason : 'quiet',
    quiet: waitOf(quietSeconds),
    retryIn: retry && retry.inSeconds > 0 ? waitOf(retry.inSeconds) : null,
  }
}

const wait = ({ amount, unit }: Wait): string => `${amount} ${unit}`

/**
 * The same in English (`aura pull`; the page words the parts in its own language):
 * "Connection lost — trying again in 4 s", never a speed of 0 B/s.
 */
export function stallWords(stall: DownloadStall): string {
  const { problem, quiet, retryIn } = stallParts(stall)
  if (problem === 'quiet') return `Nothing has arrived for ${wait(quiet)} — waiting for the server…`
  const when = retryIn ? `trying again in ${wait(retryIn)}` : 'trying again now…'
  switch (problem) {
    case 'connection_lost':
      return `Connection lost — ${when}`
    case 'server_error':
      return `The download server had a problem — ${when}`
    case 'no_data':
      return `Nothing arrived for ${wait(quiet)} — ${when}`
  }
}
