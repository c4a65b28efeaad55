import { afterEach, describe, expect, it, vi } from 'vitest'
import { errorMessage, errorShape, RequestError } from './client'

describe('errorMessage', () => {
  afterEach(() => vi.restoreAllMocks())

  it('shows the services’ plain words', () => {
    expect(errorMessage(new RequestError('not_found', 'That chat is gone.'))).toBe('That chat is gone.')
  })

  it('never shows a raw error: a bug’s or the browser’s message stays in the console', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const raw = new TypeError("Cannot read properties of undefined (reading 'id')")
    expect(errorMessage(raw)).toBe('Something went wrong. Please try again.')
    expect(errorMessage(new DOMException('The requested file could not be read', 'NotReadableError'))).toBe('Something went wrong. Please try again.')
    expect(errorMessage({ code: 'EIO' })).toBe('Something went wrong. Please try again.')
    expect(errorShape(raw)).toEqual({ code: 'internal', message: 'Something went wrong. Please try again.' })
    expect(logged).toHaveBeenCalledWith('Aura:', raw)
  })
})
