import type { GbnfJsonSchema } from 'node-llama-cpp'
import { AuraError } from '../../../shared/api'

/**
 * JSON Schema (as the OpenAI and Anthropic APIs and MCP tools send it) → node-llama-cpp's
 * GbnfJsonSchema, the subset a grammar can enforce token by token. What a grammar cannot enforce
 * (a `pattern`, a `minimum`, `allOf`…) is refused with `invalid_input` naming the keyword, rather
 * than dropped: a dropped rule would let the model write arguments that parse but do not validate.
 *
 * Mapped: `anyOf` → `oneOf` (the grammar writes one alternative); a type list whose types carry
 * keywords (`["object", "null"]`, a nullable string with `maxLength`) → `oneOf`, one per type;
 * `definitions` → `$defs`. Dropped as annotations:
 * `title`, `default`, `examples`, `$schema`, `$id`, `$comment`, `deprecated`, `readOnly`,
 * `writeOnly`. Every listed property is written (the grammar treats them all as required), which
 * still validates when `required` lists fewer.
 *
 * `tool`: the schema of a tool's arguments. The app that runs a tool checks its arguments itself and
 * tells the model when they do not fit (Claude Code answers with an error result), so there value
 * checks a grammar cannot hold (numeric bounds, `multipleOf`, `pattern`, `uniqueItems`, other
 * `format`s) are dropped, not refused: one `minimum` among an agent's twenty tools must not refuse
 * the request. A `response_format` schema is the answer itself, and keeps them refused.
 */
export function toGbnfSchema(schema: unknown, what: string, options: { tool?: boolean } = {}): GbnfJsonSchema {
  return convert(schema, { what, tool: options.tool === true }, '')
}

interface Target {
  what: string
  tool: boolean
}

/** Any JSON value (node-llama-cpp writes any JSON for an untyped array item or extra property). */
const ANY_JSON: GbnfJsonSchema = {
  oneOf: [{ type: ['string', 'number', 'boolean', 'null'] }, { type: 'array' }, { type: 'object', additionalProperties: true }],
}
const ANNOTATIONS = new Set(['title', 'default', 'examples', '$schema', '$id', '$comment', 'deprecated', 'readOnly', 'writeOnly'])
const PRIMITIVES = new Set(['string', 'number', 'integer', 'boolean', 'null'])
const FORMATS = new Set(['date-time', 'time', 'date'])
/** Checks of a value, not of its shape: a tool's caller checks them (see toGbnfSchema). */
const VALUE_CHECKS = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'pattern', 'uniqueItems'])
/** Keywords each kind of schema may carry (besides `description` and the annotations). */
const ALLOWED: Record<string, ReadonlySet<string>> = {
  object: new Set(['type', 'properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties', '$defs', 'definitions']),
  array: new Set(['type', 'items', 'prefixItems', 'minItems', 'maxItems', '$defs', 'definitions']),
  string: new Set(['type', 'minLength', 'maxLength', 'format']),
  primitive: new Set(['type']),
  enum: new Set(['enum', 'type']),
  const: new Set(['const', 'type']),
  oneOf: new Set(['oneOf', 'anyOf', '$defs', 'definitions']),
  ref: new Set(['$ref', '$defs', 'definitions']),
}

function refuse(what: string, at: string, keyword: string, why = 'which Aura cannot enforce on a local model'): never {
  throw new AuraError(
    'invalid_input',
    `The JSON schema of ${what} uses "${keyword}"${at ? ` (at ${at})` : ''}, ${why}. Remove it from the schema, or use a cloud model.`,
    { keyword, path: at || '/' },
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function convert(schema: unknown, target: Target, at: string): GbnfJsonSchema {
  const { what } = target
  // `true` / `{}` accept any JSON value: the grammar's "any JSON".
  if (schema === true || (isRecord(schema) && Object.keys(schema).every((key) => ANNOTATIONS.has(key) || key === 'description'))) {
    return ANY_JSON
  }
  if (!isRecord(schema)) refuse(what, at, String(schema), 'which is not a schema')
  const split = splitTypes(schema, target, at)
  if (split) return convert(split, target, at)
  const kind = kindOf(schema, what, at)
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue
    if (key === 'description') {
      if (typeof value === 'string') out.description = value
      continue
    }
    if (target.tool && (VALUE_CHECKS.has(key) || (key === 'format' && !FORMATS.has(value as string)))) continue
    if (!ALLOWED[kind]?.has(key)) refuse(what, at, key)
    const here = `${at}/${key}`
    switch (key) {
      case 'properties': {
        if (!isRecord(value)) refuse(what, here, key, 'which must be an object')
        out.properties = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convert(sub, target, `${here}/${name}`)]))
        break
      }
      case 'additionalProperties':
        out.additionalProperties = typeof value === 'boolean' ? value : convert(value, target, here)
        break
      case 'items':
        if (value === false) out.maxItems = 0
        else out.items = convert(value, target, here)
        break
      case 'prefixItems':
        if (!Array.isArray(value)) refuse(what, here, key, 'which must be a list')
        out.prefixItems = value.map((sub, i) => convert(sub, target, `${here}/${i}`))
        break
      case 'oneOf':
      case 'anyOf':
        if (!Array.isArray(value) || value.length === 0) refuse(what, here, key, 'which must be a non-empty list')
        out.oneOf = value.map((sub, i) => convert(sub, target, `${here}/${i}`))
        break
      case '$defs':
      case 'definitions':
        if (!isRecord(value)) refuse(what, here, key, 'which must be an object')
        out.$defs = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convert(sub, target, `${here}/${name}`)]))
        break
      case '$ref':
        if (typeof value !== 'string' || !/^#\/(\$defs|definitions)\/[^/]+$/.test(value)) refuse(what, here, key, 'which may only point to "#/$defs/…"')
        out.$ref = value.replace('#/definitions/', '#/$defs/')
        break
      case 'format':
        if (typeof value !== 'string' || !FORMATS.has(value)) refuse(what, here, `format: ${JSON.stringify(value)}`)
        out.format = value
        break
      case 'type':
        // An enum's or const's own type adds nothing the values do not say.
        if (kind !== 'enum' && kind !== 'const') out.type = value
        break
      default:
        out[key] = value
    }
  }
  if (kind === 'object' && Array.isArray(out.required)) {
    const listed = new Set(Object.keys((out.properties as object | undefined) ?? {}))
    const missing = (out.required as unknown[]).find((name) => typeof name !== 'string' || !listed.has(name))
    if (missing !== undefined) refuse(what, `${at}/required`, String(missing), 'a required property that "properties" does not describe, so its value is unknown')
  }
  return out as GbnfJsonSchema
}

/**
 * A type list whose types carry their own keywords (`{"type": ["string", "null"], "maxLength": 8}`)
 * as one alternative per type, each with the keywords that apply to it (JSON Schema ignores the
 * others for that type).
 */
function splitTypes(schema: Record<string, unknown>, target: Target, at: string): Record<string, unknown> | null {
  const { what } = target
  const types = schema.type
  if (!Array.isArray(types) || types.length < 2) return null
  const keywords = Object.keys(schema).filter((key) => key !== 'type' && key !== 'description' && !ANNOTATIONS.has(key) && !(target.tool && VALUE_CHECKS.has(key)))
  if (keywords.length === 0 && types.every((t) => typeof t === 'string' && PRIMITIVES.has(t))) return null
  const kindFor = (type: unknown): string => (type === 'object' || type === 'array' || type === 'string' ? type : 'primitive')
  for (const key of keywords) if (!types.some((type) => ALLOWED[kindFor(type)]?.has(key))) refuse(what, at, key)
  const alternatives = types.map((type) => Object.fromEntries([['type', type], ...keywords.filter((key) => ALLOWED[kindFor(type)]?.has(key)).map((key) => [key, schema[key]])]))
  return { oneOf: alternatives, ...(typeof schema.description === 'string' ? { description: schema.description } : {}) }
}

/** Which kind of schema this is (a type list here has only primitive types, see splitTypes). */
function kindOf(schema: Record<string, unknown>, what: string, at: string): keyof typeof ALLOWED {
  if ('$ref' in schema) return 'ref'
  if ('oneOf' in schema || 'anyOf' in schema) return 'oneOf'
  if ('enum' in schema) return 'enum'
  if ('const' in schema) return 'const'
  const type = schema.type
  if (type === undefined) {
    for (const key of ['allOf', 'not', 'if']) if (key in schema) refuse(what, at, key)
    return 'primitive' // a schema with only keywords we do not know: named below as refused
  }
  if (type === 'object' || type === 'array' || type === 'string') return type
  const types = Array.isArray(type) ? type : [type]
  if (types.length > 0 && types.every((t) => typeof t === 'string' && PRIMITIVES.has(t))) return types.length === 1 && types[0] === 'string' ? 'string' : 'primitive'
  refuse(what, `${at}/type`, `type: ${JSON.stringify(type)}`, 'which is not a JSON type')
}
