import { describe, expect, it } from 'vitest'
import { argumentText, linesOf, pairsOf } from './toolWords'

describe('the add-a-server boxes', () => {
  it('reads arguments one per line, blank lines left out', () => {
    expect(linesOf('-y\n  @modelcontextprotocol/server-everything \n\nstdio\r\n')).toEqual(['-y', '@modelcontextprotocol/server-everything', 'stdio'])
  })

  it('reads NAME=value and Name: value lines; a value may hold the separator', () => {
    expect(pairsOf('API_TOKEN=abc=def\n\n  MODE = fast ', 'env')).toEqual({ pairs: { API_TOKEN: 'abc=def', MODE: 'fast' } })
    expect(pairsOf('Authorization: Bearer x:y\nX-Team: blue', 'headers')).toEqual({ pairs: { Authorization: 'Bearer x:y', 'X-Team': 'blue' } })
  })

  it('says which line is wrong, in plain words', () => {
    expect(pairsOf('GOOD=1\nnot a pair', 'env')).toEqual({ problem: expect.stringContaining('Line 2 of the environment variables') as string })
    expect(pairsOf('1BAD=x', 'env')).toEqual({ problem: expect.stringContaining('Line 1') as string })
    expect(pairsOf('Bad Name: x', 'headers')).toEqual({ problem: expect.stringContaining('Line 1 of the headers') as string })
  })
})

describe('a tool’s arguments in words', () => {
  it('shows text as it is and anything else as JSON', () => {
    expect(argumentText('hello')).toBe('hello')
    expect(argumentText(3)).toBe('3')
    expect(argumentText({ a: [1, true] })).toBe('{"a":[1,true]}')
    expect(argumentText(null)).toBe('null')
  })
})
