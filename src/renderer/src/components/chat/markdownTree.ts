/**
 * A Markdown text parsed to its HTML tree (hast) — in a worker, so that a long reply being written
 * is not parsed again on the page's main thread at every update. The page then only turns the tree
 * into elements (react-markdown's own last step, with the same components), which is cheap.
 */
import Markdown from 'react-markdown'
import rehypeHighlight from 'rehype-highlight'
import remarkGfm from 'remark-gfm'
import type { Root } from 'hast'

const remarkPlugins = [remarkGfm]

/** The tree react-markdown renders for `text` (its parse and plugins, before its last step). */
export function parseToTree(text: string, highlight: boolean): Root {
  let tree: Root | null = null
  const capture = () => (root: Root) => {
    tree = root
  }
  Markdown({ children: text, remarkPlugins, rehypePlugins: highlight ? [rehypeHighlight, capture] : [capture] })
  return tree!
}

export interface TreeRequest {
  id: number
  text: string
  highlight: boolean
}

export interface TreeAnswer {
  id: number
  tree: Root
}
