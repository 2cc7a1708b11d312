import { expect, type Page } from '@playwright/test';

/**
 * Picks `option` in the form control labelled `label`, whether the page renders it as a native
 * select or as a Material UI select (a button that opens a listbox).
 */
export async function chooseOption(
  page: Page,
  label: string,
  option: string,
): Promise<void> {
  const control = page.getByLabel(label, { exact: true }).first();
  await expect(control).toBeVisible();
  if ((await control.evaluate(node => node.tagName)) === 'SELECT') {
    await control.selectOption({ label: option });
    return;
  }
  await control.click();
  await page.getByRole('option', { name: option, exact: true }).click();
  // A multiple select stays open until dismissed.
  if (await page.getByRole('listbox').isVisible()) {
    await page.keyboard.press('Escape');
  }
}
