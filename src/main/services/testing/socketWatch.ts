/**
 * Sees every TCP connection this process opens, below any library: fetch (undici), node:http,
 * node:https and tls all end in `net.Socket.prototype.connect`, which this wraps. Independent of
 * Aura's own record of its requests (the privacy log), so a test can hold one against the other.
 * Unix sockets and named pipes (a `path`) are local by nature and left out.
 */
import net from 'node:net'

export interface SeenSocket {
  host: string
  port: number
}

export interface SocketWatch {
  /** Every connection opened since the watch began (connected or not: an attempt counts). */
  readonly seen: SeenSocket[]
  /** `host:port` of each, once, in order. */
  hosts(): string[]
  stop(): void
}

export function watchSockets(): SocketWatch {
  const seen: SeenSocket[] = []
  const proto = net.Socket.prototype as { connect: (...args: unknown[]) => net.Socket }
  const original = proto.connect
  proto.connect = function (this: net.Socket, ...args: unknown[]) {
    const target = connectTarget(args)
    if (target) seen.push(target)
    return original.apply(this, args)
  }
  return {
    seen,
    hosts: () => [...new Set(seen.map(({ host, port }) => `${host}:${port}`))],
    stop: () => {
      proto.connect = original
    },
  }
}

/** `connect(options, cb)`, `connect(port, host, cb)`, or net's own normalized `[options, cb]`. */
function connectTarget(args: unknown[]): SeenSocket | null {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0]
  if (typeof first === 'number' || typeof first === 'string') {
    if (typeof first === 'string' && !/^\d+$/.test(first)) return null // a path
    return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: Number(first) }
  }
  if (first && typeof first === 'object') {
    const options = first as { host?: string; port?: number | string; path?: string }
    if (options.path) return null
    return { host: options.host ?? 'localhost', port: Number(options.port) }
  }
  return null
}
