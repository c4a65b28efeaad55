import { readFile } from 'node:fs/promises'
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { Section } from '../contract'
import { unreadable } from './errors'

type PdfJs = typeof PdfJsModule

let loading: Promise<PdfJs> | undefined

/**
 * pdf.js's Node build, with its worker code run on this thread: set as `globalThis.pdfjsWorker`, pdf.js
 * uses it instead of starting a worker from a file path, which would break once the main process is
 * bundled; the same code runs in plain Node (the CLI) and in Electron's main process.
 */
function pdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    withResolvers()
    const scope = globalThis as { pdfjsWorker?: unknown }
    // @ts-expect-error -- the worker module ships without type declarations
    scope.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs')
    return import('pdfjs-dist/legacy/build/pdf.mjs')
  })()
  return loading
}

/**
 * pdf.js 6 assumes Node 22 (its legacy build adds the rest of what it needs): `aura` also runs on
 * Node 20, which lacks only Promise.withResolvers. Added where missing, exactly as specified.
 */
function withResolvers(): void {
  const promise = Promise as { withResolvers?: unknown }
  promise.withResolvers ??= function <T>(this: PromiseConstructor) {
    let resolve!: (value: T | PromiseLike<T>) => void
    let reject!: (reason?: unknown) => void
    const created = new this<T>((yes, no) => {
      resolve = yes
      reject = no
    })
    return { promise: created, resolve, reject }
  }
}

/** A PDF's text, one section per page that has any (pages numbered from 1), and its Title if it has one. */
export async function parsePdf(path: string, signal?: AbortSignal): Promise<{ title?: string; sections: Section[] }> {
  const { getDocument } = await pdfjs()
  const data = new Uint8Array(await readFile(path, { signal }))
  const task = getDocument({ data, verbosity: 0, disableFontFace: true, useSystemFonts: false, stopAtErrors: false })
  const stop = () => void task.destroy()
  signal?.addEventListener('abort', stop, { once: true })
  try {
    const pdf = await task.promise.catch((error: unknown) => {
      throw unreadable(path, (error as Error)?.name === 'PasswordException' ? 'password' : 'damaged')
    })
    const sections: Section[] = []
    for (let number = 1; number <= pdf.numPages; number++) {
      signal?.throwIfAborted()
      const page = await pdf.getPage(number)
      const text = pageText((await page.getTextContent()).items)
      page.cleanup()
      if (text) sections.push({ text, page: number })
    }
    if (sections.length === 0) throw unreadable(path, pdf.numPages === 0 ? 'damaged' : 'no_text')
    const info = (await pdf.getMetadata().catch(() => undefined))?.info as { Title?: unknown } | undefined
    return { title: typeof info?.Title === 'string' ? info.Title : undefined, sections }
  } finally {
    signal?.removeEventListener('abort', stop)
    await task.destroy()
  }
}

interface TextPiece {
  str?: string
  hasEOL?: boolean
  height?: number
  transform?: number[]
}

/**
 * A page's words as lines, with a blank line where the gap between two lines is clearly larger than a
 * line's own height — a new paragraph — so the chunker can cut there.
 */
function pageText(items: readonly unknown[]): string {
  const lines: { text: string; y: number; height: number }[] = []
  let text = ''
  let y: number | undefined
  let height = 0
  const endLine = () => {
    if (text.trim()) lines.push({ text: text.replace(/\s+/g, ' ').trim(), y: y ?? 0, height })
    text = ''
    y = undefined
    height = 0
  }
  for (const item of items as TextPiece[]) {
    if (typeof item.str !== 'string') continue
    y ??= item.transform?.[5]
    height = Math.max(height, item.height ?? 0)
    text += item.str
    if (item.hasEOL) endLine()
  }
  endLine()

  let out = ''
  lines.forEach((line, index) => {
    const previous = lines[index - 1]
    if (previous) {
      const gap = Math.abs(previous.y - line.y)
      const lineHeight = Math.max(previous.height, line.height, 1)
      out += gap > lineHeight * 1.8 ? '\n\n' : '\n'
    }
    out += line.text
  })
  return out.trim()
}
