import type { HandlersOf } from '../dispatch'
import type { NetworkLog } from './networkLog'

/** Settings → Privacy: what Aura sent over the network, kept on this computer. */
export function networkHandlers(log: NetworkLog): HandlersOf<'network'> {
  return { 'network.connections': () => log.list() }
}
