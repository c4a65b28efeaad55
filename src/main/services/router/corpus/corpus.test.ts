import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CORPUS_SPLITS, CORPUS_VERSIONS, loadCorpus, loadRawSplit } from './index'
import type { CorpusPrompt, CorpusVersion } from './index'
import { assignSplits, SPLIT_SEEDS, stratumOf } from './split'

/**
 * SHA-256 of the canonical JSON of each version's TEST split (pastes built, in file order).
 *
 * The test split must never be used for tuning the router: not read while writing rules, not used to pick
 * thresholds, not inspected when a rule fails. It is only for the final measurement. Changing it (any prompt,
 * label, paste builder or the split itself) needs a new checksum here AND a note in README.md ("Changes to
 * the test split") saying why — and results measured before the change are no longer comparable.
 */
const TEST_SPLIT_SHA256: Record<CorpusVersion, string> = {
  v1: '415aee392ddd68c01278f773c0b404b8e7085082b1a7d47cf30863dd2a543ea7',
  v2: 'cd6961f1719b89826f1d0f6f9441c6dc2d033a796cd11c4b93b12a455234b0ed',
}

/** Each version's own quotas (README.md): v2 is smaller but has more traps and more languages other than English. */
const QUOTAS: Record<CorpusVersion, { size: number; traps: number; trapsOfEachKind: number; nonEnglish: number; languages: number; multiTurn: number; pasted: number; perTaskType: number }> = {
  v1: { size: 720, traps: 120, trapsOfEachKind: 50, nonEnglish: 0.15, languages: 10, multiTurn: 15, pasted: 50, perTaskType: 10 },
  v2: { size: 400, traps: 120, trapsOfEachKind: 50, nonEnglish: 0.2, languages: 8, multiTurn: 15, pasted: 25, perTaskType: 5 },
}

/** Rough token estimate: ~4 characters a token (enough to tell 2k from 8k). */
const tokens = (p: CorpusPrompt): number => (p.text.length + (p.history ?? []).reduce((n, t) => n + t.content.length, 0)) / 4

const normalise = (text: string): string => text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, ' ').trim()

function canonicalJson(prompts: readonly CorpusPrompt[]): string {
  return JSON.stringify(
    prompts.map((p) => ({
      id: p.id,
      text: p.text,
      complexity: p.complexity,
      taskType: p.taskType,
      trap: p.trap,
      language: p.language,
      history: p.history ?? null,
      images: p.images ?? null,
    })),
  )
}

describe('router corpus: both versions', () => {
  it('has no prompt twice, within or across splits and versions', () => {
    const ids = new Set<string>()
    const texts = new Map<string, string>()
    for (const p of loadCorpus('all', 'both')) {
      expect(ids.has(p.id), p.id).toBe(false)
      ids.add(p.id)
      const key = normalise(p.text) + '\u0000' + normalise((p.history ?? []).map((t) => t.content).join('\n'))
      expect(texts.get(key), `${p.id} repeats ${texts.get(key)}`).toBeUndefined()
      texts.set(key, p.id)
    }
  })
})

describe.each(CORPUS_VERSIONS)('router corpus %s', (version) => {
  const all = loadCorpus('all', version)
  const quota = QUOTAS[version]
  const share = (pred: (p: CorpusPrompt) => boolean): number => all.filter(pred).length / all.length

  it('every prompt is well-formed and labelled', () => {
    for (const p of all) {
      expect(p.text.trim().length, p.id).toBeGreaterThan(0)
      expect(p.text, p.id).not.toMatch(/\{\{paste:/)
      for (const turn of p.history ?? []) expect(turn.content, p.id).not.toMatch(/\{\{paste:/)
      // Conventions from README.md: long_context means over ~8k tokens; vision means an image is attached.
      if (p.taskType === 'long_context') expect(tokens(p), p.id).toBeGreaterThan(8000)
      else expect(tokens(p), p.id).toBeLessThan(7000)
      if (p.taskType === 'vision') expect(p.images?.length ?? 0, p.id).toBeGreaterThan(0)
      else expect(p.images, p.id).toBeUndefined()
      if (p.history) expect(p.history.at(-1)?.role, p.id).toBe('assistant')
    }
  })

  it('meets the quotas: size, balance, traps, languages, shapes', () => {
    expect(all.length).toBeGreaterThanOrEqual(quota.size)
    expect(share((p) => p.complexity === 'simple')).toBeGreaterThan(0.3)
    expect(share((p) => p.complexity === 'simple')).toBeLessThan(0.4)
    expect(share((p) => p.complexity === 'moderate')).toBeGreaterThan(0.3)
    expect(share((p) => p.complexity === 'moderate')).toBeLessThan(0.4)
    expect(share((p) => p.complexity === 'complex')).toBeGreaterThan(0.25)
    expect(share((p) => p.complexity === 'complex')).toBeLessThan(0.35)
    expect(all.filter((p) => p.trap).length).toBeGreaterThanOrEqual(quota.traps)
    // Traps are of the two kinds the rules describe: simple in big words, complex in plain words.
    for (const p of all.filter((q) => q.trap)) expect(p.complexity, p.id).not.toBe('moderate')
    expect(all.filter((p) => p.trap && p.complexity === 'simple').length).toBeGreaterThanOrEqual(quota.trapsOfEachKind)
    expect(all.filter((p) => p.trap && p.complexity === 'complex').length).toBeGreaterThanOrEqual(quota.trapsOfEachKind)
    expect(share((p) => p.language !== 'en')).toBeGreaterThanOrEqual(quota.nonEnglish)
    expect(new Set(all.map((p) => p.language)).size).toBeGreaterThanOrEqual(quota.languages)
    // Long requests in languages written without spaces between words.
    expect(all.filter((p) => (p.language === 'zh' || p.language === 'ja') && p.text.length >= 100).length).toBeGreaterThanOrEqual(10)
    expect(all.filter((p) => p.history).length).toBeGreaterThanOrEqual(quota.multiTurn)
    const pastedLines = all.map((p) => p.text.split('\n').length)
    expect(pastedLines.filter((n) => n >= 10).length).toBeGreaterThanOrEqual(quota.pasted)
    for (const t of ['chat', 'coding', 'reasoning', 'agentic', 'long_context', 'vision'] as const) {
      expect(all.filter((p) => p.taskType === t).length, t).toBeGreaterThanOrEqual(quota.perTaskType)
    }
  })

  it('is split 60/20/20 by the fixed, seeded, stratified rule in split.ts', () => {
    const expected = assignSplits(all, SPLIT_SEEDS[version])
    for (const p of all) expect(p.split, p.id).toBe(expected.get(p.id))
    for (const s of CORPUS_SPLITS) {
      const n = all.filter((p) => p.split === s).length
      expect(Math.abs(n / all.length - (s === 'train' ? 0.6 : 0.2)), s).toBeLessThan(0.01)
    }
    const strata = new Map<string, CorpusPrompt[]>()
    for (const p of all) strata.set(stratumOf(p), [...(strata.get(stratumOf(p)) ?? []), p])
    for (const [key, members] of strata) {
      const inTest = members.filter((p) => p.split === 'test').length
      expect(Math.abs(inTest - members.length / 5), key).toBeLessThanOrEqual(1)
    }
    // The files are sorted by id, so a diff shows what changed.
    for (const s of CORPUS_SPLITS) {
      const ids = loadRawSplit(s, version).map((p) => p.id)
      expect(ids).toEqual([...ids].sort())
    }
  })

  it('keeps the TEST split frozen (never tune on it; see the note on TEST_SPLIT_SHA256)', () => {
    const digest = createHash('sha256').update(canonicalJson(loadCorpus('test', version))).digest('hex')
    expect(digest).toBe(TEST_SPLIT_SHA256[version])
  })
})
