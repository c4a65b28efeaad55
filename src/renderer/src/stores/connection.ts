import { create } from 'zustand'
import type { ConnectionState } from '../bridge'

interface ConnectionStore {
  state: ConnectionState
  kind: 'electron' | 'websocket' | null
  reconnectNow: (() => void) | null
}

export const useConnection = create<ConnectionStore>(() => ({ state: 'connecting', kind: null, reconnectNow: null }))
