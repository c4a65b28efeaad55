import { describe, expect, it } from 'vitest'
import type { CloudModel, InstalledModel } from '../api'
import { pickChatModel, whereItGoes } from './useModel'

const local = (id: string, problem: string | null = null) => ({ id, name: id, problem }) as unknown as InstalledModel
const cloud = (id: string) => ({ id, name: id, provider: id.split(':')[0], providerName: 'OpenAI' }) as unknown as CloudModel

describe('pickChatModel', () => {
  it('Auto is the default whenever some model can answer', () => {
    expect(pickChatModel([null, null], [local('tiny')], [], true, false)).toMatchObject({ kind: 'auto', id: 'auto', name: 'Auto' })
    expect(pickChatModel([null, 'auto'], [], [cloud('openai:gpt-x')], true, false)).toMatchObject({ kind: 'auto' })
    expect(pickChatModel([null, 'auto'], [local('broken', 'damaged')], [], true, false)).toBeNull()
    expect(pickChatModel([null, null], [], [], true, false)).toBeNull()
  })

  it('a model picked for the chat, or last, wins while it is there', () => {
    expect(pickChatModel(['tiny', 'auto'], [local('tiny')], [], true, false)).toMatchObject({ kind: 'local', id: 'tiny' })
    expect(pickChatModel(['gone', 'openai:gpt-x'], [local('tiny')], [cloud('openai:gpt-x')], true, false)).toMatchObject({ kind: 'cloud' })
    expect(pickChatModel(['gone', null], [local('tiny')], [], true, false)).toMatchObject({ kind: 'auto' })
  })

  it('Local only never picks a cloud model: Auto reads "Auto · Local only"', () => {
    const model = pickChatModel(['openai:gpt-x', null], [local('tiny')], [cloud('openai:gpt-x')], true, true)
    expect(model).toMatchObject({ kind: 'auto', name: 'Auto · Local only', localOnly: true })
    expect(pickChatModel(['tiny'], [local('tiny')], [cloud('openai:gpt-x')], true, true)).toMatchObject({ kind: 'local' })
    // Nothing local: nothing to pick, unless the user chose Auto (it then says why it cannot answer).
    expect(pickChatModel([null], [], [cloud('openai:gpt-x')], true, true)).toBeNull()
    expect(pickChatModel(['auto'], [], [cloud('openai:gpt-x')], true, true)).toMatchObject({ kind: 'auto' })
  })

  it('says where a message goes', () => {
    expect(whereItGoes(pickChatModel(['auto'], [local('tiny')], [], true, false))).toBe('Aura picks for each message: local when it can, cloud when it must.')
    expect(whereItGoes(pickChatModel(['auto'], [local('tiny')], [], true, true))).toBe('Local only: nothing leaves this computer.')
    expect(whereItGoes(pickChatModel(['tiny'], [local('tiny')], [], true, false))).toBe('Runs privately on this computer.')
  })
})
