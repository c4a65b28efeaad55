/** Where the app is in its life: the window exists only while it runs. */
export type AppPhase = 'starting' | 'running' | 'quitting'

/** What opened Aura again: a second launch (Start menu, Finder, a shortcut) or a click on the Dock icon. */
export type RelaunchTrigger = 'second-instance' | 'activate'

/**
 * What a relaunch does. While quitting, the services are stopping (up to 10 s for a model to
 * unload), so a window would be dead: a second launch is remembered and Aura starts again once it
 * has quit (a Dock click while quitting is not a request to start again).
 */
export function answerRelaunch(phase: AppPhase, trigger: RelaunchTrigger): 'show-window' | 'relaunch-after-quit' | 'nothing' {
  if (phase === 'running') return 'show-window'
  if (phase === 'quitting' && trigger === 'second-instance') return 'relaunch-after-quit'
  return 'nothing'
}
