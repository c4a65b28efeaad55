/**
 * Hand-labelled prompts for the routing policy's table test and the `router.decisions_per_s`
 * benchmark. Labels say what a careful person would call each request — they are not tuned to the
 * classifier. Conventions: `long_context` = the pasted text or the conversation is over ~8k tokens;
 * `vision` = an image is attached or referred to; `agentic` = the user wants actions taken (tools,
 * browsing, commands, bookings); `coding` = code is written, read or debugged; `reasoning` = maths,
 * logic, proofs, analysis and decisions; everything else is `chat`.
 *
 * Long inputs are built here from templates (deterministic, no randomness, no I/O), so importing
 * this module has no side effects beyond building strings.
 */
import type { Complexity, TaskType } from '../../../shared/api'
import type { ChatTurn } from '../engine/inferenceEngine'

export interface LabelledPrompt {
  text: string
  history?: ChatTurn[]
  complexity: Complexity
  taskType: TaskType
  note?: string
}

// ---------------------------------------------------------------- builders for long inputs

const pad2 = (n: number) => String(n % 100).padStart(2, '0')
const SERVICES = ['http', 'orders', 'payments', 'db', 'cache', 'auth']
const PATHS = ['/api/orders', '/api/cart', '/api/users/me', '/api/payments/intent', '/health', '/api/search?q=lamp']

/** A server log with periodic pool-exhaustion errors and their stack traces. */
function serverLog(lineCount: number): string {
  const lines: string[] = []
  for (let i = 0; lines.length < lineCount; i++) {
    const time = `2024-05-14T10:${pad2(Math.floor(i / 60))}:${pad2(i)}.${String((i * 37) % 1000).padStart(3, '0')}Z`
    const service = SERVICES[i % SERVICES.length]
    if (i % 23 === 22) {
      lines.push(`${time} ERROR [${service}] request ${1000 + i} failed: TimeoutError: Knex: Timeout acquiring a connection. The pool is probably full.`)
      lines.push('    at Client_PG.acquireConnection (/app/node_modules/knex/lib/client.js:312:26)')
      lines.push('    at async Runner.ensureConnection (/app/node_modules/knex/lib/execution/runner.js:287:28)')
      lines.push(`    at async OrderRepository.findOpen (/app/src/orders/repository.ts:${40 + (i % 9)}:17)`)
    } else if (i % 11 === 5) {
      lines.push(`${time} WARN  [db] pool usage ${70 + (i % 30)}% (${14 + (i % 7)}/20 connections in use, ${i % 5} pending)`)
    } else {
      lines.push(`${time} INFO  [${service}] GET ${PATHS[i % PATHS.length]} ${i % 17 === 0 ? 304 : 200} ${8 + ((i * 13) % 240)}ms`)
    }
  }
  return lines.join('\n')
}

/** A Node.js crash: an error and its frames, as pasted from a terminal. */
function nodeCrash(frames: number): string {
  const lines = [
    'node:internal/process/promises:289',
    '            triggerUncaughtException(err, true /* fromPromise */);',
    '            ^',
    '',
    "TypeError: Cannot read properties of undefined (reading 'id')",
  ]
  const fns = ['mapLineItems', 'buildInvoice', 'InvoiceService.create', 'handler', 'Layer.handle', 'next', 'Route.dispatch', 'processTicksAndRejections']
  for (let i = 0; i < frames; i++) {
    const fn = fns[i % fns.length] ?? 'anonymous'
    const file = fn.split('.')[0] ?? fn
    lines.push(`    at ${fn} (/srv/billing/src/${i % 2 ? 'invoices' : 'routes'}/${file.toLowerCase()}.js:${20 + i * 3}:${5 + (i % 30)})`)
  }
  lines.push('', 'Node.js v20.11.1')
  return lines.join('\n')
}

const MEETING_TOPICS = [
  'the Q3 launch date',
  'the pricing page redesign',
  'hiring a second support engineer',
  'the data-retention policy',
  'moving the office party to September',
  'the mobile app crash rate',
]
const PEOPLE = ['Priya', 'Tom', 'Aiko', 'Marcus', 'Lena']

/** A meeting transcript: people taking turns on a rotating agenda. */
function meetingTranscript(turns: number): string {
  const lines: string[] = ['Weekly product sync — transcript (auto-generated)', '']
  for (let i = 0; i < turns; i++) {
    const who = PEOPLE[i % PEOPLE.length]
    const topic = MEETING_TOPICS[Math.floor(i / 8) % MEETING_TOPICS.length]
    const stance = i % 3 === 0 ? 'I think we should commit to' : i % 3 === 1 ? 'I’m not sure we have the people for' : 'Can we get numbers before we decide on'
    lines.push(`[00:${pad2(Math.floor(i / 2))}:${pad2(i * 7)}] ${who}: ${stance} ${topic}. Last time we talked about it the main worry was timing and whether support can absorb it, so let’s write down who owns the next step.`)
  }
  return lines.join('\n')
}

/** A services agreement: numbered clauses, some about personal data. */
function contract(clauses: number): string {
  const topics = [
    'The Supplier shall process personal data of the Customer’s end users only on documented instructions and may transfer such data to any affiliate worldwide without notice.',
    'Either party may terminate this Agreement with ninety (90) days’ written notice; fees paid in advance are non-refundable.',
    'The Supplier may retain backups containing Customer Data for up to seven (7) years after termination for business purposes.',
    'Liability of either party shall not exceed the fees paid in the twelve (12) months preceding the claim, except for breaches of confidentiality.',
    'The Customer grants the Supplier a perpetual licence to use aggregated usage data, including identifiers, to improve its services.',
    'Notices shall be given in writing to the addresses set out above and are deemed received two business days after posting.',
  ]
  const lines = ['MASTER SERVICES AGREEMENT between Brightline Analytics Ltd ("Supplier") and Harbour Foods GmbH ("Customer")', '']
  for (let i = 0; i < clauses; i++) lines.push(`${Math.floor(i / 6) + 1}.${(i % 6) + 1} ${topics[i % topics.length]}`)
  return lines.join('\n')
}

/** A quarterly report in paragraphs. */
function report(paragraphs: number): string {
  const sentences = [
    'Revenue in the region grew 12% quarter over quarter, driven mainly by renewals in the mid-market segment.',
    'Churn rose slightly among small customers after the price change, concentrated in the first billing cycle.',
    'Support ticket volume fell by a fifth once the new onboarding checklist shipped.',
    'Gross margin held at 71% despite higher hosting costs from the EU data-centre migration.',
    'The sales team missed its enterprise target because two large deals slipped into next quarter.',
    'Net promoter score improved from 31 to 38, with reporting and exports cited most often.',
  ]
  const out: string[] = ['Q2 Regional Business Review', '']
  for (let i = 0; i < paragraphs; i++) {
    out.push(`${i + 1}. ${sentences[i % 6]} ${sentences[(i + 2) % 6]} ${sentences[(i + 4) % 6]}`)
  }
  return out.join('\n\n')
}

/** A research paper's methods and results sections. */
function paper(paragraphs: number): string {
  const out = ['Effects of a Four-Day Work Week on Productivity: A Field Study in 41 Firms', '', 'Abstract. We study ...', '']
  for (let i = 0; i < paragraphs; i++) {
    out.push(
      `Section ${i + 1}. Firms self-selected into the treatment group (n=${20 + (i % 5)}), and productivity was measured by self-reported output per hour over ${6 + (i % 4)} weeks. ` +
        `We control for firm size and sector but not for seasonality; attrition was ${8 + (i % 6)}% in the treatment arm and ${3 + (i % 3)}% in the control arm. ` +
        `Results show a ${10 + (i % 7)}% increase in output per hour (p = 0.0${3 + (i % 6)}), robust to excluding the two largest firms.`,
    )
  }
  return out.join('\n')
}

/** A small codebase pasted as files. */
function codebase(files: number): string {
  const out: string[] = []
  for (let f = 0; f < files; f++) {
    out.push(`// file: src/handlers/handler${f}.js`)
    out.push("const db = require('../db')", "const mailer = require('../mailer')", '')
    out.push(`module.exports = async function handler${f}(req, res) {`)
    out.push('  const user = await db.query("SELECT * FROM users WHERE id = " + req.params.id)')
    out.push('  if (!user) { res.status(404).send("not found"); return }')
    out.push(`  const orders = await db.query("SELECT * FROM orders WHERE user_id = " + user.id + " AND kind = ${f}")`)
    out.push('  let total = 0', '  for (let i = 0; i < orders.length; i++) { total = total + orders[i].amount }')
    out.push('  if (total > 1000) { await mailer.send(user.email, "You are a VIP", "Thanks for " + orders.length + " orders") }')
    out.push('  res.json({ user: user, orders: orders, total: total })', '}', '')
  }
  return out.join('\n')
}

/** A long planning conversation about a home-renovation app, user and assistant alternating. */
function longConversation(exchanges: number): ChatTurn[] {
  const asks = [
    'What should the contractor-matching screen show first?',
    'How do we handle quotes that arrive after the job is booked?',
    'Should homeowners be able to message several contractors at once?',
    'What do we store about each renovation project?',
    'How should payments in stages work?',
  ]
  const turns: ChatTurn[] = [{ role: 'system', content: 'You are a helpful product design assistant.' }]
  for (let i = 0; i < exchanges; i++) {
    turns.push({ role: 'user', content: asks[i % asks.length] ?? '' })
    turns.push({
      role: 'assistant',
      content:
        `On point ${i + 1}: I would keep it simple for the first release. Show the contractor’s rating, distance and typical price range; ` +
        'let homeowners shortlist up to three; keep messages per project so nothing gets lost; store the rooms, budget, photos and deadlines; ' +
        'and release payments in stages (deposit, midpoint, completion) held in escrow, with a dispute button at each stage. '.repeat(3),
    })
  }
  return turns
}

const LONG_LOG = serverLog(700)
const MEETING = meetingTranscript(260)
const CONTRACT = contract(250)
const REPORT = report(130)
const PAPER = paper(110)
const CODEBASE = codebase(55)
const LONG_CHAT = longConversation(56)
const CRASH = nodeCrash(60)

// ---------------------------------------------------------------- short conversations for follow-ups

const PY_REVERSE: ChatTurn[] = [
  { role: 'user', content: 'How do I reverse a list in Python?' },
  { role: 'assistant', content: 'Use `my_list.reverse()` to reverse in place, or `my_list[::-1]` for a reversed copy.' },
]
const CSV_FUNCTION: ChatTurn[] = [
  { role: 'user', content: 'Write a Python function that parses one CSV line, handling quoted fields with commas inside.' },
  {
    role: 'assistant',
    content: '```python\nimport csv\n\ndef parse_line(line: str) -> list[str]:\n    return next(csv.reader([line]))\n```\nThe csv module handles quotes and escaped quotes for you.',
  },
]
const RECIPE: ChatTurn[] = [
  { role: 'user', content: 'Can you give me a quick pancake recipe?' },
  { role: 'assistant', content: 'Mix 200 g flour, 2 eggs, 300 ml milk and a pinch of salt; rest 10 minutes; fry in a hot buttered pan.' },
]
const ARCHITECTURE_TALK: ChatTurn[] = [
  { role: 'user', content: 'We want to split our Rails monolith: billing, catalogue and accounts. How would you carve it up?' },
  {
    role: 'assistant',
    content:
      'Start with billing: it has the clearest boundary. Introduce an internal API inside the monolith first, move its tables behind it, then extract it as a service with its own database, using an outbox for events. Catalogue next, accounts last because everything depends on it.',
  },
  { role: 'user', content: 'Makes sense. What about the shared users table?' },
  { role: 'assistant', content: 'Keep accounts as the owner of users; other services keep a read-only projection fed by events, and never write to it.' },
]
const TRIP_TALK: ChatTurn[] = [
  { role: 'user', content: 'I’m going to Rome for a weekend in May. Any tips?' },
  { role: 'assistant', content: 'Book the Vatican Museums ahead, walk Trastevere in the evening, and get a Roma Pass if you will use transport a lot.' },
]
const EMAIL_DRAFT: ChatTurn[] = [
  { role: 'user', content: 'Draft an email to my team saying the offsite moves from Friday to Monday.' },
  {
    role: 'assistant',
    content: 'Hi team,\n\nQuick update: our offsite moves from Friday to Monday, same time and place. Let me know if that clashes with anything.\n\nThanks,\nSam',
  },
]
const MATH_TALK: ChatTurn[] = [
  { role: 'user', content: 'What is the derivative of x^3?' },
  { role: 'assistant', content: '3x^2.' },
]

// ---------------------------------------------------------------- the table

export const LABELLED_PROMPTS: LabelledPrompt[] = [
  // ======================================================== simple
  // chat: greetings, facts, short extraction and classification, translation of a sentence
  { text: 'hi', complexity: 'simple', taskType: 'chat' },
  { text: 'Hello! How are you today?', complexity: 'simple', taskType: 'chat' },
  { text: 'Good morning', complexity: 'simple', taskType: 'chat' },
  { text: 'thanks, that’s perfect', history: RECIPE, complexity: 'simple', taskType: 'chat' },
  { text: 'Bonjour, comment ça va ?', complexity: 'simple', taskType: 'chat', note: 'French greeting' },
  { text: 'What is the capital of Australia?', complexity: 'simple', taskType: 'chat' },
  { text: 'Is a tomato a fruit?', complexity: 'simple', taskType: 'chat' },
  { text: 'Who wrote Pride and Prejudice?', complexity: 'simple', taskType: 'chat' },
  { text: 'How many ounces are in a pound?', complexity: 'simple', taskType: 'chat' },
  { text: 'What year did the Berlin Wall fall?', complexity: 'simple', taskType: 'chat' },
  { text: 'What’s the boiling point of water in Fahrenheit?', complexity: 'simple', taskType: 'chat' },
  { text: '¿Cuál es la capital de Canadá?', complexity: 'simple', taskType: 'chat', note: 'Spanish' },
  { text: 'Give me a synonym for "happy".', complexity: 'simple', taskType: 'chat' },
  { text: 'How do you spell "necessary"?', complexity: 'simple', taskType: 'chat' },
  { text: 'yes or no: can dogs eat grapes?', complexity: 'simple', taskType: 'chat' },
  { text: 'Translate "Where is the train station?" into Spanish.', complexity: 'simple', taskType: 'chat' },
  { text: 'Translate to French: I would like a coffee with milk, please.', complexity: 'simple', taskType: 'chat' },
  { text: 'Wie sagt man "thank you very much" auf Japanisch?', complexity: 'simple', taskType: 'chat', note: 'German, asks for a Japanese phrase' },
  {
    text: 'Is this review positive or negative? "The battery died after two days and support never replied."',
    complexity: 'simple',
    taskType: 'chat',
  },
  {
    text: 'Classify this ticket as billing, technical or other: "I was charged twice for my subscription this month."',
    complexity: 'simple',
    taskType: 'chat',
  },
  { text: 'Extract the email address from this line: Contact Jane Doe at jane.doe@example.org for details.', complexity: 'simple', taskType: 'chat' },
  { text: 'Pull the dates out of this: "Invoice issued 3 March 2024, due 2 April 2024."', complexity: 'simple', taskType: 'chat' },
  { text: 'Does "affect" or "effect" go here: "The weather will ___ our plans"?', complexity: 'simple', taskType: 'chat' },
  { text: 'What does NASA stand for?', complexity: 'simple', taskType: 'chat' },
  { text: 'And what should I eat there?', history: TRIP_TALK, complexity: 'simple', taskType: 'chat', note: 'follow-up, a short tip' },
  { text: 'Reply with just the sentiment (positive/neutral/negative): "Delivery was on time, nothing special."', complexity: 'simple', taskType: 'chat' },
  { text: 'What time zone is Chicago in?', complexity: 'simple', taskType: 'chat' },
  { text: 'Hey there 👋', complexity: 'simple', taskType: 'chat' },
  { text: 'What’s the file extension for TypeScript files?', complexity: 'simple', taskType: 'coding' },
  // coding
  { text: 'What does `git status` do?', complexity: 'simple', taskType: 'coding' },
  { text: 'In Python, how do I get the length of a list?', complexity: 'simple', taskType: 'coding' },
  { text: 'Is `const` block-scoped in JavaScript?', complexity: 'simple', taskType: 'coding' },
  { text: 'Which SQL keyword removes duplicate rows from a query result?', complexity: 'simple', taskType: 'coding' },
  { text: 'and in JavaScript?', history: PY_REVERSE, complexity: 'simple', taskType: 'coding', note: 'follow-up inherits coding' },
  { text: 'What’s the npm command to install a package as a dev dependency?', complexity: 'simple', taskType: 'coding' },
  // reasoning
  { text: 'What is 15% of 80?', complexity: 'simple', taskType: 'reasoning' },
  { text: 'Is 91 a prime number?', complexity: 'simple', taskType: 'reasoning' },
  { text: 'Which is bigger, 0.7 or 0.65?', complexity: 'simple', taskType: 'reasoning' },
  { text: 'What comes next: 2, 4, 8, 16, ?', complexity: 'simple', taskType: 'reasoning' },
  { text: 'What is 12 × 13?', complexity: 'simple', taskType: 'reasoning' },
  { text: 'and of x^4?', history: MATH_TALK, complexity: 'simple', taskType: 'reasoning', note: 'follow-up to a derivative' },
  // agentic
  { text: 'Set a timer for 10 minutes.', complexity: 'simple', taskType: 'agentic' },
  { text: 'Search the web for the opening hours of the Louvre today.', complexity: 'simple', taskType: 'agentic' },
  { text: 'Open my Downloads folder.', complexity: 'simple', taskType: 'agentic' },
  { text: 'Run `ls -la` in my home directory and show me the output.', complexity: 'simple', taskType: 'agentic' },
  { text: 'Check the weather in Oslo for tomorrow.', complexity: 'simple', taskType: 'agentic' },
  { text: 'Remind me to call the dentist at 3pm.', complexity: 'simple', taskType: 'agentic' },
  // vision
  { text: 'What colour is the car in this photo?', complexity: 'simple', taskType: 'vision' },
  { text: 'Read the text in this screenshot for me.', complexity: 'simple', taskType: 'vision' },
  { text: 'Is there a cat in this image?', complexity: 'simple', taskType: 'vision' },
  { text: 'What does the sign in the attached picture say?', complexity: 'simple', taskType: 'vision' },
  // long context: a short extraction from a long paste
  { text: `${CONTRACT}\n\nWho are the two parties in this agreement?`, complexity: 'simple', taskType: 'long_context' },
  { text: `${LONG_LOG}\n\nWhat is the timestamp of the first ERROR line?`, complexity: 'simple', taskType: 'long_context' },
  { text: `Here is our quarterly review:\n\n${REPORT}\n\nWhat was the net promoter score?`, complexity: 'simple', taskType: 'long_context' },

  // ======================================================== moderate
  // chat: drafting, explaining, summarising short texts
  { text: 'Write a polite email to my landlord asking him to fix the leaking kitchen tap this week.', complexity: 'moderate', taskType: 'chat' },
  { text: 'Draft a LinkedIn post announcing that I’ve started a new job as a product designer at Northwind.', complexity: 'moderate', taskType: 'chat' },
  { text: 'Explain how vaccines train the immune system, in simple terms.', complexity: 'moderate', taskType: 'chat' },
  { text: 'Explain the difference between a Roth IRA and a traditional IRA.', complexity: 'moderate', taskType: 'chat' },
  { text: 'Write a short birthday poem for my grandmother, who loves gardening.', complexity: 'moderate', taskType: 'chat' },
  { text: 'Give me a 3-day itinerary for Lisbon on a budget.', complexity: 'moderate', taskType: 'chat' },
  { text: 'Write a product description for a handmade ceramic mug, about 100 words.', complexity: 'moderate', taskType: 'chat' },
  { text: 'Explain what inflation is and why central banks raise interest rates to fight it.', complexity: 'moderate', taskType: 'chat' },
  { text: 'Explique-moi comment fonctionne la photosynthèse.', complexity: 'moderate', taskType: 'chat', note: 'French explanation' },
  { text: 'Now make it shorter and a bit warmer.', history: EMAIL_DRAFT, complexity: 'moderate', taskType: 'chat', note: 'follow-up edit of a draft' },
  {
    text:
      'Summarise this article in five bullet points:\n\nCities across Europe are experimenting with car-free centres. In Pontevedra, Spain, the old town has been pedestrianised since 1999, and local shops report steady trade. ' +
      'Critics argue that deliveries and disabled access suffer, while supporters point to cleaner air and fewer road deaths. Oslo removed most parking spaces in its centre in 2019 and replaced them with benches, bike racks and small parks. ' +
      'Retailers initially protested but footfall recovered within a year. Paris is following with its plan to make the city "15-minute", where daily needs are within a short walk or ride. ' +
      'Researchers caution that results depend on good public transport and that gentrification can follow when centres become more attractive.',
    complexity: 'moderate',
    taskType: 'chat',
  },
  {
    text:
      'Rewrite this paragraph to sound more professional:\n\nhey so basically the project is kinda late bc the vendor didnt send the parts and also we had like 3 people out sick, ' +
      'we think we can finish by end of next month maybe, sorry about that, will keep u posted',
    complexity: 'moderate',
    taskType: 'chat',
  },
  {
    text:
      'Draft a reply to this customer complaint, apologetic but firm that we can’t refund after 60 days:\n\n"I bought the annual plan 3 months ago and barely used it. I want my money back. This is ridiculous."',
    complexity: 'moderate',
    taskType: 'chat',
  },
  {
    text:
      'Proofread my cover letter and fix the grammar:\n\nDear Hiring Manager, I am writing to apply for the position of Junior Accountant that was advertise on your website. ' +
      'I have graduate last year with a degree in Finance and I have did an internship at a local firm where I was responsible of reconciliations. ' +
      'I am detail oriented and I enjoys working with numbers. I look forward to hear from you.',
    complexity: 'moderate',
    taskType: 'chat',
  },
  { text: 'Can you explain what a mortgage offset account is and when it is worth having one?', complexity: 'moderate', taskType: 'chat' },
  // coding
  { text: 'Write a Python function that checks whether a string is a palindrome, ignoring spaces and punctuation.', complexity: 'moderate', taskType: 'coding' },
  { text: 'Write a TypeScript function debounce(fn, ms) with proper generic types.', complexity: 'moderate', taskType: 'coding' },
  {
    text: 'Can you make this faster?\n```js\nfunction uniq(arr) {\n  const out = []\n  for (const x of arr) if (!out.includes(x)) out.push(x)\n  return out\n}\n```',
    complexity: 'moderate',
    taskType: 'coding',
  },
  { text: 'Explain what this regex does: ^(?=.*\\d)(?=.*[a-z])(?=.*[A-Z]).{8,}$', complexity: 'moderate', taskType: 'coding' },
  {
    text: 'Write a SQL query that returns the top 5 customers by total order value in 2023, from tables customers(id, name) and orders(id, customer_id, total, created_at).',
    complexity: 'moderate',
    taskType: 'coding',
  },
  {
    text: 'Why does this print undefined?\n```js\nfunction f() {\n  setTimeout(() => { return 5 }, 10)\n}\nconsole.log(f())\n```',
    complexity: 'moderate',
    taskType: 'coding',
  },
  {
    text: 'Add proper error handling and a timeout to this:\n```ts\nexport async function getUser(id: string) {\n  const res = await fetch(`/api/users/${id}`)\n  return res.json()\n}\n```',
    complexity: 'moderate',
    taskType: 'coding',
  },
  {
    text: 'Convert this class to a dataclass:\n```python\nclass Point:\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\n    def __repr__(self):\n        return f"Point({self.x}, {self.y})"\n```',
    complexity: 'moderate',
    taskType: 'coding',
  },
  { text: 'Write a bash script that renames every .jpeg file in a folder to .jpg.', complexity: 'moderate', taskType: 'coding' },
  {
    text: 'Write vitest unit tests for this function:\n```ts\nexport function clamp(value: number, min: number, max: number): number {\n  return Math.min(max, Math.max(min, value))\n}\n```',
    complexity: 'moderate',
    taskType: 'coding',
  },
  { text: 'and in Rust?', history: CSV_FUNCTION, complexity: 'moderate', taskType: 'coding', note: 'follow-up: the same function in another language' },
  { text: 'Explain the difference between a process and a thread, with an example.', complexity: 'moderate', taskType: 'coding' },
  {
    text:
      "My React component crashes with TypeError: Cannot read properties of undefined (reading 'map'). Here it is:\n```jsx\nexport function List({ data }) {\n  return <ul>{data.items.map((i) => <li key={i.id}>{i.name}</li>)}</ul>\n}\n```",
    complexity: 'moderate',
    taskType: 'coding',
  },
  { text: 'How do I write a Dockerfile for a Node 20 app that uses npm ci and runs as a non-root user?', complexity: 'moderate', taskType: 'coding' },
  { text: 'Implement binary search in Go and explain the edge cases.', complexity: 'moderate', taskType: 'coding' },
  { text: 'Write a regular expression that matches UK postcodes and explain each part.', complexity: 'moderate', taskType: 'coding' },
  {
    text: 'Refactor this function to be more readable:\n```python\ndef f(l):\n    r=[]\n    for i in range(len(l)):\n        if l[i]%2==0 and l[i]>10: r.append(l[i]*2)\n    return r\n```',
    complexity: 'moderate',
    taskType: 'coding',
  },
  // reasoning
  { text: 'A train leaves at 3:40 pm and travels 210 km at 84 km/h. When does it arrive?', complexity: 'moderate', taskType: 'reasoning' },
  { text: 'Explain why switching doors in the Monty Hall problem wins two thirds of the time.', complexity: 'moderate', taskType: 'reasoning' },
  { text: 'I take home $4,200 a month. Help me make a simple budget using the 50/30/20 rule.', complexity: 'moderate', taskType: 'reasoning' },
  { text: 'Solve the system 2x + 3y = 12 and x − y = 1, showing the steps.', complexity: 'moderate', taskType: 'reasoning' },
  { text: 'What is the expected value of rolling two dice and keeping the higher one? Show your working.', complexity: 'moderate', taskType: 'reasoning' },
  { text: 'If a shirt costs $40 after a 20% discount, what was the original price, and how much did I save?', complexity: 'moderate', taskType: 'reasoning' },
  { text: 'How long will it take to double my savings at 5% annual interest compounded monthly?', complexity: 'moderate', taskType: 'reasoning' },
  { text: 'A bag has 3 red and 5 blue marbles. I draw two without replacement. What is the probability both are blue?', complexity: 'moderate', taskType: 'reasoning' },
  // agentic
  { text: 'Find three Italian restaurants near me that are open after 9pm and tell me which has the best reviews.', complexity: 'moderate', taskType: 'agentic' },
  { text: 'Read the files in ./notes and make a list of every TODO in them.', complexity: 'moderate', taskType: 'agentic' },
  { text: 'Search for the latest Node.js LTS version and update the engines field in my package.json.', complexity: 'moderate', taskType: 'agentic' },
  { text: 'Book a table for two at Luigi’s tomorrow at 7pm and add it to my calendar.', complexity: 'moderate', taskType: 'agentic' },
  { text: 'Download the CSV from https://example.com/data.csv and tell me how many rows it has.', complexity: 'moderate', taskType: 'agentic' },
  { text: 'Send an email to Maria with the meeting notes from today and ask her to confirm the budget numbers.', complexity: 'moderate', taskType: 'agentic' },
  // vision
  { text: 'Describe what’s happening in this photo and suggest an Instagram caption.', complexity: 'moderate', taskType: 'vision' },
  { text: 'Here’s a screenshot of the error dialog I get — what does it mean and how do I fix it?', complexity: 'moderate', taskType: 'vision' },
  { text: 'Transcribe the handwritten recipe in this image and convert the quantities to grams.', complexity: 'moderate', taskType: 'vision' },
  { text: 'Look at this chart and summarise the trend for me.', complexity: 'moderate', taskType: 'vision', note: '"this chart" is an attached image' },
  // long context
  { text: `${MEETING}\n\nSummarise the key decisions and action items from this meeting.`, complexity: 'moderate', taskType: 'long_context' },
  { text: `${REPORT}\n\nWrite a one-paragraph executive summary of this review.`, complexity: 'moderate', taskType: 'long_context' },
  { text: 'Summarise what we have agreed so far in a short list.', history: LONG_CHAT, complexity: 'moderate', taskType: 'long_context' },

  // ======================================================== complex
  // coding: multi-file work, architecture, debugging from traces, hard implementations
  {
    text:
      'Refactor our Express app from callbacks to async/await across routes/, services/ and db/, keeping behaviour identical. Files:\n' +
      '```js\n// routes/orders.js\nrouter.get("/:id", (req, res) => { orders.get(req.params.id, (err, o) => { if (err) return res.status(500).end(); res.json(o) }) })\n```\n' +
      '```js\n// services/orders.js\nexports.get = (id, cb) => db.query("select * from orders where id=$1", [id], (err, r) => cb(err, r && r.rows[0]))\n```\n' +
      '```js\n// db/index.js\nconst { Pool } = require("pg"); const pool = new Pool(); exports.query = (q, p, cb) => pool.query(q, p, cb)\n```',
    complexity: 'complex',
    taskType: 'coding',
  },
  {
    text: 'Design the architecture for a multi-tenant SaaS billing system: services, data model, proration, idempotent webhooks from the payment provider, and failover.',
    complexity: 'complex',
    taskType: 'coding',
  },
  { text: `Our production server crashes every few hours with this. Find the root cause:\n\n${CRASH}`, complexity: 'complex', taskType: 'coding' },
  { text: 'Implement a lock-free multi-producer multi-consumer queue in C++ with correct memory ordering, and explain why it is ABA-safe.', complexity: 'complex', taskType: 'coding' },
  {
    text: 'We’re migrating a 200k-line monolith from Python 2 to Python 3. Plan the migration step by step, including tooling, a testing strategy, and how we keep shipping features meanwhile.',
    complexity: 'complex',
    taskType: 'coding',
  },
  {
    text: 'Write a front end for a small expression language in TypeScript: tokenizer, recursive-descent parser, AST types and error recovery with helpful messages.',
    complexity: 'complex',
    taskType: 'coding',
  },
  {
    text: 'Rewrite our React class components to hooks across these four files while keeping behaviour identical, and move the shared state into a context.',
    complexity: 'complex',
    taskType: 'coding',
  },
  {
    text: 'Design a database schema and sharding strategy for a chat app with 50M users, including message ordering guarantees, read receipts and multi-device sync.',
    complexity: 'complex',
    taskType: 'coding',
  },
  { text: 'OK, now write the migration plan for billing with rollback steps for each phase.', history: ARCHITECTURE_TALK, complexity: 'complex', taskType: 'coding' },
  {
    text: 'Our Node service’s heap grows about 50 MB an hour until it is OOM-killed. It uses an in-memory LRU, socket.io and a Redis pub/sub bridge. How would you track down the memory leak, and what are the likely culprits?',
    complexity: 'complex',
    taskType: 'coding',
  },
  {
    text: 'After upgrading to Java 21 our Kubernetes pods keep getting OOMKilled even though the heap is capped at 2 GB in a 3 GB container. We use G1, Netty and virtual threads. Figure out the likely causes and propose a fix with the JVM flags to change.',
    complexity: 'complex',
    taskType: 'coding',
  },
  {
    text: 'Implement a thread-safe LRU cache with per-entry TTL and hit/miss metrics in Java, with a full test suite, and state the complexity of each operation.',
    complexity: 'complex',
    taskType: 'coding',
  },
  {
    text: 'Review this diff for race conditions and security problems:\n```diff\n' +
      Array.from({ length: 40 }, (_, i) => `+  if (cache[key${i}] === undefined) { cache[key${i}] = await load(key${i}); sessions[user].token = req.query.t${i} }`).join('\n') +
      '\n```',
    complexity: 'complex',
    taskType: 'coding',
  },
  { text: 'Set up a CI/CD pipeline design for a monorepo with 12 services: affected-only builds, caching, canary deploys and automatic rollback. Explain the trade-offs.', complexity: 'complex', taskType: 'coding' },
  {
    text: 'Our checkout fails intermittently for about 2% of users. We have three services (cart, pricing, payments), retries at every hop, and a Redis lock around stock reservation. Walk me through a systematic debugging plan and the most likely race conditions.',
    complexity: 'complex',
    taskType: 'coding',
  },
  // reasoning: proofs, multi-step problems, decisions, research
  { text: 'Prove that there are infinitely many primes.', complexity: 'complex', taskType: 'reasoning' },
  { text: 'Prove rigorously that the square root of 2 is irrational.', complexity: 'complex', taskType: 'reasoning' },
  { text: 'Prove by induction that the sum of the first n odd numbers is n².', complexity: 'complex', taskType: 'reasoning', note: 'an easy proof, but still a proof' },
  { text: 'Derive a closed form for T(n) = 2T(n/2) + n log n and prove the bound is tight.', complexity: 'complex', taskType: 'reasoning' },
  {
    text:
      'Five people live in five houses of different colours. The Brit lives in the red house. The Swede keeps dogs. The Dane drinks tea. The green house is just left of the white one. ' +
      'The green house’s owner drinks coffee. The person who smokes Pall Mall rears birds. The owner of the yellow house smokes Dunhill. The man in the centre house drinks milk. ' +
      'The Norwegian lives in the first house. The Blends smoker lives next to the cat owner. Who owns the fish? Work through it step by step.',
    complexity: 'complex',
    taskType: 'reasoning',
  },
  {
    text:
      'A farmer has 100 m of fencing to enclose a rectangular field along a river (no fence needed on the river side). Maximise the area; then redo it if a 2 m gate costs as much as 10 m of fence, and explain how the optimum shifts.',
    complexity: 'complex',
    taskType: 'reasoning',
  },
  {
    text:
      'Evaluate three strategies for entering the Japanese market with our SaaS product — a local partner, a direct sales office, or self-serve only — considering regulation, localisation cost, channel conflict and a two-year budget of $1.5M. Recommend one with a phased plan.',
    complexity: 'complex',
    taskType: 'reasoning',
  },
  {
    text: 'Research the current evidence on intermittent fasting versus plain calorie restriction for weight loss, compare the study designs, and give me a balanced conclusion with caveats.',
    complexity: 'complex',
    taskType: 'reasoning',
  },
  {
    text:
      'I have three job offers: A pays $140k with no equity and a 15-minute commute; B pays $120k plus 0.2% of a Series B startup and is remote; C pays $155k at a bank with a 1-hour commute. ' +
      'Build a weighted decision matrix, run a sensitivity analysis on the weights, and tell me which offer wins under different assumptions.',
    complexity: 'complex',
    taskType: 'reasoning',
  },
  {
    text: 'Compute the probability that at least two of 30 people share a birthday, then generalise to at least three sharing one and estimate it for 30 people. Explain each step.',
    complexity: 'complex',
    taskType: 'reasoning',
  },
  {
    text: 'Plan a 12-month study schedule to pass CFA Level I while working full time: weekly milestones, practice-exam checkpoints, buffer weeks, and a fallback plan if I fall behind.',
    complexity: 'complex',
    taskType: 'reasoning',
  },
  {
    text: 'Design an A/B test to measure whether our new onboarding flow improves 30-day retention: sample size and power analysis, primary and guardrail metrics, and how to handle novelty effects.',
    complexity: 'complex',
    taskType: 'reasoning',
  },
  {
    text: 'Should our 8-person team build a modular monolith or microservices? We deploy twice a day, have one on-call engineer, expect 10× traffic next year, and two teams will join in six months. Weigh the trade-offs and decide.',
    complexity: 'complex',
    taskType: 'reasoning',
    note: 'an architecture decision without code',
  },
  {
    text: 'Is it rational to pay off a 4% mortgage early instead of investing, given inflation, taxes on returns, sequence-of-returns risk and liquidity needs? Model a few scenarios over 20 years and conclude.',
    complexity: 'complex',
    taskType: 'reasoning',
  },
  // agentic: many steps and many tools
  {
    text: 'Plan and book my 10-day trip to Japan: find flights from London under £900, book hotels in Tokyo, Kyoto and Osaka near stations, reserve a JR pass, and put everything in my calendar.',
    complexity: 'complex',
    taskType: 'agentic',
  },
  {
    text: 'Go through my inbox, find every invoice from last quarter, download the PDFs, extract the totals into a spreadsheet and email it to my accountant.',
    complexity: 'complex',
    taskType: 'agentic',
  },
  { text: 'Clone the repo, run the test suite, fix the failing tests and open a pull request that summarises the changes.', complexity: 'complex', taskType: 'agentic' },
  {
    text: 'Browse the websites of our five main competitors, collect their pricing tiers into a table, then draft a pricing recommendation for us with reasons.',
    complexity: 'complex',
    taskType: 'agentic',
  },
  {
    text: 'Set up a cron job that backs up my Postgres database to S3 every night, check that a restore actually works, and alert me on Slack if a backup fails.',
    complexity: 'complex',
    taskType: 'agentic',
  },
  {
    text: 'Monitor these 20 product pages every day; when a price drops by more than 15% and it’s under my budget, buy it and notify me with the receipt.',
    complexity: 'complex',
    taskType: 'agentic',
  },
  // vision
  {
    text: 'Here’s a photo of the whiteboard diagram from our architecture meeting. Turn it into a detailed design document with components, data flows and open risks.',
    complexity: 'complex',
    taskType: 'vision',
  },
  {
    text: 'Attached are screenshots of our app’s six onboarding screens. Do a full UX audit — accessibility issues, friction points — and give me a prioritised redesign plan.',
    complexity: 'complex',
    taskType: 'vision',
  },
  { text: 'From this image of a circuit diagram, work out the current through each resistor and show every step.', complexity: 'complex', taskType: 'vision' },
  {
    text: 'Compare the two floor plan images I attached and recommend which layout suits a family of five, reasoning about light, flow, noise and storage.',
    complexity: 'complex',
    taskType: 'vision',
  },
  // long context
  { text: `Requests started timing out after yesterday’s deploy. Here is the log:\n\n${LONG_LOG}\n\nDebug this: what is the root cause and how do we fix it?`, complexity: 'complex', taskType: 'long_context' },
  { text: `${CONTRACT}\n\nIdentify every clause in this agreement that conflicts with the GDPR, explain why, and propose rewritten clauses.`, complexity: 'complex', taskType: 'long_context' },
  { text: `${CODEBASE}\n\nRefactor this codebase: remove the duplication, fix the SQL injection, and explain the new module structure.`, complexity: 'complex', taskType: 'long_context' },
  { text: 'Given everything we have discussed, write the full technical specification for the first release.', history: LONG_CHAT, complexity: 'complex', taskType: 'long_context' },
  { text: `${PAPER}\n\nCritically evaluate this paper’s methodology, list its weaknesses, and suggest follow-up experiments.`, complexity: 'complex', taskType: 'long_context' },
  { text: `${MEETING}\n\nAcross all these discussions, which decisions contradict each other? Propose a consistent plan with owners and dates.`, complexity: 'complex', taskType: 'long_context' },
  // chat: long, multi-constraint writing
  {
    text: 'Write a 3,000-word short story in the style of Raymond Carver about two estranged brothers, with a nonlinear timeline, three point-of-view shifts, and an ending that recasts the opening scene.',
    complexity: 'complex',
    taskType: 'chat',
  },
  {
    text: 'Write a full business plan for a neighbourhood bakery: market analysis, three-year financial projections, staffing, marketing plan and the main risks with mitigations.',
    complexity: 'complex',
    taskType: 'chat',
  },
  {
    text: 'Draft a grant proposal for a community literacy programme: needs statement, goals and objectives, activities, a 12-month timeline, budget justification and an evaluation plan, under 10 pages.',
    complexity: 'complex',
    taskType: 'chat',
  },
  {
    text: 'Écris un discours de mariage de 5 minutes pour ma sœur, drôle mais émouvant, qui mentionne notre enfance à Lyon, son mari Karim, leur chien, et qui se termine par un toast — en français et en anglais pour les invités.',
    complexity: 'complex',
    taskType: 'chat',
    note: 'French: a long multi-constraint bilingual speech',
  },
]

/**
 * Written after the classifier's rules were settled and never used to tune them: the table test
 * prints the accuracy here too, as an honest estimate on prompts the rules have not seen.
 */
export const HELD_OUT_PROMPTS: LabelledPrompt[] = [
  { text: 'hey, quick one', complexity: 'simple', taskType: 'chat' },
  { text: 'How tall is Mount Everest?', complexity: 'simple', taskType: 'chat' },
  { text: 'Is it "fewer" or "less" people?', complexity: 'simple', taskType: 'chat' },
  { text: 'Translate "good luck with the exam" into Italian.', complexity: 'simple', taskType: 'chat' },
  { text: 'What does `chmod +x` do?', complexity: 'simple', taskType: 'coding' },
  { text: 'How do I exit vim?', complexity: 'simple', taskType: 'coding' },
  { text: 'What is 7 cubed?', complexity: 'simple', taskType: 'reasoning' },
  { text: 'Turn on do-not-disturb until 6pm.', complexity: 'simple', taskType: 'agentic' },
  { text: 'What breed is the dog in this picture?', complexity: 'simple', taskType: 'vision' },
  { text: 'Label this message as spam or not spam: "You won a free cruise, click here".', complexity: 'simple', taskType: 'chat' },
  { text: 'Write a thank-you note to my neighbour for watering my plants while I was away.', complexity: 'moderate', taskType: 'chat' },
  { text: 'Explain how a heat pump works and whether it makes sense in a cold climate.', complexity: 'moderate', taskType: 'chat' },
  { text: 'Summarise the plot of Hamlet in a paragraph.', complexity: 'moderate', taskType: 'chat' },
  { text: 'Write a JavaScript function that groups an array of objects by a key.', complexity: 'moderate', taskType: 'coding' },
  { text: 'Fix this:\n```python\nfor i in range(10)\n    print(i)\n```', complexity: 'moderate', taskType: 'coding' },
  { text: 'What’s wrong with my SQL? SELECT name, COUNT(*) FROM users; it says column must appear in GROUP BY.', complexity: 'moderate', taskType: 'coding' },
  { text: 'If I run 5 km in 27 minutes, what is my pace per mile, and how long would a half marathon take at that pace?', complexity: 'moderate', taskType: 'reasoning' },
  { text: 'Find me a cheap hotel in Porto for next weekend and send me the link.', complexity: 'moderate', taskType: 'agentic' },
  { text: 'What do you think of the outfit in this photo for a job interview? Any suggestions?', complexity: 'moderate', taskType: 'vision' },
  { text: 'Give me ten name ideas for a coffee shop with a cycling theme.', complexity: 'moderate', taskType: 'chat' },
  { text: 'Design the backend for a ride-sharing app: matching, pricing, payments and real-time location, and explain how it scales.', complexity: 'complex', taskType: 'coding' },
  { text: 'Our Go service deadlocks under load about once a day; goroutine dumps show many blocked on a mutex in the cache layer. How do we find and fix it?', complexity: 'complex', taskType: 'coding' },
  { text: 'Prove that every bounded monotone sequence of real numbers converges.', complexity: 'complex', taskType: 'reasoning' },
  { text: 'We have $50k to spend on marketing next year across SEO, paid ads, events and partnerships. Allocate it, justify each choice with expected returns, and give a quarterly plan with checkpoints.', complexity: 'complex', taskType: 'reasoning' },
  { text: 'Go through our support tickets from last month, group them by theme, find the top five recurring issues and file a Jira ticket for each.', complexity: 'complex', taskType: 'agentic' },
  { text: 'Here are screenshots of our dashboard on mobile and desktop. Rework the information architecture and propose a complete responsive layout with a component list.', complexity: 'complex', taskType: 'vision' },
  { text: 'Write a detailed literature review on microplastics in drinking water, covering detection methods, health effects and regulation, with the open questions.', complexity: 'complex', taskType: 'reasoning' },
  { text: 'Write a 2,000-word essay arguing both sides of universal basic income, with historical examples and a conclusion.', complexity: 'complex', taskType: 'chat' },
  { text: `${serverLog(650)}\n\nHow many WARN lines are there?`, complexity: 'simple', taskType: 'long_context' },
  { text: `${paper(120)}\n\nSummarise the results section in plain language.`, complexity: 'moderate', taskType: 'long_context' },
]
