import { useSyncExternalStore } from 'react'
import type { Settings } from '../api'
import { useApp } from '../stores/app'
import { useSettings } from '../stores/settings'

export type Theme = Settings['theme']

/** The keys public/theme.js reads before the first paint (settings arrive only after it). */
const THEME_KEY = 'aura.theme'
const SIDEBAR_KEY = 'aura.sidebarCollapsed'

const osDark = () => window.matchMedia('(prefers-color-scheme: dark)')

/** Below this width the chat list folds away and opens over the page. */
const narrowQuery = () => window.matchMedia('(max-width: 1023.98px)')

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value)
  } catch {
    // Storage refused: the setting still holds; only the first paint may differ.
  }
}

function recalled(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

/** The theme on screen. */
let shown: Theme = 'system'

/** Paints the page light or dark (Tailwind's `dark:` follows the `dark` class on <html>) and remembers it. */
function paint(theme: Theme): void {
  shown = theme
  remember(THEME_KEY, theme)
  const dark = theme === 'dark' || (theme === 'system' && osDark().matches)
  document.documentElement.classList.toggle('dark', dark)
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light'
}

/**
 * Keeps the page's theme and chat list in step with the settings, which arrive after the first
 * paint: the theme repainted when it changes or, on System, when the OS switches; both remembered
 * for the next first paint.
 */
export function followAppearance(): void {
  shown = (recalled(THEME_KEY) as Theme | null) ?? 'system'
  useApp.setState({ sidebarCollapsed: recalled(SIDEBAR_KEY) === 'true' })
  osDark().addEventListener('change', () => shown === 'system' && paint(shown))
  let saved: Settings | null = null
  useSettings.subscribe(({ settings }) => {
    if (!settings || settings === saved) return
    saved = settings
    if (settings.theme !== shown) paint(settings.theme)
    if (settings.sidebarCollapsed !== useApp.getState().sidebarCollapsed) {
      useApp.setState({ sidebarCollapsed: settings.sidebarCollapsed })
      remember(SIDEBAR_KEY, String(settings.sidebarCollapsed))
    }
  })
}

/** Shows a theme at once, while its setting is being saved. */
export function showTheme(theme: Theme): void {
  paint(theme)
}

/**
 * The chat list's toggle: on a narrow window it opens over the page for a moment; on a wide one
 * it is shown or hidden, and the choice is saved. Keyboard focus follows: into the list when it
 * opens over the page, back to "Show chats" when it folds away.
 */
export function toggleSidebar(narrow: boolean): void {
  const app = useApp.getState()
  let shown: boolean
  if (narrow) {
    shown = !app.sidebarOpen
    app.setSidebarOpen(shown)
  } else {
    shown = app.sidebarCollapsed
    useApp.setState({ sidebarCollapsed: !shown })
    remember(SIDEBAR_KEY, String(!shown))
    void useSettings.getState().update({ sidebarCollapsed: !shown })
  }
  const target = shown ? (narrow ? 'sidebar-hide' : null) : 'sidebar-toggle'
  if (target) requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="${target}"]`)?.focus())
}

function subscribeNarrow(onChange: () => void): () => void {
  const query = narrowQuery()
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}

/** True on a window too narrow for the chat list beside the page. */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribeNarrow, () => narrowQuery().matches)
}
