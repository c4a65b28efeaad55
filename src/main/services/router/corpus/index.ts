/**
 * The labelled corpus that judges Auto: prompts labelled by hand with the tier a careful person would want
 * (`complexity`) and the kind of task (`taskType`), written without looking at the router's rules.
 * See README.md for the label rules and how the split was made. The test split must never be used for tuning.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { ComplexitySchema, TaskTypeSchema } from '../../../../shared/api/router'
import type { Complexity, TaskType } from '../../../../shared/api/router'
import { expandPastes } from './pastes'
import type { CorpusSplit, CorpusVersion } from './split'

export type { CorpusSplit, CorpusVersion } from './split'
export const CORPUS_SPLITS: readonly CorpusSplit[] = ['train', 'dev', 'test']
/** v1: the first corpus (files here); v2: a second one written later (files in ./v2), split by its own seed. */
export const CORPUS_VERSIONS: readonly CorpusVersion[] = ['v1', 'v2']

export interface CorpusTurn {
  role: 'user' | 'assistant'
  content: string
}

export interface CorpusPrompt {
  id: string
  /** The user's message, with any pasted input already built in. */
  text: string
  complexity: Complexity
  taskType: TaskType
  /** A deliberately tricky one: a simple question in big words, or a complex request in plain words. */
  trap: boolean
  /** ISO 639-1 code. */
  language: string
  /** Earlier turns of the conversation, oldest first. */
  history?: CorpusTurn[]
  /** Names of attached images (the request refers to them). */
  images?: string[]
  note?: string
  split: CorpusSplit
  version: CorpusVersion
}

const TurnSchema = z.object({ role: z.enum(['user', 'assistant']), content: z.string().min(1) }).strict()

/** One line of a split file. `text` may hold `{{paste:…}}` keys, built by ./pastes. */
export const RawPromptSchema = z
  .object({
    id: z.string().regex(/^[a-z]{2}-[smc]-\d{3}$/),
    text: z.string().min(1),
    complexity: ComplexitySchema,
    taskType: TaskTypeSchema,
    trap: z.boolean(),
    language: z.string().regex(/^[a-z]{2}$/),
    history: z.array(TurnSchema).min(1).optional(),
    images: z.array(z.string().min(1)).min(1).optional(),
    note: z.string().min(1).optional(),
  })
  .strict()
export type RawPrompt = z.infer<typeof RawPromptSchema>

export function corpusFile(split: CorpusSplit, version: CorpusVersion = 'v1'): string {
  return fileURLToPath(new URL(`./${version === 'v1' ? '' : `${version}/`}${split}.jsonl`, import.meta.url))
}

/** The raw lines of one split file, validated (placeholders not expanded). */
export function loadRawSplit(split: CorpusSplit, version: CorpusVersion = 'v1'): RawPrompt[] {
  const lines = readFileSync(corpusFile(split, version), 'utf8').split('\n').filter((line) => line.trim() !== '')
  return lines.map((line, i) => {
    const parsed = RawPromptSchema.safeParse(JSON.parse(line))
    if (!parsed.success) throw new Error(`${version}/${split}.jsonl line ${i + 1}: ${parsed.error.message}`)
    return parsed.data
  })
}

/**
 * The prompts of one split (or all of them) of one corpus version (or of both, v1's first), typed and with
 * pasted inputs built. Each version has its own frozen test split; `both` is for fitting on train and judging on dev.
 */
export function loadCorpus(split: CorpusSplit | 'all', version: CorpusVersion | 'both' = 'v1'): CorpusPrompt[] {
  const splits = split === 'all' ? CORPUS_SPLITS : [split]
  const versions = version === 'both' ? CORPUS_VERSIONS : [version]
  return versions.flatMap((v) =>
    splits.flatMap((s) =>
      loadRawSplit(s, v).map((raw): CorpusPrompt => {
        const prompt: CorpusPrompt = { ...raw, text: expandPastes(raw.text), split: s, version: v }
        if (raw.history) prompt.history = raw.history.map((turn) => ({ ...turn, content: expandPastes(turn.content) }))
        return prompt
      }),
    ),
  )
}
