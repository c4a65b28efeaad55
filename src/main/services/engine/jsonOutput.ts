import type { GbnfJsonSchema, Llama, LlamaGrammar } from 'node-llama-cpp'
import { AuraError } from '../../../shared/api'
import type { ResponseFormat } from './inferenceEngine'
import { toGbnfSchema } from './jsonSchema'

/** Grammars by llama and schema: an agent sends the same schema with every request. */
const grammars = new WeakMap<Llama, Map<string, Promise<LlamaGrammar>>>()
const KEPT_GRAMMARS = 32

/**
 * The grammar that makes a reply JSON: llama.cpp's JSON grammar for `json_object` (an object, any
 * shape), or one built from the schema for `json_schema` (the reply then parses and validates;
 * see jsonSchema.ts for the keywords a grammar can enforce). None without a format.
 */
export function outputGrammar(llama: Llama, format: ResponseFormat | undefined): Promise<LlamaGrammar> | undefined {
  if (!format) return undefined
  const schema = format.type === 'json_schema' ? toGbnfSchema(format.schema, 'the reply format') : null
  const key = schema === null ? 'json_object' : JSON.stringify(schema)
  let kept = grammars.get(llama)
  if (!kept) grammars.set(llama, (kept = new Map()))
  let grammar = kept.get(key)
  if (grammar) {
    kept.delete(key) // most recently used last
  } else {
    const base = schema === null ? llama.getGrammarFor('json') : llama.createGrammarForJsonSchema<GbnfJsonSchema>(schema)
    grammar = base
      .then((made) =>
        llama.createGrammar({
          grammar: boundedNumbers(made.grammar),
          stopGenerationTriggers: made.stopGenerationTriggers,
          trimWhitespaceSuffix: made.trimWhitespaceSuffix,
          rootRuleName: made.rootRuleName,
        }),
      )
      .catch((error: unknown) => {
        kept.delete(key)
        throw new AuraError('invalid_input', 'Aura could not turn the reply format into rules for the model. Simplify the JSON schema and try again.', { detail: String(error) })
      })
    if (kept.size >= KEPT_GRAMMARS) kept.delete(kept.keys().next().value as string)
  }
  kept.set(key, grammar)
  return grammar
}

/** An exponent of up to 16 digits, as node-llama-cpp's schema grammars and llama.cpp's JSON grammar write numbers. */
const LONG_EXPONENTS = [/\(\[eE\] \[-\+\]\? \("0" \| \[1-9\] \[0-9\]\{0,15\}\)\)\?/g, /\(\[eE\] \[-\+\]\? \[0-9\] \[1-9\]\{0,15\}\)\?/g]

/**
 * The grammar with numbers a reader can hold: the exponent allowed by node-llama-cpp 3.21 (up to
 * 16 digits, `1e999`) parses as Infinity, which JSON.stringify writes as null, and on an integer
 * (`5e-3`) it is not whole. Integers get no exponent; other numbers one of at most two digits.
 * A grammar written differently (another node-llama-cpp) is left as it is; the tests notice.
 */
export function boundedNumbers(grammar: string): string {
  return grammar
    .split('\n')
    .map((line) =>
      LONG_EXPONENTS.reduce(
        (text, exponent) => text.replace(exponent, line.startsWith('integer-number-rule ::=') ? '' : '([eE] [-+]? [0-9]{1,2})?'),
        line,
      ),
    )
    .join('\n')
}
