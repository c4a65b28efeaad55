import { expect, type Locator, type Page } from '@playwright/test'
import { screenshot } from './aura'

/**
 * What spills sideways: the document or any scroll container wider than its box, any element laid
 * out past the window's right edge, and any visible control whose box leaves the window or is cut off
 * by a clipping ancestor (a card, a scroller).
 */
export function horizontalProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    const name = (el: Element) => {
      const id = el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.id
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)
      return `<${el.tagName.toLowerCase()}${id ? ` ${id}` : ''}> “${text}”`
    }
    const root = document.scrollingElement!
    if (root.scrollWidth > root.clientWidth) problems.push(`the page is ${root.scrollWidth - root.clientWidth}px wider than the window`)
    // Anything laid out past the window's right edge (a fixed overlay places itself).
    for (const el of document.body.querySelectorAll('*')) {
      if (el.getBoundingClientRect().right > window.innerWidth + 1 && getComputedStyle(el).position !== 'fixed') {
        problems.push(`${name(el)} reaches past the window's right edge`)
      }
    }
    for (const el of document.querySelectorAll('*')) {
      const style = getComputedStyle(el)
      const scrolls = /(auto|scroll)/.test(style.overflowX)
      if (scrolls && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
        problems.push(`${name(el)} scrolls sideways by ${el.scrollWidth - el.clientWidth}px`)
      }
    }
    const controls = document.querySelectorAll('button, a[href], input, select, textarea, summary, [role="button"], [role="tab"], [tabindex]:not([tabindex="-1"])')
    for (const control of controls) {
      const box = control.getBoundingClientRect()
      const style = getComputedStyle(control)
      if (box.width <= 1 || box.height <= 1 || style.visibility === 'hidden') continue
      if (box.left < -0.5 || box.right > window.innerWidth + 0.5) {
        problems.push(`${name(control)} is outside the window (${Math.round(box.left)}–${Math.round(box.right)} of ${window.innerWidth})`)
        continue
      }
      // Wider than the box that lays it out (a grid column, a card's row): drawn over its neighbour or the card's edge.
      const holder = control.parentElement
      if (holder && style.position !== 'absolute' && style.position !== 'fixed' && !/^(inline|contents)$/.test(getComputedStyle(holder).display)) {
        const room = holder.getBoundingClientRect()
        if (box.right > room.right + 0.5 && room.width > 0) {
          problems.push(`${name(control)} is wider than ${name(holder)} (${Math.round(box.right - room.right)}px)`)
          continue
        }
      }
      for (let parent = control.parentElement; parent; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX === 'visible') continue
        const clip = parent.getBoundingClientRect()
        if (box.left < clip.left - 0.5 || box.right > clip.right + 0.5) {
          problems.push(`${name(control)} is cut off by ${name(parent)} (${Math.round(box.right - clip.right)}px)`)
          break
        }
      }
    }
    return problems
  })
}

/** The two window sizes every changed screen is checked and photographed at: the smallest supported, and a laptop's. */
export const SIZES = [
  { width: 800, height: 600 },
  { width: 1280, height: 800 },
] as const

/**
 * Nothing spills sideways, polled: the page settles a frame or two after a resize (the chat list folds away
 * on a narrow window), and a measure taken in between once saw a popover past the edge that was gone once it
 * settled. Real overflow stays, and fails after 3 s.
 */
export async function expectFits(page: Page, message?: string): Promise<void> {
  await expect.poll(() => horizontalProblems(page), { ...(message ? { message } : {}), timeout: 3_000 }).toEqual([])
}

/** Nothing spills sideways at 800×600 or at 1280×800 (with `part` scrolled into view); a screenshot at each, `<name>-<width>x<height>.png`. */
export async function fitsAndShoot(page: Page, name: string, part?: Locator): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size)
    await part?.scrollIntoViewIfNeeded()
    await expectFits(page, `${name} at ${size.width}×${size.height}`)
    await screenshot(page, `${name}-${size.width}x${size.height}`)
  }
}
