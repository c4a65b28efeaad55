import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { MessageRoute } from '../../api'
import { costQuestion } from './Composer'
import { RouteAttempts, RouteLine } from './MessageRoute'

const route: MessageRoute = {
  mode: 'local_only',
  tier: 'local-quality',
  complexity: 'complex',
  taskType: 'reasoning',
  reason: 'Local · Qwen3 8B — Local only is on; a complex request stays on this computer',
  attempts: [
    { modelId: 'qwen3-1.7b', tier: 'local-fast', outcome: 'low_quality', note: 'The answer looked cut off', text: 'It depends', confidence: 0.42 },
    { modelId: 'openai:gpt-x', tier: 'cloud', outcome: 'failed', note: 'The company asked Aura to slow down', text: '', confidence: null },
    { modelId: 'qwen3-8b', tier: 'local-quality', outcome: 'failed', note: 'The local model qwen3-8b failed', text: 'Half', confidence: null },
  ],
  confidence: 0.91,
  cacheHit: false,
}

describe('message route', () => {
  it('shows where the reply ran and why, with its details for the curious', () => {
    const html = renderToStaticMarkup(<RouteLine route={route} />)
    expect(html).toContain('data-testid="message-route"')
    expect(html).toContain('data-tier="local-quality"')
    expect(html).toContain('>Local<')
    expect(html).toContain('Local only is on; a complex request stays on this computer')
    expect(html).toContain('91% confidence')
  })

  it('keeps answers set aside visible, folded', () => {
    const html = renderToStaticMarkup(<RouteAttempts attempts={route.attempts} />)
    expect(html.match(/data-testid="route-attempt"/g)).toHaveLength(3)
    expect(html).toContain('data-outcome="low_quality"')
    expect(html).toContain('Earlier answer from qwen3-1.7b')
    expect(html).toContain('set aside: The answer looked cut off')
    expect(html).toContain('42% confidence')
    expect(html).toContain('gpt-x didn’t finish')
    expect(html).toContain('No text came before it was set aside.')
    expect(html).toMatch(/Set aside:<\/span> The local model qwen3-8b failed/)
    expect(renderToStaticMarkup(<RouteAttempts attempts={[]} />)).toBe('')
    // An answer the user asked a stronger model for stays, folded, and says why it was set aside.
    const escalated = renderToStaticMarkup(<RouteAttempts attempts={[{ modelId: 'qwen3-1.7b', tier: 'local-fast', outcome: 'escalated', note: 'You asked for a stronger model', text: '.', confidence: 0.5 }]} />)
    expect(escalated).toContain('data-outcome="escalated"')
    expect(escalated).toContain('Earlier answer from qwen3-1.7b</span> — set aside: You asked for a stronger model')
  })

  it('asks about a cost in plain words', () => {
    const held = { kind: 'send' as const, conversationId: 'c1', text: 'x', modelId: 'auto', loadAnyway: false, estimateUsd: 0.14, modelName: 'Claude Opus 5.5' }
    expect(costQuestion(held, { currency: 'USD', currencyPerUsd: 1 }, 0.1)).toBe(
      'This message will cost about $0.14 with Claude Opus 5.5 (you asked to confirm above $0.10).',
    )
    expect(costQuestion({ ...held, kind: 'regenerate' }, { currency: 'EUR', currencyPerUsd: 0.5 }, null)).toBe(
      'Writing this reply again will cost about €0.07 with Claude Opus 5.5.',
    )
    expect(costQuestion({ ...held, kind: 'escalate', messageId: 'm1' }, { currency: 'USD', currencyPerUsd: 1 }, null)).toBe('Asking a stronger model will cost about $0.14 with Claude Opus 5.5.')
  })
})
