import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { followLanguage } from './i18n'
import { followAppearance } from './lib/appearance'
import { startAura } from './lib/boot'
import { useApp } from './stores/app'
import { useSettings } from './stores/settings'
import './styles.css'

startAura()
followAppearance()
followLanguage((listener) => useSettings.subscribe(({ settings }) => settings && listener(settings.language)))
// After startAura: it takes the access token out of the address first.
useApp.getState().followAddress(window.location.hash)
window.addEventListener('hashchange', () => useApp.getState().followAddress(window.location.hash))

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
