/**
 * The curated catalog: real Hugging Face repos and files, taken only from the research table
 * `reference/hf-gguf-catalog.md` in the shared folder beside the repository (confidence A or B
 * there; nothing guessed; catalog.test.ts checks this where that folder exists). Sizes are the
 * reference's (exact bytes, or the Hub page's decimal GB); null where it gives none — the service
 * estimates those, and the Hub's real size and SHA-256 win at download time anyway.
 *
 * Each entry's first quant is its default (Q4_K_M wherever one exists). Architecture numbers are
 * the published configs of each model family, for the memory estimate before download.
 *
 * Left out on purpose (see the reference): Phi-4-mini-flash-reasoning (llama.cpp cannot run it; its
 * sibling Phi-4-mini-reasoning stands in), Devstral Small 2 and Qwen3-Coder-Next (no file names
 * confirmed), Qwen3-Coder-480B (not desktop-class), `meta-llama/*` and `google/*-qat-*` GGUF repos
 * (names unconfirmed or gated; the ungated community repos below are used instead).
 */
import type { ArchInfo, Confidence, CuratedEntry } from './types'

export interface RawQuant {
  quant: string
  repo: string
  file: string
  sizeBytes: number | null
  confidence: Confidence
  parts: number
}

export type RawEntry = Omit<CuratedEntry, 'quants' | 'gated'> & { quants: RawQuant[]; gated?: boolean }

const q = (quant: string, repo: string, file: string, sizeBytes: number | null, confidence: Confidence, parts = 1): RawQuant => ({
  quant,
  repo,
  file,
  sizeBytes,
  confidence,
  parts,
})

const GB = 1e9
const arch = (layers: number, kvHeads: number, headDim: number, embedding: number, extra: Partial<ArchInfo> = {}): ArchInfo => ({
  layers,
  kvHeads,
  headDim,
  embedding,
  ...extra,
})
/** Gemma 3: five sliding-window layers (1024 tokens; 512 for 1B) to one global layer. */
const gemmaWindow = (size = 1024) => ({ slidingWindow: { size, globalEvery: 6 } })

export const CATALOG_DATA: RawEntry[] = [
  // ---------------------------------------------------------------- the tiny demo
  {
    id: 'stories260k',
    name: 'Stories 260K (demo)',
    family: 'Tiny demo',
    description: 'A tiny 1 MiB demo model that writes short children’s stories — for trying Aura out, not for real questions.',
    parameters: 260_000,
    contextLength: 2048,
    capabilities: [],
    license: 'mit',
    quants: [q('F32', 'ggml-org/tiny-llamas', 'stories260K.gguf', 1_185_376, 'A')],
    arch: arch(5, 4, 8, 64),
    completionOnly: true,
  },

  // ---------------------------------------------------------------- small starters (weak laptops)
  {
    id: 'qwen2.5-0.5b',
    name: 'Qwen2.5 0.5B Instruct',
    family: 'Qwen2.5',
    description: 'A very small, very fast chat model for older laptops — good for simple questions and short texts.',
    parameters: 0.49e9,
    contextLength: 32_768,
    capabilities: ['chat'],
    license: 'apache-2.0',
    quants: [
      q('Q4_K_M', 'Qwen/Qwen2.5-0.5B-Instruct-GGUF', 'qwen2.5-0.5b-instruct-q4_k_m.gguf', 491_400_032, 'A'),
      q('Q8_0', 'Qwen/Qwen2.5-0.5B-Instruct-GGUF', 'qwen2.5-0.5b-instruct-q8_0.gguf', null, 'B'),
    ],
    arch: arch(24, 2, 64, 896),
  },
  {
    id: 'qwen3-0.6b',
    name: 'Qwen3 0.6B',
    family: 'Qwen3',
    description: 'The smallest Qwen3: quick answers on almost any computer, and it can think step by step.',
    parameters: 0.6e9,
    contextLength: 32_768,
    capabilities: ['chat', 'tools', 'reasoning'],
    license: 'apache-2.0',
    quants: [
      q('Q4_K_M', 'unsloth/Qwen3-0.6B-GGUF', 'Qwen3-0.6B-Q4_K_M.gguf', 396_705_472, 'B'),
      q('Q8_0', 'Qwen/Qwen3-0.6B-GGUF', 'Qwen3-0.6B-Q8_0.gguf', 639_446_688, 'A'),
    ],
    arch: arch(28, 8, 128, 1024),
  },
  {
    id: 'llama-3.2-1b',
    name: 'Llama 3.2 1B Instruct',
    family: 'Llama 3.2',
    description: 'Meta’s small chat model: light enough for any laptop, fine for everyday questions and summaries.',
    parameters: 1.24e9,
    contextLength: 131_072,
    capabilities: ['chat'],
    license: 'llama3.2',
    quants: [
      q('Q4_K_M', 'bartowski/Llama-3.2-1B-Instruct-GGUF', 'Llama-3.2-1B-Instruct-Q4_K_M.gguf', 807_694_464, 'A'),
      q('Q4_0', 'bartowski/Llama-3.2-1B-Instruct-GGUF', 'Llama-3.2-1B-Instruct-Q4_0.gguf', 773_025_920, 'A'),
      q('Q8_0', 'bartowski/Llama-3.2-1B-Instruct-GGUF', 'Llama-3.2-1B-Instruct-Q8_0.gguf', 1.32 * GB, 'A'),
    ],
    arch: arch(16, 8, 64, 2048),
  },
  {
    id: 'gemma-3-1b',
    name: 'Gemma 3 1B',
    family: 'Gemma 3',
    description: 'Google’s smallest Gemma 3: a quick text-only helper for modest computers.',
    parameters: 1.0e9,
    contextLength: 32_768,
    capabilities: ['chat'],
    license: 'gemma',
    quants: [
      q('Q4_K_M', 'ggml-org/gemma-3-1b-it-GGUF', 'gemma-3-1b-it-Q4_K_M.gguf', 806_058_240, 'A'),
      q('Q8_0', 'ggml-org/gemma-3-1b-it-GGUF', 'gemma-3-1b-it-Q8_0.gguf', null, 'A'),
    ],
    arch: arch(26, 1, 256, 1152, gemmaWindow(512)),
  },
  {
    id: 'qwen2.5-1.5b',
    name: 'Qwen2.5 1.5B Instruct',
    family: 'Qwen2.5',
    description: 'A small, capable chat model that runs comfortably on most laptops.',
    parameters: 1.54e9,
    contextLength: 32_768,
    capabilities: ['chat'],
    license: 'apache-2.0',
    quants: [q('Q4_K_M', 'Qwen/Qwen2.5-1.5B-Instruct-GGUF', 'qwen2.5-1.5b-instruct-q4_k_m.gguf', 1_117_320_736, 'A')],
    arch: arch(28, 2, 128, 1536),
  },
  {
    id: 'qwen2.5-coder-1.5b',
    name: 'Qwen2.5 Coder 1.5B Instruct',
    family: 'Qwen2.5-Coder',
    description: 'A small coding helper for laptops: explains code and writes short functions.',
    parameters: 1.54e9,
    contextLength: 32_768,
    capabilities: ['coding', 'chat', 'tools'],
    license: 'apache-2.0',
    quants: [
      q('Q4_K_M', 'Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF', 'qwen2.5-coder-1.5b-instruct-q4_k_m.gguf', 1_117_320_768, 'A'),
      q('Q4_0', 'bartowski/Qwen2.5-Coder-1.5B-Instruct-GGUF', 'Qwen2.5-Coder-1.5B-Instruct-Q4_0.gguf', null, 'B'),
    ],
    arch: arch(28, 2, 128, 1536),
  },
  {
    id: 'smollm2-1.7b',
    name: 'SmolLM2 1.7B Instruct',
    family: 'SmolLM2',
    description: 'Hugging Face’s compact chat model, made to run well on small computers.',
    parameters: 1.71e9,
    contextLength: 8192,
    capabilities: ['chat'],
    license: 'apache-2.0',
    quants: [q('Q4_K_M', 'HuggingFaceTB/SmolLM2-1.7B-Instruct-GGUF', 'smollm2-1.7b-instruct-q4_k_m.gguf', 1_055_609_536, 'A')],
    arch: arch(24, 32, 64, 2048),
  },

  // ---------------------------------------------------------------- laptop class (~3–4B)
  {
    id: 'llama-3.2-3b',
    name: 'Llama 3.2 3B Instruct',
    family: 'Llama 3.2',
    description: 'Meta’s laptop-sized chat model: good at everyday writing and questions, and can use tools.',
    parameters: 3.21e9,
    contextLength: 131_072,
    capabilities: ['chat', 'tools'],
    license: 'llama3.2',
    quants: [
      q('Q4_K_M', 'bartowski/Llama-3.2-3B-Instruct-GGUF', 'Llama-3.2-3B-Instruct-Q4_K_M.gguf', 2_019_377_696, 'A'),
      q('Q4_0', 'bartowski/Llama-3.2-3B-Instruct-GGUF', 'Llama-3.2-3B-Instruct-Q4_0.gguf', 1_921_909_280, 'A'),
      q('Q5_K_M', 'bartowski/Llama-3.2-3B-Instruct-GGUF', 'Llama-3.2-3B-Instruct-Q5_K_M.gguf', 2_322_154_016, 'B'),
      q('Q6_K', 'bartowski/Llama-3.2-3B-Instruct-GGUF', 'Llama-3.2-3B-Instruct-Q6_K.gguf', 2_643_853_856, 'B'),
      q('Q8_0', 'bartowski/Llama-3.2-3B-Instruct-GGUF', 'Llama-3.2-3B-Instruct-Q8_0.gguf', 3_421_899_296, 'A'),
    ],
    arch: arch(28, 8, 128, 3072),
  },
  {
    id: 'qwen2.5-coder-3b',
    name: 'Qwen2.5 Coder 3B Instruct',
    family: 'Qwen2.5-Coder',
    description: 'A coding assistant sized for laptops: writes, explains and fixes code.',
    parameters: 3.09e9,
    contextLength: 32_768,
    capabilities: ['coding', 'chat', 'tools'],
    // The 3B alone is under Qwen's research licence (non-commercial), unlike the other sizes.
    license: 'qwen-research',
    quants: [
      q('Q4_K_M', 'unsloth/Qwen2.5-Coder-3B-Instruct-GGUF', 'Qwen2.5-Coder-3B-Instruct-Q4_K_M.gguf', 1.93 * GB, 'A'),
      q('Q3_K_M', 'unsloth/Qwen2.5-Coder-3B-Instruct-GGUF', 'Qwen2.5-Coder-3B-Instruct-Q3_K_M.gguf', 1.59 * GB, 'A'),
      q('Q8_0', 'unsloth/Qwen2.5-Coder-3B-Instruct-GGUF', 'Qwen2.5-Coder-3B-Instruct-Q8_0.gguf', 3.29 * GB, 'A'),
    ],
    arch: arch(36, 2, 128, 2048),
  },
  {
    id: 'phi-4-mini',
    name: 'Phi-4 mini Instruct',
    family: 'Phi-4',
    description: 'Microsoft’s small model that punches above its size: strong at reasoning, maths and writing on a laptop.',
    parameters: 3.84e9,
    contextLength: 131_072,
    capabilities: ['chat'],
    license: 'mit',
    quants: [q('Q4_K_M', 'unsloth/Phi-4-mini-instruct-GGUF', 'Phi-4-mini-instruct-Q4_K_M.gguf', 2_491_874_272, 'A')],
    arch: arch(32, 8, 128, 3072),
  },
  {
    id: 'phi-4-mini-reasoning',
    name: 'Phi-4 mini Reasoning',
    family: 'Phi-4',
    description: 'Phi-4 mini trained to think step by step: best at maths and logic puzzles, slower to answer.',
    parameters: 3.84e9,
    contextLength: 131_072,
    capabilities: ['chat', 'reasoning'],
    license: 'mit',
    quants: [q('Q4_K_M', 'unsloth/Phi-4-mini-reasoning-GGUF', 'Phi-4-mini-reasoning-Q4_K_M.gguf', 2.49 * GB, 'A')],
    arch: arch(32, 8, 128, 3072),
  },
  {
    id: 'qwen3-4b',
    name: 'Qwen3 4B',
    family: 'Qwen3',
    description: 'A strong all-rounder for laptops: writes, answers, uses tools, and can think step by step.',
    parameters: 4.02e9,
    contextLength: 40_960,
    capabilities: ['chat', 'tools', 'reasoning'],
    license: 'apache-2.0',
    quants: [
      q('Q4_K_M', 'Qwen/Qwen3-4B-GGUF', 'Qwen3-4B-Q4_K_M.gguf', 2_497_280_256, 'A'),
      q('Q3_K_M', 'bartowski/Qwen_Qwen3-4B-GGUF', 'Qwen_Qwen3-4B-Q3_K_M.gguf', null, 'B'),
      q('Q8_0', 'Qwen/Qwen3-4B-GGUF', 'Qwen3-4B-Q8_0.gguf', null, 'B'),
    ],
    arch: arch(36, 8, 128, 2560),
  },
  {
    id: 'gemma-3-4b',
    name: 'Gemma 3 4B',
    family: 'Gemma 3',
    description: 'Google’s laptop-sized Gemma: friendly writing in many languages, and it can look at pictures.',
    parameters: 4.3e9,
    contextLength: 131_072,
    capabilities: ['chat', 'vision'],
    license: 'gemma',
    quants: [
      q('Q4_K_M', 'ggml-org/gemma-3-4b-it-GGUF', 'gemma-3-4b-it-Q4_K_M.gguf', 2_489_757_856, 'A'),
      q('Q4_0', 'ggml-org/gemma-3-4b-it-qat-GGUF', 'gemma-3-4b-it-qat-Q4_0.gguf', null, 'A'),
      q('Q8_0', 'ggml-org/gemma-3-4b-it-GGUF', 'gemma-3-4b-it-Q8_0.gguf', 4.13 * GB, 'A'),
      q('F16', 'ggml-org/gemma-3-4b-it-GGUF', 'gemma-3-4b-it-f16.gguf', 7.77 * GB, 'A'),
    ],
    projector: { repo: 'ggml-org/gemma-3-4b-it-GGUF', file: 'mmproj-model-f16.gguf', sizeBytes: 851e6 },
    arch: arch(34, 4, 256, 2560, gemmaWindow()),
  },
  {
    id: 'starcoder2-3b',
    name: 'StarCoder2 3B',
    family: 'StarCoder2',
    description: 'Completes code as you type (for editors); it does not hold a conversation.',
    parameters: 3.03e9,
    contextLength: 16_384,
    capabilities: ['coding'],
    license: 'bigcode-openrail-m',
    quants: [q('Q4_K_M', 'bartowski/starcoder2-3b-GGUF', 'starcoder2-3b-Q4_K_M.gguf', 1.7 * GB, 'A')],
    arch: arch(30, 2, 128, 3072, { slidingWindow: { size: 4096, globalEvery: 0 } }),
    completionOnly: true,
  },

  // ---------------------------------------------------------------- gaming PC class (~7–12B)
  {
    id: 'qwen2.5-coder-7b',
    name: 'Qwen2.5 Coder 7B Instruct',
    family: 'Qwen2.5-Coder',
    description: 'A capable coding assistant for a gaming PC: writes, reviews and explains code in many languages.',
    parameters: 7.61e9,
    contextLength: 32_768,
    capabilities: ['coding', 'chat', 'tools'],
    license: 'apache-2.0',
    quants: [
      q('Q4_K_M', 'bartowski/Qwen2.5-Coder-7B-Instruct-GGUF', 'Qwen2.5-Coder-7B-Instruct-Q4_K_M.gguf', 4.68 * GB, 'A'),
      q('IQ4_XS', 'bartowski/Qwen2.5-Coder-7B-Instruct-GGUF', 'Qwen2.5-Coder-7B-Instruct-IQ4_XS.gguf', 4.22 * GB, 'A'),
      q('Q8_0', 'unsloth/Qwen2.5-Coder-7B-Instruct-GGUF', 'Qwen2.5-Coder-7B-Instruct-Q8_0.gguf', 8_098_525_152, 'B'),
    ],
    arch: arch(28, 4, 128, 3584),
  },
  {
    id: 'mistral-7b-v0.3',
    name: 'Mistral 7B Instruct v0.3',
    family: 'Mistral',
    description: 'Mistral’s classic 7B chat model: quick, dependable everyday answers, and it can use tools.',
    parameters: 7.25e9,
    contextLength: 32_768,
    capabilities: ['chat', 'tools'],
    license: 'apache-2.0',
    quants: [
      q('Q4_K_M', 'bartowski/Mistral-7B-Instruct-v0.3-GGUF', 'Mistral-7B-Instruct-v0.3-Q4_K_M.gguf', 4_372_812_000, 'A'),
      q('Q3_K_M', 'bartowski/Mistral-7B-Instruct-v0.3-GGUF', 'Mistral-7B-Instruct-v0.3-Q3_K_M.gguf', null, 'B'),
      q('Q8_0', 'bartowski/Mistral-7B-Instruct-v0.3-GGUF', 'Mistral-7B-Instruct-v0.3-Q8_0.gguf', null, 'B'),
    ],
    arch: arch(32, 8, 128, 4096),
  },
  {
    id: 'llama-3.1-8b',
    name: 'Llama 3.1 8B Instruct',
    family: 'Llama 3.1',
    description: 'Meta’s popular 8B model: a solid everyday assistant for a gaming PC, with tool use.',
    parameters: 8.03e9,
    contextLength: 131_072,
    capabilities: ['chat', 'tools'],
    license: 'llama3.1',
    quants: [
      q('Q4_K_M', 'bartowski/Meta-Llama-3.1-8B-Instruct-GGUF', 'Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf', 4_920_739_232, 'A'),
      q('Q3_K_M', 'bartowski/Meta-Llama-3.1-8B-Instruct-GGUF', 'Meta-Llama-3.1-8B-Instruct-Q3_K_M.gguf', null, 'B'),
      q('Q8_0', 'bartowski/Meta-Llama-3.1-8B-Instruct-GGUF', 'Meta-Llama-3.1-8B-Instruct-Q8_0.gguf', null, 'B'),
    ],
    arch: arch(32, 8, 128, 4096),
  },
  {
    id: 'qwen3-8b',
    name: 'Qwen3 8B',
    family: 'Qwen3',
    description: 'A strong all-rounder for a gaming PC: writing, questions, tools, and step-by-step thinking.',
    parameters: 8.19e9,
    contextLength: 40_960,
    capabilities: ['chat', 'tools', 'reasoning'],
    license: 'apache-2.0',
    quants: [
      q('Q4_K_M', 'Qwen/Qwen3-8B-GGUF', 'Qwen3-8B-Q4_K_M.gguf', 5_027_783_488, 'A'),
      q('Q3_K_M', 'unsloth/Qwen3-8B-GGUF', 'Qwen3-8B-Q3_K_M.gguf', 4_124_161_856, 'A'),
      q('Q5_K_M', 'Qwen/Qwen3-8B-GGUF', 'Qwen3-8B-Q5_K_M.gguf', null, 'B'),
      q('Q8_0', 'Qwen/Qwen3-8B-GGUF', 'Qwen3-8B-Q8_0.gguf', 8_709_518_112, 'A'),
    ],
    arch: arch(36, 8, 128, 4096),
  },
  {
    id: 'mistral-nemo-12b',
    name: 'Mistral Nemo 12B Instruct',
    family: 'Mistral',
    description: 'Mistral’s 12B model with a long memory: good at long documents, many languages and tool use.',
    parameters: 12.2e9,
    contextLength: 131_072,
    capabilities: ['chat', 'tools'],
    license: 'apache-2.0',
    quants: [
      q('Q4_K_M', 'bartowski/Mistral-Nemo-Instruct-2407-GGUF', 'Mistral-Nemo-Instruct-2407-Q4_K_M.gguf', 7.5 * GB, 'A'),
      q('Q3_K_M', 'mradermacher/Mistral-Nemo-Instruct-2407-GGUF', 'Mistral-Nemo-Instruct-2407.Q3_K_M.gguf', 6.2 * GB, 'A'),
      q('Q8_0', 'mradermacher/Mistral-Nemo-Instruct-2407-GGUF', 'Mistral-Nemo-Instruct-2407.Q8_0.gguf', 13.1 * GB, 'A'),
    ],
    arch: arch(40, 8, 128, 5120),
  },
  {
    id: 'gemma-3-12b',
    name: 'Gemma 3 12B',
    family: 'Gemma 3',
    description: 'Google’s mid-sized Gemma: thoughtful writing in many languages, and it can look at pictures.',
    parameters: 12.2e9,
    contextLength: 131_072,
    capabilities: ['chat', 'vision'],
    license: 'gemma',
    quants: [
      q('Q4_K_M', 'ggml-org/gemma-3-12b-it-GGUF', 'gemma-3-12b-it-Q4_K_M.gguf', 7_300_574_976, 'A'),
      q('Q4_0', 'ggml-org/gemma-3-12b-it-qat-GGUF', 'gemma-3-12b-it-qat-Q4_0.gguf', null, 'B'),
      q('Q8_0', 'ggml-org/gemma-3-12b-it-GGUF', 'gemma-3-12b-it-Q8_0.gguf', null, 'B'),
    ],
    projector: { repo: 'ggml-org/gemma-3-12b-it-GGUF', file: 'mmproj-model-f16.gguf', sizeBytes: 854_200_224 },
    arch: arch(48, 8, 256, 3840, gemmaWindow()),
  },

  // ---------------------------------------------------------------- enthusiast class (~14–24B)
  {
    id: 'qwen3-14b',
    name: 'Qwen3 14B',
    family: 'Qwen3',
    description: 'A clever assistant for a 16 GiB graphics card: careful answers, tools, and step-by-step thinking.',
    parameters: 14.8e9,
    contextLength: 40_960,
    capabilities: ['chat', 'tools', 'reasoning'],
    license: 'apache-2.0',
    quants: [
      q('Q4_K_M', 'Qwen/Qwen3-14B-GGUF', 'Qwen3-14B-Q4_K_M.gguf', 9_001_752_960, 'A'),
      q('Q5_K_M', 'Qwen/Qwen3-14B-GGUF', 'Qwen3-14B-Q5_K_M.gguf', null, 'B'),
      q('Q8_0', 'unsloth/Qwen3-14B-GGUF', 'Qwen3-14B-Q8_0.gguf', 15_698_534_784, 'B'),
    ],
    arch: arch(40, 8, 128, 5120),
  },
  {
    id: 'phi-4',
    name: 'Phi-4 14B',
    family: 'Phi-4',
    description: 'Microsoft’s 14B model: strong at reasoning, maths and careful writing.',
    parameters: 14.7e9,
    contextLength: 16_384,
    capabilities: ['chat'],
    license: 'mit',
    quants: [
      q('Q4_K_M', 'microsoft/phi-4-gguf', 'phi-4-Q4_K_M.gguf', null, 'B'),
      q('Q4_K_S', 'microsoft/phi-4-gguf', 'phi-4-Q4_K_S.gguf', 7.9 * GB, 'A'),
      q('BF16', 'microsoft/phi-4-gguf', 'phi-4-bf16.gguf', null, 'B'),
    ],
    arch: arch(40, 10, 128, 5120),
  },
  {
    id: 'qwen2.5-coder-14b',
    name: 'Qwen2.5 Coder 14B Instruct',
    family: 'Qwen2.5-Coder',
    description: 'A strong coding assistant for a 16 GiB graphics card: bigger projects, better fixes.',
    parameters: 14.7e9,
    contextLength: 32_768,
    capabilities: ['coding', 'chat', 'tools'],
    license: 'apache-2.0',
    quants: [
      q('Q4_K_M', 'bartowski/Qwen2.5-Coder-14B-Instruct-GGUF', 'Qwen2.5-Coder-14B-Instruct-Q4_K_M.gguf', 8.99 * GB, 'A'),
      q('Q5_K_M', 'Qwen/Qwen2.5-Coder-14B-Instruct-GGUF', 'qwen2.5-coder-14b-instruct-q5_k_m.gguf', 10_508_873_152, 'B'),
    ],
    arch: arch(48, 8, 128, 5120),
  },
  {
    id: 'deepseek-coder-v2-lite',
    name: 'DeepSeek Coder V2 Lite Instruct',
    family: 'DeepSeek-Coder-V2',
    description: 'A fast coding assistant: big knowledge, but only a small part of it works on each word, so it answers quickly.',
    parameters: 15.7e9,
    activeParameters: 2.4e9,
    contextLength: 131_072,
    capabilities: ['coding', 'chat'],
    license: 'deepseek',
    quants: [
      q('Q4_K_M', 'bartowski/DeepSeek-Coder-V2-Lite-Instruct-GGUF', 'DeepSeek-Coder-V2-Lite-Instruct-Q4_K_M.gguf', 10.4 * GB, 'A'),
      q('Q5_K_M', 'bartowski/DeepSeek-Coder-V2-Lite-Instruct-GGUF', 'DeepSeek-Coder-V2-Lite-Instruct-Q5_K_M.gguf', 11_851_313_920, 'B'),
    ],
    // Multi-head latent attention, cached per head as llama.cpp stores it: 192-wide keys, 128-wide values.
    arch: arch(27, 16, 192, 2048, { valueHeadDim: 128 }),
  },
  {
    id: 'starcoder2-15b',
    name: 'StarCoder2 15B',
    family: 'StarCoder2',
    description: 'Completes code as you type (for editors), across 600 programming languages; it does not hold a conversation.',
    parameters: 15.96e9,
    contextLength: 16_384,
    capabilities: ['coding'],
    license: 'bigcode-openrail-m',
    quants: [
      q('Q4_K_M', 'second-state/StarCoder2-15B-GGUF', 'starcoder2-15b-Q4_K_M.gguf', 9.2 * GB, 'A'),
      q('Q5_K_M', 'second-state/StarCoder2-15B-GGUF', 'starcoder2-15b-Q5_K_M.gguf', null, 'B'),
    ],
    arch: arch(40, 4, 128, 6144, { slidingWindow: { size: 4096, globalEvery: 0 } }),
    completionOnly: true,
  },
  {
    id: 'devstral-small-2507',
    name: 'Devstral Small 1.1 (24B)',
    family: 'Devstral',
    description: 'Mistral’s coding agent model: works through real software tasks step by step with tools.',
    parameters: 23.6e9,
    contextLength: 131_072,
    capabilities: ['coding', 'chat', 'tools'],
    license: 'apache-2.0',
    quants: [
      q('Q4_K_M', 'bartowski/mistralai_Devstral-Small-2507-GGUF', 'mistralai_Devstral-Small-2507-Q4_K_M.gguf', 14.6 * GB, 'A'),
      q('IQ4_XS', 'unsloth/Devstral-Small-2507-GGUF', 'Devstral-Small-2507-IQ4_XS.gguf', null, 'B'),
      q('Q6_K_L', 'bartowski/mistralai_Devstral-Small-2507-GGUF', 'mistralai_Devstral-Small-2507-Q6_K_L.gguf', null, 'A'),
    ],
    arch: arch(40, 8, 128, 5120),
  },
  {
    id: 'gemma-3-27b',
    name: 'Gemma 3 27B',
    family: 'Gemma 3',
    // 'vision' left out: the projector file for this repo is not confirmed in the reference.
    description: 'Google’s largest Gemma 3: excellent writing and knowledge for a 24 GiB graphics card.',
    parameters: 27.4e9,
    contextLength: 131_072,
    capabilities: ['chat'],
    license: 'gemma',
    quants: [
      q('Q4_K_M', 'ggml-org/gemma-3-27b-it-GGUF', 'gemma-3-27b-it-Q4_K_M.gguf', 16_546_404_736, 'B'),
      q('Q4_0', 'ggml-org/gemma-3-27b-it-qat-GGUF', 'gemma-3-27b-it-qat-Q4_0.gguf', null, 'B'),
      q('Q8_0', 'unsloth/gemma-3-27b-it-GGUF', 'gemma-3-27b-it-Q8_0.gguf', 27.7 * GB, 'B'),
    ],
    arch: arch(62, 16, 128, 5376, gemmaWindow()),
  },

  // ---------------------------------------------------------------- workstation class (30B+)
  {
    id: 'qwen3-30b-a3b',
    name: 'Qwen3 30B-A3B',
    family: 'Qwen3',
    description: 'A large Qwen3 that answers fast: it knows a lot, but only a small part of it works on each word.',
    parameters: 30.5e9,
    activeParameters: 3.3e9,
    contextLength: 40_960,
    capabilities: ['chat', 'tools', 'reasoning'],
    license: 'apache-2.0',
    quants: [q('Q4_K_M', 'Qwen/Qwen3-30B-A3B-GGUF', 'Qwen3-30B-A3B-Q4_K_M.gguf', 18_556_685_824, 'A')],
    arch: arch(48, 4, 128, 2048),
  },
  {
    id: 'qwen3-coder-30b-a3b',
    name: 'Qwen3 Coder 30B-A3B Instruct',
    family: 'Qwen3-Coder',
    description: 'Qwen’s coding model: writes and fixes code across whole projects, uses tools, and answers quickly for its size.',
    parameters: 30.5e9,
    activeParameters: 3.3e9,
    contextLength: 262_144,
    capabilities: ['coding', 'chat', 'tools'],
    license: 'apache-2.0',
    quants: [
      q('Q4_K_M', 'unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF', 'Qwen3-Coder-30B-A3B-Instruct-Q4_K_M.gguf', 18_556_689_568, 'A'),
      q('UD-IQ2_M', 'unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF', 'Qwen3-Coder-30B-A3B-Instruct-UD-IQ2_M.gguf', null, 'B'),
      q('UD-Q4_K_XL', 'unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF', 'Qwen3-Coder-30B-A3B-Instruct-UD-Q4_K_XL.gguf', null, 'A'),
      q('Q8_0', 'ggml-org/Qwen3-Coder-30B-A3B-Instruct-Q8_0-GGUF', 'qwen3-coder-30b-a3b-instruct-q8_0.gguf', 32_483_933_856, 'A'),
    ],
    arch: arch(48, 4, 128, 2048),
  },
  {
    id: 'qwen3-32b',
    name: 'Qwen3 32B',
    family: 'Qwen3',
    description: 'Qwen3 at full strength for a workstation: careful answers, tools, and deep step-by-step thinking.',
    parameters: 32.8e9,
    contextLength: 40_960,
    capabilities: ['chat', 'tools', 'reasoning'],
    license: 'apache-2.0',
    quants: [
      q('Q4_K_M', 'Qwen/Qwen3-32B-GGUF', 'Qwen3-32B-Q4_K_M.gguf', 19_762_149_024, 'A'),
      q('Q8_0', 'Qwen/Qwen3-32B-GGUF', 'Qwen3-32B-Q8_0.gguf', 35 * GB, 'B'),
    ],
    arch: arch(64, 8, 128, 5120),
  },
  {
    id: 'qwen2.5-coder-32b',
    name: 'Qwen2.5 Coder 32B Instruct',
    family: 'Qwen2.5-Coder',
    description: 'A top open coding assistant for a workstation: large projects, careful fixes, clear explanations.',
    parameters: 32.8e9,
    contextLength: 32_768,
    capabilities: ['coding', 'chat', 'tools'],
    license: 'apache-2.0',
    quants: [
      q('Q4_K_M', 'bartowski/Qwen2.5-Coder-32B-Instruct-GGUF', 'Qwen2.5-Coder-32B-Instruct-Q4_K_M.gguf', 19.9 * GB, 'A'),
      q('Q3_K_M', 'second-state/Qwen2.5-Coder-32B-Instruct-GGUF', 'Qwen2.5-Coder-32B-Instruct-Q3_K_M.gguf', 15.9 * GB, 'A'),
      q('Q8_0', 'mradermacher/Qwen2.5-Coder-32B-Instruct-GGUF', 'Qwen2.5-Coder-32B-Instruct.Q8_0.gguf', 34.8 * GB, 'A'),
    ],
    arch: arch(64, 8, 128, 5120),
  },
  {
    id: 'llama-3.3-70b',
    name: 'Llama 3.3 70B Instruct',
    family: 'Llama 3.3',
    description: 'Meta’s large model, close to the best cloud assistants — needs a workstation with lots of memory.',
    parameters: 70.6e9,
    contextLength: 131_072,
    capabilities: ['chat', 'tools'],
    license: 'llama3.3',
    quants: [
      q('Q4_K_M', 'bartowski/Llama-3.3-70B-Instruct-GGUF', 'Llama-3.3-70B-Instruct-Q4_K_M.gguf', 42.5 * GB, 'A'),
      q('IQ4_XS', 'bartowski/Llama-3.3-70B-Instruct-GGUF', 'Llama-3.3-70B-Instruct-IQ4_XS.gguf', 38 * GB, 'A'),
      q('Q8_0', 'bartowski/Llama-3.3-70B-Instruct-GGUF', 'Llama-3.3-70B-Instruct-Q8_0/Llama-3.3-70B-Instruct-Q8_0-00001-of-00002.gguf', 74.9 * GB, 'A', 2),
    ],
    arch: arch(80, 8, 128, 8192),
  },

  // ---------------------------------------------------------------- for documents (embeddings)
  // Not chat models: they turn texts into vectors for searching documents (reference §10). Never in
  // the chat picker or Auto's candidates; BGE Small is the default where embeddings are needed.
  // SHA-256 per the reference (the Hub's own hash is what the download checks):
  // bge-small-en-v1.5-q8_0.gguf ec38e8da142596baa913124ae50550de284b6916bf59577ef2f0cb9660c2f514,
  // nomic-embed-text-v1.5.Q4_K_M.gguf d4e388894e09cf3816e8b0896d81d265b55e7a9fff9ab03fe8bf4ef5e11295ac,
  // nomic-embed-text-v1.5.Q8_0.gguf 3e24342164b3d94991ba9692fdc0dd08e3fd7362e0aacc396a9a5c54a544c3b7.
  {
    id: 'bge-small-en-v1.5',
    name: 'BGE Small (English)',
    family: 'BGE',
    description: 'Finds the passages of your documents that match a question. Small and quick; English texts.',
    parameters: 33.4e6,
    contextLength: 512,
    capabilities: [],
    license: 'mit',
    quants: [q('Q8_0', 'CompendiumLabs/bge-small-en-v1.5-gguf', 'bge-small-en-v1.5-q8_0.gguf', 36_806_944, 'A')],
    arch: arch(12, 12, 32, 384),
    embedding: true,
  },
  {
    id: 'nomic-embed-text-v1.5',
    name: 'Nomic Embed Text v1.5',
    family: 'Nomic Embed',
    description: 'Finds the passages of your documents that match a question, in longer pieces of text than BGE Small.',
    parameters: 137e6,
    contextLength: 2048,
    capabilities: [],
    license: 'apache-2.0',
    quants: [
      q('Q4_K_M', 'nomic-ai/nomic-embed-text-v1.5-GGUF', 'nomic-embed-text-v1.5.Q4_K_M.gguf', 90e6, 'A'),
      q('Q8_0', 'nomic-ai/nomic-embed-text-v1.5-GGUF', 'nomic-embed-text-v1.5.Q8_0.gguf', 146e6, 'A'),
    ],
    arch: arch(12, 12, 64, 768),
    embedding: true,
  },
]
