/** OpenAI's Embeddings on the gateway's core: `input` (a text or a list) in, one vector per text out. */
import { z } from 'zod'
import { AuraError } from '../../../shared/api'
import type { CoreEmbeddings } from './core'

const EmbeddingRequest = z
  .object({
    model: z.string().min(1),
    input: z.union([z.string(), z.array(z.string()).min(1).max(4096)]),
    encoding_format: z.enum(['float']).optional(),
  })
  .loose()

export function parseEmbeddingRequest(body: unknown): { model: string; texts: string[] } {
  const parsed = EmbeddingRequest.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const where = issue.path.length > 0 ? `\`${issue.path.join('.')}\`: ` : ''
    const hint = issue.path[0] === 'encoding_format' ? ' Aura sends vectors as lists of numbers ("float").' : ''
    throw new AuraError('invalid_input', `${where}${issue.message}.${hint}`, { param: issue.path.join('.') || null })
  }
  const { model, input } = parsed.data
  return { model, texts: typeof input === 'string' ? [input] : input }
}

export function embeddingList(result: CoreEmbeddings) {
  return {
    object: 'list',
    model: result.modelId,
    data: result.vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
    usage: { prompt_tokens: result.tokens, total_tokens: result.tokens },
  }
}
