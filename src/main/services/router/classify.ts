/**
 * The request classifier: a few readable rules over precompiled patterns, so every decision can say
 * which rule fired (`features.complexityRule`, `features.groups`). No model is asked: classifying
 * must cost microseconds, not a second local inference.
 */
import type { Complexity, TaskType } from '../../../shared/api'
import { estimateTokens } from '../../../shared/units'
import { historyTokens as countHistoryTokens, promptTokens } from './tokens'
import type { Classification, RouteRequest } from './types'

/** Over this many tokens (conversation + message) a request is a long-context task. */
export const LONG_CONTEXT_TOKENS = 8000
/** Texts longer than this (code blocks aside) are treated as pasted material around a short ask. */
const PASTE_CHARS = 1500
/** A lead-in ("Here is the log:") or a closing question longer than this is material, not the ask. */
const ASK_PARAGRAPH_CHARS = 400
/** How many earlier user messages a follow-up looks back through for its task. */
const FOLLOW_UP_LOOKBACK = 3
/** Longer texts get an estimated word count (about 5.5 characters a word with the space). */
const MAX_COUNTED_CHARS = 8000
const CHARS_PER_WORD = 5.5
/** Characters read at each end of a long text when looking for a stack trace. */
const TRACE_WINDOW = 12_000
/** A request of this many words with this many clauses (commas, "and"s) is a multi-constraint spec. */
const MANY_CONSTRAINTS = 5
const MANY_CONSTRAINTS_WORDS = 20

// ---------------------------------------------------------------- patterns (compiled once)

const GREETING = /^(hi|hello|hey|hiya|yo|howdy|good (morning|afternoon|evening|night)|bonjour|salut|hola|hallo|ciao|guten (morgen|tag|abend)|thanks|thank you|thx|ty|cheers|merci|gracias|danke|ok thanks|great,? thanks)\b/i
const FOLLOW_UP = /^(and|now|ok(ay)?|so|also|then|but|same|what about|how about|make it|why|and in|in \w+\?)\b/i
const YES_NO = /^(yes or no\b|(is|are|was|were|does|do|did|can|should|will|has|have|am)\s+(?!you\b))/i
const QUESTION_WORD = /^(what|what's|what’s|who|whom|whose|when|where|which|how many|how much|how do you|how old|cuál|qué|quién|dónde|wie|was|wo|quel|quelle|où|qui)\b/i

const VISION =
  /\b(this|that|the|these|those|attached|my|a|an|two|three|following|here[’']?s a)\s+(\w+\s+){0,3}(image|images|photo|photos|picture|pictures|pic|screenshot|screenshots|diagram|chart|scan|drawing|sketch|whiteboard)\b|\b(images|photos|pictures|screenshots) (of|from)\b|\w\.(png|jpe?g|gif|webp|heic)\b|\[image\]|!\[[^\]]*\]\(/i

/** Actions in the world: each match is one step the assistant would have to take with a tool. */
const AGENTIC_ACTIONS = [
  /(?:^|[.!?;:,]\s*|\b(?:and|then|please|can you|could you)\s+)(book|reserve|buy|purchase|send|email|text|schedule|browse|google|clone|deploy|install|download|upload|monitor|collect)\b/gi,
  /\b(set|start) (a|an|the|my) (timer|alarm|reminder|countdown)\b/gi,
  /\bremind me\b/gi,
  /\bset up (a |an )?(cron|backup|webhook|server|automation|reminder|alarm)/gi,
  /\b(search|look up)( the web| online| the internet)? for\b|\bsearch the (web|internet)\b/gi,
  /\bopen (my|a pull request|a pr|the \w+ (folder|app|file|tab))\b/gi,
  /\brun (`|the (tests?|test suite|script|build|migrations?|command)|my)/gi,
  /\bcheck (the weather|my|that|whether|if)\b/gi,
  /\bfind\b[^.?!]{0,40}\b(restaurants?|flights?|hotels?|shops?|near me)\b|\bfind (every|all)\b/gi,
  /\bgo through (my|our)\b/gi,
  /(?:^|[.!?;:,]\s*|\band\s+)turn (on|off)\b/gi,
  /\b(file|open|create|raise) an? (\w+ )?(ticket|issue|bug report)\b/gi,
  /\bread (the|my) (files?|emails?|inbox|notes|folder|messages)\b/gi,
  /\b(add|put) [^.?!]{0,30}\b(to|in|into|on) my (calendar|agenda|list|todo|to-do)\b/gi,
  /\b(update|edit|change|modify) [^.?!]{0,40}\bin my\b/gi,
  /\b(notify|alert|text|ping) me\b/gi,
] as const
/** One pass that says whether any action pattern can match, so most messages skip the list. */
const ANY_AGENTIC_ACTION = new RegExp(AGENTIC_ACTIONS.map((pattern) => `(?:${pattern.source})`).join('|'), 'i')
/** Steps that turn a single action into a small workflow ("… and tell me which is best"). */
const AGENTIC_STEPS = /\b(tell me (which|how many|whether|what)|make a list|summari[sz]e|compare|extract|draft|recommend(ation)?|ask (her|him|them))\b/gi

const CODE_WORDS =
  /\b(code|codebase|function|functions|method|class|classes|regex|regular expression|sql|query|python|javascript|typescript|java|c\+\+|c#|ruby|php|kotlin|swift|bash|shell|script|dockerfile|docker|kubernetes|k8s|pods?|jvm|node(\.js)?|npm|git|react|component|components|api|endpoint|compiler|parser|tokenizer|bug|stack ?trace|exception|refactor|unit tests?|vitest|jest|pytest|dataclass|thread|threads|heap|memory leak|schema|sharding|webhooks?|data model|multi-tenant|ci\/cd|monorepo|lru|lock-free|queue|redis|rails|django|express|async|await|implement|variable|compile|debug(ging)?|race conditions?|dev dependency|file extension|backend|frontend|goroutines?|mutex(es)?|deadlocks?|vim|emacs|chmod|sudo|terminal|command line|html|css|yaml|json)\b/i
/** Names of languages that are also English words: only when written as names. */
const CODE_NAMES = /\b(in Go|Golang|Rust|in C|SQL)\b/
const CODE_SIGNALS = /[;{}]\s*$|=>|\bdef\s|\bfunction\s*\w*\(|\bconst\s|\blet\s|\bimport\s|\breturn\b|#include|\bSELECT\b|console\.log|`[^`\n]{1,80}`/gm
const INLINE_CODE = /`[^`\n]{1,80}`/
const STACK_TRACE = /^\s+at [\w$.<>]+ \(.*:\d+:\d+\)|Traceback \(most recent call last\)|^\s+File ".*", line \d+|^Exception in thread|^panic: |^\s+at [\w$.]+\([\w]+\.java:\d+\)/m

const REASONING =
  /\b(prove|proof|derive|derivative|integral|solve|equation|calculate|compute|probability|expected value|odds|prime|puzzle|riddle|logic|step by step|decision matrix|sensitivity analysis|pros and cons|trade-?offs|weigh|decide|strategy|strategies|evaluate|scenarios?|research|evidence|study designs?|a\/b test|power analysis|sample size|maximi[sz]e|minimi[sz]e|optimi[sz]e|optimum|recurrence|closed form|induction|irrational|comes next|bigger|smaller|greater|monty hall|compound(ed)?|make a (simple )?budget|50\/30\/20|km\/h|mph|plan an?\b|rational|cubed|squared|square root|pace|per mile|allocate|expected returns?|literature)\b/i
const ARITHMETIC = /\d\s*[-+×x*/÷^]\s*\d|\d\s*%/

/** Requests that need the strongest model; each group's name shows up in `features.groups`. */
const COMPLEX_GROUPS: readonly (readonly [string, RegExp])[] = [
  ['proof', /\b(prove|proof|rigorous(ly)?|derive|closed form|induction)\b/i],
  [
    'architecture',
    /\b(architecture|architect|design (a|an|the) (database )?(schema|system|architecture)|sharding|multi-tenant|failover|distributed system|monolith|microservices|design the (backend|system|platform)|how it scales|scalability|at scale)\b/i,
  ],
  [
    'multi_file',
    /\bacross (the |these |all |our |multiple |several )?(\w+ )?(files|modules|services|routes|repos?|components)\b|\b(refactor|rewrite|migrat\w*) (our|the|this|a) ([\w-]+ )?(codebase|monolith|app|application|components|service)\b|\bmigration plan\b/i,
  ],
  ['hard_debugging', /\b(root cause|memory leak|race conditions?|intermittent(ly)?|deadlocks?|oom ?killed|heap grows|debugging plan|track down)\b/i],
  ['research', /\b(research|evidence|literature|meta-analysis|critically evaluate|methodology|study designs?)\b/i],
  [
    'long_plan',
    /\b(step[- ]by[- ]step plan|phased plan|roadmap|business plan|grant proposal|(technical )?specification|design doc(ument)?|\d+-month (study )?(plan|schedule)|milestones|rollback|(ux )?audit|prioriti[sz]ed (\w+ )?plan|financial projections)\b/i,
  ],
  ['decision_analysis', /\b(decision matrix|sensitivity analysis|power analysis|sample size|trade-?offs|weigh|scenarios|strategies)\b/i],
  ['many_steps', /\b(step by step|each step|every step|work through|generali[sz]e|then redo|explain each step)\b/i],
  ['hard_implementation', /\b(lock-free|thread-safe|memory ordering|concurren\w+|compiler|parser|tokenizer|full test suite|from scratch|error recovery)\b/i],
  ['long_writing', /\b\d{1,2},?\d{3}[- ]words?\b|\b(full|complete|detailed) (\w+ )?(business plan|report|document|specification|design doc\w*|proposal)\b|\bnonlinear\b/i],
  ['contradictions', /\b(contradict\w*|inconsisten\w*|conflicts? with)\b/i],
]

const ANY_COMPLEX_GROUP = new RegExp(COMPLEX_GROUPS.map(([, pattern]) => `(?:${pattern.source})`).join('|'), 'i')

/** Everyday writing, explaining and single-function work. */
const MODERATE =
  /\b(write|draft|rewrite|compose|explain|summari[sz]e|summary|describe|proofread|improve|fix|refactor|convert|implement|create|generate|make it|help me|itinerary|poem|story|essay|letter|tests?|script|why does|show(ing)? (the|your) (steps|working)|transcribe|compare|outline|ideas|brainstorm|suggest|expected value|probability|compound(ed)?|explique|expliquer|écris|rédige|résume|explica|escribe|resume|erkläre|schreibe)\b/i
/** Short jobs: classify, extract, translate one sentence, one word. */
const SIMPLE_TASK = /\b(classify|categori[sz]e|extract|translate|synonym|antonym|spell|sentiment|positive or negative|true or false|yes or no|stand for|pull the \w+ out)\b/i
const DEBUG_INTENT = /\b(debug|root cause|why|fix|crash(es|ing)?|fails?|failing|timing out|figure out|what went wrong)\b/i

/** Asks for JSON back (not merely mentions it: "what does JSON stand for?"). */
const JSON_REQUESTED =
  /\b(as|in|into|return|returns|output|respond|reply|answer|format(ted)?( as)?|give me|valid|only|strict)\s+(\w+\s+)?json\b|\bjson (object|array|format|only|output|response|schema)\b/i

const QUOTED_OR_PARENS = /"[^"\n]*"|“[^”\n]*”|«[^»\n]*»|\([^)\n]*\)/g
const CONSTRAINT_MARKS = /[,;:]|\band\b/g

// ---------------------------------------------------------------- helpers

function countMatches(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0
  let count = 0
  while (pattern.exec(text) !== null) count++
  pattern.lastIndex = 0
  return count
}

/**
 * Whether the text holds a stack trace. Only a window is read: a trace pasted into a 100k-character
 * log is found near the start or the end often enough, and scanning all of it costs more than the
 * whole decision may.
 */
function holdsTrace(text: string): boolean {
  const window = text.length <= TRACE_WINDOW * 2 ? text : `${text.slice(0, TRACE_WINDOW)}\n${text.slice(-TRACE_WINDOW)}`
  const marked =
    window.includes('    at ') || window.includes('\tat ') || window.includes('Traceback') || window.includes('File "') || window.includes('Exception in') || window.includes('panic: ')
  return marked && STACK_TRACE.test(window)
}

/** Letters and digits of any script; punctuation blocks and surrogates (emoji) are not. */
function isWordChar(code: number): boolean {
  if (code < 0x80) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
  if (code >= 0x2000 && code <= 0x2bff) return false // punctuation, symbols, arrows, dingbats
  if (code >= 0x3000 && code <= 0x303f) return false // CJK punctuation
  if (code >= 0xd800 && code <= 0xdfff) return false // surrogate halves: emoji
  return code >= 0xc0 && code !== 0xd7 && code !== 0xf7
}

/** Words: runs of letters and digits (a hyphen or apostrophe inside a word keeps it one word). */
function countWords(text: string): number {
  let count = 0
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (isWordChar(code)) {
      if (!inWord) count++
      inWord = true
    } else if (!(inWord && (code === 45 || code === 39 || code === 0x2019) && isWordChar(text.charCodeAt(i + 1)))) {
      inWord = false
    }
  }
  return count
}

function countLines(text: string): number {
  if (text.length === 0) return 0
  let lines = 1
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++
  return lines
}

/** Splits off fenced code blocks (```…```) without a regex over the whole text. */
function splitCode(text: string): { prose: string; code: string; blocks: number } {
  let prose = ''
  let code = ''
  let blocks = 0
  let at = 0
  for (;;) {
    const open = text.indexOf('```', at)
    if (open === -1) break
    const close = text.indexOf('```', open + 3)
    if (close === -1) break
    prose += text.slice(at, open) + '\n'
    code += text.slice(open + 3, close) + '\n'
    blocks++
    at = close + 3
  }
  if (blocks === 0) return { prose: text, code: '', blocks: 0 }
  return { prose: prose + text.slice(at), code, blocks }
}

/**
 * The part of the message that says what to do. In a short message, all of it. When a long text is
 * pasted, the lead-in before it ("Here is the log:") and the question after it.
 */
function askOf(prose: string): string {
  const trimmed = prose.trim()
  if (trimmed.length <= PASTE_CHARS) {
    // "Summarise this:\n\n<article>": the lead-in is the ask, the rest is material.
    const firstBreak = trimmed.indexOf('\n\n')
    if (firstBreak !== -1) {
      const lead = trimmed.slice(0, firstBreak).trimEnd()
      if (lead.endsWith(':')) {
        const lastBreak = trimmed.lastIndexOf('\n\n')
        const tail = trimmed.slice(lastBreak + 2).trim()
        return lastBreak > firstBreak && tail.length <= ASK_PARAGRAPH_CHARS ? `${lead}\n${tail}` : lead
      }
    }
    return trimmed
  }
  const firstBreak = trimmed.indexOf('\n\n')
  const lastBreak = trimmed.lastIndexOf('\n\n')
  const lead = firstBreak === -1 ? '' : trimmed.slice(0, firstBreak).trim()
  const tail = lastBreak === -1 ? '' : trimmed.slice(lastBreak + 2).trim()
  const parts: string[] = []
  if (lead.length <= ASK_PARAGRAPH_CHARS && lead.endsWith(':')) parts.push(lead)
  if (tail.length <= ASK_PARAGRAPH_CHARS) parts.push(tail)
  // Nothing short around the paste: its first and last lines are the best guess.
  if (parts.length === 0) parts.push(trimmed.slice(0, 200), trimmed.slice(-200))
  return parts.join('\n')
}

interface TextReading {
  complexity: Complexity
  /** Which rule decided the complexity; `short` means nothing in the text itself said much. */
  complexityRule: string
  taskType: TaskType
  /** The task type came from a clear signal in the text (not the chat default). */
  taskSignal: boolean
  features: Record<string, number | boolean | string>
}

/** Reads one message on its own; `classify` adds what the conversation around it says. */
function readText(text: string, contextTokens: number): TextReading {
  const { prose, code, blocks } = splitCode(text)
  const ask = askOf(prose)
  const plainAsk = ask.replace(QUOTED_OR_PARENS, ' ')
  // Counting every word of a pasted 50k-character log costs more than the whole decision should.
  const words = text.length <= MAX_COUNTED_CHARS ? countWords(text) : Math.round(text.length / CHARS_PER_WORD)
  const askWords = plainAsk === text ? words : countWords(plainAsk)
  const lines = countLines(text)
  const question = ask.trimEnd().endsWith('?')
  const greeting = GREETING.test(ask.trimStart()) && askWords <= 8
  const yesNo = YES_NO.test(ask.trimStart()) && askWords <= 15
  const questionWord = QUESTION_WORD.test(ask.trimStart())
  // Scan a bounded prefix for code signals: a pasted 50k-token log says nothing more after its start.
  const codeSignals = countMatches(blocks > 0 ? code.slice(0, 6000) : ask, CODE_SIGNALS) + blocks * 2
  const stackTrace = holdsTrace(text)
  const inlineCode = INLINE_CODE.test(ask)
  const codeWords = CODE_WORDS.test(ask) || CODE_NAMES.test(ask)
  const vision = VISION.test(ask)
  let agenticActions = 0
  if (ANY_AGENTIC_ACTION.test(ask)) for (const pattern of AGENTIC_ACTIONS) agenticActions += countMatches(ask, pattern)
  const agenticSteps = agenticActions > 0 ? agenticActions + countMatches(ask, AGENTIC_STEPS) : 0
  const constraints = countMatches(plainAsk, CONSTRAINT_MARKS)
  const groups: string[] = []
  if (ANY_COMPLEX_GROUP.test(ask)) for (const [name, pattern] of COMPLEX_GROUPS) if (pattern.test(ask)) groups.push(name)
  const simpleTask = SIMPLE_TASK.test(plainAsk)
  const debugIntent = DEBUG_INTENT.test(ask)
  const jsonRequested = JSON_REQUESTED.test(ask)
  const stepsRequested = /\b(step[- ]by[- ]step|each step|every step|show (the|your) (steps|working)|showing the steps)\b/i.test(ask)
  const longContext = contextTokens > LONG_CONTEXT_TOKENS

  let taskType: TaskType = 'chat'
  let taskSignal = true
  if (vision) taskType = 'vision'
  else if (longContext) taskType = 'long_context'
  else if (agenticActions > 0) taskType = 'agentic'
  else if (blocks > 0 || stackTrace || codeWords || inlineCode || codeSignals >= 2) taskType = 'coding'
  else if (REASONING.test(ask) || ARITHMETIC.test(plainAsk)) taskType = 'reasoning'
  else taskSignal = false

  let complexity: Complexity
  let complexityRule: string
  if (greeting) [complexity, complexityRule] = ['simple', 'greeting']
  else if (stackTrace && debugIntent) [complexity, complexityRule] = ['complex', 'debugging_a_trace']
  else if (groups.length > 0) [complexity, complexityRule] = ['complex', groups[0] ?? 'complex']
  else if (agenticSteps >= 3) [complexity, complexityRule] = ['complex', 'many_actions']
  else if (blocks >= 3) [complexity, complexityRule] = ['complex', 'several_code_blocks']
  else if (constraints >= MANY_CONSTRAINTS && askWords >= MANY_CONSTRAINTS_WORDS) [complexity, complexityRule] = ['complex', 'many_constraints']
  else if (simpleTask && askWords <= 15) [complexity, complexityRule] = ['simple', 'short_task']
  else if (blocks > 0 || agenticSteps === 2 || MODERATE.test(ask)) [complexity, complexityRule] = ['moderate', 'writing_or_explaining']
  else if (simpleTask || yesNo || (question && askWords <= 14) || (questionWord && askWords <= 14)) [complexity, complexityRule] = ['simple', 'short_question']
  else if (askWords > 14) [complexity, complexityRule] = ['moderate', 'longer_request']
  else [complexity, complexityRule] = ['simple', 'short']

  return {
    complexity,
    complexityRule,
    taskType,
    taskSignal,
    features: {
      words,
      askWords,
      lines,
      chars: text.length,
      codeBlocks: blocks,
      codeSignals,
      stackTrace,
      question,
      greeting,
      yesNo,
      jsonRequested,
      stepsRequested,
      agenticSteps,
      constraints,
      groups: groups.join(','),
      vision,
    },
  }
}

/** Complexity and task type of a request, with the features that decided them. */
export function classify(request: RouteRequest): Classification {
  const history = request.history.length > 0 ? countHistoryTokens(request) : 0
  const textTokens = estimateTokens(request.text)
  const total = promptTokens(request)
  const reading = readText(request.text, total)
  let { complexity, taskType } = reading
  let inherited = false

  // A short follow-up ("and in Rust?") means the same kind of task as the message before it.
  const askWords = reading.features.askWords as number
  const followUp =
    request.history.length > 0 && reading.complexityRule !== 'greeting' && askWords <= 25 && (FOLLOW_UP.test(request.text.trimStart()) || askWords <= 4)
  if (followUp) {
    const before = previousTask(request)
    if (before !== null) {
      if (!reading.taskSignal) taskType = before.taskType
      // Only a very short follow-up borrows the size of the task too: a longer one says its own.
      const saysLittle = askWords <= 6 && (reading.complexityRule === 'short' || reading.complexityRule === 'short_question')
      if (saysLittle) complexity = before.complexity
      inherited = true
    }
  }

  return {
    complexity,
    taskType,
    features: {
      ...reading.features,
      complexityRule: inherited ? `follow_up:${reading.complexityRule}` : reading.complexityRule,
      historyTokens: history,
      textTokens,
      promptTokens: total,
    },
  }
}

/** The last of the user's recent messages that clearly said what kind of task it was. */
function previousTask(request: RouteRequest): TextReading | null {
  let looked = 0
  for (let i = request.history.length - 1; i >= 0 && looked < FOLLOW_UP_LOOKBACK; i--) {
    const turn = request.history[i]
    if (turn?.role !== 'user') continue
    looked++
    const reading = readText(turn.content, 0)
    if (reading.taskSignal) return reading
  }
  return null
}
