import { describe, expect, it } from 'vitest'
import type { MessageToolCall } from '../api'
import { mergeCalls, useToolCalls } from './toolCalls'

const call = (id: string, state: MessageToolCall['state'], result: string | null = null): MessageToolCall => ({ id, server: 'everything', tool: 'echo', args: { message: id }, state, result, truncated: false, ms: null })

describe('a reply’s tool calls as chat.tool tells them', () => {
  it('keeps each call in its place, the newest word of each winning', () => {
    const saved = [call('a', 'done', 'Echo: a'), call('b', 'asking')]
    expect(mergeCalls(saved, [call('b', 'running'), call('c', 'asking')]).map((c) => `${c.id}:${c.state}`)).toEqual(['a:done', 'b:running', 'c:asking'])
    expect(mergeCalls(saved, [])).toBe(saved)
  })

  it('replaces a call by its id as events come, in the order first seen', () => {
    const { apply } = useToolCalls.getState()
    apply('m1', call('x', 'asking'))
    apply('m1', call('y', 'running'))
    apply('m1', call('x', 'done', 'Echo: x'))
    expect(useToolCalls.getState().live.m1!.map((c) => `${c.id}:${c.state}`)).toEqual(['x:done', 'y:running'])
  })
})
