/**
 * A local stand-in for the cloud model providers: one real HTTP server on 127.0.0.1 that speaks, under
 * a path prefix per provider, the wire formats Aura's providers (through the Vercel AI SDK) use:
 *
 *   OpenAI-compatible flavours — /openai, /xai, /deepseek, /moonshot, /openrouter, /local
 *     GET  {prefix}[/v1|/api/v1]/models                     {object:'list', data:[{id, object:'model', owned_by}]}
 *                                                            (OpenRouter's entries add context_length and per-token pricing)
 *     POST {prefix}[/v1|/api/v1]/chat/completions            SSE chunks (+ final usage chunk with
 *                                                            stream_options.include_usage) then [DONE]; or JSON
 *     GET  /deepseek[/v1]/user/balance                       DeepSeek balance
 *     GET  /xai[/v1]/api-key                                 xAI key info
 *     GET  /openrouter[/api/v1]/key                          OpenRouter key info
 *   Anthropic — /anthropic
 *     GET  /anthropic/v1/models                              {data:[{type:'model', id, display_name, created_at}], has_more}
 *     POST /anthropic/v1/messages                            SSE events (message_start … message_stop) or JSON
 *   Gemini — /google
 *     GET  /google/v1beta/models                             {models:[{name:'models/…', inputTokenLimit, …}]}
 *     POST /google/v1beta/models/{model}:streamGenerateContent?alt=sse   SSE chunks with usageMetadata
 *     POST /google/v1beta/models/{model}:generateContent     JSON
 *
 * Each flavour answers errors with its provider's real status and body (see the reference in
 * shared/reference/cloud-providers.md §4). Replies are deterministic: "You said: <last user text>."
 * repeated to `replyTokens` words (one token = one whitespace-separated word), capped by the request's
 * max tokens; prompt tokens = words in every message (system included). The `usage` switch makes the
 * usage report cache reads and writes, thinking and a longer prompt, each provider in its own fields. The
 * `toolCall` switch scripts a tool call (OpenAI `tool_calls`, Anthropic `tool_use`; streamed with the
 * arguments in pieces, or not) and, once the tool's result is sent back, "The tool said: <result>."
 * (Gemini has no tool calls yet.) Faults are switched globally,
 * per provider flavour or per API key ({@link FakeCloud.set}); every request is recorded.
 *
 * One module per wire format (openai.ts, anthropic.ts, gemini.ts, each behind wire.ts's `Wire`);
 * server.ts routes, checks keys, applies the switches and records; stream.ts sends a streamed reply
 * with its faults.
 */
export { startFakeCloud } from './server'
export {
  FAKE_CLOUD_MODELS,
  FAKE_CLOUD_PROVIDERS,
  FAKE_CLOUD_VALID_KEY,
  FAKE_OPENROUTER_PRICES,
  type FakeCloud,
  type FakeCloudOptions,
  type FakeCloudProvider,
  type FakeCloudRequest,
  type FakeCloudSwitches,
  type FakeOpenAIFlavor,
  type FakeOpenRouterPricing,
  type FakeUsage,
} from './types'
export { countTokens, fakeReplyText, fakeReplyWords } from './words'
