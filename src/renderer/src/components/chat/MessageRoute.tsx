import type { MessageRoute, RouteAttempt } from '../../api'
import { useTranslation } from '../../i18n'
import { modelPartOf } from '../../lib/cloudWords'
import { confidenceText, reasonAfterPlace, routeDetails, tierPlace, type Place } from '../../lib/routeWords'
import { useCloud } from '../../stores/cloud'
import { useModels } from '../../stores/models'
import { ChevronRightIcon, ChipIcon, CloudIcon, ServerIcon } from '../common/icons'
import { Markdown } from './Markdown'

/** A model's name from the local or the cloud list; the id's model part when neither knows it. */
export function useModelName(id: string | null | undefined): string | null {
  const localName = useModels((s) => (id ? s.models.find((m) => m.id === id)?.name : undefined))
  const cloudName = useCloud((s) => (id ? s.models.find((m) => m.id === id)?.name : undefined))
  return localName ?? cloudName ?? (id ? modelPartOf(id) : null)
}

const BADGE: Record<Place, { Icon: typeof ChipIcon; className: string }> = {
  local: { Icon: ChipIcon, className: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200' },
  server: { Icon: ServerIcon, className: 'bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-200' },
  cloud: { Icon: CloudIcon, className: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200' },
}

/** "Local" / "Your server · Ollama" / "Cloud" as a small badge. */
export function PlaceBadge({ place, server }: { place: Place; server?: string | null }) {
  const { t } = useTranslation()
  const { Icon, className } = BADGE[place]
  return (
    <span
      data-testid="place-badge"
      data-place={place}
      className={`inline-flex min-w-0 shrink-0 items-center gap-1 rounded-full px-1.5 py-px text-[11px] font-semibold tracking-wide ${className}`}
    >
      <Icon size={11} />
      <span className="max-w-48 truncate uppercase">
        {t(`message.place.${place}`)}
        {place === 'server' && server && <span className="normal-case"> · {server}</span>}
      </span>
    </span>
  )
}

/**
 * How Auto routed a reply, in a line under it: where it ran and why ("Local · Qwen3 8B — a short
 * coding task; private and free"). What Aura saw and the answer check sit in its tooltip.
 */
export function RouteLine({ route }: { route: MessageRoute }) {
  const { t } = useTranslation()
  const place = tierPlace(route.tier, route.server)
  const details = routeDetails(route)
  return (
    <p
      data-testid="message-route"
      data-tier={route.tier ?? 'none'}
      data-mode={route.mode}
      data-confidence={route.confidence ?? undefined}
      title={details || undefined}
      className="mt-2 flex min-w-0 items-start gap-1.5 text-xs text-zinc-600 dark:text-zinc-400"
    >
      {place && <PlaceBadge place={place} server={route.server} />}
      <span className="min-w-0 break-words">
        {place ? reasonAfterPlace(route.reason) : route.reason}
        {route.cacheHit && <span className="ml-1 italic">{t('message.fromCache')}</span>}
        {details && <span className="sr-only"> ({details})</span>}
      </span>
    </p>
  )
}

/** Earlier answers that were set aside (a model failed, or its answer looked weak), oldest first. */
export function RouteAttempts({ attempts }: { attempts: RouteAttempt[] }) {
  if (attempts.length === 0) return null
  return (
    <div className="mb-3 space-y-1.5" data-testid="route-attempts">
      {attempts.map((attempt, index) => (
        <Attempt key={`${attempt.modelId}-${index}`} attempt={attempt} />
      ))}
    </div>
  )
}

function Attempt({ attempt }: { attempt: RouteAttempt }) {
  const { t } = useTranslation()
  const name = useModelName(attempt.modelId) ?? t('message.anotherModel')
  const confidence = confidenceText(attempt.confidence)
  const failed = attempt.outcome === 'failed'
  return (
    <details
      data-testid="route-attempt"
      data-outcome={attempt.outcome}
      className="group/attempt rounded-lg border border-dashed border-zinc-300 text-sm dark:border-zinc-700"
    >
      <summary className="flex cursor-pointer list-none items-start gap-1.5 rounded-lg px-2.5 py-1.5 text-xs text-zinc-600 select-none hover:bg-zinc-50 dark:text-zinc-400 dark:hover:bg-zinc-800/60 [&::-webkit-details-marker]:hidden">
        <ChevronRightIcon size={14} className="mt-px shrink-0 transition-transform group-open/attempt:rotate-90" />
        <span className="min-w-0">
          {failed && attempt.note.includes(name) ? (
            // The note names the model already ("The local model Qwen3 8B failed").
            <>
              <span className="font-medium text-zinc-700 dark:text-zinc-300">{t('message.setAside')}</span> {attempt.note}
            </>
          ) : (
            <>
              <span className="font-medium text-zinc-700 dark:text-zinc-300">
                {failed ? t('message.didntFinish', { name }) : t('message.earlierAnswer', { name })}
              </span>{' '}
              {t('message.setAsideBecause', { note: attempt.note })}
            </>
          )}
          {confidence && <span className="text-zinc-500 dark:text-zinc-400"> ({confidence})</span>}
        </span>
      </summary>
      <div className="border-t border-dashed border-zinc-300 px-3 py-2 text-zinc-700 dark:border-zinc-700 dark:text-zinc-300">
        {attempt.text.trim() ? (
          <Markdown text={attempt.text} streaming={false} />
        ) : (
          <p className="text-xs italic text-zinc-600 dark:text-zinc-400">{t('message.noTextSetAside')}</p>
        )}
      </div>
    </details>
  )
}
