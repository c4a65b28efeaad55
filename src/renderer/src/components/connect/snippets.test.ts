import { describe, expect, it } from 'vitest'
import { apiAddress, KEY_PLACEHOLDER, setupSnippets } from './snippets'

describe('set-up blocks', () => {
  const url = apiAddress(4891, null)

  it('fill in the new key and the address, without /v1 for Anthropic’s clients', () => {
    const [claude, openai, continueConfig] = setupSnippets(url, 'aura-secret1234')
    expect(claude!.text).toBe('export ANTHROPIC_BASE_URL=http://127.0.0.1:4891\nexport ANTHROPIC_AUTH_TOKEN=aura-secret1234\nclaude')
    expect(openai!.text).toBe('export OPENAI_BASE_URL=http://127.0.0.1:4891/v1\nexport OPENAI_API_KEY=aura-secret1234')
    expect(continueConfig!.text).toContain('provider: openai\n    model: auto\n    apiBase: http://127.0.0.1:4891/v1\n    apiKey: aura-secret1234')
  })

  it('hold a placeholder when no new key is at hand, and follow the running address', () => {
    for (const snippet of setupSnippets(apiAddress(5000, 'http://127.0.0.1:5001/v1'), null)) {
      expect(snippet.text).toContain(KEY_PLACEHOLDER)
      expect(snippet.text).toContain('127.0.0.1:5001')
    }
  })
})
