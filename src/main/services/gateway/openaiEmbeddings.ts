/** OpenAI's Embeddings on the gateway's core: `input` (a text or a list) in, one vector per text out. */
import { z } from 'zod'
import { AuraError } from '../../../shared/api'
import type { CoreEmbeddings } from './core'

const EmbeddingRequest = z
  .object({
    model: z.string().min(1),
    input: z.union([z.string(), z.array(z.string()).min(1).max(4096)]),
    /** The official SDK asks for base64 (little-endian float32) unless told otherwise. */
    encoding_format: z.enum(['float', 'base64']).optional(),
  })
  .loose()

export function parseEmbeddingRequest(body: unknown): { model: string; texts: string[]; base64: boolean } {
  const parsed = EmbeddingRequest.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const where = issue.path.length > 0 ? `\`${issue.path.join('.')}\`: ` : ''
    throw new AuraError('invalid_input', `${where}${issue.message}`, { param: issue.path.join('.') || null })
  }
  const { model, input, encoding_format } = parsed.data
  return { model, texts: typeof input === 'string' ? [input] : input, base64: encoding_format === 'base64' }
}

export function embeddingList(result: CoreEmbeddings, base64: boolean) {
  const encode = (vector: number[]) => (base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector)
  return {
    object: 'list',
    model: result.modelId,
    data: result.vectors.map((vector, index) => ({ object: 'embedding', index, embedding: encode(vector) })),
    usage: { prompt_tokens: result.tokens, total_tokens: result.tokens },
  }
}
