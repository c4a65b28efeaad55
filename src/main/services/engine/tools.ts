import { AsyncLocalStorage } from 'node:async_hooks'
import { randomBytes } from 'node:crypto'
import type { ChatModelFunctions, ChatWrapper, LlamaChatResponse } from 'node-llama-cpp'
import { AuraError } from '../../../shared/api'
import { CONTINUATION_WRAPPER } from './chatFormat'
import type { GenerateRequest, ToolCall } from './inferenceEngine'
import { toGbnfSchema } from './jsonSchema'

/**
 * Tool calls for local models, through node-llama-cpp's function calling: the chat wrapper writes
 * the tools into the prompt in the model's own call syntax (or node-llama-cpp's generic one,
 * `||call: name({…})`, documented in the system prompt, for templates without one), and once the
 * model starts a call, a grammar built from the tool's schema writes its name and arguments — so
 * they always parse and validate.
 */

/** OpenAI's rule for tool names; the call syntax of every chat format can carry them. */
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/

export interface ToolPlan {
  /** For LlamaChat.generateResponse's `functions`; none when the reply may not call a tool. */
  functions?: ChatModelFunctions
  maxParallelFunctionCalls?: number
  /** The reply must start with a call (`required` or a named tool). */
  force: boolean
}

/** Whether a chat format can express tool calls: every chat template can; the continuation of base models cannot. */
export function canCallTools(wrapper: ChatWrapper): boolean {
  return wrapper.wrapperName !== CONTINUATION_WRAPPER
}

/** What generateResponse needs for the request's tools and tool choice; refuses what cannot be done with `invalid_input`. */
export function toolPlan(request: Pick<GenerateRequest, 'tools' | 'toolChoice' | 'parallelToolCalls' | 'responseFormat'>, wrapper: ChatWrapper, modelName: string): ToolPlan {
  const tools = request.tools ?? []
  const choice = request.toolChoice ?? 'auto'
  if (tools.length === 0) {
    if (choice === 'required' || typeof choice === 'object') throw new AuraError('invalid_input', 'A tool call was required, but the request lists no tools. Add the tools, or let the model choose.')
    return { force: false }
  }
  const names = new Set<string>()
  for (const tool of tools) {
    if (!TOOL_NAME.test(tool.name)) throw new AuraError('invalid_input', `The tool name "${tool.name}" is not allowed: use 1 to 64 letters, digits, "_" or "-".`)
    if (names.has(tool.name)) throw new AuraError('invalid_input', `Two tools are named "${tool.name}". Give each tool its own name.`)
    names.add(tool.name)
  }
  if (typeof choice === 'object' && !names.has(choice.name)) throw new AuraError('invalid_input', `The tool "${choice.name}" was required, but the request does not list it.`)
  if (choice === 'none') return { force: false }
  if (request.responseFormat) throw new AuraError('invalid_input', 'A local model cannot answer in JSON and call tools in the same reply. Ask for one or the other.')
  if (!canCallTools(wrapper)) {
    throw new AuraError('invalid_input', `"${modelName}" cannot use tools: it has no chat format (it only continues text). Choose a chat model.`)
  }
  // A named tool is the only one offered, so the call's name grammar can only write it.
  const offered = typeof choice === 'object' ? tools.filter((tool) => tool.name === choice.name) : tools
  const functions: Record<string, ChatModelFunctions[string]> = {}
  for (const tool of offered) {
    const params = toGbnfSchema(tool.parameters, `the tool "${tool.name}"`, { tool: true })
    if (!('type' in params) || params.type !== 'object') throw new AuraError('invalid_input', `The parameters of the tool "${tool.name}" must be a JSON schema of "type": "object".`)
    functions[tool.name] = { ...(tool.description ? { description: tool.description } : {}), params }
  }
  return {
    functions,
    ...(request.parallelToolCalls === false || typeof choice === 'object' ? { maxParallelFunctionCalls: 1 } : {}),
    force: choice !== 'auto',
  }
}

/** The response's function calls as ToolCalls, each with a new id. */
export function toolCallsOf(response: Pick<LlamaChatResponse<ChatModelFunctions>, 'functionCalls'>): ToolCall[] {
  return (response.functionCalls ?? []).map((call) => ({
    id: `call_${randomBytes(12).toString('base64url')}`,
    name: call.functionName,
    arguments: (call.params ?? {}) as Record<string, unknown>,
  }))
}

// ---------------------------------------------------------------- forcing a call

/**
 * A wrapper whose replies can be made to start with a call: inside {@link forcingCall}, its context
 * state says the function call is "initially engaged" (what node-llama-cpp does for formats whose
 * replies open in call mode), so LlamaChat writes the call prefix itself and the model writes only
 * a tool name (from the name grammar) and arguments (from the schema's grammar). Everything else
 * is the wrapped format's own. Whether a call is forced travels with the generation's async
 * context, so one wrapper can serve several sequences generating at once.
 */
const forcing = new AsyncLocalStorage<boolean>()
const wrapped = new WeakSet<ChatWrapper>()

export function withToolChoice(wrapper: ChatWrapper): ChatWrapper {
  const proxy = new Proxy(wrapper, {
    get(target, property, receiver) {
      if (property !== 'generateContextState') return Reflect.get(target, property, receiver) as unknown
      return (options: Parameters<ChatWrapper['generateContextState']>[0]) => {
        const context = target.generateContextState.call(receiver, options)
        if (forcing.getStore() !== true || !options.availableFunctions) return context
        return {
          contextText: context.contextText,
          stopGenerationTriggers: context.stopGenerationTriggers,
          ...(context.ignoreStartText ? { ignoreStartText: context.ignoreStartText } : {}),
          functionCall: { initiallyEngaged: true, disengageInitiallyEngaged: [] },
        }
      }
    },
  })
  wrapped.add(proxy)
  return proxy
}

/** Runs `generate` (a generation on a chat whose wrapper {@link withToolChoice} made) with a call forced when `force`. */
export function forcingCall<T>(wrapper: ChatWrapper, force: boolean, generate: () => Promise<T>): Promise<T> {
  if (!force) return generate()
  if (!wrapped.has(wrapper)) throw new AuraError('internal', 'This model cannot be made to call a tool.')
  return forcing.run(true, generate)
}
