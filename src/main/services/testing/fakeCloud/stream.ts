/** A streamed reply, with the stream faults the switches ask for (stall, drop, garbled line, in-stream error, delay). */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FakeCloudRequest, FakeCloudSwitches } from './types'
import type { Reply, Wire } from './wire'

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export async function streamReply(req: IncomingMessage, res: ServerResponse, wire: Wire, r: Reply, sw: FakeCloudSwitches, record: FakeCloudRequest): Promise<void> {
  record.status = 200
  record.chunksSent = 0
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', ...wire.headers() })
  res.flushHeaders()
  let closed = false
  res.on('close', () => {
    closed = true
  })
  const malformedAt = sw.malformed ? (typeof sw.malformed === 'object' ? (sw.malformed.afterChunks ?? 1) : 1) : -1
  const streamErrorAt = sw.streamError ? (typeof sw.streamError === 'object' ? (sw.streamError.afterChunks ?? 1) : 1) : -1
  let afterContent = false
  for (const ev of wire.events(r)) {
    if (closed) return
    const sent = record.chunksSent
    // Faults fire at the first content chunk past the count, or right after the count's last chunk.
    const at = (n: number | undefined): boolean => n !== undefined && sent >= n && (ev.content || afterContent)
    if (at(sw.stallAfterChunks)) return // keep the socket open; never end
    if (at(sw.dropAfterChunks)) {
      req.socket.destroy()
      return
    }
    if (streamErrorAt >= 0 && sent >= streamErrorAt && (ev.content || afterContent)) {
      res.end(wire.streamError(typeof sw.streamError === 'object' && sw.streamError.noCredit === true))
      return
    }
    if (ev.content && sent === malformedAt) res.write(wire.garbled)
    if (sw.delayMs) await sleep(sw.delayMs)
    if (closed) return
    res.write(ev.text)
    afterContent = ev.content
    if (ev.content) record.chunksSent++
  }
  res.end()
}
