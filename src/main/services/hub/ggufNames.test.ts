import { describe, expect, it } from 'vitest'
import { isMmproj, quantFromFileName, splitName, splitPartNames } from './ggufNames'

describe('quantFromFileName', () => {
  it.each([
    ['Qwen3-4B-Q4_K_M.gguf', 'Q4_K_M'],
    ['qwen2.5-0.5b-instruct-q4_k_m.gguf', 'Q4_K_M'],
    ['Phi-4-mini-instruct.Q8_0.gguf', 'Q8_0'],
    ['gemma-3-4b-it-IQ4_XS.gguf', 'IQ4_XS'],
    ['Llama-3.2-1B-Instruct-IQ2_XXS.gguf', 'IQ2_XXS'],
    ['gemma-3-27b-it-BF16-00001-of-00002.gguf', 'BF16'],
    ['Mistral-Nemo-Instruct-2407-f16.gguf', 'F16'],
    ['model-fp16.gguf', 'F16'],
    ['Qwen3-30B-A3B-UD-Q4_K_XL.gguf', 'UD-Q4_K_XL'],
    ['Q4_K_M/Llama-3.3-70B-Instruct-Q4_K_M-00001-of-00002.gguf', 'Q4_K_M'],
    ['Llama-3.2-1B-Instruct-Q4_0_4_4.gguf', 'Q4_0_4_4'],
    ['gpt-oss-20b-MXFP4.gguf', 'MXFP4'],
    ['Qwen2.5-Coder-1.5B-Instruct-Q3_K_L.gguf', 'Q3_K_L'],
    ['stories260K.gguf', null],
    ['Qwen3-4B.gguf', null],
  ])('%s → %s', (file, quant) => {
    expect(quantFromFileName(file)).toBe(quant)
  })
})

describe('split names', () => {
  it('reads and rebuilds a split set', () => {
    const split = splitName('Q8_0/Model-Q8_0-00002-of-00003.gguf')
    expect(split).toEqual({ base: 'Q8_0/Model-Q8_0', part: 2, total: 3 })
    expect(splitPartNames(split!)).toEqual([
      'Q8_0/Model-Q8_0-00001-of-00003.gguf',
      'Q8_0/Model-Q8_0-00002-of-00003.gguf',
      'Q8_0/Model-Q8_0-00003-of-00003.gguf',
    ])
    expect(splitName('Model-Q8_0.gguf')).toBeNull()
    expect(splitName('Model-00004-of-00003.gguf')).toBeNull()
  })

  it('tells vision projectors apart', () => {
    expect(isMmproj('mmproj-model-f16.gguf')).toBe(true)
    expect(isMmproj('gemma-3-4b-it-mmproj-F16.gguf')).toBe(true)
    expect(isMmproj('gemma-3-4b-it-Q4_K_M.gguf')).toBe(false)
  })
})
