/**
 * What a GGUF header must say to be a model llama.cpp can run, beyond its structure (ggufHeader.ts):
 * an architecture llama.cpp knows, a layer count, and weights for those layers. Three such files
 * (a tensor count one too many or zero, a garbled architecture name) used to be offered as usable
 * and failed only when loaded.
 */
import type { GgufFileInfo } from 'node-llama-cpp'
import { say, words, type Words } from '../../../shared/i18n'

/**
 * The architectures of llama.cpp's `LLM_ARCH_NAMES` (src/llama-arch.cpp) in the release
 * node-llama-cpp bundles (without "clip", which is a projector, not a model). A test keeps it in
 * step with node-llama-cpp's `GgufArchitectureType` and, where git is at hand, with that source.
 */
export const LLAMA_CPP_ARCHITECTURES: ReadonlySet<string> = new Set([
  'afmoe', 'apertus', 'arcee', 'arctic', 'arwkv7', 'baichuan', 'bailingmoe', 'bailingmoe2', 'bailingmoe3', 'bert',
  'bitnet', 'bloom', 'chameleon', 'chatglm', 'codeshell', 'cogvlm', 'cohere2', 'cohere2moe', 'command-r', 'dbrx',
  'deci', 'deepseek', 'deepseek2', 'deepseek2-ocr', 'deepseek32', 'deepseek4', 'dflash', 'dots1', 'dots3note',
  'dream', 'eagle3', 'ernie4_5', 'ernie4_5-moe', 'eurobert', 'exaone', 'exaone-moe', 'exaone4', 'falcon',
  'falcon-h1', 'gemma', 'gemma-embedding', 'gemma2', 'gemma3', 'gemma3n', 'gemma4', 'gemma4-assistant', 'glm-dsa',
  'glm4', 'glm4moe', 'gpt-oss', 'gpt2', 'gptj', 'gptneox', 'granite', 'granite_swa', 'granitehybrid', 'granitemoe',
  'graniteswitch', 'grok', 'grovemoe', 'hunyuan-dense', 'hunyuan-moe', 'hunyuan_vl', 'hy_v3', 'internlm2', 'jais',
  'jais2', 'jamba', 'jina-bert-v2', 'jina-bert-v3', 'kimi-k3', 'kimi-linear', 'laguna', 'lfm2', 'lfm2moe', 'llada',
  'llada-moe', 'llama', 'llama-embed', 'llama4', 'maincoder', 'mamba', 'mamba2', 'mellum', 'mimo2', 'minicpm',
  'minicpm3', 'minimax-01', 'minimax-m2', 'minimax-m3', 'mistral3', 'mistral4', 'modern-bert', 'mpt', 'muse-glimmer',
  'nanbeige', 'nemotron', 'nemotron_h', 'nemotron_h_moe', 'neo-bert', 'nomic-bert', 'nomic-bert-moe', 'olmo',
  'olmo2', 'olmoe', 'openelm', 'orion', 'paddleocr', 'pangu-embedded', 'phi2', 'phi3', 'phimoe', 'plamo', 'plamo2',
  'plamo3', 'plm', 'pockettts', 'qwen', 'qwen2', 'qwen2moe', 'qwen2vl', 'qwen3', 'qwen35', 'qwen35moe', 'qwen3moe',
  'qwen3next', 'qwen3tts', 'qwen3vl', 'qwen3vlmoe', 'qwen4exp', 'refact', 'rnd1', 'rwkv6', 'rwkv6qwen2', 'rwkv7',
  'seed_oss', 'smallthinker', 'smollm3', 'stablelm', 'starcoder', 'starcoder2', 'step35', 't5', 't5encoder',
  'talkie', 'wavtokenizer-dec', 'xverse',
])

/** llama.cpp's LLAMA_MAX_LAYERS (src/llama-hparams.h). */
const MAX_LAYERS = 512

/** A name from a file, safe to show: printable, short. */
function shown(name: string): string {
  const printable = name.replace(/[^\x20-\x7e]/g, '?')
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable
}

/**
 * Why a well-formed GGUF with architecture `architecture` is still not a model llama.cpp can run,
 * in plain words, or null.
 */
export function architectureProblem(info: GgufFileInfo, architecture: string): string | null {
  if (!LLAMA_CPP_ARCHITECTURES.has(architecture)) {
    return say('models.unknownKind', { kind: shown(architecture) })
  }
  const damaged = (what: Words) => say('models.damagedBecause', { what })
  const tensors = info.fullTensorInfo ?? []
  if (tensors.length === 0) return damaged(words('models.noWeights'))
  const settings = (info.metadata as Record<string, Record<string, unknown> | undefined>)[architecture]
  const layers = settings?.block_count
  if (typeof layers !== 'number' || !Number.isInteger(layers) || layers < 1 || layers > MAX_LAYERS) {
    return damaged(words('models.noLayers'))
  }
  // Layers predicting further tokens (`nextn`) come last and may be left out of a file.
  const nextn = typeof settings?.nextn_predict_layers === 'number' ? settings.nextn_predict_layers : 0
  const present = new Set<number>()
  for (const tensor of tensors) {
    const layer = /^blk\.(\d+)\./.exec(tensor.name)?.[1]
    if (layer === undefined) continue
    if (Number(layer) >= layers) return damaged(words('models.extraLayer', { layer: Number(layer) + 1, layers }))
    present.add(Number(layer))
  }
  // Some architectures name their layers otherwise (T5's enc.blk.N); those with blk.N need them all.
  if (present.size > 0) {
    for (let layer = 0; layer < layers - nextn; layer++) {
      if (!present.has(layer)) return damaged(words('models.missingLayer', { layer: layer + 1, layers }))
    }
  }
  return null
}

/** llama.cpp's `llama_pooling_type`: MEAN, CLS and LAST pool a text into one vector; NONE (0) and RANK (4) do not. */
const EMBEDDING_POOLING = new Set([1, 2, 3])
/** Architectures that can only embed: encoders (BERT and kin) and embedding-only decoders. */
const EMBEDDING_ARCHITECTURES = new Set(['bert', 'nomic-bert', 'nomic-bert-moe', 'jina-bert-v2', 'jina-bert-v3', 'neo-bert', 'modern-bert', 'eurobert', 't5encoder', 'gemma-embedding', 'llama-embed'])

/**
 * Whether a GGUF is an embedding model: an embedding-only architecture, or a model that declares how
 * its token vectors are pooled into one (`<arch>.pooling_type`, as BERT-style files and decoder
 * embedders like Qwen3-Embedding do). A chat model has neither.
 */
export function isEmbeddingModel(architecture: string | null, architectureMetadata: unknown): boolean {
  if (architecture && EMBEDDING_ARCHITECTURES.has(architecture)) return true
  const pooling = (architectureMetadata as { pooling_type?: unknown } | undefined)?.pooling_type
  return typeof pooling === 'number' && EMBEDDING_POOLING.has(pooling)
}
