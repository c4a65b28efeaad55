import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AuraError } from '../../../shared/api'
import { rejection } from '../testing/rejection'
import { writeFile } from 'node:fs/promises'
import { encodeGguf, gguf } from '../testing/gguf'
import { buildTinyLlama, writeTinyLlama } from '../testing/tinyLlama'
import type { GenerateRequest, ModelRef, ToolDefinition } from './inferenceEngine'
import { importNodeLlamaCpp } from '../models/modelInfo'
import { chooseChatWrapper, toChatHistory } from './chatFormat'
import { LlamaEngine } from './llamaEngine'
import { forcingCall, toolPlan, withToolChoice } from './tools'

// The tiny llama's weights are random: whatever it writes is noise, so valid arguments and JSON
// can only come from the grammar.

let dir: string
let chatml: ModelRef
let base: ModelRef
let qwen: ModelRef // a Jinja template with its own tool-call syntax (Qwen 2.5's, shortened)
let engine: LlamaEngine

const WEATHER: ToolDefinition = {
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: {
    type: 'object',
    properties: {
      city: { type: 'string', maxLength: 24 },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      when: {
        type: 'object',
        properties: { day: { enum: ['today', 'tomorrow'] }, hourly: { type: 'boolean' } },
        required: ['day'],
        additionalProperties: false,
      },
      tags: { type: 'array', items: { enum: ['rain', 'sun'] }, maxItems: 3 },
    },
    required: ['city', 'unit', 'when'],
    additionalProperties: false,
  },
}
const CLOCK: ToolDefinition = { name: 'get_time', description: 'The time now', parameters: { type: 'object', properties: {} } }

const valid = (schema: Record<string, unknown>) => z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0])

function request(overrides: Partial<GenerateRequest> = {}): GenerateRequest {
  return {
    model: chatml,
    messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
    maxTokens: 300,
    temperature: 0.9,
    threads: 1,
    contextSize: 2048,
    ...overrides,
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-tools-'))
  chatml = { id: 'chatml', file: await writeTinyLlama(join(dir, 'chatml.gguf'), { seed: 21, chatTemplate: true }) }
  base = { id: 'base', file: await writeTinyLlama(join(dir, 'base.gguf'), { seed: 22 }) }
  const { metadata, tensors } = buildTinyLlama({ seed: 23 })
  qwen = { id: 'qwen', file: join(dir, 'qwen.gguf') }
  await writeFile(qwen.file, encodeGguf([...metadata, ['tokenizer.chat_template', gguf.str(QWEN_TOOLS_TEMPLATE)] as const], tensors))
  engine = new LlamaEngine({ gpu: false, idleUnloadMs: null })
})

afterAll(async () => {
  await engine?.dispose()
  await rm(dir, { recursive: true, force: true })
})

describe('tool calls on a local model', () => {
  it("'required': the reply is a call whose arguments validate against the tool's schema (required fields, enums, nested objects), for any seed", async () => {
    const schema = valid(WEATHER.parameters)
    for (const seed of [1, 2, 3, 4, 5]) {
      const result = await engine.generate(request({ tools: [WEATHER, CLOCK], toolChoice: 'required', seed }))
      expect(result.stopReason).toBe('tool_calls')
      expect(result.toolCalls).toHaveLength(1)
      const [call] = result.toolCalls ?? []
      expect(call?.id).toMatch(/^call_/)
      expect(result.stats.tokens).toBeGreaterThan(0)
      if (call?.name === 'get_weather') expect(schema.safeParse(call.arguments).error).toBeUndefined()
      else expect(call?.arguments).toEqual({})
    }
  })

  it('a named tool: the reply calls that tool', async () => {
    for (const seed of [1, 2, 3]) {
      const result = await engine.generate(request({ tools: [CLOCK, WEATHER], toolChoice: { name: 'get_weather' }, seed }))
      expect(result.stopReason).toBe('tool_calls')
      expect(result.toolCalls?.map((call) => call.name)).toEqual(['get_weather'])
      expect(valid(WEATHER.parameters).safeParse(result.toolCalls?.[0]?.arguments).error).toBeUndefined()
    }
  })

  it("'none': the reply is text, with no call", async () => {
    const result = await engine.generate(request({ tools: [WEATHER], toolChoice: 'none', maxTokens: 12 }))
    expect(result.toolCalls).toBeUndefined()
    expect(result.stopReason).toBe('max_tokens')
    expect(result.text.length).toBeGreaterThan(0)
    // 'auto' after forced requests is not forced: the random model writes text.
    const auto = await engine.generate(request({ tools: [WEATHER], maxTokens: 12 }))
    expect(auto.stopReason).toBe('max_tokens')
    expect(auto.toolCalls).toBeUndefined()
  })

  it('a conversation with a tool result goes on from it', async () => {
    const first = await engine.generate(request({ tools: [WEATHER], toolChoice: 'required', seed: 7 }))
    const call = first.toolCalls?.[0]
    if (!call) throw new Error('no call')
    const result = await engine.generate(
      request({
        tools: [WEATHER],
        maxTokens: 12,
        messages: [
          { role: 'user', content: 'What is the weather in Paris?' },
          { role: 'assistant', content: first.text, toolCalls: [call] },
          { role: 'tool', toolCallId: call.id, name: call.name, content: '{"temperature": 21}' },
        ],
      }),
    )
    expect(['max_tokens', 'end', 'tool_calls']).toContain(result.stopReason)
    expect(result.stats.tokens).toBeGreaterThan(0)
  })

  it("a template with its own call syntax: the model's syntax, several calls per reply, and the conversation goes on from the results", async () => {
    const first = await engine.generate(request({ model: qwen, tools: [WEATHER], toolChoice: 'required', parallelToolCalls: false, seed: 1 }))
    expect(first.stopReason).toBe('tool_calls')
    expect(first.toolCalls).toHaveLength(1)
    const call = first.toolCalls?.[0]
    if (!call) throw new Error('no call')
    expect(valid(WEATHER.parameters).safeParse(call.arguments).error).toBeUndefined()
    const next = await engine.generate(
      request({
        model: qwen,
        tools: [WEATHER],
        maxTokens: 8,
        messages: [
          { role: 'user', content: 'What is the weather in Paris?' },
          { role: 'assistant', content: '', toolCalls: [call] },
          { role: 'tool', toolCallId: call.id, name: call.name, content: '{"temperature": 21}' },
        ],
      }),
    )
    expect(next.stats.tokens).toBeGreaterThan(0)
    // Without the limit of one, the format's parallel calls come back together (each validating).
    const several = await engine.generate(request({ model: qwen, tools: [WEATHER], toolChoice: 'required', seed: 3, maxTokens: 400 }))
    expect(several.toolCalls?.length).toBeGreaterThan(1)
    for (const each of several.toolCalls ?? []) expect(valid(WEATHER.parameters).safeParse(each.arguments).error).toBeUndefined()
  })

  it('a call without its result, or a result for no call, is refused in plain words', async () => {
    const call = { id: 'call_1', name: 'get_time', arguments: {} }
    const missing = await rejection(
      engine.generate(request({ tools: [CLOCK], messages: [{ role: 'user', content: 'time?' }, { role: 'assistant', content: '', toolCalls: [call] }] })),
    )
    expect(missing).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('"call_1" has no result') })
    const stray = await rejection(engine.generate(request({ messages: [{ role: 'user', content: 'hi' }, { role: 'tool', toolCallId: 'x', name: 'get_time', content: '1' }] })))
    expect(stray).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('no earlier reply made') })
  })

  it('a schema keyword a grammar cannot enforce is refused with invalid_input naming it (a tool\'s value checks are left to its caller)', async () => {
    const tool: ToolDefinition = { name: 'search', parameters: { type: 'object', properties: { q: { not: { type: 'null' } } } } }
    const error = await rejection(engine.generate(request({ tools: [tool], toolChoice: 'required' })))
    expect(error).toBeInstanceOf(AuraError)
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('"not"') })
    expect((error as AuraError).message).toContain('/properties/q')
    const checked: ToolDefinition = { name: 'search', parameters: { type: 'object', properties: { q: { type: 'string', pattern: '^a', maxLength: 4 } } } }
    expect((await engine.generate(request({ tools: [checked], toolChoice: 'required' }))).toolCalls?.map((call) => call.name)).toEqual(['search'])
    const json = await rejection(engine.generate(request({ responseFormat: { type: 'json_schema', schema: { type: 'integer', minimum: 3 } } })))
    expect(json).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('"minimum"') })
  })

  it('a model without a chat format cannot call tools: a plain error', async () => {
    const error = await rejection(engine.generate(request({ model: base, tools: [WEATHER], toolChoice: 'required' })))
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('cannot use tools') })
  })
})

describe('one wrapper, several sequences at once', () => {
  it('a forced call on one sequence does not force the other generating beside it', async () => {
    const nlc = await importNodeLlamaCpp()
    const llama = await nlc.getLlama({ build: 'never', gpu: false })
    const model = await llama.loadModel({ modelPath: chatml.file })
    const context = await model.createContext({ sequences: 2, contextSize: 2048, threads: 1 })
    try {
      const wrapper = withToolChoice(chooseChatWrapper(nlc, model))
      const [a, b] = [new nlc.LlamaChat({ contextSequence: context.getSequence(), chatWrapper: wrapper }), new nlc.LlamaChat({ contextSequence: context.getSequence(), chatWrapper: wrapper })]
      const { functions } = toolPlan({ tools: [WEATHER] }, wrapper, 'tiny')
      const history = toChatHistory([{ role: 'user', content: 'What is the weather in Paris?' }])
      const [forced, free] = await Promise.all([
        forcingCall(wrapper, true, () => a.generateResponse(history, { functions, maxTokens: 300, seed: 1 })),
        forcingCall(wrapper, false, () => b.generateResponse(history, { functions, maxTokens: 12, seed: 1 })),
      ])
      expect(forced.functionCalls?.map((call) => call.functionName)).toEqual(['get_weather'])
      expect(free.functionCalls ?? []).toEqual([])
      expect(free.metadata.stopReason).toBe('maxTokens')
    } finally {
      await context.dispose()
      await model.dispose()
      await llama.dispose()
    }
  })
})

describe('JSON replies on a local model', () => {
  const PERSON = {
    type: 'object',
    properties: {
      name: { type: 'string', maxLength: 20 },
      admin: { type: 'boolean' },
      role: { enum: ['admin', 'user'] },
      address: { type: 'object', properties: { city: { type: 'string', maxLength: 20 }, zip: { type: ['string', 'null'], maxLength: 8 } }, required: ['city'] },
      nicknames: { type: 'array', items: { type: 'string', maxLength: 10 }, maxItems: 2 },
      born: { type: 'string', format: 'date' },
    },
    required: ['name', 'admin', 'role', 'address'],
    additionalProperties: false,
  }

  it('json_schema: the reply parses and validates, for many seeds', async () => {
    const schema = valid(PERSON)
    for (let seed = 1; seed <= 12; seed++) {
      const result = await engine.generate(request({ responseFormat: { type: 'json_schema', schema: PERSON }, seed }))
      expect(result.stopReason).toBe('end')
      expect(schema.safeParse(JSON.parse(result.text)).error).toBeUndefined()
    }
  })

  it('json_schema numbers are finite, and integers are whole (the exponent is bounded: see docs/engine.md)', async () => {
    const COUNT = { type: 'object', properties: { count: { type: 'integer' }, share: { type: 'number' } }, required: ['count', 'share'] }
    for (let seed = 1; seed <= 20; seed++) {
      const result = await engine.generate(request({ responseFormat: { type: 'json_schema', schema: COUNT }, seed }))
      const value = JSON.parse(result.text) as { count: number; share: number }
      expect(Object.keys(value)).toEqual(['count', 'share'])
      expect(Number.isInteger(value.count)).toBe(true)
      expect(Number.isFinite(value.share)).toBe(true)
    }
  })

  it('json_object: the reply is a JSON object (cut short at the limit, it is only unfinished)', async () => {
    for (let seed = 1; seed <= 3; seed++) {
      const result = await engine.generate(request({ responseFormat: { type: 'json_object' }, seed, maxTokens: 60 }))
      expect(result.text.trimStart().startsWith('{')).toBe(true)
      if (result.stopReason === 'end') expect(JSON.parse(result.text)).toBeTypeOf('object')
      else expect(result.stopReason).toBe('max_tokens')
    }
  })

  it('the same seed gives the same reply', async () => {
    const a = await engine.generate(request({ seed: 42, maxTokens: 16, topP: 0.9 }))
    const b = await engine.generate(request({ seed: 42, maxTokens: 16, topP: 0.9 }))
    expect(b.text).toBe(a.text)
  })
})

describe('stop strings', () => {
  it('the reply ends before the first stop string, and says which', async () => {
    const free = await engine.generate(request({ seed: 5, maxTokens: 40, temperature: 0 }))
    const word = free.text.trim().split(/\s+/)[3]
    if (!word) throw new Error(`too few words: ${free.text}`)
    const result = await engine.generate(request({ seed: 5, maxTokens: 40, temperature: 0, stop: [word, 'never-written'] }))
    expect(result.stopReason).toBe('stop')
    expect(result.stopSequence).toBe(word)
    expect(result.text).not.toContain(word)
    expect(free.text.startsWith(result.text)).toBe(true)
  })
})

const QWEN_TOOLS_TEMPLATE = `{%- if tools %}<|im_start|>system
You are provided with function signatures within <tools></tools> XML tags:
<tools>{%- for tool in tools %}
{{ tool | tojson }}{%- endfor %}
</tools>

For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:
<tool_call>
{"name": <function-name>, "arguments": <args-json-object>}
</tool_call><|im_end|>
{%- endif %}
{%- for message in messages %}
{%- if message.role == "user" or message.role == "system" or (message.role == "assistant" and not message.tool_calls) %}
{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}
{%- elif message.role == "assistant" %}
{{- '<|im_start|>' + message.role }}{%- if message.content %}{{- '\\n' + message.content }}{%- endif %}
{%- for tool_call in message.tool_calls %}{%- if tool_call.function is defined %}{%- set tool_call = tool_call.function %}{%- endif %}
{{- '\\n<tool_call>\\n{"name": "' }}{{- tool_call.name }}{{- '", "arguments": ' }}{{- tool_call.arguments | tojson }}{{- '}\\n</tool_call>' }}
{%- endfor %}{{- '<|im_end|>\\n' }}
{%- elif message.role == "tool" %}
{%- if (loop.index0 == 0) or (messages[loop.index0 - 1].role != "tool") %}{{- '<|im_start|>user' }}{%- endif %}
{{- '\\n<tool_response>\\n' }}{{- message.content }}{{- '\\n</tool_response>' }}
{%- if loop.last or (messages[loop.index0 + 1].role != "tool") %}{{- '<|im_end|>\\n' }}{%- endif %}
{%- endif %}{%- endfor %}
{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}`
