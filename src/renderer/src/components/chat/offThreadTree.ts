import { useEffect, useRef, useState } from 'react'
import type { Root } from 'hast'
import type { TreeAnswer, TreeRequest } from './markdownTree'

/** undefined: not started yet; null: no worker here (tests, a page that may not start one) or it failed. */
let worker: Worker | null | undefined
let nextId = 0
const waiting = new Map<number, (tree: Root | null) => void>()

function getWorker(): Worker | null {
  if (worker !== undefined) return worker
  try {
    worker = typeof Worker === 'undefined' ? null : new Worker(new URL('./markdown.worker.ts', import.meta.url), { type: 'module' })
  } catch {
    worker = null
  }
  if (worker) {
    worker.onmessage = (event: MessageEvent<TreeAnswer>) => {
      const done = waiting.get(event.data.id)
      waiting.delete(event.data.id)
      done?.(event.data.tree)
    }
    // The page parses for itself from now on.
    worker.onerror = () => {
      worker?.terminate()
      worker = null
      for (const done of waiting.values()) done(null)
      waiting.clear()
    }
  }
  return worker
}

function parseOffThread(text: string, highlight: boolean, done: (tree: Root | null) => void): void {
  const target = getWorker()
  if (!target) return done(null)
  const request: TreeRequest = { id: ++nextId, text, highlight }
  waiting.set(request.id, done)
  target.postMessage(request)
}

/**
 * The Markdown tree of `text`, parsed in a worker while `enabled`: the newest tree that came back
 * (a little behind the text while it grows), or null before the first one (or without a worker):
 * then the caller parses on the page. One request per block is on its way at a time; the text
 * asked for next is always the newest.
 */
export function useOffThreadTree(text: string, highlight: boolean, enabled: boolean): Root | null {
  const [result, setResult] = useState<{ tree: Root } | null>(null)
  const [failed, setFailed] = useState(false)
  const wanted = useRef({ text, highlight })
  const busy = useRef(false)
  const alive = useRef(true)

  useEffect(() => {
    alive.current = true
    return () => {
      alive.current = false
    }
  }, [])

  useEffect(() => {
    wanted.current = { text, highlight }
    if (!enabled || failed || busy.current) return
    const send = () => {
      const asked = wanted.current
      busy.current = true
      parseOffThread(asked.text, asked.highlight, (tree) => {
        busy.current = false
        if (!alive.current) return
        if (!tree) return setFailed(true)
        setResult({ tree })
        if (wanted.current !== asked) send()
      })
    }
    send()
  }, [text, highlight, enabled, failed])

  return enabled && !failed && result ? result.tree : null
}
