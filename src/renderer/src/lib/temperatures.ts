import { i18n } from '../i18n'
import { formatNumber } from './format'

/**
 * Temperatures in words: how freely the model picks its words. The one list the model picker's
 * defaults and the Assistants page offer; the words are `forms.temperature` in the language on screen.
 */
const CHOICES = [
  { value: 0, word: 'exact' },
  { value: 0.2, word: 'focused' },
  { value: 0.5, word: 'balanced' },
  { value: 0.7, word: 'natural' },
  { value: 1, word: 'creative' },
  { value: 1.3, word: 'playful' },
] as const

type Word = (typeof CHOICES)[number]['word']

/** The values offered, `null` first: the default a model or assistant falls back to. */
export const TEMPERATURES: readonly (number | null)[] = [null, ...CHOICES.map((choice) => choice.value)]

const wordOf = (value: number): Word | undefined => CHOICES.find((choice) => choice.value === value)?.word

/** "Focused (0.2)" ("Precisa (0,2)"): a temperature by its choice's name; null for a value that is none of them. */
export function temperatureName(value: number): string | null {
  const word = wordOf(value)
  return word ? i18n.t('forms.temperature.named', { name: i18n.t(`forms.temperature.names.${word}`), value: formatNumber(value) }) : null
}

/**
 * "Focused (0.2) — code, facts, translation": a choice in a list. `null` is Aura's default; a value set
 * elsewhere (the settings file, another version of Aura) shows as its number.
 */
export function temperatureLabel(value: number | null): string {
  if (value === null) return i18n.t('forms.temperature.default')
  const word = wordOf(value)
  if (!word) return formatNumber(value)
  if (word === 'balanced') return temperatureName(value)!
  return i18n.t('forms.temperature.described', { name: i18n.t(`forms.temperature.names.${word}`), value: formatNumber(value), use: i18n.t(`forms.temperature.uses.${word}`) })
}

/** The values a list offers, with `current` added when it is none of them (so the list shows what is set). */
export const temperatureChoices = (current: number | null | undefined): readonly (number | null)[] =>
  current === undefined || TEMPERATURES.includes(current) ? TEMPERATURES : [...TEMPERATURES, current]
