import { addStoryModel, expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
test.afterEach(async () => {
  await aura?.stop()
  aura = undefined
})

/** A medium-sized coding request: Auto answers it on this computer until it learns otherwise. */
const CODING = 'Write a TypeScript function debounce(fn, ms) with proper generic types.'

test('👎 on three local coding replies: Settings → Routing says what Auto learned, and Reset forgets it', async ({ page }) => {
  aura = await startAura({ settings: { maxTokens: 16 }, prepare: (dir) => addStoryModel(dir).then(() => undefined) })
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(aura.url)
  await expect(page.getByTestId('model-picker')).toHaveValue('auto')

  const replies = page.getByTestId('message-assistant')
  for (let n = 1; n <= 3; n++) {
    await page.getByTestId('composer').fill(`${CODING} (${n})`)
    await page.getByTestId('composer').press('Enter')
    const reply = replies.nth(n - 1)
    await expect(reply).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
    await expect(reply.getByTestId('message-route')).toHaveAttribute('data-tier', /^local-/)
    const down = reply.getByRole('button', { name: 'Bad answer' })
    // Keyboard: focus reaches the button and Space presses it; pressed again takes it back.
    await down.focus()
    await page.keyboard.press('Space')
    await expect(down).toHaveAttribute('aria-pressed', 'true')
    if (n === 1) {
      await page.keyboard.press('Space')
      await expect(down).toHaveAttribute('aria-pressed', 'false')
      await down.click()
      await expect(down).toHaveAttribute('aria-pressed', 'true')
      await expect(reply.getByRole('button', { name: 'Good answer' })).toHaveAttribute('aria-pressed', 'false')
    }
  }
  await replies.nth(2).hover()
  await screenshot(page, 'feedback-rated-1280')
  await page.setViewportSize({ width: 800, height: 600 })
  await screenshot(page, 'feedback-rated-800')

  // At 800 px the chat list is folded away: Settings is behind "Show chats".
  await page.getByTestId('sidebar-toggle').click()
  await page.getByTestId('open-settings').click()
  await page.getByTestId('settings-nav-routing').click()
  const line = page.getByTestId('learned-line')
  await expect(line).toHaveCount(1)
  await expect(line).toContainText(/coding questions now go to a cloud model .*first, after 3 answers you rated down/)
  await page.getByTestId('learned').scrollIntoViewIfNeeded()
  await expectAccessible(page)
  await screenshot(page, 'feedback-learned-800')
  await page.setViewportSize({ width: 1280, height: 800 })
  await screenshot(page, 'feedback-learned-1280')

  await page.getByTestId('learned-reset').click()
  await expect(line).toHaveCount(0)
  await expect(page.getByTestId('learned-nothing')).toHaveText('Nothing yet: Auto decides as it always has.')

  // The ratings stay on the replies (a reset forgets what Auto learned, not what was said).
  await page.getByTestId('back-to-chat').click()
  await expect(replies.first().getByRole('button', { name: 'Bad answer' })).toHaveAttribute('aria-pressed', 'true')
})
