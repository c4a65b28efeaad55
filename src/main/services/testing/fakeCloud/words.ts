/**
 * The fake cloud's deterministic text: one token per whitespace-separated word, and the reply
 * "You said: <last user text>." repeated to the asked length.
 */
/** One token per whitespace-separated word. */
export function countTokens(text: string): number {
  return words(text).length
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean)
}

/** The reply's words for a last-user text: "You said: <text>." repeated to `tokens` words (default one sentence). */
export function fakeReplyWords(lastUserText: string, tokens?: number): string[] {
  const sentence = words(`You said: ${lastUserText.trim() || 'nothing'}.`)
  const n = tokens ?? sentence.length
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push(sentence[i % sentence.length] ?? '')
  return out
}

/** The reply once a scripted tool call's result is back: "The tool said: <result>." */
export function toolAnswerWords(result: string): string[] {
  return words(`The tool said: ${result.trim() || 'nothing'}.`)
}

/** The full reply text (words joined by single spaces), as the stream's chunks concatenate to. */
export function fakeReplyText(lastUserText: string, tokens?: number): string {
  return fakeReplyWords(lastUserText, tokens).join(' ')
}
