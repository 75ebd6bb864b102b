import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/**
 * Rates a finished request five stars in the open rating dialog and waits for it to close. The
 * fifth star is clicked again until the five show chosen (a click during the dialog's opening
 * animation can be lost under load); a refusal stays in the dialog and becomes the failure's message.
 */
export async function rateFiveStars(page: Page, comment?: string): Promise<void> {
  await page.getByTestId('rate-form').waitFor();
  const full = page.locator('[data-testid=rate-form] .ant-rate-star-full');
  for (let attempt = 0; attempt < 5 && (await full.count()) < 5; attempt++) {
    await page.locator('[data-testid=rate-form] .ant-rate-star').nth(4).click();
    await expect.poll(() => full.count(), { timeout: 2_000 }).toBe(5).catch(() => undefined);
  }
  expect(await full.count()).toBe(5);
  if (comment !== undefined) await page.getByTestId('rate-comment').fill(comment);
  await page.getByTestId('rate-submit').click();
  await expect
    .poll(async () => ((await page.getByTestId('rate-problem').count()) ? `refused: ${await page.getByTestId('rate-problem').innerText()}` : (await page.getByTestId('rate-form').count()) ? 'open' : 'closed'), { timeout: 15_000 })
    .toBe('closed');
}
