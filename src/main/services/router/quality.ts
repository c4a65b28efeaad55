/**
 * The quality check run on every answer: cheap signs that an answer is weak (empty, a refusal, cut
 * off, looping, not the JSON that was asked for, too short for the question) turned into a 0–1
 * confidence. Below the user's threshold (0.7 by default) the next tier is asked.
 */
import { currentLanguage, say, type MessageKey, type Language } from '../../../shared/i18n'
import { classify } from './classify'
import type { GenerateResult } from '../engine/inferenceEngine'
import type { Classification, RouteRequest } from './types'

export type QualityIssue = 'empty' | 'too_short' | 'refusal' | 'cut_off' | 'invalid_json' | 'repetition'

export interface QualityInput {
  text: string
  stopReason: GenerateResult['stopReason']
  request: RouteRequest
  /** The request's classification when the caller has it (saves classifying again). */
  classification?: Classification
  /** The language of the note; default the user's (it is kept on the message). */
  language?: Language
}

export interface QualityAssessment {
  /** 0–1: how likely the answer is a real, complete one. */
  confidence: number
  issues: QualityIssue[]
  /** The worst issue in plain words; null when none was found. */
  note: string | null
}

/** Each issue caps the confidence at this value; the worst one decides. */
const ISSUE_SCORE: Record<QualityIssue, number> = {
  empty: 0,
  refusal: 0.2,
  invalid_json: 0.2,
  repetition: 0.3,
  cut_off: 0.5,
  too_short: 0.5,
}
/** Every issue after the worst takes a little more off. */
const EXTRA_ISSUE_PENALTY = 0.05

const ISSUE_NOTE: Record<QualityIssue, MessageKey> = {
  empty: 'route.qualityEmpty',
  refusal: 'route.qualityRefusal',
  invalid_json: 'route.qualityInvalidJson',
  repetition: 'route.qualityRepetition',
  cut_off: 'route.qualityCutOff',
  too_short: 'route.qualityTooShort',
}

/** Fewest words a real answer has, by the request's size; a yes/no or a short question may take one. */
const MIN_WORDS = { simple: 1, moderate: 8, complex: 20 } as const

const REFUSAL =
  /^\W*(?:(?:I['’]m|I am) (?:so |very )?sorry,?\s*(?:but )?I (?:can(?:no|['’])t|won['’]t|am (?:not able|unable))|I (?:can(?:no|['’])t|won['’]t|am (?:not able|unable) to|must decline to) (?:help|assist|do|provide|comply|fulfil|fulfill|answer|write|create|support)|I must (?:decline|refuse)|As an AI(?: language model| assistant)?,? I (?:can(?:no|['’])t|don['’]t|am (?:not able|unable)|do not)|Sorry,? (?:but )?I (?:can(?:no|['’])t|won['’]t)|I['’]m (?:not able|unable) to (?:help|assist|provide|comply|do))/i
/** Refusals come first; looking further would catch answers that merely quote one. */
const REFUSAL_WINDOW = 200

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu
const JSON_FENCE = /```(?:json|JSON)?\s*\n([\s\S]*?)```/g

/** N-gram size and the share of distinct n-grams below which a text is looping. */
const NGRAM = 4
const MIN_NGRAMS = 16
const MIN_DISTINCT_SHARE = 0.5
/** For texts with few words (random tokens, CJK): character n-grams instead. */
const CHAR_NGRAM = 8
const MIN_CHARS_FOR_CHAR_CHECK = 80
/** A line this long or longer that fills this share of the lines (at least 3 times) is a loop. */
const MIN_LOOP_LINE = 8
const LOOP_LINE_SHARE = 0.3

export function assessQuality(input: QualityInput): QualityAssessment {
  const text = input.text.trim()
  const language = input.language ?? currentLanguage()
  const issues: QualityIssue[] = []
  if (text.length === 0) return verdict(['empty'], language)
  const classification = input.classification ?? classify(input.request)
  const jsonRequested = classification.features.jsonRequested === true

  if (REFUSAL.test(text.slice(0, REFUSAL_WINDOW))) issues.push('refusal')
  if (jsonRequested && !containsJson(text)) issues.push('invalid_json')
  if (isRepetitive(text)) issues.push('repetition')
  if (input.stopReason === 'max_tokens') issues.push('cut_off')
  if (!jsonRequested && !issues.includes('refusal') && tooShort(text, classification)) issues.push('too_short')
  return verdict(issues, language)
}

function verdict(issues: QualityIssue[], language: Language): QualityAssessment {
  if (issues.length === 0) return { confidence: 1, issues, note: null }
  let worst = issues[0] as QualityIssue
  for (const issue of issues) if (ISSUE_SCORE[issue] < ISSUE_SCORE[worst]) worst = issue
  const confidence = Math.max(0, ISSUE_SCORE[worst] - EXTRA_ISSUE_PENALTY * (issues.length - 1))
  return { confidence: Math.round(confidence * 100) / 100, issues, note: say(ISSUE_NOTE[worst], {}, language) }
}

function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? []
}

function tooShort(text: string, classification: Classification): boolean {
  const count = words(text).length
  if (classification.features.greeting === true || classification.features.yesNo === true) return count < 1
  // Code answers are dense: a few tokens of code can be a whole answer.
  if (text.includes('```')) return false
  return count < MIN_WORDS[classification.complexity]
}

/** Valid JSON as the whole answer, in a fenced block, or between the first bracket and the last. */
function containsJson(text: string): boolean {
  if (parses(text)) return true
  JSON_FENCE.lastIndex = 0
  for (let match = JSON_FENCE.exec(text); match !== null; match = JSON_FENCE.exec(text)) {
    if (parses(match[1] ?? '')) return true
  }
  const start = text.search(/[[{]/)
  const end = Math.max(text.lastIndexOf('}'), text.lastIndexOf(']'))
  return start !== -1 && end > start && parses(text.slice(start, end + 1))
}

function parses(text: string): boolean {
  const trimmed = text.trim()
  if (trimmed === '' || (trimmed[0] !== '{' && trimmed[0] !== '[')) return false
  try {
    JSON.parse(trimmed)
    return true
  } catch {
    return false
  }
}

function isRepetitive(text: string): boolean {
  return repeatsALine(text) || repeatsPhrases(text)
}

function repeatsALine(text: string): boolean {
  const counts = new Map<string, number>()
  let lines = 0
  let most = 0
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line.length === 0) continue
    lines++
    if (line.length < MIN_LOOP_LINE) continue
    const count = (counts.get(line) ?? 0) + 1
    counts.set(line, count)
    if (count > most) most = count
  }
  return most >= 3 && most / lines >= LOOP_LINE_SHARE
}

function repeatsPhrases(text: string): boolean {
  const tokens = words(text)
  if (tokens.length - NGRAM + 1 >= MIN_NGRAMS) {
    const share = (from: number) => distinctShare(tokens.length - NGRAM + 1 - from, (i) => tokens.slice(from + i, from + i + NGRAM).join(' '))
    if (share(0) < MIN_DISTINCT_SHARE) return true
    // Small models often start well and fall into a loop: look at the second half on its own.
    const half = Math.floor(tokens.length / 2)
    return tokens.length - half - NGRAM + 1 >= MIN_NGRAMS && share(half) < MIN_DISTINCT_SHARE
  }
  // Few words but a long text: random tokens or scripts without spaces loop in characters.
  const compact = text.replace(/\s+/g, ' ')
  if (compact.length < MIN_CHARS_FOR_CHAR_CHECK) return false
  return distinctShare(compact.length - CHAR_NGRAM + 1, (i) => compact.slice(i, i + CHAR_NGRAM)) < MIN_DISTINCT_SHARE
}

function distinctShare(total: number, gram: (index: number) => string): number {
  const seen = new Set<string>()
  for (let i = 0; i < total; i++) seen.add(gram(i))
  return seen.size / total
}
