import type { ChatHistoryItem, ChatWrapper, LlamaModel } from 'node-llama-cpp'
import type { ChatTurn } from './inferenceEngine'

import type * as NodeLlamaCppModule from 'node-llama-cpp'

type NodeLlamaCpp = typeof NodeLlamaCppModule

/** The conversation as node-llama-cpp chat history, ending with the (empty) reply to generate. */
export function toChatHistory(messages: readonly ChatTurn[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((m) =>
    m.role === 'system'
      ? { type: 'system', text: m.content }
      : m.role === 'user'
        ? { type: 'user', text: m.content }
        : { type: 'model', response: [m.content] },
  )
  // A trailing assistant message is continued; otherwise a new reply starts.
  if (history.at(-1)?.type !== 'model') history.push({ type: 'model', response: [] })
  return history
}

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
      override readonly wrapperName = 'Continuation'

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
