import { expect, type Page } from '@playwright/test';

/**
 * Opens `path` signed in as the demo's guest (user:default/guest, a member of team-podinfo).
 * The dev backend restarts when a source file changes; a sign-in that meets it restarting fails
 * with "You cannot sign in as a guest" and the dev server's error overlay, so the page is loaded
 * afresh and the sign-in tried again, for up to a minute.
 */
export async function signInAsGuest(page: Page, path: string): Promise<void> {
  await expect(async () => {
    await page.goto(path);
    const enter = page.getByRole('button', { name: 'Enter' });
    await enter.click({ timeout: 10_000 });
    await expect(enter).toBeHidden({ timeout: 10_000 });
  }, 'the guest sign-in to succeed').toPass({ timeout: 60_000 });
}
