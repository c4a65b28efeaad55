import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { startTestHub, type TestHub } from '../src/main/services/testing/testHub'
import { writeTinyLlama } from '../src/main/services/testing/tinyLlama'
import { expectFits, SIZES } from './support/fits'
import { expect, expectAccessible, screenshot, screenshotsDir, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
let hub: TestHub | undefined
test.afterEach(async () => {
  await aura?.stop()
  await hub?.close()
  aura = undefined
  hub = undefined
})

/** The desktop window's minimum (src/main/electron/window.ts): checked too, not photographed. */
const smallest = { width: 720, height: 500 }

/** Aura with a model, one chat and the test Hub (so the catalog and Hub search fill the Models page). */
async function startWithAChat(page: Page): Promise<AuraServer> {
  hub = await startTestHub()
  aura = await startAura({
    env: { AURA_HF_ENDPOINT: hub.url },
    settings: { maxTokens: 24, onboardingDone: true },
    prepare: (modelsDir) => writeTinyLlama(join(modelsDir, 'tiny.gguf'), { name: 'Tiny' }).then(() => {}),
  })
  await page.goto(aura.url)
  await page.getByTestId('model-picker').selectOption('tiny')
  await page.getByTestId('composer').fill('A long question about the garden, the weather and what to plant along the fence this spring')
  await page.getByTestId('composer').press('Enter')
  await expect(page.getByTestId('message-assistant').first()).toHaveAttribute('data-status', 'done')
  return aura
}

/** The settings pages, as the navigation lists them (a page added later is checked too). */
async function settingsPageIds(page: Page): Promise<string[]> {
  const ids = await page.locator('[data-testid^="settings-nav-"]').evaluateAll((links) => links.map((link) => link.getAttribute('data-testid')!.slice('settings-nav-'.length)))
  expect(ids.length).toBeGreaterThan(4)
  return ids
}

/** The settings page's own scroller (what keeps or loses the previous page's scroll). */
const pageScroller = (page: Page) => page.getByTestId('settings-scroller')

test('every page fits 800×600 and 1280×800: nothing scrolls sideways or is cut off', async ({ page }) => {
  test.setTimeout(240_000)
  await startWithAChat(page)

  await page.setViewportSize(smallest)
  const origin = new URL(aura!.url).origin
  await page.goto(`${origin}/#/settings/models`)
  for (const address of ['#/', ...(await settingsPageIds(page)).map((id) => `#/settings/${id}`)]) {
    await page.goto(`${origin}/${address}`)
    await page.waitForLoadState('networkidle')
    await expectFits(page, `${address} at 720×500`)
  }

  for (const size of SIZES) {
    await page.setViewportSize(size)
    const tag = `${size.width}x${size.height}`
    await page.goto(`${new URL(aura!.url).origin}/#/`)
    await expect(page.getByTestId('composer')).toBeVisible()
    await expectFits(page, `chat at ${tag}`)
    await screenshot(page, `layout-chat-${tag}`)

    await page.goto(`${new URL(aura!.url).origin}/#/settings/models`)
    for (const id of await settingsPageIds(page)) {
      await page.goto(`${new URL(aura!.url).origin}/#/settings/${id}`)
      await expect(page.getByTestId(`settings-nav-${id}`)).toHaveAttribute('aria-current', 'page')
      // Let late parts (the catalog, Hub search, usage) arrive before measuring.
      await page.waitForLoadState('networkidle')
      await page.waitForTimeout(300)
      await expectFits(page, `${id} at ${tag}`)
      // The window itself never scrolls: the page and the settings list each scroll in their own column (the last link stays reachable).
      expect(await page.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight), `${id} at ${tag}: taller than the window`).toBe(0)
      await screenshot(page, `layout-${id}-${tag}`)
      // The whole page, to look at every section: the window as tall as the page, as wide as before.
      const below = await pageScroller(page).evaluate((el) => el.scrollHeight - el.clientHeight)
      const height = size.height + below
      await page.setViewportSize({ width: size.width, height })
      // In window-sized parts (one tall image is shrunk past reading).
      for (let part = 0; part * size.height < height; part++) {
        const clip = { x: 0, y: part * size.height, width: size.width, height: Math.min(size.height, height - part * size.height) }
        await page.screenshot({ path: join(screenshotsDir, `layout-${id}-${tag}-part${part + 1}.png`), clip })
      }
      await page.setViewportSize(size)
    }
  }
})

test('every page passes axe in light and in dark', async ({ page }) => {
  test.setTimeout(180_000)
  await startWithAChat(page)
  const origin = new URL(aura!.url).origin
  await page.goto(`${origin}/#/settings/models`)
  const addresses = ['#/', ...(await settingsPageIds(page)).map((id) => `#/settings/${id}`)]
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    for (const address of addresses) {
      await page.goto(`${origin}/${address}`)
      await page.waitForLoadState('networkidle')
      await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(scheme === 'dark')
      await expectAccessible(page)
      if (scheme === 'dark') await screenshot(page, `layout-${address.split('/').pop() || 'chat'}-dark`)
    }
  }
})

test('the sidebar folds away on narrow windows, and a wide window remembers the choice', async ({ page }) => {
  await startWithAChat(page)
  const sidebar = page.getByTestId('sidebar')
  const toggle = page.getByTestId('sidebar-toggle')

  // Narrow: the chats are one click away, over the page; Escape puts them away again.
  await page.setViewportSize({ width: 800, height: 600 })
  await expect(sidebar).toBeHidden()
  await expect(toggle).toHaveAccessibleName('Show chats')
  await toggle.click()
  await expect(sidebar).toBeVisible()
  await expect(page.getByTestId('sidebar-hide')).toBeFocused()
  // The page behind takes no focus while the list is over it.
  await expect(page.getByRole('main')).toHaveAttribute('inert')
  await screenshot(page, 'layout-sidebar-over-800x600')
  await page.keyboard.press('Escape')
  await expect(sidebar).toBeHidden()

  // Wide: shown beside the page; hidden by choice, and still hidden after a reload.
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect(sidebar).toBeVisible()
  await page.getByTestId('sidebar-hide').click()
  await expect(sidebar).toBeHidden()
  await expect(toggle).toHaveAccessibleName('Show chats')
  await expect(toggle).toBeFocused()
  await screenshot(page, 'layout-sidebar-hidden-1280x800')
  await page.reload()
  await expect(page.getByTestId('composer')).toBeVisible()
  await expect(sidebar).toBeHidden()
  await toggle.click()
  await expect(sidebar).toBeVisible()
  await page.reload()
  await expect(sidebar).toBeVisible()
})

test('each settings page has its own address, opens at its top, and back and forward work', async ({ page }) => {
  await startWithAChat(page)
  await page.setViewportSize({ width: 800, height: 600 })
  const origin = new URL(aura!.url).origin

  await page.getByTestId('sidebar-toggle').click()
  await page.getByTestId('open-settings').click()
  await expect(page).toHaveURL(`${origin}/#/settings/models`)
  // Far down the long Models page, then to Routing & Budget: it starts at its top.
  await pageScroller(page).evaluate((el) => el.scrollTo(0, el.scrollHeight))
  await expect.poll(() => pageScroller(page).evaluate((el) => el.scrollTop)).toBeGreaterThan(500)
  await page.getByTestId('settings-nav-routing').click()
  await expect(page).toHaveURL(`${origin}/#/settings/routing`)
  await expect(page.getByRole('heading', { level: 2, name: 'Routing & Budget' })).toBeInViewport()
  expect(await pageScroller(page).evaluate((el) => el.scrollTop)).toBe(0)

  await page.getByTestId('settings-nav-usage').click()
  await expect(page).toHaveURL(`${origin}/#/settings/usage`)

  await page.goBack()
  await expect(page.getByTestId('settings-nav-routing')).toHaveAttribute('aria-current', 'page')
  await page.goBack()
  await expect(page.getByTestId('settings-nav-models')).toHaveAttribute('aria-current', 'page')
  await page.goBack()
  await expect(page.getByTestId('composer')).toBeVisible()
  await page.goForward()
  await expect(page.getByTestId('settings-nav-models')).toHaveAttribute('aria-current', 'page')
  await page.goForward()
  await expect(page.getByTestId('settings-nav-routing')).toHaveAttribute('aria-current', 'page')

  // A reload stays on the page; back to chat is an address too.
  await page.reload()
  await expect(page.getByTestId('settings-nav-routing')).toHaveAttribute('aria-current', 'page')
  await page.getByTestId('back-to-chat').click()
  await expect(page).toHaveURL(`${origin}/#/`)
  await expect(page.getByTestId('composer')).toBeVisible()
})

test('Light, Dark or System: applied before the first paint, System follows the OS live, axe clean in both', async ({ page }) => {
  await startWithAChat(page)
  const origin = new URL(aura!.url).origin
  const isDark = () => page.evaluate(() => document.documentElement.classList.contains('dark'))

  // System (the default) follows the OS, also while the app is open.
  await page.emulateMedia({ colorScheme: 'light' })
  expect(await isDark()).toBe(false)
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect.poll(isDark).toBe(true)
  await page.emulateMedia({ colorScheme: 'light' })
  await expect.poll(isDark).toBe(false)

  await page.goto(`${origin}/#/settings/appearance`)
  await page.getByTestId('setting-theme-dark').check()
  await expect.poll(isDark).toBe(true)
  await expectAccessible(page)
  await screenshot(page, 'layout-appearance-dark')
  await page.goto(`${origin}/#/`)
  await expectAccessible(page)
  await screenshot(page, 'layout-chat-dark')

  // Chosen Dark wins over a light OS, from the very first paint of a new load.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.body) return
      observer.disconnect()
      ;(window as unknown as { darkAtBody: boolean }).darkAtBody = document.documentElement.classList.contains('dark')
    }).observe(document, { childList: true, subtree: true })
  })
  await page.reload()
  expect(await page.evaluate(() => (window as unknown as { darkAtBody: boolean }).darkAtBody)).toBe(true)
  await expect(page.getByTestId('composer')).toBeVisible()
  expect(await isDark()).toBe(true)

  await page.goto(`${origin}/#/settings/appearance`)
  await page.getByTestId('setting-theme-light').check()
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect.poll(isDark).toBe(false)
  await expectAccessible(page)
  await screenshot(page, 'layout-appearance-light')
  await page.getByTestId('setting-theme-system').check()
  await expect.poll(isDark).toBe(true)
})

test('every control shows a clear focus ring from the keyboard', async ({ page }) => {
  await startWithAChat(page)
  await page.goto(`${new URL(aura!.url).origin}/#/settings/routing`)
  const ringOf = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement
      const style = getComputedStyle(el)
      return { tag: el.tagName.toLowerCase(), outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth) }
    })
  const seen = new Set<string>()
  // Tab through the page: every control that takes focus draws an outline at least 2px wide.
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab')
    const ring = await ringOf()
    if (ring.tag === 'body') continue
    seen.add(ring.tag)
    expect(ring.outline, `focused <${ring.tag}> (tab ${i + 1})`).toBeGreaterThanOrEqual(2)
  }
  expect([...seen]).toEqual(expect.arrayContaining(['button', 'input', 'select']))
  await page.getByTestId('conversation-search').focus()
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Tab')
  await screenshot(page, 'layout-focus-search')
})
