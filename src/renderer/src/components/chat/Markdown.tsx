import { memo, useMemo, useState } from 'react'
import type { Root } from 'hast'
import ReactMarkdown, { type Components, type Options } from 'react-markdown'
import rehypeHighlight from 'rehype-highlight'
import remarkGfm from 'remark-gfm'
import { CodeBlock } from './CodeBlock'
import { isPlainParagraph, splitBlocks } from './markdownBlocks'
import { useOffThreadTree } from './offThreadTree'

const remarkPlugins = [remarkGfm]
const rehypePlugins = [rehypeHighlight]
/** The block still being written: highlighted once it is complete, not at every update. */
const liveRehypePlugins: typeof rehypePlugins = []

const components: Components = {
  // Links open outside the app (the shells send new windows to the system browser).
  a: ({ node: _node, href, children, ...rest }) => (
    <a {...rest} href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
  pre: ({ children }) => <CodeBlock>{children}</CodeBlock>,
  // Aura loads nothing from the network: an image in a reply is shown as a link to it.
  img: ({ src, alt }) =>
    typeof src === 'string' && src ? (
      <a href={src} target="_blank" rel="noopener noreferrer">
        {alt || src}
      </a>
    ) : (
      <span>{alt}</span>
    ),
}

/** How a whole text renders (for tests: the blocks must render the same). */
export const markdownOptions: Options = { remarkPlugins, rehypePlugins, components }

interface MarkdownProps {
  text: string
  streaming?: boolean
}

/**
 * A reply rendered as Markdown (GFM tables, lists, task lists; highlighted code). The text is cut
 * into its top-level blocks (see markdownBlocks.ts), each memoised: a streamed delta re-parses
 * only the last block, and a finished reply is parsed once.
 */
export const Markdown = memo(function Markdown({ text, streaming = false }: MarkdownProps) {
  const blocks = useMemo(() => splitBlocks(text), [text])
  return (
    <div className={`markdown ${streaming ? 'is-streaming' : ''}`}>
      {blocks.map((block, index) => (
        // A block keeps its place: the ones before the last never change while a reply streams.
        <Block key={index} text={block} live={streaming && index === blocks.length - 1} />
      ))}
    </div>
  )
})

/** A block streamed in this long (characters) is parsed off the main thread from then on. */
const OFF_THREAD_MIN = 1500

const Block = memo(function Block({ text, live }: { text: string; live: boolean }) {
  const plain = isPlainParagraph(text)
  // Written while we watched (not opened finished): it may grow long, parsed again and again.
  const [streamed] = useState(live)
  const tree = useOffThreadTree(text, !live, streamed && !plain && text.length >= OFF_THREAD_MIN)
  // Plain words need no parser: the same <p> Markdown would make.
  if (plain) return text ? <p>{text.trimEnd()}</p> : null
  if (tree) return <TreeMarkdown tree={tree} />
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={live ? liveRehypePlugins : rehypePlugins} components={components}>
      {text}
    </ReactMarkdown>
  )
})

/** A tree parsed elsewhere, through react-markdown's last step (URL checks, components). */
export function TreeMarkdown({ tree }: { tree: Root }) {
  const plugins = useMemo(() => [() => () => tree], [tree])
  return (
    <ReactMarkdown rehypePlugins={plugins} components={components}>
      {''}
    </ReactMarkdown>
  )
}
