/**
 * Testing a key (or an added server) with the cheapest authenticated call (reference §1): the models
 * list, or xAI's key info, DeepSeek's balance, OpenRouter's key info (which also tell whether credit
 * is left).
 */
import { AuraError, type KeyCheckStatus } from '../../../shared/api'
import { say, words } from '../../../shared/i18n'
import { apiGet, authHeaders } from './apiGet'
import type { CloudSetup } from './deps'
import { listItems } from './modelList'
import { classifyHttp, problemKeyCheck, type ProblemContext } from './problems'
import { isProviderId, serverRef } from './providerTable'
import { findTarget, problemContext, type Target } from './target'

export interface KeyCheck {
  status: KeyCheckStatus
  /** In plain words. */
  message: string
}

/** Never throws for what the provider answers; the status says it. */
export async function testKey(setup: CloudSetup, provider: string): Promise<KeyCheck> {
  const target = findTarget(setup.deps, isProviderId(provider) ? provider : serverRef(provider))
  if (!target) throw new AuraError('not_found', words('keys.serverGone'))
  const ctx = problemContext(target)
  if (target.kind === 'cloud' && !target.key) return { status: 'invalid', message: problemKeyCheckMessageNoKey(ctx) }

  const family = target.spec?.family
  const special = family === 'xai' ? '/api-key' : family === 'deepseek' ? '/user/balance' : family === 'openrouter' ? '/key' : null
  const headers = authHeaders(target)
  let answer = special ? await apiGet(setup.fetch('key_test'), `${target.baseUrl}${special}`, headers, setup.timeouts.keyTestMs) : null
  let via: 'special' | 'models' = 'special'
  // Gateways (and older self-hosted proxies) may only have the models list.
  if (!answer || (!('problem' in answer) && answer.status === 404)) {
    answer = await apiGet(setup.fetch('key_test'), `${target.baseUrl}/models${family === 'anthropic' ? '?limit=1' : family === 'google' ? '?pageSize=1' : ''}`, headers, setup.timeouts.keyTestMs)
    via = 'models'
  }
  if ('problem' in answer) return problemKeyCheck(answer.problem, ctx)
  if (answer.status < 200 || answer.status >= 300) {
    return problemKeyCheck(classifyHttp(answer.status, answer.headers, answer.json, { family, forKeyTest: true, now: setup.clock.now() }), ctx)
  }
  return keyAnswer(target, ctx, via, answer.json)
}

function keyAnswer(target: Target, ctx: ProblemContext, via: 'special' | 'models', json: unknown): KeyCheck {
  const name = target.name
  const body = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : null
  if (!body) return problemKeyCheck({ kind: 'wrong_address' }, ctx)
  if (via === 'special') {
    switch (target.spec?.family) {
      case 'xai':
        if (body.api_key_blocked === true || body.api_key_disabled === true) {
          return { status: 'invalid', message: say(body.api_key_disabled === true ? 'keys.xaiDisabled' : 'keys.xaiBlocked', { keyUrl: ctx.keyUrl ?? '' }) }
        }
        if (body.team_blocked === true) return { status: 'error', message: say('keys.xaiTeamBlocked') }
        return accepted(name)
      case 'deepseek':
        if (body.is_available === false) return problemKeyCheck({ kind: 'no_credit' }, ctx)
        return accepted(name)
      case 'openrouter': {
        const data = body.data !== null && typeof body.data === 'object' ? (body.data as Record<string, unknown>) : {}
        if (typeof data.limit_remaining === 'number' && data.limit_remaining <= 0) return problemKeyCheck({ kind: 'no_credit' }, ctx)
        return accepted(name)
      }
    }
  }
  const items = listItems(json)
  if (!items) return problemKeyCheck({ kind: 'wrong_address' }, ctx)
  if (target.kind === 'server') {
    return items.length === 0
      ? { status: 'valid', message: say('keys.serverEmpty', { name }) }
      : { status: 'valid', message: say('keys.serverModels', { name, count: items.length }) }
  }
  return accepted(name)
}

function problemKeyCheckMessageNoKey(ctx: ProblemContext): string {
  return say('keys.noKeyToTest', { name: ctx.name, keyUrl: ctx.keyUrl ?? '' })
}

const accepted = (name: string): KeyCheck => ({ status: 'valid', message: say('keys.accepted', { name }) })
