import { beforeEach, describe, expect, it } from 'vitest'
import { tokenProblem, useHubToken } from './hubToken'
import { useModelsPage } from './modelsPage'
import { tableBridge } from '../testing/tableBridge'

describe('Hugging Face token', () => {
  beforeEach(() => {
    useHubToken.setState({ status: null, error: null, wantsAttention: false })
    useModelsPage.setState({ hubError: null, hubFiles: {} })
  })

  it('says what is wrong with a pasted token before sending it', () => {
    expect(tokenProblem('')).toBeNull()
    expect(tokenProblem('  hf_abcdefghijkl1234  ')).toBeNull()
    expect(tokenProblem('abcdefghijkl1234')).toMatch(/starts with hf_/)
    expect(tokenProblem('hf_abc')).toMatch(/too short/)
    expect(tokenProblem('hf_abc def ghi jkl')).toMatch(/no spaces/)
    expect(tokenProblem('hf_abcdefgh-ijkl')).toMatch(/letters, digits and _/)
  })

  it('keeps a token, learns only its last four characters, and forgets it', async () => {
    let kept: string | null = null
    const status = () => ({ configured: kept !== null, last4: kept ? kept.slice(-4) : null })
    const calls = tableBridge({
      'hub.tokenStatus': () => ({ ok: true, data: status() }),
      'hub.setToken': (input) => {
        kept = (input as { token: string | null }).token
        return { ok: true, data: status() }
      },
      'hub.files': () => ({ ok: true, data: [] }),
    })
    await useHubToken.getState().ensure()
    await useHubToken.getState().ensure()
    expect(calls.filter((c) => c.route === 'hub.tokenStatus')).toHaveLength(1)
    expect(useHubToken.getState().status).toEqual({ configured: false, last4: null })

    // A file list refused for want of a token is asked again once one is kept.
    useModelsPage.setState({
      hubError: { code: 'hub_auth_required', message: 'x' },
      hubFiles: { 'google/gemma-GGUF': { loading: false, files: null, error: { code: 'hub_auth_required', message: 'x' } } },
    })
    expect(await useHubToken.getState().save(' hf_abcdefghijkl1234 ')).toBeNull()
    expect(calls.find((c) => c.route === 'hub.setToken')?.input).toEqual({ token: 'hf_abcdefghijkl1234' })
    expect(useHubToken.getState().status).toEqual({ configured: true, last4: '1234' })
    expect(JSON.stringify(useHubToken.getState())).not.toContain('hf_abcdefghijkl1234')
    expect(useModelsPage.getState().hubError).toBeNull()
    expect(calls.some((c) => c.route === 'hub.files')).toBe(true)

    expect(await useHubToken.getState().save(null)).toBeNull()
    expect(useHubToken.getState().status).toEqual({ configured: false, last4: null })
  })

  it('says why a token was not kept', async () => {
    tableBridge({ 'hub.setToken': () => ({ ok: false, error: { code: 'invalid_input', message: 'a Hugging Face token starts with hf_' } }) })
    expect(await useHubToken.getState().save('nope')).toMatch(/starts with hf_/)
    expect(useHubToken.getState().status).toBeNull()
  })
})
