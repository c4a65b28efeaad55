import { AuraError } from '../../../shared/api'

const START = 'The AI engine could not start on this computer'

/** Known reasons node-llama-cpp's binary does not load, by what the OS said, in words with what to do. */
const REASONS: [RegExp, string][] = [
  [/GLIBC(XX)?_\d/, 'this Linux is older than the AI engine needs (its C library, glibc, is too old). Update Linux to a newer release, then start Aura again.'],
  [/illegal instruction|SIGILL|\bAVX/i, "this computer's processor lacks instructions the AI engine needs (AVX). Cloud models still work: add one in Settings → Cloud."],
  [/VCRUNTIME|MSVCP|specified module could not be found/i, 'a part of Windows it needs is missing. Install the latest "Microsoft Visual C++ Redistributable" from Microsoft, then start Aura again.'],
  [/no prebuilt binary|cannot find module .*node-llama-cpp|bins[\\/].*ENOENT/i, 'this copy of Aura was made for another kind of computer. Download and install the Aura made for this one (for example Intel or Apple silicon on a Mac).'],
]

/**
 * The error for an engine that could not start: the reason in words where it is a known one (an
 * old glibc, no AVX, a missing runtime, another computer's installer), the OS's own words in
 * `data.detail` for "Copy details" and the log.
 */
export function engineStartFailure(error: unknown): AuraError {
  const detail = String(error)
  const reason = REASONS.find(([pattern]) => pattern.test(detail))?.[1]
  const message = reason ? `${START}: ${reason}` : `${START}. Reinstall Aura; if that does not help, this computer may not be supported.`
  return new AuraError('model_load_failed', message, { detail })
}
