/** The only two IPC channels between the page and main. Shared by main and the preload. */
export const REQUEST_CHANNEL = 'aura:request'
export const EVENT_CHANNEL = 'aura:event'
