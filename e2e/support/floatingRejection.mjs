// Test only (e2e/vault.spec.ts, through NODE_OPTIONS=--import): every fetch also leaves behind a
// rejected promise that nobody awaits, carrying the request's key as is and in base64 — the kind of
// bug a library can have. The host must log it redacted and keep serving.
const realFetch = globalThis.fetch
globalThis.fetch = (input, init) => {
  const auth = new Headers(init?.headers).get('authorization') ?? ''
  const key = auth.replace(/^Bearer\s+/i, '')
  void Promise.reject(new Error(`floating failure for ${auth} (${Buffer.from(key).toString('base64')})`))
  return realFetch(input, init)
}
