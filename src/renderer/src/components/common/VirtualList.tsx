import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef, type ReactNode } from 'react'
import { useTranslation } from '../../i18n'

interface VirtualListProps<T> {
  items: T[]
  getKey: (item: T) => string
  /** The row's content (the list item around it is made here). */
  renderItem: (item: T) => ReactNode
  /** The list's accessible name. */
  label: string
  /** A row's usual height in px (rows are measured once shown). */
  estimateSize: number
  /** Up to this many rows are simply all rendered; longer lists scroll in a box, virtualised. */
  threshold?: number
  /** The scrolling box's height in px when virtualised. */
  maxHeight?: number
  className?: string
  itemClassName?: string
}

/**
 * A list that stays cheap when long: short lists render as they are; past `threshold` rows
 * only the rows in view are rendered (@tanstack/react-virtual), in a scrolling box that
 * keyboard users can reach.
 */
export function VirtualList<T>({ items, threshold = 40, ...props }: VirtualListProps<T>) {
  if (items.length <= threshold) {
    return (
      <ul aria-label={props.label} className={props.className}>
        {items.map((item) => (
          <li key={props.getKey(item)} className={props.itemClassName}>
            {props.renderItem(item)}
          </li>
        ))}
      </ul>
    )
  }
  return <Virtualised items={items} {...props} />
}

function Virtualised<T>({ items, getKey, renderItem, label, estimateSize, maxHeight = 560, className, itemClassName }: VirtualListProps<T>) {
  const { t } = useTranslation()
  const scroller = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimateSize,
    getItemKey: (index) => getKey(items[index]!),
    overscan: 6,
  })
  return (
    <div
      ref={scroller}
      tabIndex={0}
      role="region"
      aria-label={t('forms.list', { label, count: items.length })}
      style={{ maxHeight }}
      className={`relative overflow-y-auto ${className ?? ''}`}
      data-virtualised="true"
    >
      <ul aria-label={label} className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => (
          <li
            key={row.key}
            data-index={row.index}
            ref={virtualizer.measureElement}
            aria-setsize={items.length}
            aria-posinset={row.index + 1}
            className={`absolute top-0 left-0 w-full ${itemClassName ?? ''}`}
            style={{ transform: `translateY(${row.start}px)` }}
          >
            {renderItem(items[row.index]!)}
          </li>
        ))}
      </ul>
    </div>
  )
}
