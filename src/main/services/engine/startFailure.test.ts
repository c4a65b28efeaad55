import { describe, expect, it } from 'vitest'
import { shapeIn } from '../../../shared/i18n'
import { engineStartFailure } from './startFailure'

describe('why the AI engine could not start, in words', () => {
  const cases: [string, RegExp][] = [
    ["/lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.38' not found (required by llama-addon.node)", /this Linux is older than the AI engine needs/],
    ['Command failed: illegal instruction (core dumped)', /processor lacks instructions the AI engine needs \(AVX\)/],
    ['\\\\?\\C:\\Program Files\\Aura\\resources\\app.asar.unpacked\\llama-addon.node: The specified module could not be found.', /Microsoft Visual C\+\+ Redistributable/],
    ['Error: No prebuilt binary found for mac-x64 and building from source is disabled', /made for another kind of computer/],
    ["Cannot find module '@node-llama-cpp/mac-x64'", /made for another kind of computer/],
  ]

  it.each(cases)('%s', (raw, reason) => {
    const failure = engineStartFailure(new Error(raw))
    expect(failure.message).toMatch(/^The AI engine could not start on this computer: /)
    expect(failure.message).toMatch(reason)
    expect(failure.code).toBe('model_load_failed')
    // The raw reason goes with it, for "Copy details" and the log.
    expect(failure.data).toEqual({ detail: `Error: ${raw}` })
  })

  it("is said in the reader's language, the OS's words kept as they are", () => {
    const shape = shapeIn(engineStartFailure(new Error('version `GLIBC_2.38` not found')), 'es')
    expect(shape.message).toMatch(/^El motor de IA no pudo arrancar en este ordenador: este Linux es más antiguo/)
    expect(shape.data).toEqual({ detail: 'Error: version `GLIBC_2.38` not found' })
  })

  it('says what to try when the reason is not one it knows', () => {
    expect(engineStartFailure('something else').message).toBe(
      'The AI engine could not start on this computer. Reinstall Aura; if that does not help, this computer may not be supported.',
    )
  })
})
