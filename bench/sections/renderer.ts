/**
 * `renderer`: the chat in Chromium against the host (`aura serve`, the built app in `out/`).
 *
 * - `stream_max_long_task_ms`: a reply of 2,000 tokens streams into the chat; a PerformanceObserver
 *   for `longtask` (installed before the message is sent) records every main-thread task over 50 ms.
 *   The longest is the figure (0 when there was none); `stream_long_tasks` counts them and
 *   `stream_tokens` says how many tokens the reply really had. The tokens come from the project's
 *   generated tiny llama with a strongly negative end-of-sequence bias (it never stops by itself), on
 *   one thread, picked explicitly in the model picker.
 * - `open_5000_messages_ms`: a conversation of 5,000 messages written straight into the data folder
 *   in the store's format, opened from the sidebar; the median over several opens, switching to a
 *   small conversation in between. `open_5000_messages_dom_nodes`: message elements in the DOM then.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright'
import { writeTinyLlama } from '../../src/main/services/testing/tinyLlama'
import { median, round, type BenchFigures, type BenchSection } from '../harness'
import { writeConversation, type WrittenConversation } from '../lib/rendererFixtures'
import { launchChromium, startHost, type BenchHost } from '../lib/rendererHost'

const MODEL_ID = 'bench-endless'
const FINISHED = ['done', 'stopped', 'error', 'interrupted']

export const section: BenchSection = {
  name: 'renderer',
  async run(ctx) {
    const streamTokens = ctx.smoke ? 100 : 2000
    const messageCount = ctx.smoke ? 200 : 5000
    const opens = ctx.smoke ? 2 : 7
    const shots = process.env.AURA_BENCH_SCREENSHOTS

    const dataDir = join(ctx.workDir, 'renderer-data')
    mkdirSync(join(dataDir, 'models'), { recursive: true })
    // Never stops by itself; room in its context for the prompt and every token.
    await writeTinyLlama(join(dataDir, 'models', `${MODEL_ID}.gguf`), { name: 'Bench Endless', eosBias: -30, contextLength: 4096 })
    const now = Date.now()
    const big = writeConversation(dataDir, { id: 'bench-long', title: 'A long chat', count: messageCount, seed: 7, updatedAt: now - 60_000 })
    const small = writeConversation(dataDir, { id: 'bench-short', title: 'A short chat', count: 10, seed: 9, updatedAt: now - 120_000 })

    const host = await startHost(ctx.root, dataDir, { threads: 1, maxTokens: streamTokens, contextSize: 4096, onboardingDone: true })
    const browser = await launchChromium()
    try {
      const stream = await measureStream(ctx, host, browser, shots)
      const open = await measureOpen(ctx, host, browser, { big, small, opens, shots })
      return { ...stream, ...open }
    } finally {
      await browser.close()
      await host.stop()
    }
  },
}

interface LongTaskWindow {
  __benchLongTasks: number[]
}

async function measureStream(ctx: { log(line: string): void }, host: BenchHost, browser: Browser, shots: string | undefined): Promise<BenchFigures> {
  const page = await browser.newPage()
  try {
    await page.goto(host.url)
    // Waits until the model list is in and the model can be picked (not Auto).
    await page.getByTestId('model-picker').selectOption(MODEL_ID)
    await page.evaluate(() => {
      const w = window as unknown as LongTaskWindow
      w.__benchLongTasks = []
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__benchLongTasks.push(entry.duration)
      }).observe({ type: 'longtask' })
    })
    ctx.log('renderer: streaming a reply')
    const started = Date.now()
    await page.getByTestId('composer').fill('Tell me a very long story about a cat and a ball.')
    await page.getByTestId('composer').press('Enter')
    const reply = page.getByTestId('message-assistant').first()
    await reply.waitFor()
    if (shots) {
      await page.waitForFunction(() => (document.querySelector('[data-testid="message-assistant"]')?.textContent?.length ?? 0) > 2000, null, { timeout: 120_000 }).catch(() => {})
      await page.screenshot({ path: join(shots, 'renderer-streaming.png') })
    }
    await page.waitForFunction(
      (finished) => finished.includes(document.querySelector('[data-testid="message-assistant"]')?.getAttribute('data-status') ?? ''),
      FINISHED,
      { timeout: 300_000, polling: 100 },
    )
    const streamMs = Date.now() - started
    // Let the last frames run and the observer deliver their entries.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 200)))))
    const tasks = await page.evaluate(() => (window as unknown as LongTaskWindow).__benchLongTasks)
    const status = await reply.getAttribute('data-status')
    const tokensText = (await page.getByTestId('message-tokens').first().textContent({ timeout: 5000 }).catch(() => '')) ?? ''
    const tokens = Number(/([\d.,\s\u00a0\u202f]+)\s(?:out )?tokens$/.exec(tokensText.trim())?.[1]?.replace(/\D/g, '') ?? Number.NaN)
    if (shots) await page.screenshot({ path: join(shots, 'renderer-streamed.png') })
    ctx.log(`renderer: ${tokens} tokens in ${streamMs} ms (${status}); ${tasks.length} long tasks, longest ${round(Math.max(0, ...tasks))} ms`)
    return {
      stream_max_long_task_ms: round(Math.max(0, ...tasks)),
      stream_long_tasks: tasks.length,
      stream_long_task_total_ms: round(tasks.reduce((a, b) => a + b, 0)),
      stream_tokens: Number.isFinite(tokens) ? tokens : null,
      stream_ms: streamMs,
      stream_status: status,
    }
  } finally {
    await page.close()
  }
}

/**
 * Time from the click on a conversation in the sidebar to the first paint that shows its last
 * message (the list opens at the bottom). In the page: `performance.now()` just before the click is
 * dispatched; then, once per animation frame, whether the last message is in the DOM and on screen.
 * A rAF callback runs before its frame's paint, so when the message is there, a message posted on a
 * MessageChannel from that callback is handled just after the paint that shows it: that moment is
 * the figure. (Everything on the way counts: the request to the host, the payload's parse, the store
 * updates, React's render and commit, style, layout and paint.)
 */
async function timedOpen(page: Page, conversation: WrittenConversation): Promise<number> {
  return page.evaluate(
    ({ id, lastId }) =>
      new Promise<number>((resolve, reject) => {
        const button = document.querySelector<HTMLButtonElement>(`[data-testid="conversation-item"][data-id="${id}"] button`)
        if (!button) return reject(new Error(`no conversation ${id} in the sidebar`))
        const t0 = performance.now()
        button.click()
        const deadline = t0 + 60_000
        const check = () => {
          const el = document.querySelector(`[data-id="${lastId}"]`)
          const rect = el?.getBoundingClientRect()
          if (rect && rect.height > 0 && rect.top < window.innerHeight && rect.bottom > 0) {
            const channel = new MessageChannel()
            channel.port1.onmessage = () => resolve(performance.now() - t0)
            channel.port2.postMessage(null)
          } else if (performance.now() > deadline) reject(new Error(`${lastId} was not shown within 60 s`))
          else requestAnimationFrame(check)
        }
        requestAnimationFrame(check)
      }),
    { id: conversation.id, lastId: conversation.lastId },
  )
}

/** A few quiet frames, so one open's leftovers (GC, idle work) do not land in the next. */
const settle = (page: Page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300)))))

async function measureOpen(
  ctx: { log(line: string): void },
  host: BenchHost,
  browser: Browser,
  options: { big: WrittenConversation; small: WrittenConversation; opens: number; shots: string | undefined },
): Promise<BenchFigures> {
  const { big, small } = options
  const page = await browser.newPage()
  try {
    await page.goto(host.url)
    await page.locator(`[data-testid="conversation-item"][data-id="${big.id}"]`).waitFor()
    await page.locator(`[data-testid="conversation-item"][data-id="${small.id}"]`).waitFor()
    const times: number[] = []
    let domNodes = 0
    let elements = 0
    for (let i = 0; i < options.opens; i++) {
      await timedOpen(page, small)
      await settle(page)
      times.push(await timedOpen(page, big))
      domNodes = await page.evaluate(() => document.querySelectorAll('[data-testid="message-user"], [data-testid="message-assistant"]').length)
      elements = await page.evaluate(() => document.getElementsByTagName('*').length)
      await settle(page)
    }
    ctx.log(`renderer: opened ${big.id} in ${times.map((t) => round(t)).join(', ')} ms; ${domNodes} messages in the DOM`)
    if (options.shots) {
      await page.evaluate(() => {
        const scroller = document.querySelector('section[aria-label="Messages"]')?.closest('.overflow-y-auto') as HTMLElement | null
        if (scroller) scroller.scrollTop = scroller.scrollHeight / 2
      })
      await settle(page)
      await page.screenshot({ path: join(options.shots, 'renderer-long-middle.png') })
    }
    return {
      open_5000_messages_ms: round(median(times)),
      open_5000_messages_ms_min: round(Math.min(...times)),
      open_5000_messages_ms_max: round(Math.max(...times)),
      open_5000_messages_dom_nodes: domNodes,
      open_dom_elements: elements,
      open_messages: Number(/-m(\d+)$/.exec(big.lastId)?.[1] ?? 0) + 1,
    }
  } finally {
    await page.close()
  }
}
