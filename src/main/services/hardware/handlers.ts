import type { HandlersOf } from '../dispatch'
import type { HardwareService } from './hardwareService'
import type { SpeedupService } from './speedupService'

/** What this computer has, and the kind of models it runs well. */
export function hardwareHandlers(hardware: Pick<HardwareService, 'profile'>, speedup: Pick<SpeedupService, 'install'>): HandlersOf<'hardware'> {
  return { 'hardware.get': () => hardware.profile(), 'hardware.installSpeedup': () => speedup.install() }
}
