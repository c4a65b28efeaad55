/** What a set-up block holds in place of the key until one is made on this page (it is shown once). */
export const KEY_PLACEHOLDER = 'paste-your-aura-key-here'

export interface Snippet {
  id: 'claude-code' | 'openai' | 'continue'
  /** The app's name (the page says OpenAI's in words, and where each goes: `connect.setup.*`). */
  title: string
  /** The file or shell it is written for, for screen readers ("shell", "config.yaml"). */
  language: string
  text: string
}

/**
 * Ready-to-paste set-up for the apps people connect most, for the address `url` (…/v1) and `key`
 * (the placeholder when no new key is at hand). Anthropic's clients add `/v1` themselves.
 */
export function setupSnippets(url: string, key: string | null): Snippet[] {
  const token = key ?? KEY_PLACEHOLDER
  const root = url.replace(/\/v1$/, '')
  return [
    {
      id: 'claude-code',
      title: 'Claude Code',
      language: 'shell',
      text: `export ANTHROPIC_BASE_URL=${root}\nexport ANTHROPIC_AUTH_TOKEN=${token}\nclaude`,
    },
    {
      id: 'openai',
      title: 'OpenAI',
      language: 'shell',
      text: `export OPENAI_BASE_URL=${url}\nexport OPENAI_API_KEY=${token}`,
    },
    {
      id: 'continue',
      title: 'Continue',
      language: 'config.yaml',
      text: `models:\n  - name: Aura\n    provider: openai\n    model: auto\n    apiBase: ${url}\n    apiKey: ${token}`,
    },
  ]
}

/** The address apps use: the running listener's, or the one it will have on `port`. */
export const apiAddress = (port: number, running: string | null): string => running ?? `http://127.0.0.1:${port}/v1`
