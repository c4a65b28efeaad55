// `node scripts/cv-router.mjs`: how well the router's signals generalise, without the test splits — k-fold
// cross-validation on train (and on train + dev), and fit-on-train-judged-on-dev; train and dev are v1's and v2's
// together (VERSION=v1 or v2 for one). Complexity is read as
// classify does (complex needs p ≥ 0.5). Prints accuracy, per class, traps and simple/moderate read complex.
// Env: K (folds, default 5), L2 (as fit-router), MISSES=1 prints the out-of-fold misses.
import { createJiti } from 'jiti'

const jiti = createJiti(import.meta.url)
const router = new URL('../src/main/services/router/', import.meta.url)
const { loadCorpus } = await jiti.import(new URL('corpus/index.ts', router).href)
const { fnv1a } = await jiti.import(new URL('corpus/fnv1a.ts', router).href)
const { fit, probabilities, CLASSES } = await jiti.import(new URL('fit.ts', router).href)
const { signalsFor } = await jiti.import(new URL('classify.ts', router).href)

const K = Number(process.env.K ?? 5)
const options = { l2: Number(process.env.L2 ?? 0.002), classWeights: { complex: Number(process.env.CW ?? 1) } }
const request = (p) => ({ text: p.text, history: p.history ?? [], ...(p.images && { images: p.images.length }) })
const samplesWith = (prompts, weights) => prompts.map((p) => ({ signals: signalsFor(request(p), weights).signals, label: p.complexity }))
const zero = Object.fromEntries(CLASSES.map((c) => [c, new Proxy({}, { get: () => 0 })]))
const fitOn = (prompts) => fit(samplesWith(prompts, fit(samplesWith(prompts, zero), options)), options)
const AT = Number(process.env.AT ?? 0.5)
const decideComplexity = (p) => (p.complex >= AT ? 'complex' : p.moderate > p.simple ? 'moderate' : 'simple')

function judge(prompts, weights, out) {
  samplesWith(prompts, weights).forEach((s, i) => {
    const got = decideComplexity(probabilities(weights, s.signals))
    out.push({ prompt: prompts[i], got })
  })
}
function summary(name, rows) {
  const pct = (a, n) => `${((a / Math.max(n, 1)) * 100).toFixed(1)}%`
  const ok = rows.filter((r) => r.got === r.prompt.complexity)
  const per = CLASSES.map((c) => {
    const of = rows.filter((r) => r.prompt.complexity === c)
    return `${c} ${pct(of.filter((r) => r.got === c).length, of.length)}`
  })
  const traps = rows.filter((r) => r.prompt.trap)
  const low = rows.filter((r) => r.prompt.complexity !== 'complex')
  console.log(`${name.padEnd(18)} ${pct(ok.length, rows.length)} (${rows.length}) · ${per.join(' · ')} · traps ${pct(traps.filter((r) => r.got === r.prompt.complexity).length, traps.length)} · low→complex ${pct(low.filter((r) => r.got === 'complex').length, low.length)}`)
  if (process.env.MISSES) for (const r of rows) if (r.got !== r.prompt.complexity) console.log(`  ${r.prompt.id} want ${r.prompt.complexity} got ${r.got}: ${r.prompt.text.slice(0, 110).replace(/\s+/g, ' ')}`)
}
function crossValidate(name, prompts) {
  const rows = []
  const fold = (p) => fnv1a(`cv:${p.id}`) % K
  for (let k = 0; k < K; k++) judge(prompts.filter((p) => fold(p) === k), fitOn(prompts.filter((p) => fold(p) !== k)), rows)
  summary(name, rows)
}

const version = process.env.VERSION ?? 'both'
const train = loadCorpus('train', version)
const dev = loadCorpus('dev', version)
const rows = []
judge(dev, fitOn(train), rows)
summary('fit train → dev', rows)
crossValidate(`${K}-fold train`, train)
if (!process.env.QUICK) crossValidate(`${K}-fold train+dev`, [...train, ...dev])
