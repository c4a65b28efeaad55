import { Children, isValidElement, useRef, type ReactNode } from 'react'
import { useTranslation } from '../../i18n'
import { CopyButton } from '../common/CopyButton'

/** The language from the `language-xyz` class react-markdown puts on the <code> inside a fence. */
function languageOf(children: ReactNode): string | null {
  const code = Children.toArray(children)[0]
  if (!isValidElement<{ className?: string }>(code)) return null
  const match = /(?:^|\s)language-([\w+#.-]+)/.exec(code.props.className ?? '')
  return match?.[1] ?? null
}

/** A fenced code block: highlighted by rehype-highlight, with its language and a Copy button. */
export function CodeBlock({ children }: { children?: ReactNode }) {
  const { t } = useTranslation()
  const ref = useRef<HTMLPreElement>(null)
  const language = languageOf(children)
  return (
    <div className="my-3 overflow-hidden rounded-lg border border-zinc-200 bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-950">
      <div className="flex items-center justify-between border-b border-zinc-200 py-1 pr-1 pl-3 dark:border-zinc-700">
        <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{language ?? t('message.code')}</span>
        <CopyButton
          getText={() => (ref.current?.textContent ?? '').replace(/\n$/, '')}
          label={t('message.copyCode')}
          showLabel
          data-testid="copy-code"
        />
      </div>
      <pre ref={ref} className="overflow-x-auto p-3 text-zinc-900 dark:text-zinc-100">
        {children}
      </pre>
    </div>
  )
}
