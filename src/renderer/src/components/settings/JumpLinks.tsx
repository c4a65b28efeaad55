import { useTranslation } from '../../i18n'

/** "On this page" links to a settings page's sections. */
export function JumpLinks({ jumps }: { jumps: readonly { href: string; label: string }[] }) {
  const { t } = useTranslation()
  return (
    <nav aria-label={t('forms.onThisPage')} className="mt-3">
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {jumps.map((jump) => (
          <li key={jump.href}>
            <a
              href={jump.href}
              className="text-violet-700 underline-offset-2 hover:underline dark:text-violet-300"
              onClick={(e) => {
                e.preventDefault()
                const section = document.querySelector(jump.href)
                section?.scrollIntoView({ behavior: 'smooth', block: 'start' })
                // Keyboard and screen-reader users land where the eye does.
                const heading = section?.querySelector<HTMLElement>('h3')
                if (heading) {
                  heading.tabIndex = -1
                  heading.focus({ preventScroll: true })
                }
              }}
            >
              {jump.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
