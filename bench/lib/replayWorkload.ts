/**
 * The router.replay section's workload: 240 requests as a month of mixed use might bring them —
 * everyday chat questions, writing help, summaries of pasted text, short coding questions, turns of
 * a coding agent with long prompts (its tool list, files read, test output), and complex design
 * requests — each with the length of its reply. Written for the bench, not taken from the router's
 * labelled prompts (nothing here tunes the router). Fixed: the pasted texts are built from fixed
 * pieces by a seeded generator, so every run replays the same requests.
 */
import type { ChatTurn } from '../../src/main/services/engine/inferenceEngine'
import type { ReplayKind, ReplayRequest } from './replay'
import { rng as seeded } from '../../src/main/services/testing/tinyLlama'

/** Seeded: the workload is the same on every run. */
const random = seeded(13)
const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1))
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!

// ---------------------------------------------------------------- everyday chat (short replies)

const CHAT = [
  'How long should I boil an egg for a runny yolk?',
  'what time zone is lisbon in',
  'Is it safe to eat rice that was left out overnight?',
  'How many tablespoons are in a cup?',
  'Whats the difference between affect and effect?',
  'Can you suggest a name for a grey kitten?',
  'How do I get candle wax out of a tablecloth?',
  'What is the capital of Australia?',
  'Why is the sky blue?',
  'How much water should I drink in a day?',
  'Convert 72 fahrenheit to celsius',
  'What does "per se" mean?',
  'Is a tomato a fruit or a vegetable?',
  'How do I take a screenshot on a Mac?',
  'What should I pack for a weekend in Edinburgh in March?',
  'Give me three ideas for a quick vegetarian dinner.',
  'How long does it take to walk 5 km?',
  'What year did the Berlin Wall fall?',
  'how do you spell necessary',
  'Is coffee bad for you?',
  'What is a good stretch for lower back pain?',
  'Why do cats purr?',
  'Recommend a board game for four adults.',
  'What is the plural of cactus?',
  'How do I reset my router?',
  'What does an HR generalist do?',
  'Can dogs eat grapes?',
  'How many minutes is a marathon for an average runner?',
  'What is the boiling point of water at high altitude?',
  'Tell me a joke about penguins.',
  'Quelle est la différence entre un crocodile et un alligator ?',
  '¿Cuántos días tiene un año bisiesto?',
  'Wie lange dauert ein Flug von Berlin nach Rom?',
  '明天去北京需要带伞吗？一般三月天气怎么样？',
  'How do I politely decline a wedding invitation?',
  'What is the best way to store fresh basil?',
  'Who painted the Mona Lisa?',
  'what is 15% of 240',
  'How many ounces in a pound?',
  'Is it "fewer" or "less" people?',
  'What is the weather usually like in Tokyo in October?',
  'How do I unclog a sink without chemicals?',
  'What is a Roth IRA in one sentence?',
  'How do I say thank you in Japanese?',
  'Why does my phone battery drain faster in the cold?',
  'Which is bigger, a gigabyte or a terabyte?',
  'Suggest a title for my photo album of our trip to Norway.',
  'What is the main ingredient in hummus?',
  'How often should I water a snake plant?',
  'Can you explain what a mortgage is, simply?',
  'What is photosynthesis?',
  'How long is the Great Wall of China?',
  'What do I need to renew my passport?',
  'good morning! any tips for staying focused today?',
  'What rhymes with orange?',
  'What is the difference between a virus and bacteria?',
  'How do I make my sourdough starter more active?',
  'Is it OK to run every day?',
  'What is the population of Canada?',
  'How do I change a flat bicycle tyre?',
] as const

/** Earlier turns a chat question sometimes follows. */
const CHAT_HISTORY: readonly ChatTurn[][] = [
  [],
  [],
  [
    { role: 'user', content: 'Hi! I am planning a small dinner party for six people this Saturday.' },
    { role: 'assistant', content: 'That sounds lovely! Do you already have a menu in mind, or would you like some ideas for starters, a main and a dessert?' },
  ],
  [
    { role: 'user', content: 'I just moved into a new flat with a balcony that faces north.' },
    { role: 'assistant', content: 'Congratulations on the move! A north-facing balcony gets little direct sun, so shade-tolerant plants such as ferns, hostas and ivy do well there.' },
  ],
]

// ---------------------------------------------------------------- writing help (medium replies)

const WRITING = [
  'Write a short email to my landlord saying the heating has been broken for a week and asking when it will be fixed.',
  'Explain how vaccines train the immune system, in a few paragraphs for a curious teenager.',
  'Rewrite this to sound more professional: "hey, cant make the meeting tmrw, something came up, can we do thurs?"',
  'Write a friendly message to my team announcing that Friday afternoons are now meeting-free.',
  'Draft a cover letter opening paragraph for a junior graphic designer role at a small agency.',
  'Explain the difference between a stock and a bond, with an example of each.',
  'Write a toast for my sister’s 40th birthday, warm and a little funny, about two minutes long.',
  'Help me write a polite complaint to an airline about a lost suitcase, flight BA 2491 on 3 May.',
  'Explain how a heat pump works and whether it makes sense in a cold climate.',
  'Write a product description for handmade ceramic mugs, about 120 words.',
  'Summarise the pros and cons of renting versus buying a home for someone in their late twenties.',
  'Write a short bedtime story about a fox who is afraid of the dark.',
  'Explain what inflation is and why central banks raise interest rates to fight it.',
  'Write a LinkedIn post about finishing my first half marathon, modest in tone.',
  'Give me a 3-day itinerary for Rome for someone who loves food and history.',
] as const

// ---------------------------------------------------------------- summaries of pasted text

const ARTICLE = [
  'The city council voted on Tuesday to extend the cycle lane network by a further twelve kilometres over the next two years, linking the university district with the central station.',
  'Supporters of the plan argued that the existing lanes are already at capacity during the morning rush, and that accident figures have fallen sharply on streets where separated lanes were built.',
  'Opponents, including several shop owners on the high street, raised concerns about the loss of around two hundred parking spaces and the disruption that construction will bring to deliveries.',
  'The council’s transport committee estimates the total cost at 18 million euros, of which roughly half is expected to come from a regional fund for sustainable transport.',
  'Work on the first section is due to begin in the autumn, with temporary traffic measures in place on Harbour Road for approximately four months.',
  'A public consultation earlier this year received more than 3,400 responses, with 61 percent in favour of the extension and 27 percent against.',
  'Residents will be able to follow progress on an online map that the council has promised to update every week during construction.',
  'Local cycling groups welcomed the decision but said the plan should include more secure bicycle parking near the station, where thefts have risen.',
]
const MEETING = [
  'Attendees: Priya (product), Marco (engineering), Jen (design), Tom (support). Notes taken by Jen.',
  'Marco reported that the mobile release slipped by a week because of a crash on older Android versions; a fix is in review.',
  'Tom said support tickets about password resets doubled after the last email change; the reset link expires too quickly for many users.',
  'Priya proposed moving the pricing page redesign to next quarter so the team can focus on onboarding.',
  'Jen shared three mock-ups for the new onboarding flow; the group preferred option B but wants fewer steps before the first project is created.',
  'Decision: the reset link lifetime goes from 15 minutes to 24 hours; Marco to ship it this sprint.',
  'Action: Jen to test option B with five customers before the next meeting. Tom to collect the top ten support questions.',
  'Open question: whether to keep the free plan’s project limit at three or raise it to five. Priya to bring numbers next week.',
]
const LOG = [
  '2026-11-02T09:14:03Z INFO  api  GET /v1/orders 200 41ms user=8812',
  '2026-11-02T09:14:05Z WARN  db   slow query 1204ms: SELECT * FROM orders WHERE customer_id = $1',
  '2026-11-02T09:14:07Z ERROR api  POST /v1/checkout 500 3012ms upstream timeout (payments)',
  '2026-11-02T09:14:07Z INFO  api  GET /v1/health 200 2ms',
  '2026-11-02T09:14:09Z ERROR pay  connection reset by peer after 3000ms (attempt 2 of 3)',
  '2026-11-02T09:14:11Z INFO  api  GET /v1/products 200 18ms user=1290',
  '2026-11-02T09:14:12Z WARN  pool db connections in use 48/50',
]
const REVIEWS = [
  '★★★★★ Arrived in two days, the blender is powerful and surprisingly quiet. Smoothies are perfectly smooth.',
  '★★☆☆☆ The lid cracked after a month of daily use. Customer service replied quickly but wanted photos and a receipt.',
  '★★★★☆ Great value. The jug is heavy, and the cleaning programme does not get everything out from under the blades.',
  '★☆☆☆☆ Motor smelled of burning on the first use and stopped after ten minutes. Returned it.',
  '★★★★★ Makes nut butter in five minutes. Loud at full speed, but that is expected.',
  '★★★☆☆ Works fine but the buttons are confusing and the manual is only in small print.',
]
const PASTES = [
  { pieces: ARTICLE, asks: ['Summarize this article in three bullet points.', 'TL;DR?', 'What are the main arguments for and against, briefly?'] },
  { pieces: MEETING, asks: ['What are the action items and who owns them?', 'Summarise these meeting notes for someone who missed it.', 'List the decisions made.'] },
  { pieces: LOG, asks: ['What went wrong here?', 'Summarize the errors in this log.', 'Is anything in this log worrying?'] },
  { pieces: REVIEWS, asks: ['Summarise what customers like and dislike.', 'Give me the overall sentiment in two sentences.', 'What are the most common complaints?'] },
]

/** `lines` pieces in a seeded order, repeating the pool as a long paste would. */
function paste(pieces: readonly string[], lines: number, joiner: string): string {
  return Array.from({ length: lines }, () => pick(pieces)).join(joiner)
}

// ---------------------------------------------------------------- short coding questions

const CODING = [
  'How do I reverse a list in Python?',
  'What does `git rebase -i HEAD~3` do?',
  'Why does this print undefined?\n\n```js\nconst user = { name: "Ana" }\nconsole.log(user.Name)\n```',
  'How can I check if a file exists in bash?',
  'What is the difference between `let` and `const` in JavaScript?',
  'Write a SQL query that counts orders per customer for last month.',
  'How do I center a div horizontally and vertically with CSS?',
  'What does this error mean? `TypeError: Cannot read properties of null (reading "length")`',
  'Convert this loop to a list comprehension:\n\n```python\nsquares = []\nfor n in range(10):\n    if n % 2 == 0:\n        squares.append(n * n)\n```',
  'How do I undo my last git commit but keep the changes?',
  'Write a regex that matches a UK postcode.',
  'How do I read a CSV file with pandas and skip the first two rows?',
] as const

// ---------------------------------------------------------------- coding-agent turns (long prompts)

/** A coding agent's system prompt: its rules and tool list, sent with every turn. */
const AGENT_SYSTEM = [
  'You are a coding agent working in the user’s repository. Make the smallest change that solves the task, run the tests, and report what you changed.',
  'Tools:',
  ...['read_file(path): returns the file’s text', 'write_file(path, text): replaces a file', 'edit_file(path, old, new): replaces one exact occurrence', 'list_dir(path): the entries of a folder', 'search(pattern, glob?): matching lines with their files', 'run(command, timeout_s?): runs a shell command and returns its output and exit code', 'git_diff(): the uncommitted changes'].map(
    (tool) => `- ${tool}. Arguments are JSON. Never guess a path: list or search first. Quote paths exactly as returned.`,
  ),
  'Rules: keep the project’s style; do not reformat unrelated code; do not add dependencies without asking; explain failures in plain words; when a command fails, read its output before trying again; never run commands that delete files outside the repository.',
  'Answer format: a short plan, then the tool calls, then a summary of the change with the files touched.',
].join('\n')

const NAMES = ['cart', 'invoice', 'user', 'session', 'order', 'payment', 'report', 'upload', 'search', 'export']
const VERBS = ['load', 'save', 'validate', 'format', 'merge', 'parse', 'render', 'sync', 'retry', 'total']

/** A TypeScript module of `functions` small functions, as read_file returns it. */
function sourceFile(name: string, functions: number): string {
  const body = Array.from({ length: functions }, () => {
    const verb = pick(VERBS)
    const noun = pick(NAMES)
    const fn = `${verb}${noun[0]!.toUpperCase()}${noun.slice(1)}`
    return [
      `/** ${verb[0]!.toUpperCase()}${verb.slice(1)}s a ${noun} record; throws when the input is not one. */`,
      `export async function ${fn}(input: ${noun[0]!.toUpperCase()}${noun.slice(1)}Input, options: Options = {}): Promise<Result> {`,
      `  if (!input || typeof input.id !== 'string') throw new ValidationError('${noun} needs an id')`,
      `  const existing = await store.get('${noun}', input.id)`,
      `  const next = { ...existing, ...input, updatedAt: options.now ?? Date.now() }`,
      `  if (options.dryRun) return { ok: true, changed: diff(existing, next) }`,
      `  await store.put('${noun}', input.id, next)`,
      `  return { ok: true, changed: diff(existing, next) }`,
      '}',
    ].join('\n')
  })
  return `// src/${name}.ts\nimport { store } from './store'\nimport { diff, ValidationError, type Options, type Result } from './util'\n\n${body.join('\n\n')}\n`
}

/** A failing test run's output. */
function testOutput(name: string, failures: number): string {
  const failed = Array.from({ length: failures }, (_, i) =>
    [
      ` FAIL  src/${name}.test.ts > ${pick(VERBS)} ${name} > case ${i + 1}`,
      `AssertionError: expected { ok: true, changed: [ 'total' ] } to deeply equal { ok: true, changed: [] }`,
      ` ❯ src/${name}.test.ts:${between(10, 300)}:${between(3, 20)}`,
      '   - Expected', '   + Received', '     changed: [', `   +   "total",`, '     ]',
    ].join('\n'),
  )
  return `$ npx vitest run src/${name}.test.ts\n${failed.join('\n\n')}\n\n Test Files  1 failed (1)\n      Tests  ${failures} failed | ${between(5, 40)} passed\n`
}

const AGENT_TASKS = [
  (name: string) => `Fix the failing tests in src/${name}.test.ts without changing the tests.`,
  (name: string) => `Add a dryRun option to every function in src/${name}.ts that writes, and test it.`,
  (name: string) => `Rename the ${name} store key to "${name}s" everywhere and migrate existing records on load.`,
  (name: string) => `The ${name} export times out for large accounts. Make it stream instead of loading everything, keep the output identical.`,
  (name: string) => `Refactor src/${name}.ts so validation happens in one place, then run the tests.`,
  () => 'Still failing, see the output above. Try again.',
  () => 'ok now update the docs and the changelog for this change',
]

/** One agent turn: the system prompt, then `steps` earlier tool rounds with the files and test runs they read. */
function agentTurn(steps: number): ReplayRequest {
  const name = pick(NAMES)
  const history: ChatTurn[] = [{ role: 'system', content: AGENT_SYSTEM }]
  for (let step = 0; step < steps; step++) {
    history.push({ role: 'assistant', content: `Reading src/${name}.ts and running its tests.\nread_file({"path":"src/${name}.ts"})` })
    history.push({ role: 'user', content: `Tool result:\n\`\`\`ts\n${sourceFile(name, between(6, 30))}\`\`\`` })
    history.push({ role: 'assistant', content: `run({"command":"npx vitest run src/${name}.test.ts"})` })
    history.push({ role: 'user', content: `Tool result:\n\`\`\`\n${testOutput(name, between(1, 6))}\`\`\`` })
  }
  const text = steps === 0 ? `${pick(AGENT_TASKS.slice(0, 5))(name)}\n\n\`\`\`ts\n${sourceFile(name, between(4, 20))}\`\`\`` : pick(AGENT_TASKS)(name)
  return { kind: 'agent', request: { text, history }, outputTokens: between(300, 2000) }
}

// ---------------------------------------------------------------- complex design requests

const DESIGN = [
  'Design a distributed database for a global retail company: multi-region writes, strong consistency for inventory, eventual consistency for product reviews, and a plan for failover when a region goes down.',
  'We are a 40-person startup moving from a monolith to services. Propose an architecture, the order to split things out, how we handle shared data and transactions, and what we should NOT split. Weigh team size and on-call load.',
  'Design a permissions system for a document editor with teams, nested folders, share links with expiry, guest access and audit logs. Cover the data model, how checks stay fast, and edge cases like moving a folder between teams.',
  'Plan the migration of 2 billion rows from MySQL to Postgres with no more than five minutes of downtime. Include dual writes, backfill, verification, the cut-over and the rollback plan.',
  'I want to build an app where people in my town can lend tools to each other. Think through everything: accounts, trust and deposits, what happens when something breaks, how to stop abuse, and what the first version should leave out.',
  'Design a rate limiter that works across 50 API servers with per-customer limits, bursts, and fair sharing between a customer’s keys. Compare token bucket and sliding window and say what you would pick and why.',
  'Compare event sourcing with a classic CRUD model for our accounting product (invoices, payments, refunds, corrections after the fact). Recommend one, with a migration path and the reporting consequences.',
  'Work out a pricing strategy for our B2B analytics tool: seat-based vs usage-based vs tiers, how to handle a free plan, annual discounts, and how to move existing customers without losing them. Show the maths for three customer types.',
  'Design the offline sync for a field-inspection app: inspectors edit forms with photos for days without signal, several can edit the same site, and conflicts must never lose a photo. Cover the data model, conflict rules and what the user sees.',
  'Prove that the sum of the first n odd numbers is n², then generalise to the sum of the first n terms of any arithmetic sequence and prove that too.',
  'Our search results are slow (p95 2.4 s) on 80 million products. Walk through how you would find the cause, then propose an indexing and caching architecture, with costs and the risks of each step.',
  'Write a detailed plan for a data pipeline that ingests clickstream events (200k/s peak), deduplicates them, sessionises them and makes hourly aggregates available to analysts within 5 minutes. Choose the components and justify each.',
  'help me think through whether we should rewrite our 10 year old php app or keep fixing it. 6 devs, customers are happy but features take forever and nobody wants to touch billing. give me a real plan either way',
  'Design a multi-tenant SaaS backend where each tenant’s data must stay in its own region (EU, US, APAC) for legal reasons, but admins need a global view. Cover routing, identity, backups and what breaks when a tenant moves region.',
  'Explain, with a worked example, how to choose between a B-tree and an LSM-tree storage engine for a write-heavy time-series workload, then design the compaction strategy.',
] as const

// ---------------------------------------------------------------- the workload

function build(): ReplayRequest[] {
  const out: ReplayRequest[] = []
  const add = (kind: ReplayKind, text: string, outputTokens: number, history: ChatTurn[] = []) => out.push({ kind, request: { text, history }, outputTokens })
  for (const question of CHAT) add('chat', question, between(40, 350), [...pick(CHAT_HISTORY)])
  // A few questions again later in a conversation, as people ask a follow-up.
  for (let i = 0; i < 10; i++) add('chat', pick(CHAT), between(40, 300), [...CHAT_HISTORY[2 + (i % 2)]!])
  for (const request of WRITING) add('writing', request, between(300, 900))
  for (let i = 0; i < 15; i++) add('writing', `${pick(WRITING)} Make it shorter than the last one.`, between(200, 700), [{ role: 'user', content: pick(WRITING) }, { role: 'assistant', content: paste(ARTICLE, 4, ' ') }])
  for (let i = 0; i < 40; i++) {
    const source = PASTES[i % PASTES.length]!
    const lines = between(8, source === PASTES[2] ? 300 : 60)
    add('summary', `${pick(source.asks)}\n\n${paste(source.pieces, lines, source === PASTES[2] ? '\n' : '\n\n')}`, between(120, 500))
  }
  for (const question of CODING) add('coding', question, between(100, 600))
  for (let i = 0; i < 13; i++) add('coding', `${pick(CODING)} Also explain why.`, between(200, 700))
  for (let i = 0; i < 45; i++) out.push(agentTurn(i % 5 === 0 ? 0 : between(1, 10)))
  for (const request of DESIGN) add('design', request, between(1500, 3500))
  for (let i = 0; i < 15; i++) add('design', `${pick(DESIGN)} Assume a team of ${between(3, 30)} engineers and a budget of $${between(2, 50)}k a month.`, between(1500, 3500))
  // Interleaved as a day of use would bring them, not kind after kind.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

export const REPLAY_WORKLOAD: readonly ReplayRequest[] = build()

/** The smoke run's slice: every tenth request (every kind still appears). */
export const REPLAY_SMOKE: readonly ReplayRequest[] = REPLAY_WORKLOAD.filter((_, index) => index % 10 === 0)
