import { createServer, type Server } from 'node:net'

/** A TCP server on 127.0.0.1 that only holds its port (`port` 0: any free one), as another program would. */
export async function holdPort(port = 0): Promise<Server> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return server
}

/** A port free on 127.0.0.1 a moment ago: for a listener a test wants at a known place. */
export async function freePort(): Promise<number> {
  const server = await holdPort()
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}
