import { expect, expectAccessible, screenshot, startAura, test, type AuraServer } from './support/aura'

let aura: AuraServer | undefined
test.afterEach(async () => {
  await aura?.stop()
  aura = undefined
})

test('the hardware card says what the local models run on (here: the processor, no graphics card Aura can use)', async ({ page }) => {
  aura = await startAura()
  for (const size of [
    { width: 800, height: 600 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size)
    await page.goto(aura.url)
    await page.getByRole('button', { name: 'See all models' }).click()
    const line = page.getByTestId('hardware-backend')
    await expect(line).toBeVisible()
    await expect(line).toHaveAttribute('data-backend', 'cpu')
    await expect(line).toContainText('Using the processor: no graphics card Aura can use')
    // Nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true)
    await line.scrollIntoViewIfNeeded()
    await screenshot(page, `gpu-hardware-card-${size.width}x${size.height}`)
  }
  await expectAccessible(page)
})
