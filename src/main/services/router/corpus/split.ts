/**
 * The fixed, seeded, stratified split of the corpus into train (60%) / dev (20%) / test (20%).
 *
 * Strata are complexity × trap × language family. Strata are visited in a fixed order; inside each one the
 * prompts are ordered by a seeded hash of their id; the resulting sequence is dealt out in a repeating
 * pattern of five (train, train, train, dev, test). Every stratum is therefore split 3:1:1 up to one prompt,
 * and the whole corpus exactly 60/20/20 up to rounding. The only input is the prompts' ids and labels. The deal
 * runs on across strata, so adding a prompt can move prompts after it, in its stratum and in later ones — which
 * is why the test split is frozen by a checksum and the corpus is not meant to grow in place (see README.md).
 */
import { fnv1a } from './fnv1a'

export type CorpusSplit = 'train' | 'dev' | 'test'

export type CorpusVersion = 'v1' | 'v2'

/** One seed per corpus version: v1 (the first 815 prompts) and v2 (written later, blind to the router's rules). */
export const SPLIT_SEEDS: Record<CorpusVersion, number> = { v1: 20250312, v2: 20261206 }
export const SPLIT_SEED = SPLIT_SEEDS.v1

const PATTERN: readonly CorpusSplit[] = ['train', 'train', 'train', 'dev', 'test']

const CJK = new Set(['zh', 'ja', 'ko'])
const LATIN = new Set(['es', 'de', 'fr', 'pt', 'it', 'nl', 'tr', 'pl', 'vi', 'id', 'sv', 'da', 'no', 'fi', 'ro', 'cs'])

/** en, latin (other Latin-script languages), cjk (no spaces between words, or Hangul), other (Cyrillic, Devanagari, Arabic…). */
export function languageFamily(language: string): 'en' | 'latin' | 'cjk' | 'other' {
  if (language === 'en') return 'en'
  if (CJK.has(language)) return 'cjk'
  if (LATIN.has(language)) return 'latin'
  return 'other'
}

export interface Splittable {
  id: string
  complexity: string
  trap: boolean
  language: string
}

export function stratumOf(p: Splittable): string {
  return `${p.complexity}|${p.trap ? 'trap' : 'plain'}|${languageFamily(p.language)}`
}

/** A stable, seeded order inside a stratum. */
function seededHash(id: string, seed: number): number {
  return fnv1a(`${seed}:${id}`)
}

/** Which split each prompt belongs to, by id. Pure: the same prompts and seed always give the same answer. */
export function assignSplits(prompts: readonly Splittable[], seed = SPLIT_SEED): Map<string, CorpusSplit> {
  const strata = new Map<string, Splittable[]>()
  for (const p of prompts) {
    const key = stratumOf(p)
    const list = strata.get(key) ?? []
    list.push(p)
    strata.set(key, list)
  }
  const out = new Map<string, CorpusSplit>()
  let position = 0
  for (const key of [...strata.keys()].sort()) {
    const members = (strata.get(key) ?? []).slice().sort((a, b) => seededHash(a.id, seed) - seededHash(b.id, seed) || (a.id < b.id ? -1 : 1))
    for (const p of members) out.set(p.id, PATTERN[position++ % PATTERN.length] as CorpusSplit)
  }
  return out
}
