import { AuraError } from '../../../shared/api'
import { words, type MessageKey } from '../../../shared/i18n'

/** Known reasons node-llama-cpp's binary does not load, by what the OS said; each says what to do. */
const REASONS: [RegExp, MessageKey][] = [
  [/GLIBC(XX)?_\d/, 'engine.startReasonGlibc'],
  [/illegal instruction|SIGILL|\bAVX/i, 'engine.startReasonAvx'],
  [/VCRUNTIME|MSVCP|specified module could not be found/i, 'engine.startReasonRuntime'],
  [/no prebuilt binary|cannot find module .*node-llama-cpp|bins[\\/].*ENOENT/i, 'engine.startReasonOtherComputer'],
]

/**
 * The error for an engine that could not start: the reason in words where it is a known one (an
 * old glibc, no AVX, a missing runtime, another computer's installer), the OS's own words in
 * `data.detail` for "Copy details" and the log.
 */
export function engineStartFailure(error: unknown): AuraError {
  const detail = String(error)
  const reason = REASONS.find(([pattern]) => pattern.test(detail))?.[1]
  return new AuraError('model_load_failed', reason ? words('engine.cannotStartBecause', { reason: words(reason) }) : words('engine.cannotStart'), { detail })
}
