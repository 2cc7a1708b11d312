import { expect, test } from '@playwright/test';
import {
  PODINFO,
  PortalLab,
  uniqueGoodImage,
} from '../../packages/app/e2e-tests/PortalLab';
import { screenshotPath } from '../../packages/app/e2e-tests/screenshotPath';
import { signInAsGuest } from '../../packages/app/e2e-tests/signInAsGuest';

// Vane's entity card in an app that @backstage/create-app made (install-test.sh): the Vane
// packages come from their packed tarballs, wired in with the README lines only, and the backend
// drives the install test's own lab (podinfo.yaml: podinfo's Canary, 5 s analysis interval).
test('the entity card of an app made by create-app shows podinfo rolling out', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const labName = process.env.VANE_INSTALL_TEST_LAB;
  if (!process.env.VANE_INSTALL_TEST_URL || !labName) {
    throw new Error(
      'VANE_INSTALL_TEST_URL and VANE_INSTALL_TEST_LAB are set by scripts/install-test/install-test.sh; run that',
    );
  }
  const lab = PortalLab.open(labName);
  await lab.waitForPhase(PODINFO.namespace, PODINFO.canary, ['Initialized']);

  await signInAsGuest(page, '/catalog/default/component/podinfo');
  const row = page.getByTestId('rollout-row-lab-test-podinfo');
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(row.getByText('Initialized', { exact: true })).toBeVisible();

  const image = uniqueGoodImage();
  await lab.release(PODINFO, image);
  // The card follows the backend's stream: the release shows without a reload, the weight bar
  // moving to the Canary's first step (20) or beyond as the engine shifts traffic.
  await expect(row.getByText('Progressing', { exact: true })).toBeVisible({
    timeout: 60_000,
  });
  await expect(row).toContainText(image);
  const bar = row.getByRole('progressbar', { name: 'canary weight' });
  await expect
    .poll(async () => Number(await bar.getAttribute('aria-valuenow')), {
      message:
        'the weight bar to show the canary at a step weight (20, 40 or 60)',
      timeout: 60_000,
    })
    .toBeGreaterThanOrEqual(20);
  await page.screenshot({
    path: screenshotPath('install-test-entity-card'),
    fullPage: true,
  });
});
