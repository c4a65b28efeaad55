/**
 * The Content-Security-Policy every Aura page is served with: by the Electron shell's `aura://`
 * protocol and by the host's HTTP server alike. Pure strings, no Node, no DOM.
 *
 * Nothing is loaded from the network: scripts, fonts and connections stay on the app's own origin
 * (in browser mode the WebSocket bridge is same-origin, which `'self'` covers). Inline styles are
 * allowed because React's `style` props and Tailwind need them; inline scripts are not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * The policy for development against the Vite dev server (`electron-vite dev`): the same as
 * production, plus what Vite needs — the inline react-refresh preamble and the HMR WebSocket on
 * the dev server's host (the caller parses its URL: shared code has no URL class). Never used for a built app.
 */
export function devContentSecurityPolicy(devServer: { protocol: string; host: string }): string {
  const wsProtocol = devServer.protocol === 'https:' ? 'wss:' : 'ws:'
  const hmr = `${wsProtocol}//${devServer.host}`
  return [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${hmr}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}
