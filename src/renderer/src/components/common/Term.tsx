import type { HTMLAttributes, ReactNode } from 'react'

interface TermProps extends HTMLAttributes<HTMLSpanElement> {
  /** The word in plain words: the tooltip (and, for screen readers, the description). */
  hint: string
  children: ReactNode
}

/**
 * A technical word (tokens, a version code, GGUF…) with its explanation as a tooltip; the dotted
 * underline says there is one. Focusable, so a screen reader reaches the explanation from the keyboard.
 */
export function Term({ hint, children, className = '', ...rest }: TermProps) {
  return (
    <span
      {...rest}
      title={hint}
      tabIndex={0}
      className={`cursor-help underline decoration-dotted underline-offset-2 ${className}`}
    >
      {children}
    </span>
  )
}
