import type { Message, Rating } from '../../api'
import { useTranslation } from '../../i18n'
import { useChat } from '../../stores/chat'
import { ThumbDownIcon, ThumbUpIcon } from '../common/icons'

const BUTTONS = [
  { rating: 'up', word: 'message.good', Icon: ThumbUpIcon },
  { rating: 'down', word: 'message.bad', Icon: ThumbDownIcon },
] as const satisfies readonly { rating: Rating; word: string; Icon: typeof ThumbUpIcon }[]

/**
 * 👍 / 👎 under a reply: toggle buttons (pressing the pressed one takes the rating back). Auto
 * learns from the ratings of the replies it routed (Settings → Routing & Budget → What Auto learned).
 */
export function RateReply({ message }: { message: Message }) {
  const { t } = useTranslation()
  const current = message.rating ?? null
  const auto = message.route && message.route.mode !== 'model'
  return (
    <span role="group" aria-label={t('message.rate')} className="flex items-center gap-0.5" data-testid="rate-reply">
      {BUTTONS.map(({ rating, word, Icon }) => {
        const label = t(word)
        const pressed = current === rating
        return (
          <button
            key={rating}
            type="button"
            aria-pressed={pressed}
            aria-label={label}
            title={pressed ? t('message.takeBack', { label }) : auto ? t('message.autoLearns', { label }) : label}
            data-testid={`rate-${rating}`}
            className={`inline-flex items-center rounded-md p-1.5 hover:bg-zinc-200/70 hover:text-zinc-900 dark:hover:bg-zinc-700/70 dark:hover:text-white ${
              pressed ? 'text-violet-700 dark:text-violet-300' : 'text-zinc-600 dark:text-zinc-400'
            }`}
            onClick={() => void useChat.getState().rate(message.id, pressed ? null : rating)}
          >
            <Icon size={14} fill={pressed ? 'currentColor' : 'none'} fillOpacity={pressed ? 0.25 : 0} />
          </button>
        )
      })}
    </span>
  )
}
