import { useEffect, useState } from 'react'
import { copyText } from '../../lib/clipboard'
import { useTranslation } from '../../i18n'
import { CheckIcon, CopyIcon } from './icons'

interface CopyButtonProps {
  /** Read at click time, so a streaming block copies what it has now. */
  getText: () => string
  /** What is copied, for screen readers: "Copy code", "Copy path"... */
  label: string
  /** Show the label next to the icon. */
  showLabel?: boolean
  className?: string
  'data-testid'?: string
}

export function CopyButton({ getText, label, showLabel = false, className = '', ...rest }: CopyButtonProps) {
  const [copied, setCopied] = useState(false)
  const { t } = useTranslation()

  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), 1600)
    return () => clearTimeout(timer)
  }, [copied])

  return (
    <>
    <button
      type="button"
      className={`inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium text-zinc-700 hover:bg-zinc-200/70 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-700/70 dark:hover:text-white ${className}`}
      aria-label={showLabel ? undefined : copied ? t('copy.copied') : label}
      title={showLabel ? undefined : label}
      data-testid={rest['data-testid']}
      onClick={async () => {
        if (await copyText(getText())) setCopied(true)
      }}
    >
      {copied ? <CheckIcon size={14} /> : <CopyIcon size={14} />}
      {showLabel && <span>{copied ? t('copy.copied') : label}</span>}
    </button>
    <span className="sr-only" role="status">
      {copied ? t('forms.copiedToClipboard') : ''}
    </span>
    </>
  )
}
