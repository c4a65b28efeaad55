/**
 * The request classifier: evidence that adds up. ./signals.ts reads a request into a few dozen weak,
 * general signals (how long the user's own words are, what they ask for, the scope, how many parts,
 * what was pasted, the conversation so far); a small logistic model (./weights.ts, fit on the corpus
 * train split by scripts/fit-router.mjs) turns them into a probability per complexity. The most likely
 * one wins, with its probability as the confidence; `features` says which signals weighed most.
 * No model is asked: classifying costs microseconds, not a second local inference.
 */
import type { Complexity, TaskType } from '../../../shared/api'
import { estimateTokens } from '../../../shared/units'
import { CLASSES, probabilities, type Weights } from './fit'
import { b, read, SIGNALS, type Reading, type Signal, type SignalValues } from './signals'
import { historyTokens as countHistoryTokens, promptTokens } from './tokens'
import type { Classification, RouteRequest } from './types'
import { WEIGHTS } from './weights'

/** Over this many tokens (conversation + message) a request is a long-context task. */
export const LONG_CONTEXT_TOKENS = 8000
/**
 * A request goes to the cloud (off this computer, paid) only when complex is more likely than not, not
 * merely the likeliest of three. Checked by 5-fold cross-validation on train + dev (docs/routing.md): 0.5
 * keeps simple and moderate ones off the cloud (1.7% read complex); 0.4 reads a few more right (94.0% vs 93.4%)
 * but sends more of them (2.0%) — not chosen yet, see docs/routing.md.
 */
const COMPLEX_AT = 0.5
/** A message this short in a conversation is a follow-up: the message before it is part of its evidence. */
const FOLLOW_UP_WORDS = 12
/** A follow-up this short that only shifts the last request ("and in Rust?") is the size of the one before. */
const ECHO_WORDS = 5
const ECHO = b(String.raw`^\s*(and|what about|how about|same|now|y|¿y|und|et|e|и|а|那|那么|じゃあ|では|그럼)\b`)

/** Signals that name a kind of hard task, shown in `features.groups` (the policy's reasons read them). */
const GROUP_NAMES: Partial<Record<Signal, string>> = {
  design: 'architecture',
  proof: 'proof',
  migrate: 'multi_file',
  scope: 'scope',
  build: 'build',
  analysis: 'analysis',
  hardBug: 'hard_debugging',
}

const REASONING = b(
  String.raw`\b(prove|proof|solve|equation|calculate|compute|probability|odds|prime|puzzle|riddle|logic|derive|integral|theorem|strateg\w*|decide|should (we|i)|trade-?offs?|evaluate|compare|optimi[sz]e|how (many|much) (will|would|do i|does it)|mortgage|interest|percent|average|speed|how (long|many|much)|expected value|fair\w*|break-even|worth it|analy[sz]\w*|mathematically|resuelve|calcula|demuestra|análisis|beweise|berechne|analyse|démontre|calcule|prouve|calcola|conviene|analisi|dimostra|реши\w*|докажи\w*|посчитай|анализ)\b|\d\s*[-+×x*/÷^]\s*\d|\d\s*%|证明|计算|概率|分析|乘以|等于|战略|証明|計算|べきか|증명|계산|분석`,
)
/** Work on a whole repository or project: an agent's job (read, edit, run), not one answer. */
const REPO_TASK = b(
  String.raw`\b(repo|repository|monorepo|codebase|project|<task>|you are working in|files? touched)\b.{0,80}\b(every|all|whole|entire|everywhere|each)\b|\b(every|all|whole|entire|each)\b.{0,80}\b(repo|repository|monorepo|codebase|project)\b|\b(look up|find me|research the|organi[sz]e (all|my))\b|整个项目|仓库|リポジトリ`,
)
const JSON_REQUESTED =
  /\b(as|in|into|return|returns|output|respond|reply|answer|format(ted)?( as)?|give me|valid|only|strict)\s+(\w+\s+)?json\b|\bjson (object|array|format|only|output|response|schema)\b/i
/** An action in the world at the start of a clause ("…and email it to Tom"), not "write an email". */
const AGENTIC = b(
  String.raw`(?:^|[.!?;:,]\s*|\b(?:and|then|please|can you|could you)\s+)(book|reserve|buy|purchase|send|email|schedule|browse|clone|deploy|install|download|upload|monitor|go through|remind me|notify me|turn (on|off)|search (the web|online)|open (a pull request|a pr|an issue)|check (my|the weather)|run (the|my|all))\b|\b(set (a|an) (timer|alarm|reminder)|read (the|my) (files?|emails?|inbox)|add [^.?!]{0,30} to my (calendar|list))\b`,
)

/** The signals of a request, the conversation's included (the previous message read with `weights`). */
export function signalsFor(request: RouteRequest, weights: Weights = WEIGHTS): { reading: Reading; signals: SignalValues; previous: Complexity | null } {
  const reading = read(request.text)
  const signals = { ...reading.signals }
  let previous: Complexity | null = null
  if (request.history.some((turn) => turn.role === 'user')) {
    signals.history = 1
    if (reading.askWords <= FOLLOW_UP_WORDS) {
      signals.followUp = 1
      previous = previousComplexity(request, weights)
      signals.prevComplex = previous === 'complex' ? 1 : 0
      signals.prevModerate = previous === 'moderate' ? 1 : 0
    }
  }
  return { reading, signals, previous }
}

/** How the user's last message reads on its own: a follow-up ("and in Rust?") is usually the same size. */
function previousComplexity(request: RouteRequest, weights: Weights): Complexity | null {
  const last = request.history.findLast((turn) => turn.role === 'user')
  return last === undefined ? null : argmax(probabilities(weights, read(last.content).signals))
}

function argmax(p: Record<Complexity, number>): Complexity {
  let best: Complexity = 'simple'
  for (const c of CLASSES) if (p[c] > p[best]) best = c
  return best
}

/** The likeliest complexity, except that complex needs a majority. */
function decideComplexity(p: Record<Complexity, number>): Complexity {
  if (p.complex >= COMPLEX_AT) return 'complex'
  return p.moderate > p.simple ? 'moderate' : 'simple'
}

function taskTypeOf(reading: Reading, contextTokens: number, request: RouteRequest): TaskType {
  const { signals, parts } = reading
  if (reading.imageRef || (request.images ?? 0) > 0) return 'vision'
  if (contextTokens > LONG_CONTEXT_TOKENS) return 'long_context'
  if (AGENTIC.test(parts.ask) || REPO_TASK.test(parts.ask)) return 'agentic'
  if (signals.codeTalk === 1 || signals.stackTrace === 1) return 'coding'
  if (REASONING.test(parts.ask)) return 'reasoning'
  // A short follow-up keeps the kind of task before it ("and in Rust?").
  const last = signals.followUp === 1 ? request.history.findLast((turn) => turn.role === 'user') : undefined
  if (last !== undefined) {
    const before = read(last.content)
    if (before.signals.codeTalk === 1) return 'coding'
    if (REASONING.test(before.parts.ask)) return 'reasoning'
  }
  return 'chat'
}

/** Complexity and task type of a request, with the signals that decided them and a confidence. */
export function classify(request: RouteRequest): Classification {
  const history = request.history.length > 0 ? countHistoryTokens(request) : 0
  const textTokens = estimateTokens(request.text)
  const total = promptTokens(request)
  const { reading, signals, previous } = signalsFor(request)
  const p = probabilities(WEIGHTS, signals)
  const echo = previous !== null && reading.askWords <= ECHO_WORDS && ECHO.test(request.text)
  const complexity = echo ? previous : decideComplexity(p)
  const taskType = taskTypeOf(reading, total, request)

  // The signal that pushed hardest towards the chosen complexity, for the reason and for tests.
  let rule = 'length'
  let strongest = 0
  const others = CLASSES.filter((c) => c !== complexity)
  for (const name of SIGNALS) {
    if (signals[name] === 0) continue
    let other = Number.NEGATIVE_INFINITY
    for (const c of others) other = Math.max(other, WEIGHTS[c][name])
    const push = (WEIGHTS[complexity][name] - other) * signals[name]
    if (push > strongest) [rule, strongest] = [name, push]
  }
  if (signals.greeting === 1 && complexity === 'simple') rule = 'greeting'
  if (echo) rule = 'follow_up'
  const groups = SIGNALS.filter((name) => GROUP_NAMES[name] !== undefined && signals[name] === 1).map((name) => GROUP_NAMES[name])
  const round = (x: number): number => Math.round(x * 1000) / 1000

  return {
    complexity,
    taskType,
    confidence: round(p[complexity]),
    features: {
      words: reading.words,
      askWords: reading.askWords,
      lines: reading.lines,
      chars: request.text.length,
      codeBlocks: reading.parts.codeBlocks,
      pastedLines: reading.parts.material === '' ? 0 : Math.round(2 ** signals.pasteLines - 1),
      stackTrace: signals.stackTrace === 1,
      question: signals.question === 1,
      greeting: signals.greeting === 1,
      yesNo: signals.factQuestion === 1 && reading.askWords <= 12,
      jsonRequested: JSON_REQUESTED.test(reading.parts.ask),
      groups: groups.join(','),
      complexityRule: rule,
      confidence: round(p[complexity]),
      pSimple: round(p.simple),
      pModerate: round(p.moderate),
      pComplex: round(p.complex),
      historyTokens: history,
      textTokens,
      promptTokens: total,
    },
  }
}
