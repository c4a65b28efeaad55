import type { HandlersOf } from '../dispatch'
import type { HardwareService } from './hardwareService'

/** What this computer has, and the kind of models it runs well. */
export function hardwareHandlers(hardware: Pick<HardwareService, 'profile'>): HandlersOf<'hardware'> {
  return { 'hardware.get': () => hardware.profile() }
}
