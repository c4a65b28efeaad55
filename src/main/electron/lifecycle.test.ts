import { describe, expect, it } from 'vitest'
import { answerRelaunch } from './lifecycle'

describe('a relaunch (a second instance, or the Dock icon)', () => {
  it('shows the window while Aura runs', () => {
    expect(answerRelaunch('running', 'second-instance')).toBe('show-window')
    expect(answerRelaunch('running', 'activate')).toBe('show-window')
  })

  it('during the shutdown opens no window (its services are gone): Aura starts again once it has quit', () => {
    expect(answerRelaunch('quitting', 'second-instance')).toBe('relaunch-after-quit')
    expect(answerRelaunch('quitting', 'activate')).toBe('nothing')
  })

  it('while starting does nothing: the window opens when Aura is ready', () => {
    expect(answerRelaunch('starting', 'second-instance')).toBe('nothing')
    expect(answerRelaunch('starting', 'activate')).toBe('nothing')
  })
})
