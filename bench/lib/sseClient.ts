/**
 * A client of Aura's API as apps are: `fetch` posting a streamed Chat Completions request with an
 * app's key and reading the SSE answer as it arrives. Times are taken where the client sees them.
 */

export interface StreamedReply {
  /** performance.now() at the client: request sent, first byte of the answer's body, each text delta's arrival. */
  sentAt: number
  firstByteAt: number
  deltaAt: number[]
  text: string
  /** `usage.completion_tokens` (the request asks for the usage chunk). */
  tokens: number
}

export async function streamChat(baseUrl: string, key: string, body: Record<string, unknown>): Promise<StreamedReply> {
  const sentAt = performance.now()
  const response = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, stream: true, stream_options: { include_usage: true } }),
  })
  if (!response.ok || !response.body) throw new Error(`the API answered ${response.status}: ${await response.text()}`)
  const reply: StreamedReply = { sentAt, firstByteAt: 0, deltaAt: [], text: '', tokens: 0 }
  const decoder = new TextDecoder()
  let buffered = ''
  for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
    const at = performance.now()
    if (reply.firstByteAt === 0) reply.firstByteAt = at
    buffered += decoder.decode(bytes, { stream: true })
    const events = buffered.split('\n\n')
    buffered = events.pop()!
    for (const event of events) {
      const data = event.startsWith('data: ') ? event.slice(6) : null
      if (data === null || data === '[DONE]') continue
      const chunk = JSON.parse(data) as { choices: { delta: { content?: string } }[]; usage?: { completion_tokens: number }; error?: { message: string } }
      if (chunk.error) throw new Error(`the stream ended with an error: ${chunk.error.message}`)
      const content = chunk.choices[0]?.delta.content
      if (content) {
        reply.text += content
        reply.deltaAt.push(at)
      }
      if (chunk.usage) reply.tokens = chunk.usage.completion_tokens
    }
  }
  return reply
}
