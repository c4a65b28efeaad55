import { describe, expect, it } from 'vitest'
import type { MessageRoute } from '../api'
import { i18n } from '../i18n'
import { retryAfterText, routeDetails, routingHelp, TIER_LABEL, tierPlace } from './routeWords'

describe('route words', () => {
  it('places tiers and explains a route in its details', () => {
    expect(tierPlace('local-fast')).toBe('local')
    expect(tierPlace('local-quality')).toBe('local')
    expect(tierPlace('cloud')).toBe('cloud')
    expect(tierPlace(null)).toBeNull()
    const route: MessageRoute = { mode: 'local_only', tier: 'local-quality', complexity: 'complex', taskType: 'coding', reason: 'x', attempts: [], confidence: 0.834, cacheHit: true }
    expect(routeDetails(route)).toBe('Seen as a complex request · task: coding · answer check: 83% confidence · answered from the response cache · Local only is on')
  })

  it('points routing refusals to where they are fixed, with the wait when there is one', () => {
    expect(routingHelp({ code: 'budget_exhausted', message: '' })).toMatchObject({ page: 'routing' })
    expect(routingHelp({ code: 'local_only', message: '' })).toMatchObject({ page: 'routing' })
    expect(routingHelp({ code: 'no_model_available', message: '' })).toMatchObject({ page: 'models' })
    expect(routingHelp({ code: 'busy', message: '' })).toBeNull()
    expect(retryAfterText({ code: 'rate_limited', message: '', data: { retryAfterSeconds: 1 } })).toBe('Try again in 1 second.')
    expect(retryAfterText({ code: 'rate_limited', message: '', data: { retryAfterSeconds: 41.2 } })).toBe('Try again in 42 seconds.')
    expect(retryAfterText({ code: 'rate_limited', message: '', data: { retryAfterSeconds: 600 } })).toBe('Try again in 10 minutes.')
    expect(retryAfterText({ code: 'rate_limited', message: '' })).toBeNull()
  })

  it('speaks the language on screen, also in its tables of words', async () => {
    const route: MessageRoute = { mode: 'auto', tier: 'local-fast', complexity: 'simple', taskType: 'chat', reason: 'x', attempts: [], confidence: null, cacheHit: false }
    await i18n.changeLanguage('es')
    try {
      expect(routeDetails(route)).toBe('Vista como una petición sencilla · tarea: conversación')
      expect(TIER_LABEL['local-fast']).toBe('Local · rápido')
      expect(retryAfterText({ code: 'rate_limited', message: '', data: { retryAfterSeconds: 41.2 } })).toBe('Vuelve a intentarlo en 42 segundos.')
      expect(routingHelp({ code: 'no_model_available', message: '' })?.label).toBe('Ajustes → Modelos de IA')
      await i18n.changeLanguage('zh-CN')
      expect(TIER_LABEL.cloud).toBe('云端')
      expect(routeDetails(route)).toBe('判断为简单的请求 · 任务：聊天')
    } finally {
      await i18n.changeLanguage('en')
    }
    expect(TIER_LABEL['local-fast']).toBe('Local · quick')
  })
})
