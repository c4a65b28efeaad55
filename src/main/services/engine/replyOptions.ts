import { randomInt } from 'node:crypto'
import type { ChatModelFunctions, LLamaChatGenerateResponseOptions, LlamaChat, LlamaChatResponse, LlamaGrammar } from 'node-llama-cpp'
import { AuraError } from '../../../shared/api'
import type { GenerateRequest, GenerateResult } from './inferenceEngine'
import { outputGrammar } from './jsonOutput'
import { toolCallsOf, toolPlan } from './tools'

/** node-llama-cpp takes a grammar or functions, never both (toolPlan refuses tools with a format). */
type Options = Pick<LLamaChatGenerateResponseOptions<ChatModelFunctions>, 'customStopTriggers' | 'topP' | 'seed'> &
  ({ grammar: LlamaGrammar; functions?: undefined } | { grammar?: undefined; functions?: ChatModelFunctions; maxParallelFunctionCalls?: number })

/**
 * What a request asks of the reply beyond its length and temperature, as LlamaChat.generateResponse
 * options: tools, JSON output, stop strings, top-p and seed. `force`: the reply must start with a
 * tool call (run the generation through tools.ts `forcingCall`). Refuses what a local model
 * cannot do with `invalid_input`.
 */
export async function replyOptions(request: GenerateRequest, chat: LlamaChat, modelName: string): Promise<{ options: Options; force: boolean }> {
  const plan = toolPlan(request, chat.chatWrapper, modelName)
  const stop = (request.stop ?? []).filter((s) => s !== '')
  if (request.topP !== undefined && !(request.topP > 0 && request.topP <= 1)) throw new AuraError('invalid_input', 'top_p must be more than 0 and at most 1.')
  if (request.seed !== undefined && !Number.isSafeInteger(request.seed)) throw new AuraError('invalid_input', 'The seed must be a whole number.')
  const grammar = await outputGrammar(chat.model.llama, request.responseFormat)
  return {
    force: plan.force,
    options: {
      ...(grammar ? { grammar } : { functions: plan.functions, maxParallelFunctionCalls: plan.maxParallelFunctionCalls }),
      ...(stop.length > 0 && { customStopTriggers: stop }),
      ...(request.topP !== undefined && { topP: request.topP }),
      // llama.cpp's seed is 32-bit unsigned. None named: a fresh one per reply — node-llama-cpp's default (the
      // current second) gave every reply within one second the same words, so Regenerate could change nothing.
      seed: request.seed !== undefined ? request.seed >>> 0 : randomInt(2 ** 32),
    },
  }
}

/** How the reply ended, with its tool calls or the stop string that ended it. */
export function replyEnding(response: LlamaChatResponse<ChatModelFunctions>, aborted: boolean): Pick<GenerateResult, 'stopReason' | 'toolCalls' | 'stopSequence'> {
  const { metadata } = response
  if (metadata.stopReason === 'abort' || aborted) return { stopReason: 'aborted' }
  // Calls written in full before the length limit (in a format with several calls per reply) are kept.
  const calls = response.functionCalls?.length ? { toolCalls: toolCallsOf(response) } : {}
  if (metadata.stopReason === 'maxTokens') return { stopReason: 'max_tokens', ...calls }
  if (metadata.stopReason === 'functionCalls') return { stopReason: 'tool_calls', ...calls }
  if (metadata.stopReason === 'customStopTrigger') return { stopReason: 'stop', stopSequence: metadata.customStopTrigger.map((part) => (typeof part === 'string' ? part : '')).join('') }
  return { stopReason: 'end' }
}
