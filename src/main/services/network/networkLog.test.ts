import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, get, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect as tlsConnect } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Connection } from '../../../shared/api'
import { silentLogger } from '../ports'
import { watchSockets } from '../testing/socketWatch'
import { NetworkLog } from './networkLog'

let dir: string
let server: Server
let origin: string
let host: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aura-network-'))
  server = createServer((req, res) => {
    if (req.url === '/moved') return res.writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/here` }).end()
    req.resume()
    req.on('end', () => res.writeHead(req.url === '/missing' ? 404 : 200).end('ok'))
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`
  origin = `http://${host}`
})
afterAll(async () => {
  await new Promise((done) => server.close(done))
  rmSync(dir, { recursive: true, force: true })
})

let files = 0
const newLog = (max?: number, file = join(dir, `log-${++files}.jsonl`)) => {
  const seen: Connection[] = []
  const log = new NetworkLog({ file, clock: { now: () => 1_000 }, logger: silentLogger, onConnection: (c) => seen.push(c), max })
  return { log, seen, file }
}

describe('NetworkLog', () => {
  it('records each request with its host, purpose, answer and what it sent — never its path, query or body', async () => {
    const { log, seen, file } = newLog()
    const body = JSON.stringify({ text: 'my private words, café' })
    await (await log.fetcher('cloud_reply')(`${origin}/v1/chat?key=sk-secret-123`, { method: 'POST', body })).text()
    await (await log.fetcher('key_test')(`${origin}/missing`)).text()
    await expect(log.fetcher('hub_search')('http://127.0.0.1:9/nothing-listens')).rejects.toThrow()
    await (await log.fetcher('download')(`${origin}/moved`)).text()
    await log.flush()

    const port = host.split(':')[1]
    expect(log.list()).toEqual([
      { at: 1_000, host, purpose: 'download', status: 200, sentBytes: 0, redirectedTo: `localhost:${port}` },
      { at: 1_000, host: '127.0.0.1:9', purpose: 'hub_search', status: null, sentBytes: 0, redirectedTo: null },
      { at: 1_000, host, purpose: 'key_test', status: 404, sentBytes: 0, redirectedTo: null },
      { at: 1_000, host, purpose: 'cloud_reply', status: 200, sentBytes: Buffer.byteLength(body), redirectedTo: null },
    ])
    expect(seen).toEqual(log.list().reverse())
    const onDisk = readFileSync(file, 'utf8')
    expect(onDisk.trim().split('\n')).toHaveLength(4)
    expect(onDisk).not.toMatch(/secret|private|chat|missing|moved/)
    // A new start reads the same list back.
    expect(newLog(undefined, file).log.list()).toEqual(log.list())
  })

  it('keeps the newest connections only: the file never grows past twice the limit', async () => {
    const { log, file } = newLog(5)
    const lines = () => readFileSync(file, 'utf8').trim().split('\n').length
    let most = 0
    for (let i = 0; i < 23; i++) {
      await (await log.fetcher('download')(`${origin}/${i}`)).text()
      await log.flush()
      most = Math.max(most, lines())
    }
    expect(log.list()).toHaveLength(5)
    expect(most).toBeLessThanOrEqual(10)
    expect(newLog(5, file).log.list()).toEqual(log.list())
  })

  it('sets a torn or damaged file right before writing again, keeping every good line', async () => {
    const file = join(dir, 'torn.jsonl')
    const good: Connection = { at: 5, host: 'example.org', purpose: 'key_test', status: 200, sentBytes: 0, redirectedTo: null }
    writeFileSync(file, `${JSON.stringify(good)}\nnot json\n{"at":6,"host":"ex`)
    const { log } = newLog(undefined, file)
    expect(log.list()).toEqual([good])
    await (await log.fetcher('model_list')(origin)).text()
    await log.flush()
    const lines = readFileSync(file, 'utf8').split('\n')
    expect(lines.at(-1)).toBe('')
    expect(lines.slice(0, -1).map((line) => JSON.parse(line).purpose)).toEqual(['key_test', 'model_list'])
  })
})

describe('the socket watch (the test-side observer the privacy proof relies on)', () => {
  it('sees every TCP connection, whatever opens it: fetch, node:http, https and tls, answered or refused', async () => {
    const watch = watchSockets()
    try {
      await (await fetch(`${origin}/a`)).text()
      await new Promise((done) => get(`${origin}/b`, (res) => res.resume().on('end', done)))
      await fetch('https://127.0.0.1:65001/').catch(() => {})
      await new Promise<void>((done) => tlsConnect({ host: '127.0.0.1', port: 65002 }).on('error', () => done()))
    } finally {
      watch.stop()
    }
    expect(watch.hosts()).toEqual([host, '127.0.0.1:65001', '127.0.0.1:65002'])
  })
})
