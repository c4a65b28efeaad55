import { describe, expect, it } from 'vitest'
import { AuraError } from '../../../shared/api'
import { boundedNumbers } from './jsonOutput'
import { toGbnfSchema } from './jsonSchema'

const refusal = (schema: unknown): AuraError => {
  try {
    toGbnfSchema(schema, 'the tool "t"')
  } catch (error) {
    if (error instanceof AuraError) return error
    throw error
  }
  throw new Error('not refused')
}

describe('JSON Schema → grammar schema', () => {
  it('keeps what a grammar enforces and drops annotations', () => {
    expect(
      toGbnfSchema(
        {
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          title: 'Args',
          type: 'object',
          properties: { n: { type: 'integer', description: 'count', default: 1 }, d: { type: 'string', format: 'date' } },
          required: ['n'],
          additionalProperties: false,
        },
        'x',
      ),
    ).toEqual({ type: 'object', properties: { n: { type: 'integer', description: 'count' }, d: { type: 'string', format: 'date' } }, required: ['n'], additionalProperties: false })
  })

  it('maps anyOf, definitions and typed lists with keywords to what the grammar knows', () => {
    expect(toGbnfSchema({ anyOf: [{ type: 'string' }, { $ref: '#/definitions/n' }], definitions: { n: { type: 'number' } } }, 'x')).toEqual({
      oneOf: [{ type: 'string' }, { $ref: '#/$defs/n' }],
      $defs: { n: { type: 'number' } },
    })
    expect(toGbnfSchema({ type: ['string', 'null'], maxLength: 8 }, 'x')).toEqual({ oneOf: [{ type: 'string', maxLength: 8 }, { type: 'null' }] })
    expect(toGbnfSchema({ type: ['string', 'null'] }, 'x')).toEqual({ type: ['string', 'null'] })
    expect(toGbnfSchema({ type: 'string', enum: ['a', 'b'] }, 'x')).toEqual({ enum: ['a', 'b'] })
  })

  it.each([
    [{ type: 'string', pattern: '^a' }, 'pattern'],
    [{ type: 'integer', minimum: 0 }, 'minimum'],
    [{ allOf: [{ type: 'string' }] }, 'allOf'],
    [{ type: 'string', format: 'email' }, 'format: "email"'],
    [{ type: 'array', uniqueItems: true }, 'uniqueItems'],
    [{ type: 'object', properties: { a: { not: { type: 'null' } } } }, 'not'],
    [{ type: 'object', patternProperties: { '^x': {} } }, 'patternProperties'],
    [{ type: 'object', properties: {}, required: ['ghost'] }, 'ghost'],
    [{ $ref: 'https://example.com/schema' }, '$ref'],
    [{ type: 'date' }, 'type: "date"'],
  ])('refuses %j naming %s', (schema, keyword) => {
    const error = refusal(schema)
    expect(error.code).toBe('invalid_input')
    expect(error.message).toContain(`"${keyword}"`)
    expect(error.message).toMatch(/^The JSON schema of the tool "t" uses/)
  })

  it("drops a tool's value checks (its caller checks them), keeps its shape, and still refuses what changes the shape", () => {
    // Claude Code's Read tool: `offset` with bounds; its caller answers a bad value with an error result.
    const read = {
      type: 'object',
      properties: {
        offset: { type: 'integer', minimum: 0, maximum: 9007199254740991 },
        limit: { type: ['integer', 'null'], exclusiveMinimum: 0 },
        url: { type: 'string', format: 'uri', pattern: '^https?:', maxLength: 2000 },
        tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 4 },
      },
    }
    expect(toGbnfSchema(read, 'the tool "Read"', { tool: true })).toEqual({
      type: 'object',
      properties: {
        offset: { type: 'integer' },
        limit: { type: ['integer', 'null'] },
        url: { type: 'string', maxLength: 2000 },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 4 },
      },
    })
    expect(() => toGbnfSchema(read, 'the reply')).toThrow(/"minimum"/)
    expect(() => toGbnfSchema({ type: 'object', properties: { a: { not: { type: 'null' } } } }, 'the tool "t"', { tool: true })).toThrow(/"not"/)
  })
})

describe('numbers in a JSON reply', () => {
  it('integers get no exponent and other numbers one of at most two digits (the rules node-llama-cpp 3.21 and llama.cpp write)', () => {
    const grammar = [
      'root ::= "{" integer-number-rule fractional-number-rule "}"',
      'integer-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,15}) ([eE] [-+]? ("0" | [1-9] [0-9]{0,15}))?',
      'fractional-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,15}) ("." [0-9]{1,16})? ([eE] [-+]? ("0" | [1-9] [0-9]{0,15}))?',
      'number ::= ("-"? ([0-9] | [1-9] [0-9]{0,15})) ("." [0-9]+)? ([eE] [-+]? [0-9] [1-9]{0,15})? ws',
    ].join('\n')
    expect(boundedNumbers(grammar).split('\n')).toEqual([
      'root ::= "{" integer-number-rule fractional-number-rule "}"',
      'integer-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,15}) ',
      'fractional-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,15}) ("." [0-9]{1,16})? ([eE] [-+]? [0-9]{1,2})?',
      'number ::= ("-"? ([0-9] | [1-9] [0-9]{0,15})) ("." [0-9]+)? ([eE] [-+]? [0-9]{1,2})? ws',
    ])
  })
})
