/** Parses Markdown off the page's main thread (see markdownTree.ts). */
import { parseToTree, type TreeAnswer, type TreeRequest } from './markdownTree'

self.onmessage = (event: MessageEvent<TreeRequest>) => {
  const { id, text, highlight } = event.data
  const answer: TreeAnswer = { id, tree: parseToTree(text, highlight) }
  self.postMessage(answer)
}
