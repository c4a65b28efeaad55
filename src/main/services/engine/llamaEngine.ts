import { stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Llama, LlamaChat, LlamaContext, LlamaContextSequence, LlamaModel, ChatHistoryItem } from 'node-llama-cpp'
import { AuraError, type BackendChoice, type EngineStatus, type FitEstimate } from '../../../shared/api'
import { words } from '../../../shared/i18n'
import { formatBytes } from '../../../shared/units'
import { planBackends, type BackendMachine, type BackendPlan } from '../hardware/backend'
import { llamaPlatform, readBackendMachine } from '../hardware/backendMachine'
import { cudaPackages, useSpeedup } from '../hardware/speedupLoader'
import { estimateForModelFile, hardwareFromLlama, type KvCacheSetting } from '../fit'
import { silentLogger, type Logger } from '../ports'
import { importNodeLlamaCpp, readModelInfo } from '../models/modelInfo'
import { budgetBytes, ModelBudget } from './budget'
import { chooseChatWrapper, toChatHistory } from './chatFormat'
import { llamaContextOptions, planContext, type ContextPlan, type LoadChoice } from './contextOptions'
import { MemoryLog } from '../fit/memoryLog'
import { EmbeddingEngine, type EmbedRequest, type EmbedResult } from './embeddings'
import { Lockstep } from './lockstep'
import { fitPrompt } from './promptFit'
import { replyEnding, replyOptions } from './replyOptions'
import { commonPrefixLength, MAX_SLOTS, pickSlot } from './slots'
import { forcingCall, withToolChoice } from './tools'
import { ReplyPhases, segmentPiece } from './replyPhases'
import { loadLlamaBackend } from './llamaBackend'
import { decodeRate, type GenerateRequest, type GenerateResult, type InferenceEngine, type LoadOptions, type ModelRef } from './inferenceEngine'
import { calibrationId, calibrationKey, machineFingerprint, ThreadCalibrationCache, type CalibrationKey } from './threadCache'
import { calibrateThreads, threadCandidates, type ThreadCalibration } from './threads'
import { engineStartFailure } from './startFailure'

export interface LlamaEngineOptions {
  /**
   * `'auto'` (default) lets node-llama-cpp use a GPU when it finds one; `false` is CPU only.
   * On machines without a GPU both start in about 0.5 s.
   */
  gpu?: 'auto' | false
  /** The machine the back-end is chosen for (hardware/backend.ts); default: this computer, read once. */
  backendMachine?: () => Promise<BackendMachine>
  /** Where the NVIDIA speed-up is unpacked (`<data folder>/gpu`, hardware/speedup.ts): node-llama-cpp imports it from there. */
  speedupDir?: string
  logger?: Logger
  /** Unload the model after this long without use. Default 10 minutes; `null` keeps it loaded. */
  idleUnloadMs?: number | null
  /**
   * The computer's memory for the check before loading, in bytes (default: its total memory). The
   * check keeps headroom for the OS and other apps (see services/fit).
   */
  memoryBytes?: number
  /** Thread counts tried for `threads: 'auto'` (default 1, half and all logical cores). */
  threadCandidates?: number[]
  /**
   * Where the engine keeps what it measured (the `threads: 'auto'` calibration per computer and
   * model, in `thread-calibration.json`). Without it, calibrations last as long as the engine.
   */
  cacheDir?: string
  /** At most this many requests written at once (default and upper bound: what the memory estimate allows, at most 8). */
  maxSlots?: number
  /** Where each load's memory, measured against the estimate, is kept (fit/memoryLog.ts); none when absent. */
  memoryLogFile?: string
}

export const DEFAULT_IDLE_UNLOAD_MS = 10 * 60_000
const LLAMA_DISPOSE_TIMEOUT_MS = 5_000

/**
 * Waits for a node-llama-cpp dispose, at most `ms`. node-llama-cpp 3.21 can leave one waiting
 * forever: a model (or context) whose load failed keeps a hold on its parent's dispose, which only
 * the parent's own dispose releases — and only while the failed object has not been garbage
 * collected yet. The timer is deliberately not unref'd: racing a promise that may never settle
 * against an unref'd timer lets the process exit mid-await once nothing else runs (the caller's
 * code after the await never runs, and the exit code is 0).
 */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
const CHAT_BUDGET_KEY = 'chat'
/** Below this, a context is of no use for chat; the settings schema enforces it too. */
const MIN_CONTEXT_SIZE = 256

interface LoadedModel {
  ref: ModelRef
  name: string
  model: LlamaModel
  session: Session | null
  /** The gpuLayers setting it was loaded with: another one reloads it. */
  gpuLayersSetting: number | 'auto'
}

interface Session {
  threads: number
  contextSize: number
  kvCacheSetting: KvCacheSetting
  flashSetting: boolean | 'auto'
  context: LlamaContext
  lockstep: Lockstep
  slots: Slot[]
}

/** One sequence of the context, with its own chat; one request at a time writes on it. */
interface Slot {
  sequence: LlamaContextSequence
  chat: LlamaChat
  busy: boolean
  /** Whose tokens the sequence holds (the request's cacheKey), if anyone's. */
  cacheKey: string | null
  usedAt: number
  /** The previous reply's history and context window (see {@link continuedWindow}). */
  last: LastEvaluation | null
}

/** A request waiting for its turn (see {@link LlamaEngine.pump}). */
interface Ticket {
  request: GenerateRequest
  resolve(lease: Lease | typeof ABORTED): void
  reject(error: unknown): void
}

interface Lease {
  session: Session
  slot: Slot
}

interface LastEvaluation {
  history: ChatHistoryItem[]
  contextWindow: ChatHistoryItem[]
  contextShiftMetadata: unknown
  /** Messages left out of the start of the conversation to fit the window (see fitPrompt). */
  leftOut: number
}

interface Generation {
  controller: AbortController
  done: Promise<void>
}

const ABORTED = Symbol('aborted')
/** llama.cpp's line for a context buffer it allocates: "CPU KV buffer size = 8.00 MiB", "… compute buffer size = …". */
const BUFFER_SIZE = /(?:KV|compute|output|RS) buffer size =\s*([\d.]+) MiB/

/** Counters for tests and benchmarks: what the engine actually did. */
export interface EngineDiagnostics {
  /** Model files loaded into memory (llama.cpp `loadModel` calls). */
  modelLoads: number
  /** Contexts created (a thread count or context size change creates a new one). */
  contextsCreated: number
  /**
   * Tokens the model read for the last reply: the part of the prompt not already in the context
   * (a shared prefix is reused, not read again) plus each generated token fed back.
   */
  lastInputTokens: number
  /** The last context created: its KV cache type as llama.cpp names it ("F16", "Q8_0") and flash attention. */
  lastContext: { kvCacheType: string; flashAttention: boolean | 'auto' } | null
}

/**
 * node-llama-cpp behind {@link InferenceEngine}: llama → model → context → slots (a sequence and a
 * LlamaChat each), created on demand. One model is loaded at a time and loads and unloads run one
 * after another. Requests are given free slots first come, first served, and the replies being
 * written are decoded together, one token each per llama.cpp step (see lockstep.ts). A request
 * for another model (or other threads or context size) waits until the running replies finish,
 * then the engine switches, and requests behind it wait for it (docs/engine.md).
 */
export class LlamaEngine implements InferenceEngine {
  private readonly logger: Logger
  private readonly idleUnloadMs: number | null
  private llama: Promise<Llama> | null = null
  private backendChoice: BackendChoice | null = null
  private loaded: LoadedModel | null = null
  /** Serialises load/unload steps. */
  private queue: Promise<unknown> = Promise.resolve()
  private pending: { key: string; promise: Promise<Session> } | null = null
  /** Every generate call not yet finished, waiting or writing. */
  private readonly generations = new Set<Generation>()
  /** Requests waiting for a slot, first come first served. */
  private readonly waiting: Ticket[] = []
  /** The head of `waiting` is having its model loaded (or its context made). */
  private preparing = false
  private useClock = 0
  /** Thread calibrations by model file, with the id of what they were measured for (see threadCache). */
  private readonly calibrations = new Map<string, { id: string; calibration: Promise<ThreadCalibration> }>()
  private readonly calibrationCache: ThreadCalibrationCache | null
  private readonly memoryLog: MemoryLog | null
  /** The buffers llama.cpp reported allocating since the last reset (its "… buffer size = N MiB" lines). */
  private reportedBytes = 0
  private machine: Promise<CalibrationKey['machine']> | null = null
  private current: EngineStatus = { state: 'idle', modelId: null, threads: null }
  private readonly listeners = new Set<(status: EngineStatus) => void>()
  private idleTimer: ReturnType<typeof setTimeout> | null = null
  private disposed = false
  /** The memory every loaded model shares (chat, embeddings); see budget.ts. */
  private readonly budget: ModelBudget
  private readonly embeddings: EmbeddingEngine
  private readonly counters: EngineDiagnostics = {
    modelLoads: 0,
    contextsCreated: 0,
    lastInputTokens: 0,
    lastContext: null,
  }

  constructor(private readonly options: LlamaEngineOptions = {}) {
    this.logger = options.logger ?? silentLogger
    this.idleUnloadMs = options.idleUnloadMs === undefined ? DEFAULT_IDLE_UNLOAD_MS : options.idleUnloadMs
    this.calibrationCache = options.cacheDir ? new ThreadCalibrationCache(options.cacheDir) : null
    this.memoryLog = options.memoryLogFile ? new MemoryLog(options.memoryLogFile) : null
    this.budget = new ModelBudget(async () => budgetBytes(await this.hardware()))
    this.embeddings = new EmbeddingEngine({
      llama: () => this.getLlama(),
      budget: this.budget,
      estimate: async (file, contextSize) => (await estimateForModelFile(file, contextSize, await this.hardware())).totalBytes,
      logger: this.logger,
      idleUnloadMs: this.idleUnloadMs,
    })
  }

  /** Texts to vectors with an embedding model, loaded beside the chat model (see embeddings.ts). */
  embed(request: EmbedRequest): Promise<EmbedResult> {
    this.assertAlive()
    return this.embeddings.embed(request)
  }

  /** What is loaded now and its memory estimate, least recently used first. */
  loadedModels(): Array<{ key: string; name: string; bytes: number }> {
    return this.budget.loaded()
  }

  status(): EngineStatus {
    return { ...this.current }
  }

  onStatus(listener: (status: EngineStatus) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  diagnostics(): EngineDiagnostics {
    return { ...this.counters }
  }

  /** Thread calibrations done so far (for `threads: 'auto'`), by model file. */
  async threadCalibrations(): Promise<Record<string, ThreadCalibration>> {
    const result: Record<string, ThreadCalibration> = {}
    for (const [key, { calibration }] of this.calibrations) {
      try {
        result[key] = await calibration
      } catch {
        // a failed calibration is not reported
      }
    }
    return result
  }

  async load(model: ModelRef, options: LoadOptions): Promise<void> {
    this.assertAlive()
    if (this.writing() && (this.loaded?.ref.file !== model.file || !this.sessionMatches(options))) {
      throw new AuraError('busy', words('engine.stillWriting'))
    }
    await this.ready(model, options)
    this.scheduleIdleUnload()
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    this.assertAlive()
    if (!request.messages.some((m) => m.role === 'user' || m.role === 'assistant')) {
      throw new AuraError('invalid_input', words('engine.noMessage'))
    }
    const controller = new AbortController()
    const abort = () => controller.abort()
    if (request.signal?.aborted) controller.abort()
    request.signal?.addEventListener('abort', abort, { once: true })
    let finished!: () => void
    const generation: Generation = { controller, done: new Promise<void>((resolve) => (finished = resolve)) }
    this.generations.add(generation)
    this.clearIdleTimer()
    this.budget.touch(CHAT_BUDGET_KEY)

    // Stats: `tokens` counts every generated token (thoughts included); tokens/s is the decode rate
    // (first token to last); time to first token runs from the start of prompt reading, so it
    // excludes loading the model (which the status events report as 'loading') and waiting for a slot.
    let text = ''
    let tokens = 0
    let firstTokenAt: number | null = null
    let lastTokenAt = 0
    let startedAt = performance.now()
    let prompt: { inputTokens: number; cacheReadTokens: number } | null = null
    let leftOut = 0
    const result = (stopReason: GenerateResult['stopReason']): GenerateResult => {
      return {
        text,
        stopReason,
        stats: {
          tokens,
          tokensPerSecond: decodeRate(tokens, firstTokenAt, lastTokenAt),
          timeToFirstTokenMs: firstTokenAt === null ? 0 : firstTokenAt - startedAt,
          ...prompt,
          ...(leftOut > 0 && { leftOutMessages: leftOut }),
        },
      }
    }

    const phases = new ReplyPhases(request, (message, error) => this.logger.warn(`inference: ${message}`, { error: String(error) }))
    // A model not loaded yet is loaded first (once its turn comes); one loaded is read at once.
    if (this.loaded?.ref.file !== request.model.file) phases.enter('loading')

    let lease: Lease | typeof ABORTED | null = null
    // Settles when LlamaChat is done with the slot, which can be after `generate` returned: an
    // abort answers at once, but a prompt being read finishes its llama.cpp step first.
    let slotFreed: Promise<void> | null = null
    try {
      lease = await this.admit(request, controller.signal)
      if (lease === ABORTED) return result('aborted')
      const { session, slot } = lease
      phases.enter('reading')
      this.setStatus({ state: 'generating' })
      startedAt = performance.now()
      const fitted = fitPrompt(slot.chat, toChatHistory(request.messages), {
        modelId: request.model.id,
        modelName: this.loaded?.name ?? request.model.id,
        contextTokens: session.contextSize,
        maxTokens: request.maxTokens,
        previous: slot.last,
      })
      const history = fitted.history
      leftOut = fitted.leftOut
      const reply = await replyOptions(request, slot.chat, this.loaded?.name ?? request.model.id)
      const sequence = slot.sequence
      const cachedBefore = sequence.contextTokens
      const meterBefore = sequence.tokenMeter.getState()
      session.lockstep.begin(sequence)
      try {
        const work = forcingCall(slot.chat.chatWrapper, reply.force, () => slot.chat.generateResponse(history, {
          ...reply.options,
          maxTokens: request.maxTokens,
          temperature: request.temperature,
          signal: controller.signal,
          stopOnAbortSignal: true,
          onResponseChunk: (chunk) => {
            const now = performance.now()
            if (prompt === null && chunk.tokens.length > 0) {
              // The chunk's last token is not yet fed back; the ones before it (held back while they
              // looked like the start of a stop word) are.
              const read = sequence.contextTokens.slice(0, Math.max(0, sequence.contextTokens.length - (chunk.tokens.length - 1)))
              prompt = { inputTokens: read.length, cacheReadTokens: commonPrefixLength(cachedBefore, read) }
            }
            tokens += chunk.tokens.length
            const segment = segmentPiece(chunk)
            if (segment && !controller.signal.aborted) phases.piece(segment)
            if (chunk.tokens.length > 0) {
              firstTokenAt ??= now
              lastTokenAt = now
            }
          },
          onTextChunk: (piece) => {
            // After an abort `generate` has answered: nothing more reaches the caller.
            if (piece === '' || controller.signal.aborted) return
            text += piece
            phases.piece({ kind: 'text', text: piece })
            try {
              request.onText?.(piece)
            } catch (error) {
              this.logger.warn('inference: onText listener failed', { error: String(error) })
            }
          },
          ...continuedWindow(slot.last, history),
        }))
        slotFreed = work.then(
          () => session.lockstep.end(sequence),
          () => {
            slot.last = null
            session.lockstep.end(sequence)
          },
        )
        const response = await abortable(work, controller.signal)
        if (response === ABORTED) return result('aborted')
        const meter = sequence.tokenMeter.diff(meterBefore)
        this.counters.lastInputTokens = meter.usedInputTokens
        // A tool call's tokens are not streamed as response chunks: the meter counts them.
        if (response.functionCalls?.length) tokens = Math.max(tokens, meter.usedOutputTokens)
        slot.last = {
          history: response.lastEvaluation.cleanHistory,
          contextWindow: response.lastEvaluation.contextWindow,
          contextShiftMetadata: response.lastEvaluation.contextShiftMetadata,
          leftOut,
        }
        const ending = replyEnding(response, controller.signal.aborted)
        return { ...result(ending.stopReason), ...ending }
      } catch (error) {
        slot.last = null
        if (controller.signal.aborted) return result('aborted')
        throw this.generationError(error, session)
      } finally {
        if (!slotFreed) session.lockstep.end(sequence)
      }
    } finally {
      request.signal?.removeEventListener('abort', abort)
      const slot = lease && lease !== ABORTED ? lease.slot : null
      const end = () => {
        if (slot) slot.busy = false
        this.generations.delete(generation)
        finished()
        if (this.loaded && this.current.state === 'generating' && !this.writing()) this.setStatus({ state: 'ready' })
        this.pump()
        this.scheduleIdleUnload()
      }
      if (slotFreed) void slotFreed.then(end)
      else end()
    }
  }

  async unload(): Promise<void> {
    await this.stopGeneration()
    await Promise.all([this.enqueue(() => this.unloadNow()), this.embeddings.unload()])
  }

  /**
   * Starts llama.cpp again at the next load, on the back-end chosen then: once the NVIDIA speed-up is
   * installed, its CUDA build is used without restarting Aura. A back-end cannot change under a loaded
   * model, so replies being written are stopped and every model is unloaded first.
   */
  async restartBackend(): Promise<void> {
    this.assertAlive()
    await this.stopGeneration()
    await this.enqueue(async () => {
      await Promise.all([this.unloadNow(), this.embeddings.unload()])
      this.backendChoice = null
      await this.releaseLlama()
    })
  }

  async dispose(): Promise<void> {
    if (this.disposed) return
    this.disposed = true
    this.clearIdleTimer()
    await this.stopGeneration()
    await this.enqueue(() => this.unloadNow()).catch(() => {})
    await this.embeddings.dispose()
    await this.releaseLlama()
    this.listeners.clear()
  }

  /** Lets go of llama.cpp (the next `getLlama` starts it again). */
  private async releaseLlama(): Promise<void> {
    const llama = this.llama
    this.llama = null
    const instance = await llama?.catch(() => null)
    // After a failed load this can wait forever (see withTimeout): give up after a while rather
    // than keep Aura from quitting.
    if (instance) await withTimeout(instance.dispose(), LLAMA_DISPOSE_TIMEOUT_MS).catch((error: unknown) => this.logger.warn('inference: llama.cpp did not shut down cleanly', { error: String(error) }))
  }

  // ---------------------------------------------------------------- scheduling

  /**
   * Waits for this request's turn: resolves with a slot of a session ready for its model and
   * settings, or ABORTED when `signal` aborts first; rejects when its model cannot be loaded.
   */
  private admit(request: GenerateRequest, signal: AbortSignal): Promise<Lease | typeof ABORTED> {
    if (signal.aborted) return Promise.resolve(ABORTED)
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiting.indexOf(ticket)
        if (index >= 0) this.waiting.splice(index, 1)
        resolve(ABORTED)
        this.pump()
      }
      const settle = <T>(then: (value: T) => void) => (value: T) => {
        signal.removeEventListener('abort', onAbort)
        then(value)
      }
      const ticket: Ticket = { request, resolve: settle(resolve), reject: settle(reject) }
      signal.addEventListener('abort', onAbort, { once: true })
      this.waiting.push(ticket)
      this.pump()
    })
  }

  /**
   * Gives free slots to waiting requests, first come first served. When the first in line needs
   * another model (or other threads or context size), nobody behind it goes first: once the
   * running replies are done, the engine switches for it.
   */
  private pump(): void {
    while (!this.preparing && !this.disposed) {
      const ticket = this.waiting[0]
      if (!ticket) return
      const session = this.loaded?.session
      if (session && this.loaded?.ref.file === ticket.request.model.file && this.sessionMatches(ticket.request)) {
        if (!this.grant(ticket, session)) return // every slot is writing: the next to finish calls pump
        continue
      }
      if (this.writing()) return
      this.preparing = true
      this.ready(ticket.request.model, ticket.request).then(
        (ready) => {
          this.preparing = false
          if (this.waiting[0] === ticket) this.grant(ticket, ready)
          this.pump()
        },
        (error: unknown) => {
          this.preparing = false
          const index = this.waiting.indexOf(ticket)
          if (index >= 0) {
            this.waiting.splice(index, 1)
            ticket.reject(error)
          }
          this.pump()
        },
      )
      return
    }
  }

  /** Gives `ticket` the slot that suits it best (see pickSlot); false when none is free. */
  private grant(ticket: Ticket, session: Session): boolean {
    if (session.slots.every((slot) => slot.busy)) return false
    const index = pickSlot(
      session.slots.map((slot) => ({ busy: slot.busy, cacheKey: slot.cacheKey, tokens: slot.sequence.contextTokens, usedAt: slot.usedAt })),
      { cacheKey: ticket.request.cacheKey, tokens: this.promptTokens(session, ticket.request) },
    )
    const slot = index === null ? undefined : session.slots[index]
    if (!slot) return false
    this.waiting.shift()
    const key = ticket.request.cacheKey ?? null
    if (slot.cacheKey !== key) slot.last = null
    slot.cacheKey = key
    slot.busy = true
    slot.usedAt = ++this.useClock
    ticket.resolve({ session, slot })
    return true
  }

  /** The request's prompt as the chat format writes it (only to rank slots: LlamaChat itself decides what to reuse). */
  private promptTokens(session: Session, request: GenerateRequest): readonly number[] {
    const chat = session.slots[0]?.chat
    if (!chat) return []
    try {
      const { contextText } = chat.chatWrapper.generateContextState({ chatHistory: toChatHistory(request.messages) })
      return contextText.tokenize(chat.model.tokenizer)
    } catch {
      return []
    }
  }

  private writing(): boolean {
    return this.loaded?.session?.slots.some((slot) => slot.busy) ?? false
  }

  // ---------------------------------------------------------------- loading

  /** Ensures `model` is loaded with a context of these settings; concurrent identical calls share one promise. */
  private ready(model: ModelRef, options: LoadOptions): Promise<Session> {
    validateLoadOptions(options)
    const key = `${model.file}\0${String(options.threads)}\0${options.contextSize}\0${options.kvCacheType ?? 'auto'}\0${options.gpuLayers ?? 'auto'}\0${options.flashAttention ?? 'auto'}${options.loadAnyway ? '\0anyway' : ''}`
    if (this.pending?.key === key) return this.pending.promise
    const promise = this.enqueue(() => this.readyNow(model, options))
    const entry = { key, promise }
    this.pending = entry
    const clear = () => {
      if (this.pending === entry) this.pending = null
    }
    promise.then(clear, clear)
    return promise
  }

  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    const run = this.queue.then(step, step)
    this.queue = run.catch(() => {})
    return run
  }

  private async readyNow(ref: ModelRef, options: LoadOptions): Promise<Session> {
    this.assertAlive()
    const gpuLayersSetting = options.gpuLayers ?? 'auto'
    if (!this.loaded || this.loaded.ref.file !== ref.file || this.loaded.gpuLayersSetting !== gpuLayersSetting) {
      // Check the new file first: asking for a broken model leaves the current one loaded.
      const name = await this.checkModelFile(ref)
      const llama = await this.getLlama()
      const { bytes, gpuLayers } = await this.checkMemory(llama, ref, name, options)
      this.assertNotWriting()
      if (this.loaded) await this.unloadNow()
      const file = ref.file
      await this.budget.admit(
        CHAT_BUDGET_KEY,
        {
          name,
          bytes,
          busy: () => this.generations.size > 0,
          unload: () => this.enqueue(async () => (this.loaded?.ref.file === file ? this.unloadNow() : undefined)),
        },
        { force: options.loadAnyway },
      )
      this.setStatus({ state: 'loading', modelId: ref.id, threads: null })
      try {
        this.loaded = await this.loadModel(llama, ref, name, gpuLayers, gpuLayersSetting)
      } catch (error) {
        this.budget.release(CHAT_BUDGET_KEY)
        this.setStatus({ state: 'idle', modelId: null, threads: null })
        throw error
      }
    }
    const loaded = this.loaded
    loaded.ref = ref // same file, maybe a newer id
    const contextSize = Math.max(MIN_CONTEXT_SIZE, Math.min(options.contextSize, loaded.model.trainContextSize || options.contextSize))
    const threads = options.threads === 'auto' ? await this.autoThreads(loaded) : options.threads
    const kvCacheSetting = options.kvCacheType ?? 'auto'
    const flashSetting = options.flashAttention ?? 'auto'
    const session = loaded.session
    if (session && session.threads === threads && session.contextSize === contextSize && session.kvCacheSetting === kvCacheSetting && session.flashSetting === flashSetting) {
      if (!this.writing()) this.setStatus({ state: 'ready', modelId: ref.id, threads })
      return session
    }
    this.assertNotWriting()
    this.setStatus({ state: 'loading', modelId: ref.id, threads: null })
    if (session) {
      loaded.session = null
      await disposeSession(session)
    }
    try {
      loaded.session = await this.createSession(loaded, threads, contextSize, kvCacheSetting, flashSetting, options.loadAnyway ?? false)
    } catch (error) {
      this.setStatus({ state: 'ready', modelId: ref.id, threads: null })
      throw error
    }
    this.setStatus({ state: 'ready', modelId: ref.id, threads })
    return loaded.session
  }

  private getLlama(): Promise<Llama> {
    if (!this.llama) {
      this.llama = Promise.all([importNodeLlamaCpp(), this.backendPlan()])
        .then(async ([nlc, plan]) => {
          const { llama, choice } = await loadLlamaBackend(plan, {
            build: 'never', // never compile (and never download) llama.cpp at run time
            // Thread counts are chosen per context; no global cap on top of them.
            maxThreads: 0,
            // Info, for the buffer sizes llama.cpp reports (recordMemory); only errors are logged, as before.
            logLevel: nlc.LlamaLogLevel.info,
            logger: (level, message) => {
              const buffer = BUFFER_SIZE.exec(message)
              if (buffer) this.reportedBytes += Math.round(Number(buffer[1]) * 1024 ** 2)
              if (level === nlc.LlamaLogLevel.error || level === nlc.LlamaLogLevel.fatal) {
                this.logger.warn(`llama.cpp: ${message.trim()}`, { level })
              }
            },
            progressLogs: false,
          })
          this.backendChoice = choice
          this.logger.info('inference: back-end', { backend: choice.backend, device: choice.device, fallbacks: choice.fallbacks })
          return llama
        })
        .catch((error: unknown) => {
          this.llama = null
          // The OS's words go to the log file too: stderr is lost when Aura starts from a menu.
          this.logger.error('The AI engine could not start', { error: String(error) })
          throw engineStartFailure(error)
        })
    }
    return this.llama
  }

  /** CUDA, Vulkan, Metal or the processor for this machine (hardware/backend.ts); only the processor with `gpu: false`. */
  private async backendPlan(): Promise<BackendPlan> {
    if (this.options.gpu === false) return { tries: ['cpu'], skipped: [] }
    try {
      const speedup = this.options.speedupDir !== undefined && useSpeedup(this.options.speedupDir, cudaPackages(llamaPlatform()))
      const machine = await (this.options.backendMachine ?? readBackendMachine)()
      return planBackends(speedup ? { ...machine, cudaInstalled: true } : machine)
    } catch (error) {
      this.logger.warn('inference: could not read the graphics cards', { error: String(error) })
      return { tries: ['cpu'], skipped: [] }
    }
  }

  /** The back-end the engine loaded, once it has: what the hardware card says it uses. */
  backend(): BackendChoice | null {
    return this.backendChoice
  }

  /** Throws `model_not_found` or `model_invalid` (in plain words); returns the model's display name. */
  private async checkModelFile(ref: ModelRef): Promise<string> {
    try {
      if (!(await stat(ref.file)).isFile()) throw new Error('not a file')
    } catch {
      throw new AuraError('model_not_found', words('engine.fileMissing', { model: ref.id }), {
        modelId: ref.id,
        file: ref.file,
      })
    }
    const info = await readModelInfo(ref.file, dirname(ref.file))
    if (info.problem) throw new AuraError('model_invalid', info.problem, { modelId: ref.id, file: ref.file })
    if (info.embedding) throw new AuraError('invalid_input', words('engine.documentsModel', { model: info.name }), { modelId: ref.id })
    return info.name
  }

  private async loadModel(llama: Llama, ref: ModelRef, name: string, gpuLayers: number | 'auto', gpuLayersSetting: number | 'auto'): Promise<LoadedModel> {
    const nlc = await importNodeLlamaCpp()
    try {
      this.counters.modelLoads++
      const model = await llama.loadModel({ modelPath: ref.file, gpuLayers })
      this.logger.info('inference: model loaded', { modelId: ref.id, gpu: String(llama.gpu), gpuLayers: model.gpuLayers })
      return { ref, name, model, session: null, gpuLayersSetting }
    } catch (error) {
      if (error instanceof nlc.InsufficientMemoryError) throw notEnoughMemory(name)
      throw new AuraError(
        'model_load_failed',
        words('engine.cannotLoad', { model: name }),
        { modelId: ref.id, detail: String(error) },
      )
    }
  }

  /**
   * Refuses a model whose memory estimate (services/fit: weights, KV cache for this context, compute
   * buffers) does not fit this computer, before loading it, instead of letting the system swap to a
   * halt. The hardware is what this engine's llama.cpp will use: its GPU and VRAM, or none.
   * `loadAnyway` skips the check; an estimate that cannot be made does not block loading.
   */
  private async checkMemory(llama: Llama, ref: ModelRef, name: string, options: LoadOptions): Promise<{ bytes: number; gpuLayers: number | 'auto' }> {
    const plan = await this.planContext(llama, ref.file, options.contextSize, options.kvCacheType ?? 'auto', this.loaded !== null, options.loadAnyway ?? false, options)
    if (plan.fit?.label === 'too_big' && !options.loadAnyway) throw tooBig(name, plan.fit)
    return { bytes: plan.totalBytes, gpuLayers: plan.gpuLayers }
  }

  /** The computer as the budget plans with it (every model's memory counted, so all VRAM as free). */
  private async hardware() {
    return hardwareFromLlama(await this.getLlama(), { ramTotalBytes: this.options.memoryBytes, modelLoaded: true })
  }

  /**
   * The context for this model (services/fit decides): KV type, flash attention and how many slots fit
   * (one for a model loaded against the estimate's advice); node-llama-cpp's defaults and one slot when
   * the estimate cannot be made.
   */
  private async planContext(llama: Llama, file: string, contextSize: number, setting: KvCacheSetting, modelLoaded: boolean, loadAnyway: boolean, choice: LoadChoice = {}): Promise<ContextPlan> {
    const maxSequences = loadAnyway ? 1 : Math.min(MAX_SLOTS, this.options.maxSlots ?? MAX_SLOTS)
    try {
      return await planContext(llama, file, contextSize, setting, { ramTotalBytes: this.options.memoryBytes, modelLoaded }, maxSequences, choice)
    } catch (error) {
      this.logger.warn('inference: memory estimate failed', { error: String(error) })
      return { kvCacheType: 'f16', flashAttention: 'auto', fit: null, sequences: 1, totalBytes: 0, gpuLayers: choice.gpuLayers ?? 'auto' }
    }
  }

  /**
   * Keeps what the model and its context take (llama.cpp's own size reports: the weights as loaded,
   * and the KV cache, output and compute buffers it logs making the context) beside the estimate for them, so Settings can say how far off the
   * estimate is on this computer. A record that cannot be written never fails a load.
   */
  private async recordMemory(loaded: LoadedModel, plan: ContextPlan): Promise<void> {
    if (!this.memoryLog || !plan.fit) return
    await new Promise((resolve) => setTimeout(resolve, 20)) // llama.cpp's log lines arrive through the event loop
    const load = { modelId: loaded.ref.id, estimateBytes: plan.totalBytes, usedBytes: loaded.model.size + this.reportedBytes, at: Date.now() }
    this.logger.info('inference: memory used', load)
    await this.memoryLog.record(load).catch((error: unknown) => this.logger.warn('inference: memory record failed', { error: String(error) }))
  }

  private async createSession(loaded: LoadedModel, threads: number, contextSize: number, kvCacheSetting: KvCacheSetting, flashSetting: boolean | 'auto', loadAnyway: boolean): Promise<Session> {
    const nlc = await importNodeLlamaCpp()
    const plan = await this.planContext(await this.getLlama(), loaded.ref.file, contextSize, kvCacheSetting, true, loadAnyway, { gpuLayers: loaded.gpuLayersSetting, flashAttention: flashSetting })
    const sequences = plan.sequences
    const lockstep = new Lockstep()
    let context: LlamaContext
    try {
      this.counters.contextsCreated++
      this.reportedBytes = 0
      context = await loaded.model.createContext({ contextSize, threads, sequences, batching: lockstep.batching, ...llamaContextOptions(plan) })
    } catch (error) {
      const memory = error instanceof nlc.InsufficientMemoryError
      throw new AuraError(
        'model_load_failed',
        words(memory ? 'engine.contextMemory' : 'engine.cannotPrepare', { model: loaded.name, contextSize }),
        { modelId: loaded.ref.id, contextSize, detail: String(error) },
      )
    }
    await this.recordMemory(loaded, plan)
    this.counters.lastContext = { kvCacheType: nlc.GgmlType[context.kvCacheValueType] ?? String(context.kvCacheValueType), flashAttention: context.flashAttention }
    if (!lockstep.attach(context)) this.logger.warn('inference: this node-llama-cpp cannot step replies together; they are decoded as they come')
    // One wrapper for every slot: a forced tool call travels with its generation (tools.ts).
    const chatWrapper = withToolChoice(chooseChatWrapper(nlc, loaded.model))
    const slots = Array.from({ length: sequences }, (): Slot => {
      const sequence = context.getSequence()
      return { sequence, chat: new nlc.LlamaChat({ contextSequence: sequence, chatWrapper }), busy: false, cacheKey: null, usedAt: 0, last: null }
    })
    this.logger.info('inference: context ready', {
      modelId: loaded.ref.id,
      threads,
      contextSize: context.contextSize,
      slots: sequences,
      kvCacheType: plan.kvCacheType,
      flashAttention: String(context.flashAttention),
      chatFormat: chatWrapper.wrapperName,
    })
    return { threads, contextSize, kvCacheSetting, flashSetting, context, lockstep, slots }
  }

  /**
   * The thread count for `threads: 'auto'`: measured on this computer for this model (see
   * {@link calibrateThreads}), once; kept in `cacheDir` so later starts reuse it until the computer,
   * the engine or the model file changes.
   */
  private async autoThreads(loaded: LoadedModel): Promise<number> {
    const file = loaded.ref.file
    const candidates = this.options.threadCandidates ?? threadCandidates()
    let key: CalibrationKey | null = null
    try {
      key = await calibrationKey(await this.machineFingerprint(), file, candidates)
    } catch (error) {
      this.logger.warn('inference: could not identify the computer or model for thread calibration', { error: String(error) })
    }
    const id = key ? calibrationId(key) : `${file}\0${candidates.join(',')}`
    let entry = this.calibrations.get(file)
    if (!entry || entry.id !== id) {
      this.setStatus({ state: 'loading', modelId: loaded.ref.id, threads: null })
      const calibration = this.cachedOrMeasured(loaded, key, candidates)
      const current = { id, calibration }
      entry = current
      this.calibrations.set(file, current)
      calibration.catch(() => {
        if (this.calibrations.get(file) === current) this.calibrations.delete(file)
      })
    }
    try {
      return (await entry.calibration).threads
    } catch (error) {
      this.logger.warn('inference: thread calibration failed; using 1 thread', { error: String(error) })
      return 1
    }
  }

  private async cachedOrMeasured(loaded: LoadedModel, key: CalibrationKey | null, candidates: number[]): Promise<ThreadCalibration> {
    const cache = this.calibrationCache
    if (cache && key) {
      const cached = await cache.get(key).catch(() => null)
      if (cached && candidates.includes(cached.threads)) return { ...cached, fromCache: true }
    }
    const calibration = await calibrateThreads(loaded.model, candidates)
    this.logger.info('inference: threads calibrated', { modelId: loaded.ref.id, ...calibration })
    if (cache && key) {
      await cache.set(key, calibration).catch((error: unknown) => this.logger.warn('inference: could not save the thread calibration', { error: String(error) }))
    }
    return calibration
  }

  private machineFingerprint(): Promise<CalibrationKey['machine']> {
    this.machine ??= (async () => {
      const llama = await this.getLlama()
      const nlc = await importNodeLlamaCpp()
      const version = await nlc.getModuleVersion().catch(() => 'unknown')
      const release = llama.llamaCppRelease
      return machineFingerprint(`node-llama-cpp ${version}, llama.cpp ${release.release} (${llama.buildType})`, llama.gpu === false ? 'cpu' : llama.gpu)
    })()
    this.machine.catch(() => (this.machine = null))
    return this.machine
  }

  private async unloadNow(): Promise<void> {
    const loaded = this.loaded
    if (!loaded) return
    this.loaded = null
    this.budget.release(CHAT_BUDGET_KEY)
    try {
      // Bounded like the instance's dispose: a context that failed to be created can hold the
      // model's forever, and this queue must go on (every later load waits behind it).
      if (loaded.session) await withTimeout(disposeSession(loaded.session), LLAMA_DISPOSE_TIMEOUT_MS)
      await withTimeout(loaded.model.dispose(), LLAMA_DISPOSE_TIMEOUT_MS)
    } catch (error) {
      this.logger.warn('inference: unload failed', { error: String(error) })
    }
    this.setStatus({ state: 'idle', modelId: null, threads: null })
  }

  // ---------------------------------------------------------------- helpers

  private sessionMatches(options: LoadOptions): boolean {
    const session = this.loaded?.session
    if (!session) return false
    const trained = this.loaded?.model.trainContextSize || options.contextSize
    const contextSize = Math.max(MIN_CONTEXT_SIZE, Math.min(options.contextSize, trained))
    if (session.contextSize !== contextSize || session.kvCacheSetting !== (options.kvCacheType ?? 'auto') || session.flashSetting !== (options.flashAttention ?? 'auto')) return false
    return options.threads === 'auto' ? this.calibrations.has(this.loaded?.ref.file ?? '') : session.threads === options.threads
  }

  /** Stops every request, waiting or writing, and waits for them to end. */
  private async stopGeneration(): Promise<void> {
    const generations = [...this.generations]
    for (const generation of generations) generation.controller.abort()
    await Promise.all(generations.map((generation) => generation.done))
  }

  /** Replacing the context or the model under a reply being written would break it (pump never asks; `load` could). */
  private assertNotWriting(): void {
    if (this.writing()) throw new AuraError('busy', words('engine.stillWriting'))
  }

  private generationError(error: unknown, session: Session): AuraError {
    if (error instanceof AuraError) return error
    const detail = String(error)
    if (/context size|too long|context.*(full|exceed)/i.test(detail)) {
      return new AuraError(
        'generation_failed',
        words('engine.tooLong', { contextSize: session.contextSize }),
        { detail },
      )
    }
    return new AuraError('generation_failed', words('engine.stoppedWithError'), { detail })
  }

  private setStatus(patch: Partial<EngineStatus>): void {
    const next = { ...this.current, ...patch }
    if (next.state === 'idle') {
      next.modelId = null
      next.threads = null
    }
    if (next.state === this.current.state && next.modelId === this.current.modelId && next.threads === this.current.threads) return
    this.current = next
    for (const listener of this.listeners) {
      try {
        listener({ ...next })
      } catch (error) {
        this.logger.warn('inference: status listener failed', { error: String(error) })
      }
    }
  }

  private scheduleIdleUnload(): void {
    this.clearIdleTimer()
    if (this.idleUnloadMs === null || this.disposed || !this.loaded || this.generations.size > 0) return
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null
      if (this.generations.size > 0 || this.disposed) return
      this.logger.info('inference: unloading idle model', { modelId: this.loaded?.ref.id })
      void this.enqueue(() => this.unloadNow())
    }, this.idleUnloadMs)
    this.idleTimer.unref?.()
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
  }

  private assertAlive(): void {
    if (this.disposed) throw new AuraError('internal', words('engine.shutDown'))
  }
}

export function createLlamaEngine(options: LlamaEngineOptions = {}): LlamaEngine {
  return new LlamaEngine(options)
}

function validateLoadOptions(options: LoadOptions): void {
  const { threads, contextSize } = options
  if (threads !== 'auto' && (!Number.isInteger(threads) || threads < 1)) {
    throw new AuraError('invalid_input', words('engine.threads'))
  }
  if (!Number.isInteger(contextSize) || contextSize < 1) {
    throw new AuraError('invalid_input', words('engine.contextSize'))
  }
}

/** Resolves with ABORTED as soon as `signal` aborts; the work itself carries on. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | typeof ABORTED> {
  if (signal.aborted) return Promise.resolve(ABORTED)
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(ABORTED)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

function itemText(item: ChatHistoryItem): string {
  if (item.type === 'system') return typeof item.text === 'string' ? item.text : JSON.stringify(item.text)
  if (item.type === 'user') return item.text
  return item.response.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join('')
}

/**
 * When this request continues the previous one (its history starts with the previous history and
 * reply), node-llama-cpp is given the previous context window plus the new turns, so a long
 * conversation that was shifted to fit the context is shifted the same way again and the
 * evaluated tokens are reused, instead of being re-shifted and re-read every turn. Anything else
 * (another conversation, an edited message) gets no hint: the prompt is then built from `history`.
 */
function continuedWindow(
  last: LastEvaluation | null,
  history: ChatHistoryItem[],
): {
  lastEvaluationContextWindow?: { history: ChatHistoryItem[]; minimumOverlapPercentageToPreventContextShift: number }
  contextShift?: { lastEvaluationMetadata: object | null }
} {
  if (!last || history.length <= last.history.length) return {}
  for (const [index, item] of last.history.entries()) {
    const other = history[index]
    if (!other || other.type !== item.type || itemText(other) !== itemText(item)) return {}
  }
  return {
    lastEvaluationContextWindow: {
      history: [...last.contextWindow, ...history.slice(last.history.length)],
      minimumOverlapPercentageToPreventContextShift: 0.5,
    },
    contextShift: { lastEvaluationMetadata: (last.contextShiftMetadata ?? null) as object | null },
  }
}

async function disposeSession(session: Session): Promise<void> {
  for (const slot of session.slots) slot.chat.dispose()
  await session.context.dispose()
}

function notEnoughMemory(name: string): AuraError {
  return new AuraError(
    'model_load_failed',
    words('engine.notEnoughMemory', { model: name }),
  )
}

/** `model_too_big` with the numbers, and the estimate as data (the UI offers "load anyway"). */
function tooBig(name: string, fit: FitEstimate): AuraError {
  return new AuraError(
    'model_too_big',
    words('engine.tooBig', { model: name, reason: fit.reason, weights: formatBytes(fit.weightsBytes), contextSize: fit.contextSize, kvCache: formatBytes(fit.kvCacheBytes), overhead: formatBytes(fit.overheadBytes) }),
    fit,
  )
}
