import type { AuraErrorShape } from './errors'

/** Results cross every boundary (IPC, WebSocket) as this envelope: Electron drops custom fields from rejected invokes. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AuraErrorShape }

export const ok = <T>(data: T): Envelope<T> => ({ ok: true, data })
export const fail = (error: AuraErrorShape): Envelope<never> => ({ ok: false, error })
