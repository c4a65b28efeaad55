import type { Locator, Page } from '@playwright/test'
import { addStoryModel, expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'

/*
 * Plain words (issue 16, item 12): jargon only with its explanation, one memory figure in a fit
 * panel, a too-big model asks before it downloads, a reply's counts in words, the keychain notice
 * once in a sentence, and no raw error anywhere.
 */

let aura: AuraServer | undefined
test.afterEach(async () => {
  await aura?.stop()
  aura = undefined
})

/**
 * Visible words a non-engineer would not know (tokens, GGUF, a version code like Q4_K_M or F32…)
 * that have no tooltip: neither they nor anything around them carries a title.
 */
async function jargonWithoutTooltip(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // Case matters: ".gguf" is a file's extension, a user looks for it; "GGUF" is the format's name.
    const jargon = /\b(tokens|GGUF|KV|ctx|[Qq]uant\w*|B?F(?:16|32)|I?Q\d(?:_[A-Z0-9]+)+)\b/
    const found: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? ''
      const parent = node.parentElement
      if (!parent || !jargon.test(text) || !parent.checkVisibility({ visibilityProperty: true })) continue
      // Explained where it stands ("In tokens (a token is about ¾ of a word)."), or in a tooltip.
      if (/\(an? \w+ is /.test(text) || parent.closest('[title], script, style')) continue
      // The chat's model picker (a native select, its options never checked visible) is being rebuilt
      // on its own branch (issue 16, item 8).
      if (parent.closest('[data-testid="model-picker"]')) continue
      found.push(text.trim())
    }
    return found
  })
}

/** Text that only a raw error object or a stack would put on the page. */
const RAW_ERROR = /\[object \w+\]|\b(Type|Range|Reference)?Error: |DBus|org\.freedesktop|\bE[A-Z]{3,}\b: |at \w+ \(/

/** Two sizes a sentence sets against each other: "needs about A … spare about B". */
const needsAndSpares = (text: string) => /needs about (\S+ \S+)[^.]*spare about (\S+ \S+)\./.exec(text)?.slice(1) ?? []

/** Screenshots at 800×600 and 1280×800, with `spot` (what changed) scrolled into view. */
async function both(page: Page, name: string, spot?: Locator) {
  for (const [width, height] of [
    [800, 600],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height })
    await spot?.evaluate((element) => element.scrollIntoView({ block: 'center' }))
    await screenshot(page, `${name}-${width}x${height}`)
  }
}

test('the models page in plain words: one memory figure, jargon explained, and a too-big model asks before it downloads', async ({ page }) => {
  aura = await startAura({ prepare: (modelsDir) => addStoryModel(modelsDir).then(() => undefined) })
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(aura.url)
  await page.getByTestId('open-settings').click()

  // An installed model's fit: the verdict and one figure; the breakdown is in the tooltip.
  const installed = page.getByTestId('installed-model').first()
  await installed.getByTestId('fit-badge').click()
  const details = installed.getByTestId('fit-details')
  await expect(details).toBeVisible()
  const figures = (await details.innerText()).match(/\d+(?:\.\d+)? (?:B|KiB|MiB|GiB|TiB)\b/g) ?? []
  expect(figures.length).toBeGreaterThan(0)
  expect(figures.length).toBeLessThanOrEqual(2) // what it needs, and what the computer can spare
  const breakdown = await details.getByTestId('fit-breakdown').getAttribute('title')
  expect(breakdown).toMatch(/^The model itself: .+\nIts memory of the conversation \([\d,]+ tokens, about [\d,]+ words\): .+\nWorking space: /)
  expect(breakdown).toMatch(/This computer has \d+ GiB of memory/)

  // A model file without a chat template says what that means for a chat, and why, in its tooltip.
  const noChat = installed.getByTestId('model-no-chat-format')
  await expect(noChat).toContainText('Not made for chatting: it writes on from your words instead of answering them.')
  await expect(noChat.locator('[title]')).toHaveAttribute('title', /chat template/)

  expect(await jargonWithoutTooltip(page)).toEqual([])
  await expectAccessible(page)
  await both(page, 'words-fit-panel', details)

  // The largest catalog model is too big for any build machine: Download asks first and says what happens.
  const big = page.locator('[data-testid="catalog-item"][data-entry-id="llama-3.3-70b"]')
  while (!(await big.isVisible())) await page.getByTestId('catalog-more').click()
  await expect(big.getByTestId('fit-badge')).toHaveAttribute('data-fit', 'too_big')
  await big.getByTestId('fit-badge').click()
  const [needs, spares] = needsAndSpares(await big.getByTestId('fit-details').innerText())
  expect(needs).toBeDefined()
  expect(needs).not.toBe(spares) // never "needs about 18 GiB … can spare about 18 GiB"
  await big.getByTestId('catalog-download').click()
  const ask = page.getByRole('alertdialog')
  await expect(ask).toBeVisible()
  await expect(ask).toContainText('Llama 3.3 70B Instruct is too big for this computer')
  await expect(ask).toContainText(/Aura can download it \(\d+ GiB\) into your models folder, but when you chat with it this computer may become very slow, or Aura may stop\./)
  await expect(ask.getByTestId('confirm-ok')).toHaveText('Download anyway')
  await expectAccessible(page)
  await both(page, 'words-too-big-ask')
  await ask.getByTestId('confirm-cancel').click()
  await expect(ask).toBeHidden()
  await expect(page.getByTestId('download-row')).toHaveCount(0) // asked, refused, nothing downloads

  expect(await page.locator('body').innerText()).not.toMatch(RAW_ERROR)
})

test('a reply’s counts in plain words, and the key notice once, in a sentence, where keys are used', async ({ page }) => {
  let model = ''
  aura = await startAura({ prepare: async (modelsDir) => void (model = await addStoryModel(modelsDir)) })
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(aura.url)
  await page.getByTestId('model-picker').selectOption(model)
  await page.getByTestId('composer').fill('Once upon a time')
  await page.getByTestId('composer').press('Enter')
  const reply = page.getByTestId('message-assistant').first()
  await expect(reply).toHaveAttribute('data-status', 'done', { timeout: 60_000 })

  const counts = reply.getByTestId('message-tokens')
  await expect(counts).toHaveText(/^read [\d,]+ · wrote [\d,]+ tokens$/)
  await expect(counts).toHaveAttribute('title', /^Tokens are pieces of words — about ¾ of an English word each\. The model read [\d,]+ .* and wrote [\d,]+\.$/)
  await expect(reply.getByTestId('message-stats')).toContainText(/tokens a second/)
  expect(await jargonWithoutTooltip(page)).toEqual([])
  await both(page, 'words-reply-stats', counts)

  // Without a keychain (the tests turn it off) Cloud Keys says so once, in a sentence.
  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-cloud-keys').click()
  const notice = page.getByTestId('vault-notice')
  await expect(notice).toHaveCount(1)
  await expect(notice).toHaveText(/^Aura keeps your keys encrypted with a key file in .+\. Anyone who can read your files could read them\./)
  expect(await page.getByText(/no system keychain/).count()).toBe(1)
  expect(await page.locator('body').innerText()).not.toMatch(RAW_ERROR)
  await both(page, 'words-cloud-keys', notice)

  // The other settings pages that count tokens explain them too.
  for (const settingsPage of ['routing', 'usage']) {
    await page.getByTestId(`settings-nav-${settingsPage}`).click()
    await expect(page.getByTestId(`settings-${settingsPage}`)).toBeVisible()
    await expect(page.getByTestId(`settings-${settingsPage}`).getByText('Loading…')).toHaveCount(0)
    expect(await jargonWithoutTooltip(page), settingsPage).toEqual([])
  }
})
