import { expect } from 'vitest'
import { AuraError } from '../../../shared/api'

/** Awaits a promise that must reject with an AuraError, and returns that error. */
export async function rejection(promise: Promise<unknown>): Promise<AuraError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(AuraError)
    return error as AuraError
  }
  throw new Error('expected a rejection')
}
