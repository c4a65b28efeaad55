import { describe, expect, it } from 'vitest'
import { classify } from './classify'
import { estimateTokens } from '../../../shared/units'
import { promptTokens } from './tokens'

const one = (text: string, history: { role: 'user' | 'assistant' | 'system'; content: string }[] = []) => classify({ text, history })

describe('tokens', () => {
  it('about four characters a token, at least one for any text', () => {
    expect(estimateTokens('')).toBe(0)
    expect(estimateTokens('a')).toBe(1)
    expect(estimateTokens('x'.repeat(400))).toBe(100)
  })

  it('a prompt is every turn plus a few tokens of framing each', () => {
    const history = [
      { role: 'user' as const, content: 'x'.repeat(40) },
      { role: 'assistant' as const, content: 'y'.repeat(80) },
    ]
    expect(promptTokens({ text: 'z'.repeat(20), history })).toBe(10 + 20 + 5 + 3 * 4)
  })
})

describe('classify', () => {
  it('reports the features it used', () => {
    const { features } = one('Is `const` block-scoped in JavaScript?')
    expect(features).toMatchObject({ question: true, yesNo: true, codeBlocks: 0, greeting: false, jsonRequested: false, complexityRule: 'short_question' })
    expect(features.words).toBe(5)
    expect(features.promptTokens).toBeGreaterThan(0)
  })

  it('greetings are simple chat, in other languages too', () => {
    for (const text of ['hi', 'Good morning!', 'Bonjour, comment ça va ?', 'thanks!']) expect(one(text)).toMatchObject({ complexity: 'simple', taskType: 'chat' })
  })

  it('a follow-up inherits the task of the message before it', () => {
    const python = [
      { role: 'user' as const, content: 'Write a Python function that parses one CSV line.' },
      { role: 'assistant' as const, content: '```python\ndef parse(line): ...\n```' },
    ]
    expect(one('and in Rust?', python)).toMatchObject({ taskType: 'coding', complexity: 'moderate' })
    expect(one('and in Rust?', python).features.complexityRule).toMatch(/^follow_up:/)
    // Without the history it is just a short question.
    expect(one('and in Rust?')).toMatchObject({ complexity: 'simple' })
  })

  it('a long pasted log with a question about why it fails is complex debugging', () => {
    const frame = '    at handler (/srv/app/src/routes/orders.js:42:17)\n'
    const log = `${'2024-05-14T10:00:00Z INFO GET /api/orders 200 12ms\n'.repeat(60)}TypeError: Cannot read properties of undefined\n${frame.repeat(12)}`
    expect(one(`Our server keeps crashing. Here is the log:\n\n${log}\n\nWhat is the root cause?`)).toMatchObject({ complexity: 'complex', taskType: 'coding' })
    expect(one(`Here is the log:\n\n${log}\n\nHow many lines does it have?`)).toMatchObject({ complexity: 'simple', features: { stackTrace: true } })
  })

  it('over ~8k tokens of text or conversation is long context', () => {
    expect(one(`${'Lorem ipsum dolor sit amet. '.repeat(1300)}\n\nSummarise this.`).taskType).toBe('long_context')
    const history = Array.from({ length: 20 }, () => ({ role: 'user' as const, content: 'word '.repeat(400) }))
    expect(one('Summarise what we agreed.', history).taskType).toBe('long_context')
  })

  it('an image referred to is vision; a file name with .jpeg in a coding task is not', () => {
    expect(one('What does the sign in the attached picture say?').taskType).toBe('vision')
    expect(one('Describe diagram.png for me').taskType).toBe('vision')
    expect(one('Write a bash script that renames every .jpeg file to .jpg.').taskType).toBe('coding')
  })

  it('actions in the world are agentic; more of them make it complex', () => {
    expect(one('Set a timer for 10 minutes.')).toMatchObject({ taskType: 'agentic', complexity: 'simple' })
    expect(one('Clone the repo, run the test suite, fix the failing tests and open a pull request.')).toMatchObject({ taskType: 'agentic', complexity: 'complex' })
    // "install" in a question about a command is no action.
    expect(one('What’s the npm command to install a package as a dev dependency?').taskType).toBe('coding')
  })

  it('JSON requested, not merely mentioned', () => {
    expect(one('Return the result as JSON.').features.jsonRequested).toBe(true)
    expect(one('Give me a JSON object with the keys a and b.').features.jsonRequested).toBe(true)
    expect(one('What does JSON stand for?').features.jsonRequested).toBe(false)
  })

  it('a pasted article is material: the lead-in decides', () => {
    const article = 'Cities across Europe are experimenting with car-free centres, and shops, cafés, schools, parks and offices all report changes. '.repeat(5)
    expect(one(`Summarise this article in three bullet points:\n\n${article}`)).toMatchObject({ complexity: 'moderate', taskType: 'chat' })
  })

  it('proofs, architecture and research are complex; the group shows in the features', () => {
    expect(one('Prove that the square root of 2 is irrational.')).toMatchObject({ complexity: 'complex', taskType: 'reasoning', features: { groups: 'proof' } })
    expect(one('Design the architecture for a chat backend with sharding.').features.groups).toContain('architecture')
  })
})
