// WHATWG URL is in every runtime Aura runs on (Node, Chromium); shared's types leave out DOM and Node.
declare const URL: new (text: string) => { protocol: string; origin: string }

/**
 * A web page's origin as browsers send it in `Origin` (scheme://host[:port], no path), or null when
 * `text` is not an http(s) address. "http://localhost:5173/" becomes "http://localhost:5173".
 */
export function webOrigin(text: string): string | null {
  try {
    const url = new URL(text.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null
  } catch {
    return null
  }
}
