import type { ChatHistoryItem, ChatModelFunctionCall, ChatModelResponse, ChatWrapper, LlamaModel } from 'node-llama-cpp'
import { AuraError } from '../../../shared/api'
import type { ChatTurn } from './inferenceEngine'

import type * as NodeLlamaCppModule from 'node-llama-cpp'

type NodeLlamaCpp = typeof NodeLlamaCppModule

/**
 * The conversation as node-llama-cpp chat history, ending with the (empty) reply to generate.
 * Tool calls join their model turn as function-call items carrying their results (from the `tool`
 * turns, matched by id); an assistant turn after tool results continues that model turn, as the
 * model saw it when it wrote the calls.
 */
export function toChatHistory(messages: readonly ChatTurn[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = []
  const waiting = new Map<string, ChatModelFunctionCall>()
  let afterResults = false
  for (const m of messages) {
    if (m.role === 'tool') {
      const call = waiting.get(m.toolCallId)
      if (!call) throw new AuraError('invalid_input', `A tool result answers the call "${m.toolCallId}", which no earlier reply made.`)
      call.result = toolResult(m.content)
      waiting.delete(m.toolCallId)
      afterResults = waiting.size === 0
      continue
    }
    const open = waiting.keys().next()
    if (!open.done) throw new AuraError('invalid_input', `The tool call "${open.value}" has no result. Send each call's result before the next message.`)
    const last = history.at(-1)
    if (m.role === 'assistant' && afterResults && last?.type === 'model') {
      if (m.content !== '') last.response.push(m.content)
    } else if (m.role === 'assistant') {
      history.push({ type: 'model', response: m.content === '' ? [] : [m.content] })
    } else {
      history.push(m.role === 'system' ? { type: 'system', text: m.content } : { type: 'user', text: m.content })
    }
    afterResults = false
    if (m.role !== 'assistant' || !m.toolCalls?.length) continue
    const item = history.at(-1) as ChatModelResponse
    for (const call of m.toolCalls) {
      const functionCall: ChatModelFunctionCall = { type: 'functionCall', name: call.name, params: call.arguments, result: undefined }
      item.response.push(functionCall)
      waiting.set(call.id, functionCall)
    }
  }
  const open = waiting.keys().next()
  if (!open.done) throw new AuraError('invalid_input', `The tool call "${open.value}" has no result. Send each call's result with the request.`)
  // A trailing assistant message is continued (after tool results: the model goes on from them);
  // otherwise a new reply starts.
  if (history.at(-1)?.type !== 'model') history.push({ type: 'model', response: [] })
  return history
}

/** A result that is JSON text is given to the model as that JSON (not as an escaped string). */
function toolResult(content: string): unknown {
  try {
    return JSON.parse(content) as unknown
  } catch {
    return content
  }
}

/** The wrapper name of {@link continuationChatWrapper}: a format that cannot express tool calls. */
export const CONTINUATION_WRAPPER = 'Continuation'

let continuationClass: (new () => ChatWrapper) | null = null

/**
 * For base models (no chat template): the conversation as one running text that the model simply
 * continues — "Once upon a time" → "…there was a little dog". Base models never learned a turn
 * format, and an invented one ("### Human:") mostly makes them write more turn headers.
 * Turns are joined with a space where the text does not already break; the system prompt, if any,
 * comes first as its own paragraph. The reply ends at EOS, or at a BOS (a new document).
 */
export function continuationChatWrapper(nlc: NodeLlamaCpp): ChatWrapper {
  if (!continuationClass) {
    const { ChatWrapper: Base, LlamaText, SpecialToken } = nlc
    class ContinuationChatWrapper extends Base {
      override readonly wrapperName = CONTINUATION_WRAPPER

      override generateContextState({ chatHistory }: Parameters<ChatWrapper['generateContextState']>[0]) {
        const system: string[] = []
        const turns: Array<string | ReturnType<typeof LlamaText>> = []
        let previousText = ''
        for (const item of chatHistory) {
          if (item.type === 'system') {
            system.push(LlamaText.fromJSON(item.text).toString())
            continue
          }
          const text = item.type === 'user' ? item.text : this.generateModelResponseText(item.response).toString()
          if (text === '') continue
          if (previousText !== '' && !/\s$/.test(previousText) && !/^\s/.test(text)) turns.push(' ')
          turns.push(text)
          previousText = text
        }
        const prefix = system.length > 0 ? `${system.join('\n\n')}\n\n` : ''
        return {
          contextText: LlamaText([new SpecialToken('BOS'), prefix, ...turns]),
          // Base models trained on documents that each start with BOS (llama2.c's TinyStories
          // models, for one) end a document by starting the next: a BOS ends the reply too.
          stopGenerationTriggers: [LlamaText(new SpecialToken('EOS')), LlamaText(new SpecialToken('BOS'))],
        }
      }
    }
    continuationClass = ContinuationChatWrapper
  }
  return new continuationClass()
}

/**
 * How to turn messages into the model's prompt:
 * - the model's own chat template when it has one (node-llama-cpp maps well-known templates to
 *   its tuned wrappers, and runs other Jinja templates as they are);
 * - without a template, a wrapper named by the model's name or file name (e.g. `llama-2-7b-chat`),
 *   but not node-llama-cpp's last-resort guesses (a "### Human:" format for any llama, or Llama 2
 *   chat for any model whose BOS is `<s>`): base models get {@link continuationChatWrapper}.
 */
export function chooseChatWrapper(nlc: NodeLlamaCpp, model: LlamaModel): ChatWrapper {
  const template = (model.fileInfo.metadata.tokenizer as { chat_template?: unknown } | undefined)?.chat_template
  if (typeof template === 'string' && template.trim() !== '') return nlc.resolveChatWrapper(model, { warningLogs: false })
  const named = nlc.resolveChatWrapper({
    filename: model.filename,
    fileInfo: model.fileInfo,
    tokenizer: model.tokenizer,
    warningLogs: false,
  })
  if (named && !(named instanceof nlc.GeneralChatWrapper)) return named
  return continuationChatWrapper(nlc)
}
