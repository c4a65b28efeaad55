import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from '../../../i18n'
import { CheckIcon, SearchIcon } from '../../common/icons'
import { LoadDot } from './LoadDot'
import { loadHint, loadWords, moveActive, searchGroups, type NavKey, type PickerGroup, type PickerRow } from './rows'

const NAV_KEYS = new Set<string>(['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp'])

interface ModelMenuProps {
  groups: PickerGroup[]
  /** The chosen model's id. */
  value: string | null
  /** What was typed on the closed button (type to search). */
  initialQuery: string
  onPick(id: string): void
  /** Esc, Tab, or a click outside: closes without a change. */
  onClose(): void
}

/**
 * The picker's popover: a search field (a combobox) over a listbox of models grouped by where they
 * run. Focus stays in the field; the arrows move the active row (aria-activedescendant), Enter
 * picks it, Esc closes. Rows that cannot be picked are shown, skipped by the arrows, and say why.
 */
export function ModelMenu({ groups, value, initialQuery, onPick, onClose }: ModelMenuProps) {
  const id = useId()
  const { t } = useTranslation()
  const [query, setQuery] = useState(initialQuery)
  const shown = useMemo(() => searchGroups(groups, query), [groups, query])
  const pickable = useMemo(() => shown.flatMap((g) => g.rows.filter((r) => !r.disabled).map((r) => r.id)), [shown])
  const [active, setActive] = useState<string | null>(null)
  // The chosen model while it is listed, else the first that can be picked: Enter always does something.
  const current = active !== null && pickable.includes(active) ? active : value !== null && pickable.includes(value) ? value : (pickable[0] ?? null)
  const panel = useRef<HTMLDivElement>(null)
  const optionId = (rowId: string) => `${id}-option-${rowId.replace(/[^a-zA-Z0-9_-]/g, '_')}`

  useEffect(() => {
    const outside = (event: PointerEvent) => {
      if (!panel.current?.contains(event.target as Node)) onClose()
    }
    document.addEventListener('pointerdown', outside)
    return () => document.removeEventListener('pointerdown', outside)
  }, [onClose])

  useEffect(() => {
    if (current) document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' })
    // optionId is pure in `id`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current])

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (NAV_KEYS.has(event.key) && !(query && (event.key === 'Home' || event.key === 'End'))) {
      event.preventDefault()
      setActive(moveActive(pickable, current, event.key as NavKey))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      if (current) onPick(current)
    } else if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      onClose()
    } else if (event.key === 'Tab') {
      onClose()
    }
  }

  const count = pickable.length
  return (
    <div
      ref={panel}
      role="dialog"
      aria-label={t('picker.choose')}
      data-testid="model-menu"
      className="absolute top-full left-0 z-40 mt-1 flex max-h-[min(32rem,calc(100vh-5rem))] w-[min(30rem,calc(100vw-1.5rem))] flex-col overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xl dark:border-zinc-700 dark:bg-zinc-900"
    >
      {/* The field's ring is drawn around its box (styles.css), inside the panel's edge. */}
      <div data-focus-ring="within" className="m-2 flex items-center gap-2 rounded-lg border border-zinc-300 px-2.5 dark:border-zinc-600">
        <SearchIcon size={16} className="shrink-0 text-zinc-600 dark:text-zinc-400" />
        <input
          autoFocus
          role="combobox"
          aria-expanded="true"
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={current ? optionId(current) : undefined}
          aria-label={t('picker.search')}
          data-testid="model-search"
          placeholder={t('picker.search')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value)
            setActive(null)
          }}
          onKeyDown={onKeyDown}
          className="min-w-0 flex-1 bg-transparent py-2 text-sm placeholder:text-zinc-500 focus:outline-none dark:placeholder:text-zinc-400"
        />
      </div>
      <div id={`${id}-list`} role="listbox" aria-label={t('picker.list')} className="min-h-0 flex-1 overflow-y-auto border-t border-zinc-200 p-1 dark:border-zinc-700">
        {shown.map((group) => (
          <div key={group.where} role="group" aria-labelledby={`${id}-${group.where}`} data-testid={`model-group-${group.where}`}>
            <div role="presentation" id={`${id}-${group.where}`} className="px-2 pt-2 pb-1 text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
              {group.label}
            </div>
            {group.rows.map((row) => (
              <Row key={row.id} row={row} elementId={optionId(row.id)} active={row.id === current} selected={row.id === value} onPick={onPick} onHover={setActive} />
            ))}
          </div>
        ))}
      </div>
      {/* What a screen reader hears after each keystroke in the field. */}
      <p role="status" className="sr-only">
        {count === 0 ? t('picker.noMatch') : t('picker.count', { count })}
      </p>
      {shown.length === 0 && (
        <p data-testid="model-search-empty" className="px-3 py-4 text-sm text-zinc-600 dark:text-zinc-400">
          {t('picker.noMatchQuery', { query })}
        </p>
      )}
    </div>
  )
}

interface RowProps {
  row: PickerRow
  elementId: string
  active: boolean
  selected: boolean
  onPick(id: string): void
  onHover(id: string): void
}

function Row({ row, elementId, active, selected, onPick, onHover }: RowProps) {
  const { t } = useTranslation()
  return (
    <div
      id={elementId}
      role="option"
      aria-selected={selected}
      aria-disabled={row.disabled || undefined}
      data-testid="model-option"
      data-value={row.id}
      data-active={active || undefined}
      // A click keeps focus in the search field (the combobox), then picks.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => !row.disabled && onPick(row.id)}
      onMouseMove={() => !row.disabled && !active && onHover(row.id)}
      className={`flex cursor-pointer items-start gap-3 rounded-lg px-2 py-2 text-sm ${active ? 'bg-violet-50 dark:bg-violet-950/60' : ''} ${row.disabled ? 'cursor-not-allowed opacity-70' : ''}`}
    >
      <span className="min-w-0 flex-1">
        <span className="flex items-center gap-2">
          <span className={`truncate font-medium ${selected ? 'text-violet-800 dark:text-violet-200' : ''}`}>{row.name}</span>
          {selected && <CheckIcon size={14} className="shrink-0 text-violet-700 dark:text-violet-300" />}
        </span>
        <span className="block text-xs text-zinc-600 dark:text-zinc-400">
          {row.detail}
          {row.price && (
            <>
              <span aria-hidden="true"> · </span>
              <span className="sr-only">, </span>
              <span data-testid="model-price">{row.price}</span>
            </>
          )}
        </span>
      </span>
      <span className="flex shrink-0 flex-col items-end gap-0.5 text-xs text-zinc-600 dark:text-zinc-400">
        {row.load && (
          <span className="flex items-center gap-1.5" data-testid="model-load" data-state={row.load} title={loadHint(row.load)}>
            <LoadDot state={row.load} />
            {loadWords(row.load)}
          </span>
        )}
        {row.speed && (
          <span data-testid="model-speed" title={t('picker.speedTitle')}>
            {row.speed}
          </span>
        )}
      </span>
    </div>
  )
}
