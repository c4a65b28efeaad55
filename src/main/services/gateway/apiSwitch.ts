import { AuraError, type Settings } from '../../../shared/api'
import type { Logger } from '../ports'
import type { Gateway } from './core'
import { networkUrls } from './network'
import { startGateway, type GatewayServer } from './server'

/**
 * Keeps the API's listener as the settings say (`api.enabled`, `api.port`, `api.network`): up while
 * it is on, moved when the port changes or it opens to (or closes from) the network, closed when it
 * is turned off. The web pages it answers (`api.corsOrigins`) are read per request. Changes are
 * applied one at a time, in order.
 */
export class ApiSwitch {
  private server: GatewayServer | null = null
  private problem: string | null = null
  private queue: Promise<void> = Promise.resolve()

  constructor(
    private readonly deps: {
      gateway: Gateway
      settings: () => Settings['api']
      logger: Logger
      /** A listener that could not start, in plain words (a port in use). */
      onProblem(message: string): void
    },
  ) {}

  /** The address apps use, while the API is on. */
  url(): string | null {
    return this.server?.url ?? null
  }

  /** Where the listener is, or why it is not running, once the changes asked for so far are applied. */
  async state(): Promise<{ url: string | null; problem: string | null; network: boolean; networkUrls: string[] }> {
    await this.queue
    const network = this.server?.network ?? false
    return { url: this.url(), problem: this.problem, network, networkUrls: network ? networkUrls(this.server!.port) : [] }
  }

  /** Applies the settings now; never throws. */
  sync(): Promise<void> {
    this.queue = this.queue.then(() => this.apply())
    return this.queue
  }

  async close(): Promise<void> {
    await this.queue
    await this.server?.close()
    this.server = null
  }

  private async apply(): Promise<void> {
    const { enabled, port, network } = this.deps.settings()
    if (this.server && enabled && this.server.port === port && this.server.network === network) return
    await this.server?.close()
    this.server = null
    this.problem = null
    if (!enabled) return
    try {
      this.server = await startGateway({ gateway: this.deps.gateway, port, network, logger: this.deps.logger, corsOrigins: () => this.deps.settings().corsOrigins })
      this.deps.logger.info('Aura API is running', { url: this.server.url, network })
    } catch (error) {
      const message = error instanceof AuraError ? error.message : `Aura's API could not start on port ${port} (${String(error)}). Choose another port in Settings.`
      this.deps.logger.warn('Aura API could not start', { port, error: String(error) })
      this.problem = message
      this.deps.onProblem(message)
    }
  }
}
