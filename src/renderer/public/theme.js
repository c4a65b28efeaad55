// Runs before the first paint (a blocking script in <head>; the CSP allows no inline script): the
// theme chosen last time, so a dark page never flashes light. src/lib/appearance.ts keeps it current.
;(function () {
  var theme = 'system'
  try {
    theme = localStorage.getItem('aura.theme') || 'system'
  } catch {
    // Storage refused: follow the OS.
  }
  var dark = theme === 'dark' || (theme !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches)
  document.documentElement.classList.toggle('dark', dark)
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light'
})()
