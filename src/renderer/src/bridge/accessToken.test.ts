import { describe, expect, it } from 'vitest'
import { takeAccessToken, type PageWindow } from './accessToken'

/** A tab: its address and its sessionStorage; replaceState changes the address as a browser does. */
function tab(address: string, stored: Record<string, string> = {}) {
  const url = new URL(address)
  const storage = new Map(Object.entries(stored))
  const page: PageWindow = {
    location: url,
    history: { state: null, replaceState: (_state, _unused, next) => void (url.href = new URL(String(next), url).href) },
    sessionStorage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) },
  }
  return { page, url, storage }
}

describe('takeAccessToken', () => {
  it('takes the token from the printed address, keeps it for this tab and clears it from the address bar', () => {
    const { page, url, storage } = tab('http://127.0.0.1:4000/#token=abc_123-x')
    expect(takeAccessToken(page)).toBe('abc_123-x')
    expect(url.href).toBe('http://127.0.0.1:4000/')
    expect([...storage.values()]).toEqual(['abc_123-x'])
  })

  it('finds it again after a reload, when the address no longer has it', () => {
    const first = tab('http://127.0.0.1:4000/#token=abc')
    takeAccessToken(first.page)
    const reloaded = tab('http://127.0.0.1:4000/', Object.fromEntries(first.storage))
    expect(takeAccessToken(reloaded.page)).toBe('abc')
  })

  it('prefers a newly printed address to the token kept from an earlier run of Aura', () => {
    const { page, storage } = tab('http://127.0.0.1:4000/#token=new', { 'aura.accessToken': 'old' })
    expect(takeAccessToken(page)).toBe('new')
    expect([...storage.values()]).toEqual(['new'])
  })

  it('has none in a tab opened without the printed address', () => {
    expect(takeAccessToken(tab('http://127.0.0.1:4000/').page)).toBeNull()
  })

  it('still works when the browser refuses storage (the token then lives in this page only)', () => {
    const { page, url } = tab('http://127.0.0.1:4000/#token=abc')
    page.sessionStorage = {
      getItem: () => {
        throw new Error('denied')
      },
      setItem: () => {
        throw new Error('denied')
      },
    }
    expect(takeAccessToken(page)).toBe('abc')
    expect(url.hash).toBe('')
    expect(takeAccessToken(page)).toBeNull()
  })
})
