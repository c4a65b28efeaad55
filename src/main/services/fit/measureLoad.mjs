// Loads one model in a fresh process and prints, as JSON, the memory it took: run by the measured
// test (measured.test.ts) and the bench's memory section as
// `node --expose-gc measureLoad.mjs <model.gguf> <context size> [options as JSON]`, options
// `{ sequences, kvCacheType: 'F16' | 'Q8_0' (node-llama-cpp's spelling), flashAttention, fill }`:
// `fill` tokens are read into every sequence (default: a 512-token prompt into the first).
// A fresh process keeps the C allocator's reuse of earlier, freed buffers out of the figure.
import { readFileSync } from 'node:fs'
import { getLlama, LlamaLogLevel, GgufInsights, readGgufFileInfo } from 'node-llama-cpp'

const [file, contextArg, optionsArg] = process.argv.slice(2)
const contextSize = Number(contextArg)
const { sequences = 1, kvCacheType, flashAttention, fill } = optionsArg ? JSON.parse(optionsArg) : {}
/** What llama.cpp says it allocated, from lines like "CPU KV buffer size = 16.00 MiB". */
const buffers = {}
const llama = await getLlama({
  gpu: false,
  build: 'never',
  progressLogs: false,
  logLevel: LlamaLogLevel.info,
  logger: (_level, message) => {
    const match = /(model|KV|compute|output) buffer size =\s*([\d.]+) MiB/.exec(message)
    if (match) buffers[match[1]] = (buffers[match[1]] ?? 0) + Number(match[2]) * 1024 ** 2
  },
})

/** Fields of /proc/self/status in bytes (Linux only; elsewhere RSS is not split and has no peak). */
function status() {
  try {
    return Object.fromEntries(
      readFileSync('/proc/self/status', 'utf8')
        .split('\n')
        .filter((line) => /^(Rss(Anon|File)|VmHWM):/.test(line))
        .map((line) => [line.split(':')[0], Number(line.split(/\s+/)[1]) * 1024]),
    )
  } catch {
    return {}
  }
}

/** RSS once it stops moving. */
async function settledRss() {
  let last = -1
  let steady = 0
  for (let i = 0; i < 40 && steady < 3; i++) {
    globalThis.gc?.()
    await new Promise((resolve) => setTimeout(resolve, 30))
    const rss = process.memoryUsage().rss
    steady = Math.abs(rss - last) < 256 * 1024 ? steady + 1 : 0
    last = rss
  }
  return last
}

const before = await settledRss()
const partsBefore = status()
const model = await llama.loadModel({ modelPath: file })
const context = await model.createContext({
  contextSize,
  threads: 1,
  sequences,
  ...(flashAttention === undefined ? {} : { flashAttention }),
  ...(kvCacheType ? { experimentalKvCacheKeyType: kvCacheType, experimentalKvCacheValueType: kvCacheType } : {}),
})
const text = 'the little cat went to the park with a red ball and '
const tokensOf = (count) => {
  const one = model.tokenize(text)
  return Array.from({ length: count }, (_, i) => one[i % one.length])
}
if (fill) {
  for (let i = 0; i < sequences; i++) await context.getSequence().evaluateWithoutGeneratingNewTokens(tokensOf(fill))
} else {
  await context.getSequence().evaluateWithoutGeneratingNewTokens(model.tokenize(text.repeat(60)).slice(0, 512))
}
const after = await settledRss()
const partsAfter = status()

const insights = await GgufInsights.from(await readGgufFileInfo(file, { logWarnings: false }), llama)
const simulated =
  (await insights.estimateModelResourceRequirementsV2({ gpuLayers: 0 })).cpuRam +
  (await insights.estimateContextResourceRequirementsV2({ contextSize, modelGpuLayers: 0, sequences })).cpuRam

console.log(
  JSON.stringify({
    usedBytes: after - before,
    peakBytes: (partsAfter.VmHWM ?? after) - before,
    anonBytes: (partsAfter.RssAnon ?? 0) - (partsBefore.RssAnon ?? 0),
    fileBytes: (partsAfter.RssFile ?? 0) - (partsBefore.RssFile ?? 0),
    buffers,
    flashAttention: context.flashAttention,
    simulatedBytes: simulated,
  }),
)
process.exit(0)
