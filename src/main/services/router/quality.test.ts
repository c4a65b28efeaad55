import { describe, expect, it } from 'vitest'
import { assessQuality, type QualityInput } from './quality'
import { setLanguage } from '../../../shared/i18n'

const THRESHOLD = 0.7
const ask = (text: string, answer: string, stopReason: QualityInput['stopReason'] = 'end') =>
  assessQuality({ text: answer, stopReason, request: { text, history: [] } })

/** Real replies of the 260K-parameter TinyStories model (temperature 0, 200 tokens). */
const STORIES_LOOP =
  'Anna, Anna, came to visit the village. She is also very small and angry. She says, "I want to see what is inside. We can see the cake."\nAnna says, "It is a small box. It is a small box. It is a small box. It is a small box. It is a small box. It is a small box. It is a small box. It is a small box. It is a boy. It'
const STORIES_CUT =
  ", there was a little girl named Lily. She loved to play outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high.\nLily's mom said, \"Lily, let's go to the park.\" Lily was sad and didn't know what to do. She said, \"I want to play with your ball, but I can't find it.\"\nLily was sad and didn't know what to do. She said, \"I'm sorry, Lily. I didn't know what to do.\"\nLily said, \"I'm sorry, mom. I didn't"

describe('good answers pass', () => {
  it.each([
    ['Is a tomato a fruit?', 'Yes.'],
    ['Is 91 a prime number?', 'No — 91 = 7 × 13.'],
    ['hi', 'Hello!'],
    ['What is the capital of Australia?', 'Canberra.'],
    [
      'Explain how vaccines train the immune system, in simple terms.',
      'A vaccine shows your immune system a harmless piece or copy of a germ. Your body makes antibodies and memory cells against it, so if the real germ ever arrives, your defences recognise it and respond fast, before you get seriously ill.',
    ],
    ['Write a Python function that reverses a string.', '```python\ndef reverse(s: str) -> str:\n    return s[::-1]\n```'],
    ['Return the three primary colours as a JSON array.', '["red", "yellow", "blue"]'],
    ['Give me the user as JSON: name Ada, age 36.', 'Here it is:\n```json\n{ "name": "Ada", "age": 36 }\n```'],
    [
      'Write a bash script that prints the numbers 1 to 3.',
      '```bash\necho 1\necho 2\necho 3\n```\nEach line prints one number; a loop (`for i in 1 2 3; do echo $i; done`) does the same.',
    ],
  ])('%s', (question, answer) => {
    const result = ask(question, answer)
    expect(result.issues).toEqual([])
    expect(result.note).toBeNull()
    expect(result.confidence).toBeGreaterThanOrEqual(THRESHOLD)
  })

  it('a list with repeated short lines is not a loop', () => {
    const answer = 'Steps:\n- Mix\n- Mix\n- Mix\n- Bake the cake for thirty minutes at 180°C until golden.\n- Let it cool before slicing.'
    expect(ask('How do I bake a simple sponge cake?', answer).issues).not.toContain('repetition')
  })
})

describe('bad answers fall below the threshold', () => {
  it('empty → 0', () => {
    expect(ask('Explain inflation.', '   \n ')).toEqual({ confidence: 0, issues: ['empty'], note: 'The answer was empty' })
  })

  it.each([
    "I can't help with that.",
    'I’m sorry, but I cannot assist with this request.',
    'As an AI language model, I cannot browse the internet or book tables.',
    'Sorry, I can’t do that.',
  ])('refusal: %s', (answer) => {
    const result = ask('Book a table for two at Luigi’s tomorrow at 7pm.', answer)
    expect(result.issues).toContain('refusal')
    expect(result.confidence).toBe(0.2)
    expect(result.note).toBe('The model declined to answer')
  })

  it('a refusal quoted later in a real answer is not one', () => {
    const answer = 'Sure. When a customer writes "I can\'t help with that", reply with empathy: acknowledge the problem, offer one next step, and give a time frame.'
    expect(ask('How should I answer a rude customer email?', answer).issues).toEqual([])
  })

  it('cut off by the length limit → about 0.5', () => {
    const result = ask('Write a short story for children.', STORIES_CUT, 'max_tokens')
    expect(result.issues).toEqual(['cut_off'])
    expect(result.confidence).toBe(0.5)
    expect(result.note).toBe('The answer looked cut off by the length limit')
  })

  it('the tiny model’s loop → repetition ≤ 0.4', () => {
    const result = ask('What is the capital of France?', STORIES_LOOP)
    expect(result.issues).toContain('repetition')
    expect(result.confidence).toBeLessThanOrEqual(0.4)
    expect(result.note).toBe('The answer repeated itself')
  })

  it.each([
    ['the same line over and over', Array.from({ length: 8 }, () => 'The function returns the sum of the list.').join('\n')],
    ['one word again and again', 'the '.repeat(60)],
    ['random tokens in a loop', 'xq7_zz!kk'.repeat(20)],
  ])('repetition: %s', (_, answer) => {
    const result = ask('Explain what this function does.', answer)
    expect(result.issues).toContain('repetition')
    expect(result.confidence).toBeLessThan(THRESHOLD)
  })

  it('invalid JSON when JSON was asked for → 0.2; fenced JSON counts', () => {
    const bad = ask('Return the three primary colours as a JSON array.', 'The primary colours are red, yellow and blue.')
    expect(bad).toEqual({ confidence: 0.2, issues: ['invalid_json'], note: 'The answer was not valid JSON though JSON was asked for' })
    expect(ask('Respond in JSON with keys name and age for Ada, 36.', '```json\n{ "name": "Ada", "age": 36, }\n```').issues).toEqual(['invalid_json'])
    expect(ask('Respond in JSON with keys name and age for Ada, 36.', '```json\n{ "name": "Ada", "age": 36 }\n```').issues).toEqual([])
    // Merely mentioning JSON is no request for it.
    expect(ask('What does JSON stand for?', 'JavaScript Object Notation.').issues).toEqual([])
  })

  it('very short for the request → 0.5; a one-word answer to a yes/no question is fine', () => {
    const short = ask('Write a polite email to my landlord asking him to fix the leaking kitchen tap this week.', 'Dear landlord, fix it.')
    expect(short).toEqual({ confidence: 0.5, issues: ['too_short'], note: 'The answer was very short' })
    expect(ask('Design the architecture for a multi-tenant SaaS billing system with failover.', 'Use microservices.').issues).toEqual(['too_short'])
    expect(ask('Can dogs eat grapes?', 'No.').issues).toEqual([])
  })

  it('several issues: the worst one is named and each further one takes a little more off', () => {
    const result = ask('Write a story.', 'It is a small box. '.repeat(30), 'max_tokens')
    expect(result.issues).toEqual(['repetition', 'cut_off'])
    expect(result.note).toBe('The answer repeated itself')
    expect(result.confidence).toBeCloseTo(0.25, 5)
  })

  it('uses the classification it is given instead of classifying again', () => {
    const result = assessQuality({
      text: 'Fine.',
      stopReason: 'end',
      request: { text: 'hi', history: [] },
      classification: { complexity: 'complex', taskType: 'chat', confidence: 1, features: {} },
    })
    expect(result.issues).toEqual(['too_short'])
  })
})

it('writes its note in the reader’s language: it is kept on the message', () => {
  const empty: QualityInput = { text: '', stopReason: 'end', request: { text: 'Explain inflation.', history: [] } }
  expect(assessQuality({ ...empty, language: 'es' }).note).toBe('La respuesta estaba vacía')
  expect(assessQuality({ ...empty, language: 'zh-CN' }).note).toBe('回答是空的')
  setLanguage('es')
  try {
    expect(assessQuality(empty).note).toBe('La respuesta estaba vacía')
  } finally {
    setLanguage('en')
  }
})
